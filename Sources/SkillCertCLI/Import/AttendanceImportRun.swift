import Foundation
import Domain
import Intake
import Reports
import Store

/// `skillcert cohort hours COHORT --file`: a sheet of IDs and attended hours, checked and
/// recorded in one transaction, with an error workbook for the refused rows.
struct AttendanceImportRun {
    let global: GlobalOptions
    let store: Store
    let actor: User
    let cohortId: Int64
    let file: String
    let sheet: String?
    let mode: ImportMode

    func run() throws {
        let url = CLIContext.current.url(for: file)
        let today = try global.clock().today
        let reader = try TraineeListReader(url: url, sheet: sheet, required: [.nationalId, .hours], optional: [.name])
        let fileName = url.lastPathComponent
        var rejected = ImportErrorReport(sourceFile: fileName, header: reader.header)
        var refusals = RefusalLog()
        func refuse(_ number: Int, _ cells: [String], _ issues: [ImportRowIssue]) {
            rejected.rows.append(errorRow(number, cells, issues, columns: reader.columns))
            refusals.add(file: fileName, row: number, issues: issues, header: reader.header, columns: reader.columns)
        }
        var errorFile: URL?
        let summary: AttendanceSummary
        do {
            summary = try store.importHours(cohortId: cohortId, fileName: fileName, mode: mode, actor: actor) { session in
                try reader.forEachRow { row in
                    let check = AttendanceRowRules.check(row.fields, today: today)
                    guard let entry = check.entry else {
                        session.countRejectedRow()
                        refuse(row.number, row.cells, check.issues.map(ImportRowIssue.init))
                        return
                    }
                    let name = row.fields[.name].map { $0.text.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
                    if case .rejected(let issues) = try session.set(nationalId: entry.nationalId.value, name: name,
                                                                    hoursTenths: entry.hours.tenths, row: row.number) {
                        refuse(row.number, row.cells, issues)
                    }
                }
                // Inside the transaction: hours are not recorded while refused rows go unreported.
                errorFile = try writeErrorWorkbook(rejected, for: url, global: global)
            }
        } catch let error as ErrorWorkbookNotWritten {
            refusals.print()
            throw error
        }
        ImportSummary(rowsRead: summary.rowsRead, recorded: summary.updated, unchanged: (summary.unchanged, "未变", "unchanged"),
                      refused: summary.rejected, written: summary.committed).print()
        refusals.print()
        if let errorFile { CLIContext.current.print("错误行已写入 Rejected rows written to \(errorFile.path)") }
        if !summary.committed { throw ImportRefused(rejected: summary.rejected, errorFile: errorFile, advice: .acceptValid) }
    }
}
