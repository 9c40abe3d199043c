import Foundation
import Domain
import Intake
import Reports
import Store

/// `skillcert cohort import`: reads a clerk's list (Intake), checks each row's fields (Domain),
/// hands the good ones to one Store import transaction, and writes the refused rows into an
/// error workbook (Reports) that the clerk can fix and import again.
struct TraineeImportRun {
    let global: GlobalOptions
    let store: Store
    let actor: User
    let cohortId: Int64
    let file: String
    let sheet: String?
    let mode: ImportMode
    let forceProgress: Bool

    func run() throws {
        let url = CLIContext.current.url(for: file)
        let catalog = try store.catalog()
        let today = try global.clock().today
        let reader = try TraineeListReader(url: url, sheet: sheet, required: [.nationalId, .name],
                                           optional: [.phone, .education, .householdType, .keyGroups])
        var rejected = ImportErrorReport(sourceFile: url.lastPathComponent, header: reader.header)
        let progress = ProgressLine(forced: forceProgress)
        let started = ContinuousClock.now

        // The reader is used by the pipeline's thread only, from here on.
        let handedOver = HandedOver(value: reader)
        let rules = TraineeRowRules(catalog: catalog)
        // Only what the writing side needs crosses over: the row's number and cells (for the
        // error workbook) and the checked fields, not the per-row dictionary of raw cells.
        let pipeline = RowPipeline<(number: Int, cells: [String], check: TraineeRowCheck)>()
        pipeline.start { emit in
            try handedOver.value.forEachRow { row in try emit((row.number, row.cells, rules.check(row.fields, today: today))) }
        }
        let summary: TraineeImportSummary
        do {
            summary = try store.importTrainees(cohortId: cohortId, fileName: url.lastPathComponent, format: reader.formatDescription,
                                               mode: mode, actor: actor) { session in
                while let chunk = try pipeline.next() {
                    // The chunk's good rows go to the session together, which writes runs of
                    // them at once; the outcomes come back in row order.
                    var outcomes = try session.add(chunk.compactMap { item in item.check.candidate.map { ($0, item.number) } })
                        .makeIterator()
                    // By index: binding each item would copy its cells and check, which only refused rows need.
                    for index in chunk.indices {
                        if chunk[index].check.isValid {
                            if case .rejected(let issues) = outcomes.next()! {
                                rejected.rows.append(errorRow(chunk[index].number, chunk[index].cells, issues, columns: reader.columns))
                            }
                        } else {
                            session.countRejectedRow()
                            rejected.rows.append(errorRow(chunk[index].number, chunk[index].cells,
                                                          chunk[index].check.issues.map(ImportRowIssue.init), columns: reader.columns))
                        }
                    }
                    progress.update(rows: session.summary.rowsRead)
                    pipeline.giveBack(consume chunk)
                }
            }
        } catch {
            pipeline.cancel()
            throw error
        }
        progress.finish()
        let seconds = (ContinuousClock.now - started).secondsText

        let context = CLIContext.current
        if summary.committed {
            context.print("""
                读取 \(summary.rowsRead) 行，导入 \(summary.imported)（新登记人员 \(summary.newPersons)），已在班 \(summary.alreadyEnrolled)，拒绝 \(summary.rejected)，用时 \(seconds) 秒
                \(summary.rowsRead) rows read, \(summary.imported) imported (\(summary.newPersons) new persons), \(summary.alreadyEnrolled) already enrolled, \(summary.rejected) rejected, \(seconds) s
                """)
        } else {
            let valid = summary.imported + summary.alreadyEnrolled
            context.print("""
                读取 \(summary.rowsRead) 行，正确 \(valid)，拒绝 \(summary.rejected)，未写入任何记录，用时 \(seconds) 秒
                \(summary.rowsRead) rows read, \(valid) valid, \(summary.rejected) rejected, nothing written, \(seconds) s
                """)
        }
        if !reader.ignoredColumns.isEmpty {
            context.print("未使用的列 Columns not used: \(reader.ignoredColumns.joined(separator: ", "))")
        }
        if summary.committed && summary.phonesKeptOnRecord > 0 {
            context.print("注意 Note: \(summary.phonesKeptOnRecord) 人的手机号与已有记录不同，已保留原号码 · phone differs from the one on record for \(summary.phonesKeptOnRecord) person(s); the record was kept")
        }
        // Written after the summary: if it cannot be written, the user still learns what was imported.
        let errorFile = try writeErrorWorkbook(rejected, for: url, global: global)
        if let errorFile { context.print("错误行已写入 Rejected rows written to \(errorFile.path)") }
        if !summary.committed {
            throw ImportRefused(rejected: summary.rejected, errorFile: errorFile)
        }
    }
}

/// Writes the refused rows next to the other exports as `<file>-errors.xlsx`; nil when none.
func writeErrorWorkbook(_ report: ImportErrorReport, for source: URL, global: GlobalOptions) throws -> URL? {
    guard !report.rows.isEmpty else { return nil }
    let url = try outputFile(global, "\(source.deletingPathExtension().lastPathComponent)-errors.xlsx")
    try ImportErrorWorkbook.write(report, to: url)
    return url
}

/// One refused row as the error workbook shows it.
func errorRow(_ number: Int, _ cells: [String], _ issues: [ImportRowIssue], columns: [ListField: Int]) -> ImportErrorRow {
    ImportErrorRow(rowNumber: number, cells: cells, issues: issues.map { issue in
        ImportErrorIssue(column: issue.field.flatMap { columns[$0] },
                         chinese: "\(issue.field?.chineseHeader ?? "整行")：\(issue.rule.chinese)",
                         english: "\(issue.field?.englishHeader ?? "row"): \(issue.rule.english)")
    })
}

/// An all-or-nothing import that found bad rows: nothing was written.
struct ImportRefused: BilingualError {
    let rejected: Int
    let errorFile: URL?

    var chinese: String {
        "未导入任何记录：\(rejected) 行有错误\(errorFile.map { "，见 \($0.path)" } ?? "")。改正后重新导入，或用 --accept-valid 只导入正确的行"
    }

    var english: String {
        "nothing was imported: \(rejected) row(s) were refused\(errorFile.map { " (see \($0.path))" } ?? ""). Fix them and import again, or use --accept-valid to import the valid rows only"
    }
}

extension Duration {
    /// Seconds with one decimal, for summaries.
    var secondsText: String {
        let tenths = Int((Double(components.seconds) + Double(components.attoseconds) / 1e18) * 10 + 0.5)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
