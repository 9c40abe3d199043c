import Domain
import Intake
import Store

/// The refused rows of an import as the terminal shows them, on standard error: each problem with
/// its file, row, column, value (national IDs and phones masked) and rule; the first twenty, then
/// how many more. Every import prints its refusals through this one log.
struct RefusalLog {
    static let listed = 20
    private(set) var shown: [FieldProblem] = []
    private(set) var problems = 0
    private(set) var rows = 0

    /// One refused row, located by the list's own header: `columns` gives each field's column.
    mutating func add(file: String, row: Int, issues: [ImportRowIssue], header: [String], columns: [ListField: Int]) {
        rows += 1
        for issue in issues {
            problems += 1
            guard shown.count < Self.listed else { continue }
            let column = issue.field.flatMap { columns[$0] }.flatMap { $0 < header.count ? ListColumn(index: $0, header: header[$0]) : nil }
            shown.append(FieldProblem(file: file, line: row, field: column.map { .column("\($0.letter) \($0.header)") } ?? issue.field.map(Field.listColumn) ?? .wholeRow,
                                      value: Self.masked(issue.value, field: issue.field), rule: issue.rule))
        }
    }

    /// What the terminal may show of a value: national IDs and phones masked, as in every listing.
    static func masked(_ value: String, field: ListField?) -> String {
        switch field {
        case .nationalId: Masking.nationalID(value)
        case .phone: Masking.phone(value)
        default: value
        }
    }

    func print() {
        let context = CLIContext.current
        for problem in shown { context.printError(problem.commandLineDescription) }
        guard problems > shown.count else { return }
        context.printError("""
            …另有 \(problems - shown.count) 个问题未列出，共 \(rows) 行被拒绝
            … \(problems - shown.count) more problem(s) not listed; \(rows) row(s) refused in all
            """)
    }
}
