import ArgumentParser
import Foundation
import Domain
import Intake
import Reports
import Services
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
            // Each refused line once, with all its problems, in the order of the sheets.
            let problemsByLine = Dictionary(grouping: summary.problems, by: \.index)
            var refusals = RefusalLog()
            for index in problemsByLine.keys.sorted() {
                let line = lines[index], problems = problemsByLine[index]!
                refusals.add(file: problems[0].line.sheet ?? url.lastPathComponent, row: line.row,
                             issues: problems.map { ImportRowIssue(field: $0.field, value: $0.value, rule: $0.rule) },
                             header: line.header, columns: line.columns)
            }
            let refusedLines = problemsByLine.count
            func count(_ match: (ScoreEntryResult) -> Bool) -> Int { summary.count(where: match) }
            let final = count { if case .confirmed = $0 { true } else { false } }
            let awaiting = count { $0 == .awaitingSecondEntry }
            let mismatches = count { if case .mismatch = $0 { true } else { false } }
            let unchanged = count { $0 == .unchanged }
            ImportSummary(rowsRead: summary.lines, recorded: summary.problems.isEmpty ? summary.results.count - unchanged : summary.lines - refusedLines,
                          recordedDetail: ("确定 \(final)，待第二人录入 \(awaiting)，不一致 \(mismatches)",
                                           "\(final) final, \(awaiting) awaiting a second entry, \(mismatches) mismatched"),
                          unchanged: summary.problems.isEmpty ? (unchanged, "未变", "unchanged") : nil,
                          refused: refusedLines, written: summary.problems.isEmpty).print()
            refusals.print()
            guard summary.problems.isEmpty else {
                let errorFile = try writeErrorWorkbook(errorReport(lines, summary.problems, file: url.lastPathComponent), for: url, global: global)
                throw ImportRefused(rejected: refusedLines, errorFile: errorFile, advice: .scoreSheet)
            }
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
            let written = try ExamReports(store: store).resultsRoster(actor: actor, sessionId: session, disclosure: disclosure.choice) {
                try outputFile(global, file ?? "results-session-\(session).xlsx")
            }
            CLIContext.current.print("已写出 Wrote \(written.file.path)")
        }
    }
}
