import ArgumentParser
import Foundation
import Domain
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
            let request = ImportRequest(file: CLIContext.current.url(for: file), sheet: sheet, actor: try global.actor(in: store),
                                        errorFolder: global.outputDirectory)
            let sheetImport = ScoreSheetImport(sessionId: session, request: request)
            try importShowingRefusals({ ScoreSheetImport.Outcome.printSummary($0) }) { try sheetImport.run(store: store) }.print()
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
