/// One catalog file as text, before any value is checked: what `CatalogBuilder` takes.
///
/// Readers (CSV files now, a catalog workbook later) produce these; keeping the input as plain text
/// with real line numbers lets the builder point a clerk at the exact line to fix, whatever the source.
public struct CatalogTableText: Equatable, Sendable {
    /// The file name, e.g. `occupations.csv` (see `CatalogFile`).
    public var file: String
    /// Column names as they appear in the header row (trimmed).
    public var header: [String]
    /// The header row's line number in the file, comment lines counted.
    public var headerLine: Int
    /// Data rows; comment and blank lines are not rows.
    public var rows: [CatalogRecord]
    /// Problems the reader found that the builder cannot see in `rows` (a line break inside a field,
    /// a row with the wrong number of fields, an unreadable file). The builder reports them with its
    /// own, so that one run lists everything; a table with reading problems and no header is treated
    /// as present but unusable.
    public var readingProblems: [FieldProblem]

    public init(file: String, header: [String], headerLine: Int, rows: [CatalogRecord], readingProblems: [FieldProblem] = []) {
        self.file = file
        self.header = header
        self.headerLine = headerLine
        self.rows = rows
        self.readingProblems = readingProblems
    }
}

/// One data row of a catalog file: its real line number and its fields by column name.
public struct CatalogRecord: Equatable, Sendable {
    public var line: Int
    public var fields: [String: String]

    public init(line: Int, fields: [String: String]) {
        self.line = line
        self.fields = fields
    }
}
