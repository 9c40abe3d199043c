import ArgumentParser
import Foundation
import Domain
import Intake
import Reports
import Store

extension ResultsCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enter the marks of a filled score sheet (every sheet, or --sheet): all lines or none.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: Int64
        @Argument(help: "The filled score sheet (.xlsx from session score-sheets, or CSV with the same columns).") var file: String
        @Option(help: "Only this sheet (room).") var sheet: String?

        func run() throws {
            let store = try global.openStore()
            let url = CLIContext.current.url(for: file)
            let lines = try ScoreSheetReader.lines(of: url, sheet: sheet)
            let scoreLines = lines.map { line in
                ScoreLine(sheet: [url.lastPathComponent, line.sheet].compactMap { $0 }.joined(separator: " › "), row: line.row,
                          ticket: line.ticket, name: line.name, part: line.part, mark: line.score, outcome: line.outcome)
            }
            let summary = try store.importScores(sessionId: session, fileName: url.lastPathComponent, lines: scoreLines,
                                                 actor: try global.actor(in: store))
            guard summary.problems.isEmpty else {
                let errorFile = try writeErrorWorkbook(errorReport(lines, summary.problems, file: url.lastPathComponent), for: url, global: global)
                for problem in summary.problems.prefix(20) { CLIContext.current.printError(problem.description) }
                throw ScoresRefused(rejected: summary.problems.count, errorFile: errorFile)
            }
            let out = CLIContext.current
            out.print("""
                已读 \(summary.lines) 行 · \(summary.lines) line(s) read: \
                确定 final \(summary.count { if case .confirmed = $0 { true } else { false } }), \
                待第二人录入 awaiting a second entry \(summary.count { $0 == .awaitingSecondEntry }), \
                不一致 mismatches \(summary.count { if case .mismatch = $0 { true } else { false } }), \
                未变 unchanged \(summary.count { $0 == .unchanged })
                """)
        }

        /// The refused lines under their sheet's header, with the reason and the cell at fault.
        private func errorReport(_ lines: [ScoreSheetReader.Line], _ problems: [ScoreLineProblem], file: String) -> ImportErrorReport {
            var report = ImportErrorReport(sourceFile: file, header: lines.first?.header ?? [])
            for problem in problems {
                let line = lines[problem.index]
                report.rows.append(ImportErrorRow(rowNumber: line.row, cells: line.cells, issues: [
                    ImportErrorIssue(column: line.columns[problem.field],
                                     chinese: "\(problem.field.chineseHeader)：\(problem.rule.chinese)",
                                     english: "\(problem.field.englishHeader): \(problem.rule.english)"),
                ]))
            }
            return report
        }
    }
}

extension ResultsCommand {
    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the results roster (成绩册): marks, outcomes, pass counts and rates, mismatches settled, amendments, re-checks.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var disclosure: DisclosureOptions
        @Argument(help: "Session id.") var session: Int64
        @Option(help: "File name inside the output folder (default: results-session-ID.xlsx).") var file: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let results = try store.sessionResults(id: session, actor: actor)
            try disclosure.record(results.personIds, command: "results roster", store: store, actor: actor)
            let url = try outputFile(global, file ?? "results-session-\(session).xlsx")
            try ResultsRosterWorkbook.write(results, unmasked: disclosure.unmasked, to: url)
            CLIContext.current.print("已写出 Wrote \(url.path)")
        }
    }
}

/// A score sheet with refused lines: nothing was entered.
struct ScoresRefused: BilingualError {
    let rejected: Int
    let errorFile: URL?

    var chinese: String {
        "未录入任何成绩：\(rejected) 行有错误\(errorFile.map { "，见 \($0.path)" } ?? "")。改正后重新导入整张评分表（已录入的相同成绩不会重复）"
    }

    var english: String {
        "no mark was entered: \(rejected) line(s) were refused\(errorFile.map { ", see \($0.path)" } ?? ""). Fix them and import the score sheet again (marks you already entered are not entered twice)"
    }
}
