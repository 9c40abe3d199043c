import Foundation
import Domain
import Intake
import Store

/// Records a cohort's attended hours from a sheet of national IDs and hours (names optional, and
/// checked when given): every row checked and recorded in one transaction, with an error workbook
/// for the refused rows.
public struct AttendanceSheetImport: ListImport {
    public let cohortId: Int64
    public let request: ImportRequest
    public let mode: ImportMode
    /// Read and check every row against the records, then roll back: nothing is written.
    public let preview: Bool
    /// The date the rows' rules are checked on.
    public let today: CivilDate

    /// Rows checked between two looks at the cancellation and two progress reports.
    static let chunk = 256

    public init(cohortId: Int64, request: ImportRequest, mode: ImportMode = .allOrNothing, preview: Bool = false,
                today: CivilDate) {
        self.cohortId = cohortId
        self.request = request
        self.mode = mode
        self.preview = preview
        self.today = today
    }

    /// `recorded` counts the trainees whose hours changed, `alreadyPresent` those whose hours were
    /// already the sheet's.
    public func run(store: Store, cancellation: Cancellation, progress: (Int) -> Void) throws -> ImportOutcome {
        let url = request.file
        let reader = try TraineeListReader(url: url, sheet: request.sheet, required: [.nationalId, .hours], optional: [.name])
        let fileName = url.lastPathComponent
        var refused = RefusedRows(fileName: fileName, header: reader.header, columns: reader.columns)
        func outcome(_ summary: AttendanceSummary) -> ImportOutcome {
            ImportOutcome(fileName: fileName, rowsRead: summary.rowsRead, recorded: summary.updated,
                          alreadyPresent: summary.unchanged, refused: refused.rows, committed: summary.committed,
                          preview: preview, ignoredColumns: reader.ignoredColumns)
        }
        let today = today
        var errorWorkbook: URL?
        var previewed: AttendanceSummary?
        let summary: AttendanceSummary
        do {
            summary = try store.importHours(cohortId: cohortId, fileName: fileName, mode: mode, actor: request.actor) { session in
                var seen = 0
                try reader.forEachRow { row in
                    seen += 1
                    if seen % Self.chunk == 0 {
                        try cancellation.check()
                        progress(session.summary.rowsRead)
                    }
                    let check = AttendanceRowRules.check(row.fields, today: today)
                    guard let entry = check.entry else {
                        session.countRejectedRow()
                        refused.refuse(row: row.number, cells: row.cells, issues: check.issues.map(ImportRowIssue.init))
                        return
                    }
                    let name = row.fields[.name].map { $0.text.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
                    if case .rejected(let issues) = try session.set(nationalId: entry.nationalId.value, name: name,
                                                                    hoursTenths: entry.hours.tenths, row: row.number) {
                        refused.refuse(row: row.number, cells: row.cells, issues: issues)
                    }
                }
                progress(session.summary.rowsRead)
                try cancellation.check()
                // Inside the transaction: hours are not recorded while refused rows go unreported.
                errorWorkbook = try refused.writeWorkbook(for: url, into: request.errorFolder, masked: request.masksErrorWorkbook,
                                                          outcome: outcome(session.summary))
                if preview {
                    previewed = session.summary
                    throw PreviewRollback()
                }
            }
        } catch is PreviewRollback {
            summary = previewed!
        }
        var answer = outcome(summary)
        answer.errorWorkbook = errorWorkbook
        answer.errorReport = refused.errorReport
        return answer
    }
}
