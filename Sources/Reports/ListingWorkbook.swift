import Foundation
import Domain
import Spreadsheet

/// Any listing a user filters on a screen (the audit trail, institutions, users …) as a
/// workbook of the same rows: a title, a line saying what the listing holds, a bilingual header
/// and one row per line; the header frozen, filter buttons on it, A4 one page wide with title
/// and header on every printed page, columns as wide as their texts.
///
/// Written as the rows arrive, in constant-memory mode, so that the city's audit trail (millions
/// of events) never sits in memory: rows go straight to the file except the first few, kept to
/// measure the columns. A listing longer than a sheet (Excel's 1,048,576 rows) goes on in a
/// second sheet under the same head, and so on. Text is stored as text whatever it looks like
/// (an ID stays 18 characters, `=1+1` is not a formula); a text longer than a cell holds is
/// cut with a note, and a NUL character dropped, rather than refusing the whole download.
///
/// The caller masks personal data before handing rows over; this type only lays out.
public final class ListingWorkbook {
    /// A column: its header (Chinese, then English) and what its cells hold.
    public struct Column: Sendable {
        public enum Kind: Sendable { case text, integer }
        public let header: String
        public let kind: Kind

        public init(_ header: String, _ kind: Kind = .text) {
            self.header = header
            self.kind = kind
        }
    }

    /// One cell of a row; nil leaves it blank.
    public enum Cell: Sendable, Equatable {
        case text(String?)
        case integer(Int?)
    }

    /// Rows appended so far.
    public private(set) var count = 0

    private let workbook: Workbook
    private let title: String
    private let details: [String]
    private let sheetName: String
    private let columns: [Column]
    private let rowsPerSheet: Int
    private var formats: [CellFormat] = []
    /// The first rows, until the columns are measured and the first sheet is begun.
    private var waiting: [[Cell]] = []
    private var widths: [Double] = []
    private var sheet: Worksheet?
    private var layout: SessionSheet?
    private var sheets = 0
    private var rowsOnSheet = 0

    /// Rows read to measure the columns' widths before the first is written.
    static let measuredRows = 200
    /// Rows of an Excel sheet.
    static let sheetRows = 1_048_576
    /// The longest text a cell holds, in UTF-16 units as Excel counts.
    static let cellLimit = 32_767
    static let cutNote = "…（已截断 cut）"

    /// `sheetName` is mended to a name Excel accepts. `details` are lines under the title (the
    /// filter the listing was taken with). `rowsPerSheet` is for tests; a sheet holds as many
    /// rows as Excel allows.
    public init(title: String, details: [String] = [], sheetName: String, columns: [Column], to url: URL,
                rowsPerSheet: Int? = nil) throws(SpreadsheetError) {
        workbook = try Workbook(path: url.path, constantMemory: true)
        try workbook.setProperties(title: title, subject: details.joined(separator: "\n"))
        self.title = title
        self.details = details
        self.sheetName = SheetName.safe([sheetName], fallback: "Listing")[0]
        // The title is merged over the columns, and Excel merges no fewer than two cells.
        self.columns = columns + Array(repeating: Column(""), count: max(0, 2 - columns.count))
        let fits = Self.sheetRows - SessionSheet(name: "", title: "", details: details, columns: [], rows: []).firstDataRow
        self.rowsPerSheet = max(1, min(rowsPerSheet ?? fits, fits))
        formats = self.columns.map { workbook.cellFormat(Self.style($0.kind)) }
    }

    /// Adds a row: its cells in the columns' order (missing ones blank, extra ones dropped).
    public func append(_ row: [Cell]) throws(SpreadsheetError) {
        count += 1
        guard sheet != nil else {
            waiting.append(row)
            if waiting.count >= Self.measuredRows { try begin() }
            return
        }
        try write(row)
    }

    /// Writes the file; call it once, after the last row.
    public func finish() throws(SpreadsheetError) {
        if sheet == nil { try begin() }
        try close()
        try workbook.close()
    }

    /// Leaves no file behind when the rows could not all be read: a listing that stops halfway
    /// would look complete.
    public func abandon() {
        try? workbook.close()
        try? FileManager.default.removeItem(atPath: workbook.path)
    }

    // MARK: Layout

    /// Measures the columns on the rows kept so far, then writes them.
    private func begin() throws(SpreadsheetError) {
        widths = columns.indices.map { index in
            let texts = waiting.lazy.compactMap { row in row.indices.contains(index) ? Self.text(row[index]) : nil }
            // A header breaks between its Chinese and its English, so its widest word counts.
            let headerWords = columns[index].header.split(separator: " ").map(String.init)
            return ColumnWidth.fitting(headerWords + texts, minimum: 8, maximum: 60)
        }
        try startSheet()
        let rows = waiting
        waiting = []
        for row in rows { try write(row) }
    }

    private func startSheet() throws(SpreadsheetError) {
        try close()
        sheets += 1
        let suffix = sheets == 1 ? "" : " (\(sheets))"
        let name = SheetName.safe([sheetName + suffix], fallback: "Listing\(suffix)")[0]
        let layout = SessionSheet(name: name, title: sheets == 1 ? title : "\(title)（续 \(sheets) continued）",
                                  details: details,
                                  columns: zip(columns, widths).map { TableColumn($0.header, width: $1, style: Self.style($0.kind)) },
                                  rows: [])
        sheet = try layout.writeHead(into: workbook)
        self.layout = layout
        rowsOnSheet = 0
    }

    /// Freezes the header, sets the filter buttons and the print setup of the sheet in hand.
    private func close() throws(SpreadsheetError) {
        guard let sheet, let layout else { return }
        let lastDataRow = layout.firstDataRow + max(rowsOnSheet, 1) - 1
        if rowsOnSheet == 0 {
            // An empty listing still prints as a grid under its header.
            for index in columns.indices { try sheet.write(.blank, row: lastDataRow, column: index, format: formats[index]) }
        }
        try layout.finish(sheet, lastDataRow: lastDataRow)
        self.sheet = nil
        self.layout = nil
    }

    private func write(_ row: [Cell]) throws(SpreadsheetError) {
        if rowsOnSheet == rowsPerSheet { try startSheet() }
        guard let sheet, let layout else { return }
        let target = layout.firstDataRow + rowsOnSheet
        for index in columns.indices {
            let value: CellValue = switch row.indices.contains(index) ? row[index] : .text(nil) {
            case .text(let text): text.map { .text(Self.storable($0)) } ?? .blank
            case .integer(let number): number.map { .integer($0) } ?? .blank
            }
            try sheet.write(value, row: target, column: index, format: formats[index])
        }
        rowsOnSheet += 1
    }

    // MARK: Cells

    private static func style(_ kind: Column.Kind) -> CellStyle {
        switch kind {
        case .text: CellStyle.text.with { $0.verticalAlignment = .top }
        case .integer: CellStyle.integer.with { $0.verticalAlignment = .top }
        }
    }

    private static func text(_ cell: Cell) -> String? {
        switch cell {
        case .text(let text): text
        case .integer(let number): number.map(String.init)
        }
    }

    /// `text` as a cell can hold it: without NUL characters, and cut (with a note saying so)
    /// when longer than Excel's limit, so that one long record does not refuse the download.
    static func storable(_ text: String) -> String {
        var text = text
        // Byte scans first: a million-row listing pays nothing for text that needs no mending.
        let hasNul = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        } ?? text.utf8.contains(0)
        if hasNul { text.removeAll { $0 == "\u{0}" } }
        // A text never has more UTF-16 units than UTF-8 bytes.
        guard text.utf8.count > cellLimit, text.utf16.count > cellLimit else { return text }
        var room = cellLimit - cutNote.utf16.count
        var end = text.startIndex
        // Whole characters, so that none is split in two.
        for character in text {
            room -= character.utf16.count
            guard room >= 0 else { break }
            end = text.index(after: end)
        }
        return text[..<end] + cutNote
    }
}
