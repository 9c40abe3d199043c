import ArgumentParser
import Foundation
import Reports
import Spreadsheet
import Store

extension SessionCommand {
    struct Tickets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the admission tickets (准考证): ticket, room and seat per part (institutions: their own candidates).")
        @OptionGroup var sheets: SessionSheetOptions

        func run() throws {
            try sheets.write(defaultName: "tickets", forRooms: false, AdmissionTicketsWorkbook.write)
        }
    }

    struct SignIn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign-in", abstract: "Write the sign-in sheets (签到表), one sheet per room.")
        @OptionGroup var sheets: SessionSheetOptions

        func run() throws {
            try sheets.write(defaultName: "sign-in", forRooms: true, SignInSheetWorkbook.write)
        }
    }

    struct ScoreSheets: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "score-sheets", abstract: "Write the score sheets (评分表), one per room and part, for the examiners to fill.")
        @OptionGroup var sheets: SessionSheetOptions

        func run() throws {
            try sheets.write(defaultName: "score-sheets", forRooms: true, ScoreSheetWorkbook.write)
        }
    }
}

/// What the three session workbooks take: the session, the output file, and disclosure.
struct SessionSheetOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var disclosure: DisclosureOptions
    @Argument(help: "Session id.") var session: Int64
    @Option(help: "File name inside the output folder (default: <kind>-session-ID.xlsx).") var file: String?

    func write(defaultName: String, forRooms: Bool,
               _ writer: (ExamSessionSheets, Bool, URL) throws(SpreadsheetError) -> Void) throws {
        let store = try global.openStore()
        let actor = try global.actor(in: store)
        let sheets = try store.examSessionSheets(id: session, forRooms: forRooms, actor: actor)
        try disclosure.record(sheets.personIds, store: store, actor: actor)
        let url = try outputFile(global, file ?? "\(defaultName)-session-\(session).xlsx")
        try writer(sheets, disclosure.unmasked, url)
        CLIContext.current.print("已写出 Wrote \(url.path)")
    }
}
