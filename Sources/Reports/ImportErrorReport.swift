/// The rows of a clerk's file that were refused, as the error workbook shows them: the rows as
/// given, a reason column, and the cells at fault highlighted.
public struct ImportErrorReport: Sendable, Equatable {
    /// The file's name as the clerk knows it, for the title.
    public var sourceFile: String
    /// The header cells as given in the file, in file order.
    public var header: [String]
    public var rows: [ImportErrorRow]
    /// The file's column (an index into `header`) holding national IDs, if it has one: a masked
    /// workbook masks its cells.
    public var nationalIdColumn: Int?
    /// The same for phone numbers.
    public var phoneColumn: Int?

    public init(sourceFile: String, header: [String], rows: [ImportErrorRow] = [],
                nationalIdColumn: Int? = nil, phoneColumn: Int? = nil) {
        self.sourceFile = sourceFile
        self.header = header
        self.rows = rows
        self.nationalIdColumn = nationalIdColumn
        self.phoneColumn = phoneColumn
    }
}

/// One refused row.
public struct ImportErrorRow: Sendable, Equatable {
    /// The row number the clerk sees in Excel (or the CSV line).
    public var rowNumber: Int
    /// The cells as given, in file order.
    public var cells: [String]
    public var issues: [ImportErrorIssue]

    public init(rowNumber: Int, cells: [String], issues: [ImportErrorIssue]) {
        self.rowNumber = rowNumber
        self.cells = cells
        self.issues = issues
    }
}

/// Why a row was refused, and which cell (file column index) is at fault, if one is.
public struct ImportErrorIssue: Sendable, Equatable {
    public var column: Int?
    public var chinese: String
    public var english: String

    public init(column: Int?, chinese: String, english: String) {
        self.column = column
        self.chinese = chinese
        self.english = english
    }
}
