/// One row of a sheet as stored in the file. Only rows holding at least one cell with a value or
/// a formula are reported; styled but empty cells are left out.
public struct XLSXRow: Hashable, Sendable {
    /// 1-based, as Excel shows it.
    public let number: Int
    /// In file order, which is left to right.
    public let cells: [XLSXCell]

    /// The cell in a zero-based column (A = 0), nil when that cell is empty.
    public subscript(column index: Int) -> XLSXCell? {
        cells.first { $0.columnIndex == index }
    }
}

/// One cell as stored in the file: its value is the stored text, never converted, so that an
/// importer decides itself what "0012" or "4.40524E+17" means.
public struct XLSXCell: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Text from the shared-string table (`t="s"`), the usual way Excel stores text.
        case sharedString
        /// Text stored in the cell itself (`t="inlineStr"`), as constant-memory writers do.
        case inlineString
        /// A number whose style is not a date format. `value` is the stored decimal text.
        case number
        /// A number whose style is a date or time format: `value` is Excel's day serial (see
        /// `XLSXReader.usesDate1904System`), or an ISO 8601 text for the rare `t="d"` cells.
        case date
        /// A formula whose cached result is text (`t="str"`).
        case formulaString
        /// `value` is "1" for TRUE and "0" for FALSE.
        case boolean
        /// An error value such as "#N/A" or "#DIV/0!".
        case error
    }

    /// A1 reference such as "B7".
    public let reference: String
    /// 1-based, as Excel shows it.
    public let rowNumber: Int
    /// Zero-based: column A is 0.
    public let columnIndex: Int
    public let kind: Kind
    /// The stored value: resolved shared strings (rich-text runs joined, phonetic guides left
    /// out), inline text, or the number text as written (cached result for formulas).
    public let value: String
    /// The formula text without "=", when the cell has one. Cells that share a formula written
    /// elsewhere (`<f t="shared" si="0"/>`) have an empty string.
    public let formula: String?
    /// Index into the workbook's cell formats; see `XLSXReader.numberFormat(forStyle:)`.
    public let styleIndex: Int?
}
