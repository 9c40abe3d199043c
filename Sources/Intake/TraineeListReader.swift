import Domain
import Foundation
import Spreadsheet

/// Opens a clerk's list (trainees, attendance) and streams its rows: an .xlsx workbook (the first
/// sheet or a named one) or a CSV file in UTF-8 (with or without BOM), GB18030 or UTF-16 with BOM.
///
/// The format is decided by the content, never by the file name. The header row is found among
/// the first rows and its columns matched to `ListField`s by their Chinese or English names in any
/// order; every way the file can be unusable is an `IntakeError` raised by `init`, before any row
/// is read, so that an import either has a readable list or a message saying what to fix.
///
/// Rows are streamed: neither a CSV file nor a sheet is ever held in memory as a whole. A GB18030
/// or UTF-16 file is converted to a temporary UTF-8 copy that lives as long as the reader.
/// Not thread-safe: one reader per task.
public final class TraineeListReader {
    public let url: URL
    /// The sheet read, for workbooks; nil for CSV.
    public let sheetName: String?
    /// How the file was read, for messages and summaries: `xlsx sheet 学员名单`, `CSV UTF-8`, `CSV GB18030`.
    public let formatDescription: String
    /// The header row's cells as given (trimmed), in file column order.
    public let header: [String]
    /// The row number of the header row (as `ListRow.number` counts).
    public let headerRowNumber: Int
    /// Zero-based column of each recognised field that was asked for.
    public let columns: [ListField: Int]
    /// Header texts of the columns that are not read: unknown ones (`序号`, `备注`) and known fields
    /// that were not asked for.
    public let ignoredColumns: [String]

    private let source: any RowSource
    private let fieldColumns: [(field: ListField, index: Int)]

    public init(url: URL, sheet: String? = nil, required: [ListField], optional: [ListField]) throws(IntakeError) {
        self.url = url
        let file = url.lastPathComponent
        let source: any RowSource
        switch try ListFileKind.sniff(url) {
        case .xlsx:
            let reader: XLSXReader
            do {
                reader = try XLSXReader(url: url)
            } catch {
                throw IntakeError(error, file: file)
            }
            let name = try Self.sheet(named: sheet, in: reader, file: file)
            source = XLSXRowSource(reader: reader, sheet: name, file: file)
            sheetName = name
            formatDescription = "xlsx sheet \(name)"
        case .text(let encoding):
            let opened = try CSVOpener.open(url, encoding: encoding)
            source = opened.source
            sheetName = nil
            formatDescription = opened.format
        }
        self.source = source

        let layout = try Self.findLayout(in: source, required: required, optional: optional, file: file,
                                         sheet: sheetName, format: formatDescription)
        header = layout.header
        headerRowNumber = layout.headerRow
        columns = layout.columns
        ignoredColumns = layout.ignoredColumns
        fieldColumns = layout.columns.map { (field: $0.key, index: $0.value) }.sorted { $0.index < $1.index }
    }

    /// Calls `body` with every data row in order: the rows under the header, without blank rows
    /// and without the template's notes row. Throws `IntakeError.noDataRows` after the pass when
    /// there was none, `IntakeError` when the file cannot be read further, and whatever `body` throws
    /// (which ends the pass).
    public func forEachRow(_ body: (ListRow) throws -> Void) throws {
        var afterHeader = false
        var notesChecked = false
        var delivered = 0
        let headerRowNumber = headerRowNumber
        let width = header.count
        try source.forEachRawRow { raw in
            guard afterHeader else {
                if raw.number == headerRowNumber { afterHeader = true }
                return
            }
            if raw.isBlank { return }
            if !notesChecked {
                notesChecked = true
                if ListLayout.isNotesRow(raw) { return }
            }
            delivered += 1
            try body(row(from: raw, width: width))
        }
        if delivered == 0 {
            throw IntakeError.noDataRows(file: url.lastPathComponent, sheet: sheetName, headerRow: headerRowNumber)
        }
    }

    private func row(from raw: RawRow, width: Int) -> ListRow {
        var cells = raw.cells
        if cells.count < width { cells.append(contentsOf: repeatElement("", count: width - cells.count)) }
        var fields: [ListField: CellText] = Dictionary(minimumCapacity: fieldColumns.count)
        for (field, index) in fieldColumns {
            fields[field] = CellText(index < raw.cells.count ? raw.cells[index] : "", storedAsNumber: raw.isNumeric(index))
        }
        return ListRow(number: raw.number, cells: cells, fields: fields)
    }

    /// The named sheet (Excel compares sheet names without regard to case), or the first tab.
    private static func sheet(named wanted: String?, in reader: XLSXReader, file: String) throws(IntakeError) -> String {
        guard let wanted else {
            guard let first = reader.visibleSheetNames.first ?? reader.sheetNames.first else {
                throw .emptyFile(file: file, sheet: nil)
            }
            return first
        }
        if reader.sheetNames.contains(wanted) { return wanted }
        if let match = reader.sheetNames.first(where: { $0.lowercased() == wanted.lowercased() }) { return match }
        throw .missingSheet(file: file, sheet: wanted, available: reader.visibleSheetNames)
    }

    private struct StopReading: Error {}

    /// Reads rows until the header is found or `ListLayout.rowsSearched` non-blank rows were seen.
    private static func findLayout(in source: any RowSource, required: [ListField], optional: [ListField],
                                   file: String, sheet: String?, format: String) throws(IntakeError) -> ListLayout {
        var nonBlank = 0
        var headerRow: RawRow?
        do {
            try source.forEachRawRow { row in
                if row.isBlank { return }
                nonBlank += 1
                if ListLayout.isHeaderCandidate(row) {
                    headerRow = row
                    throw StopReading()
                }
                if nonBlank >= ListLayout.rowsSearched { throw StopReading() }
            }
        } catch is StopReading {
            // Found, or searched far enough.
        } catch let error as IntakeError {
            throw error
        } catch {
            throw .unreadableFile(file: file, reason: "\(error)")
        }
        guard nonBlank > 0 else { throw .emptyFile(file: file, sheet: sheet) }
        guard let headerRow else {
            var expected = required
            expected += optional.filter { !required.contains($0) }
            throw .noHeaderRow(file: file, sheet: sheet, format: format, rowsSearched: ListLayout.rowsSearched, expected: expected)
        }
        return try ListLayout(headerRow: headerRow, required: required, optional: optional, file: file, sheet: sheet)
    }
}
