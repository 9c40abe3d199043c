import Foundation
import Domain
import Intake
import Store

/// Registers (登记) the apprenticeships of a list, all rows or none: any refused row refuses the
/// file, and every refused row goes to the error workbook with all its reasons.
///
/// The list is short (one enterprise's intake) and read whole; the Store checks and records it in
/// one transaction. Cancellation is therefore looked at once the list is read, before that
/// transaction starts: a cancelled import has written nothing.
public struct ApprenticeListImport: ListImport {
    public let request: ImportRequest
    /// The training institution (id or name) for rows that name none.
    public let institution: String?
    /// Check every row against the records and write nothing, whatever the check finds.
    public let preview: Bool

    public init(request: ImportRequest, institution: String? = nil, preview: Bool = false) {
        self.request = request
        self.institution = institution
        self.preview = preview
    }

    public struct Outcome: Sendable, Equatable {
        public var rows: ImportOutcome
        /// The ids of the apprenticeships registered, in the list's order; empty when refused.
        public var apprenticeships: [Int64] = []
    }

    public func run(store: Store, cancellation: Cancellation, progress: (Int) -> Void) throws -> Outcome {
        let url = request.file
        let fileName = url.lastPathComponent
        let list = try ApprenticeListReader.read(url, sheet: request.sheet)
        progress(list.rows.count)
        try cancellation.check()
        let summary = try store.importApprenticeships(list.rows.map { ApprenticeListRow(number: $0.number, fields: $0.fields) },
                                                      fileName: fileName, institution: institution, preview: preview,
                                                      actor: request.actor)
        var refused = RefusedRows(fileName: fileName, header: list.header, columns: list.columns)
        let cells = Dictionary(list.rows.map { ($0.number, $0.cells) }, uniquingKeysWith: { first, _ in first })
        for refusal in summary.refused {
            refused.refuse(row: refusal.row, cells: cells[refusal.row] ?? [], issues: refusal.issues)
        }
        let ids = summary.registered.compactMap(\.id)
        var rows = ImportOutcome(fileName: fileName)
        rows.rowsRead = summary.rowsRead
        rows.recorded = summary.committed ? ids.count : summary.rowsRead - summary.refused.count
        rows.refused = refused.rows
        rows.committed = summary.committed
        rows.preview = preview
        rows.ignoredColumns = list.ignoredColumns
        // Nothing was written when a row was refused, so the workbook may follow the transaction.
        rows.errorWorkbook = try refused.writeWorkbook(for: url, into: request.errorFolder, masked: request.masksErrorWorkbook,
                                                       outcome: rows)
        rows.errorReport = refused.errorReport
        return Outcome(rows: rows, apprenticeships: ids)
    }
}
