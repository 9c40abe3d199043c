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
        var rejected = ImportErrorReport(sourceFile: url.lastPathComponent, header: reader.header)
        let summary = try store.importHours(cohortId: cohortId, fileName: url.lastPathComponent, mode: mode, actor: actor) { session in
            try reader.forEachRow { row in
                let check = AttendanceRowRules.check(row.fields, today: today)
                guard let entry = check.entry else {
                    session.countRejectedRow()
                    rejected.rows.append(errorRow(row.number, row.cells, check.issues.map(ImportRowIssue.init), columns: reader.columns))
                    return
                }
                let name = row.fields[.name].map { $0.text.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
                if case .rejected(let issues) = try session.set(nationalId: entry.nationalId.value, name: name,
                                                                hoursTenths: entry.hours.tenths, row: row.number) {
                    rejected.rows.append(errorRow(row.number, row.cells, issues, columns: reader.columns))
                }
            }
        }
        CLIContext.current.print("""
            读取 \(summary.rowsRead) 行，更新 \(summary.updated)，未变 \(summary.unchanged)，拒绝 \(summary.rejected)
            \(summary.rowsRead) rows read, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.rejected) rejected
            """)
        let errorFile = try writeErrorWorkbook(rejected, for: url, global: global)
        if let errorFile { CLIContext.current.print("错误行已写入 Rejected rows written to \(errorFile.path)") }
        if !summary.committed { throw ImportRefused(rejected: summary.rejected, errorFile: errorFile) }
    }
}
