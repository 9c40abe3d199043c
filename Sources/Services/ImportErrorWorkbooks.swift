import Foundation
import Domain
import Reports
import Store

/// The error workbook of an import written again, after the import, for the user who ran it (the
/// web app's download of an upload's refused rows): national IDs and phones masked by default,
/// whole only for a reason, which the audit trail keeps (`person.disclose`, naming the file and
/// each refused row with its ID masked). The caller has checked that the outcome is the user's.
public struct ImportErrorWorkbooks: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Writes the refused rows of `outcome`; a blank reason for whole values is refused before
    /// anything is written or recorded. An outcome without refused rows has no workbook: not found.
    public func write(_ outcome: ImportOutcome, actor: User, disclosure: Disclosure = .masked,
                      to destination: ReportDestination) throws -> WrittenWorkbook {
        let shown = try disclosure.checked()
        guard let report = outcome.errorReport else {
            throw StoreError.notFound(kind: "错误行工作簿", key: outcome.fileName)
        }
        if let reason = shown.reason {
            let rows = report.rows.map { row in
                RefusedRowShown(row: row.rowNumber, nationalId: report.nationalIdColumn.flatMap { $0 < row.cells.count ? row.cells[$0] : nil } ?? "")
            }
            try store.recordDisclosure(ofRefusedRowsIn: outcome.fileName, rows: rows, purpose: reason, actor: actor)
        }
        let url = try destination()
        try ImportErrorWorkbook.write(report, masked: !shown.unmasked, to: url)
        return WrittenWorkbook(file: url, lines: report.rows.count)
    }
}
