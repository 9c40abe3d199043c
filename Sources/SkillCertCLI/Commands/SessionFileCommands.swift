import ArgumentParser
import Foundation
import Services
import Store

extension SessionCommand {
    struct Tickets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the admission tickets (准考证): ticket, room and seat per part (institutions: their own candidates).")
        @OptionGroup var sheets: SessionSheetOptions

        func run() throws {
            try sheets.write(.admissionTickets, defaultName: "tickets")
        }
    }

    struct SignIn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign-in", abstract: "Write the sign-in sheets (签到表), one sheet per room.")
        @OptionGroup var sheets: SessionSheetOptions

        func run() throws {
            try sheets.write(.signIn, defaultName: "sign-in")
        }
    }

    struct ScoreSheets: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "score-sheets", abstract: "Write the score sheets (评分表), one per room and part, for the examiners to fill.")
        @OptionGroup var sheets: SessionSheetOptions

        func run() throws {
            try sheets.write(.scoreSheets, defaultName: "score-sheets")
        }
    }
}

/// What the three session workbooks take: the session, the output file, and disclosure.
struct SessionSheetOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var disclosure: DisclosureOptions
    @Argument(help: "Session id.") var session: Int64
    @Option(help: "File name inside the output folder (default: <kind>-session-ID.xlsx).") var file: String?

    func write(_ sheet: ExamReports.SessionSheet, defaultName: String) throws {
        let store = try global.openStore()
        let written = try ExamReports(store: store).sessionSheet(sheet, actor: try global.actor(in: store), sessionId: session,
                                                                 disclosure: disclosure.choice) {
            try outputFile(global, file ?? "\(defaultName)-session-\(session).xlsx")
        }
        CLIContext.current.print("已写出 Wrote \(written.file.path)")
    }
}
