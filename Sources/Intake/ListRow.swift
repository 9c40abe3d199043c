import Domain

/// One data row of a clerk's list.
public struct ListRow: Hashable, Sendable {
    /// The row number the clerk sees: the sheet row in Excel (1-based), or the physical line of a
    /// CSV file on which the record starts (1-based, line breaks inside quoted cells counted).
    public let number: Int
    /// Every cell as given, in the file's column order, at least as many as the header has, so
    /// that an error workbook can repeat the row under the same header.
    public let cells: [String]
    /// The cells of the recognised columns (those the reader was asked for).
    public let fields: [ListField: CellText]

    public init(number: Int, cells: [String], fields: [ListField: CellText]) {
        self.number = number
        self.cells = cells
        self.fields = fields
    }
}
