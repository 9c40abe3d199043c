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
        let fileName = url.lastPathComponent
        var rejected = ImportErrorReport(sourceFile: fileName, header: reader.header)
        var refusals = RefusalLog()
        func refuse(_ number: Int, _ cells: [String], _ issues: [ImportRowIssue]) {
            rejected.rows.append(errorRow(number, cells, issues, columns: reader.columns))
            refusals.add(file: fileName, row: number, issues: issues, header: reader.header, columns: reader.columns)
        }
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
        var errorFile: URL?
        do {
            summary = try store.importTrainees(cohortId: cohortId, fileName: fileName, format: reader.formatDescription,
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
                                refuse(chunk[index].number, chunk[index].cells, issues)
                            }
                        } else {
                            session.countRejectedRow()
                            refuse(chunk[index].number, chunk[index].cells, chunk[index].check.issues.map(ImportRowIssue.init))
                        }
                    }
                    progress.update(rows: session.summary.rowsRead)
                    pipeline.giveBack(consume chunk)
                }
                // Inside the transaction: if the refused rows cannot be written out, the good
                // ones are not written either.
                errorFile = try writeErrorWorkbook(rejected, for: url, global: global)
            }
        } catch let error as ErrorWorkbookNotWritten {
            progress.finish()
            refusals.print()
            throw error
        } catch {
            pipeline.cancel()
            throw error
        }
        progress.finish()

        let context = CLIContext.current
        ImportSummary(rowsRead: summary.rowsRead, recorded: summary.imported,
                      recordedDetail: ("新登记人员 \(summary.newPersons) 人", "\(summary.newPersons) new persons"),
                      unchanged: (summary.alreadyEnrolled, "已在班", "already enrolled"), refused: summary.rejected,
                      written: summary.committed, seconds: (ContinuousClock.now - started).secondsText).print()
        if !reader.ignoredColumns.isEmpty {
            context.print("未使用的列 Columns not used: \(reader.ignoredColumns.joined(separator: ", "))")
        }
        if summary.committed && summary.phonesKeptOnRecord > 0 {
            context.print("注意 Note: \(summary.phonesKeptOnRecord) 人的手机号与已有记录不同，已保留原号码 · phone differs from the one on record for \(summary.phonesKeptOnRecord) person(s); the record was kept")
        }
        refusals.print()
        if let errorFile { context.print("错误行已写入 Rejected rows written to \(errorFile.path)") }
        if !summary.committed {
            throw ImportRefused(rejected: summary.rejected, errorFile: errorFile, advice: .acceptValid)
        }
    }
}

extension Duration {
    /// Seconds with one decimal, for summaries.
    var secondsText: String {
        let tenths = Int((Double(components.seconds) + Double(components.attoseconds) / 1e18) * 10 + 0.5)
        return "\(tenths / 10).\(tenths % 10)"
    }
}
