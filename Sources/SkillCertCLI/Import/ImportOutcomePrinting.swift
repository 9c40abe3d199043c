import Foundation
import Services

/// What each import shows when it is done: the summary line and its notes on standard output,
/// the refused rows on standard error, and, when nothing was written, the refusal that ends the
/// command with status 1.
extension TraineeListImport.Outcome {
    func print(seconds: String) throws {
        let context = CLIContext.current
        ImportSummary(rows, recordedDetail: ("新登记人员 \(newPersons) 人", "\(newPersons) new persons"),
                      unchanged: ("已在班", "already enrolled"), seconds: seconds).print()
        printIgnoredColumns(rows)
        if rows.committed && phonesKeptOnRecord > 0 {
            context.print("注意 Note: \(phonesKeptOnRecord) 人的手机号与已有记录不同，已保留原号码 · phone differs from the one on record for \(phonesKeptOnRecord) person(s); the record was kept")
        }
        RefusalLog(rows.refused).print()
        printErrorWorkbook(rows)
        if !rows.committed { throw ImportRefused(rejected: rows.refusedCount, errorFile: rows.errorWorkbook, advice: .acceptValid) }
    }
}

/// An attendance sheet's outcome (`cohort hours --file`).
func printAttendanceOutcome(_ outcome: ImportOutcome) throws {
    ImportSummary(outcome, unchanged: ("未变", "unchanged")).print()
    RefusalLog(outcome.refused).print()
    printErrorWorkbook(outcome)
    if !outcome.committed { throw ImportRefused(rejected: outcome.refusedCount, errorFile: outcome.errorWorkbook, advice: .acceptValid) }
}

extension ApprenticeListImport.Outcome {
    func print() throws {
        Self.printSummary(rows, apprenticeships: apprenticeships)
        guard rows.committed else {
            throw ImportRefused(rejected: rows.refusedCount, errorFile: rows.errorWorkbook, advice: .wholeFile)
        }
    }

    /// The summary, the columns not used and the refused rows: also all that is shown when the
    /// error workbook could not be written.
    static func printSummary(_ rows: ImportOutcome, apprenticeships ids: [Int64] = []) {
        let which = ids.count > 1 ? "\(ids.first!)–\(ids.last!)" : ids.first.map(String.init) ?? ""
        ImportSummary(rows, recordedDetail: ("学徒培养编号 \(which)", "\(ids.count > 1 ? "apprenticeships" : "apprenticeship") \(which)"))
            .print()
        printIgnoredColumns(rows)
        RefusalLog(rows.refused).print()
    }
}

extension ScoreSheetImport.Outcome {
    func print() throws {
        Self.printSummary(rows, detail: ("确定 \(final)，待第二人录入 \(awaitingSecondEntry)，不一致 \(mismatched)",
                                         "\(final) final, \(awaitingSecondEntry) awaiting a second entry, \(mismatched) mismatched"))
        guard rows.committed else {
            throw ImportRefused(rejected: rows.refusedCount, errorFile: rows.errorWorkbook, advice: .scoreSheet)
        }
    }

    /// The summary and the refused lines: also all that is shown when the error workbook could
    /// not be written.
    static func printSummary(_ rows: ImportOutcome, detail: (chinese: String, english: String)? = nil) {
        ImportSummary(rows, recordedDetail: detail, unchanged: rows.committed ? ("未变", "unchanged") : nil).print()
        RefusalLog(rows.refused).print()
    }
}

private func printIgnoredColumns(_ outcome: ImportOutcome) {
    guard !outcome.ignoredColumns.isEmpty else { return }
    CLIContext.current.print("未使用的列 Columns not used: \(outcome.ignoredColumns.joined(separator: ", "))")
}

private func printErrorWorkbook(_ outcome: ImportOutcome) {
    guard let errorFile = outcome.errorWorkbook else { return }
    CLIContext.current.print("错误行已写入 Rejected rows written to \(errorFile.path)")
}

extension Duration {
    /// Seconds with one decimal, for summaries.
    var secondsText: String {
        let tenths = Int((Double(components.seconds) + Double(components.attoseconds) / 1e18) * 10 + 0.5)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
