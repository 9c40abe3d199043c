/// A row as a source delivers it, before the header gives its cells meaning.
struct RawRow {
    /// The row number the clerk sees: the sheet row in Excel, the first physical line in a CSV file.
    var number: Int
    /// Cells left to right; for .xlsx dense from column A (empty cells as "").
    var cells: [String]
    /// Per cell, whether the spreadsheet stored it as a number. Empty for CSV, where nothing is.
    var numeric: [Bool]

    var isBlank: Bool {
        cells.allSatisfy { cell in
            // A cell opening with a printable ASCII character (an ID, a number) is not blank,
            // which spares the walk by Character in almost every row.
            if let first = cell.utf8.first, (0x21...0x7E).contains(first) { return false }
            return cell.isEmpty || cell.allSatisfy(\.isWhitespace)
        }
    }

    func isNumeric(_ index: Int) -> Bool {
        index < numeric.count && numeric[index]
    }
}

/// Where rows come from: a CSV file (already UTF-8) or a sheet of a workbook.
protocol RowSource {
    /// Calls `body` for every row in order, blank ones included, until the end or until `body` throws.
    /// Reading problems are thrown as `IntakeError`; errors from `body` pass through unchanged.
    func forEachRawRow(_ body: (RawRow) throws -> Void) throws
}

/// Carries an error thrown by a caller's closure through a source, so that it comes out as it went
/// in and is never mistaken for a problem with the file (a `SpreadsheetError` from writing an error
/// workbook inside the loop is not a corrupt input).
struct PassThrough: Error {
    let error: any Error
}
