import Domain
import Intake
import Services

/// The refused rows of an import as the terminal shows them, on standard error: each problem with
/// its file, row, column, value (national IDs and phones masked by the import) and rule; the first
/// twenty, then how many more. Every import prints its refusals through this one log.
struct RefusalLog {
    static let listed = 20
    let refused: [RefusedRow]

    init(_ refused: [RefusedRow]) {
        self.refused = refused
    }

    /// One problem as a located field problem: the column as the file names it (`C 身份证号`).
    static func fieldProblem(_ problem: RowProblem, in row: RefusedRow) -> FieldProblem {
        FieldProblem(file: row.file, line: row.row,
                     field: problem.column.map { .column("\($0.letter) \($0.header)") } ?? problem.field.map(Field.listColumn) ?? .wholeRow,
                     value: problem.value, rule: problem.rule)
    }

    func print() {
        let context = CLIContext.current
        var problems = 0
        for row in refused {
            for problem in row.problems {
                problems += 1
                if problems <= Self.listed { context.printError(Self.fieldProblem(problem, in: row).commandLineDescription) }
            }
        }
        guard problems > Self.listed else { return }
        context.printError("""
            …另有 \(problems - Self.listed) 个问题未列出，共 \(refused.count) 行被拒绝
            … \(problems - Self.listed) more problem(s) not listed; \(refused.count) row(s) refused in all
            """)
    }
}
