import Foundation
import Domain
import Intake
import Reports
import Store

/// What every list import is given besides its own target: the file, the sheet to read, who
/// imports it, and the folder the error workbook goes to when rows are refused.
public struct ImportRequest: Sendable {
    public var file: URL
    /// The sheet to read in an .xlsx; nil for the first (or every sheet, for a score sheet).
    public var sheet: String?
    public var actor: User
    /// Where `<file>-errors.xlsx` is written when rows are refused; created if needed.
    public var errorFolder: URL
    /// Whether that workbook masks national IDs and phones. False (the CLI's): the values as the
    /// file has them, so that the fixed workbook imports again; it goes to a folder the user
    /// named on her own machine. True (the web app's, whose server keeps it): masked, whole
    /// values only through `ImportErrorWorkbooks` for a reason, which is recorded.
    public var masksErrorWorkbook: Bool

    public init(file: URL, sheet: String? = nil, actor: User, errorFolder: URL, masksErrorWorkbook: Bool = false) {
        self.file = file
        self.sheet = sheet
        self.actor = actor
        self.errorFolder = errorFolder
        self.masksErrorWorkbook = masksErrorWorkbook
    }
}

/// What every list import answers: how many rows were read and what became of them, each refused
/// row with its reasons, whether anything was written, and where the error workbook is.
public struct ImportOutcome: Sendable, Equatable {
    /// The file's name as the user knows it.
    public let fileName: String
    public var rowsRead = 0
    /// Rows written to the records; when nothing was written, the valid rows that would have been.
    public var recorded = 0
    /// Valid rows that changed nothing: already enrolled, hours or marks as on record.
    public var alreadyPresent = 0
    /// Every refused row, in the order of the file.
    public var refused: [RefusedRow] = []
    /// False when nothing was written: an all-or-nothing import with a refused row, or a preview.
    public var committed = false
    /// True for a preview: the rows were read and checked against the records, then rolled back.
    public var preview = false
    /// The workbook of the refused rows, written whenever a row was refused.
    public var errorWorkbook: URL?
    /// What that workbook holds, whole, for `ImportErrorWorkbooks` to write again masked or (for
    /// a reason) whole; never handed to an interface, which could write it unrecorded.
    var errorReport: ImportErrorReport?
    /// Header texts of the file's columns that were not read (`序号`, `备注`).
    public var ignoredColumns: [String] = []

    /// The outcome of a list read through a list reader: its counts, the rows it refused and the
    /// columns it did not use, as the trainee and attendance imports report them.
    init(fileName: String, rowsRead: Int, recorded: Int, alreadyPresent: Int, refused: [RefusedRow],
         committed: Bool, preview: Bool, ignoredColumns: [String]) {
        self.init(fileName: fileName)
        self.rowsRead = rowsRead
        self.recorded = recorded
        self.alreadyPresent = alreadyPresent
        self.refused = refused
        self.committed = committed
        self.preview = preview
        self.ignoredColumns = ignoredColumns
    }

    public init(fileName: String) {
        self.fileName = fileName
    }

    public var refusedCount: Int { refused.count }
}

/// One refused row of a list and every reason it was refused.
public struct RefusedRow: Sendable, Equatable {
    /// The file, or for a workbook of several sheets `file › sheet`.
    public let file: String
    /// The row number the user sees in Excel (or the CSV line).
    public let row: Int
    public let problems: [RowProblem]

    public init(file: String, row: Int, problems: [RowProblem]) {
        self.file = file
        self.row = row
        self.problems = problems
    }
}

/// One reason a row was refused: the field and the file's column holding it, the value as it may
/// be shown (national IDs and phones masked), and the rule.
public struct RowProblem: Sendable, Equatable {
    /// Nil for a rule about the row as a whole (a cohort already full).
    public let field: ListField?
    /// The column of the file holding the field: its letter and its header as the file has it.
    public let column: ListColumn?
    /// National IDs and phones masked, as in every listing.
    public let value: String
    public let rule: Rejection

    public init(field: ListField?, column: ListColumn?, value: String, rule: Rejection) {
        self.field = field
        self.column = column
        self.value = value
        self.rule = rule
    }

    /// `issue` located by the file's header: `columns` gives each field's column.
    init(_ issue: ImportRowIssue, header: [String], columns: [ListField: Int]) {
        let column = issue.field.flatMap { columns[$0] }.flatMap { $0 < header.count ? ListColumn(index: $0, header: header[$0]) : nil }
        self.init(field: issue.field, column: column, value: Self.masked(issue.value, field: issue.field), rule: issue.rule)
    }

    /// What an outcome may show of a value: national IDs and phones masked.
    static func masked(_ value: String, field: ListField?) -> String {
        switch field {
        case .nationalId: Masking.nationalID(value)
        case .phone: Masking.phone(value)
        default: value
        }
    }
}
