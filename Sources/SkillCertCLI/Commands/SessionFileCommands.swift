import ArgumentParser
import Foundation
import Services
import Store

extension SessionCommand {
    struct Tickets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the admission tickets (准考证): ticket, room and seat per part (institutions: their own candidates); --pdf prints them, a page per candidate with a QR code.")
        @OptionGroup var sheets: SessionSheetOptions
        @Flag(help: "Print the tickets as a PDF, a page per candidate (default file: tickets-session-ID.pdf), instead of the workbook.")
        var pdf = false
        @Option(help: "With --pdf: only this candidate's ticket (ticket number).") var ticket: String?
        @Option(help: "With --pdf: only this institution's candidates (id or name).") var institution: String?
        @OptionGroup var address: PublicAddressOption

        func validate() throws {
            if !pdf, ticket != nil || institution != nil {
                throw ValidationError("--ticket and --institution choose the pages of --pdf; the workbook lists every candidate")
            }
            if ticket != nil && institution != nil { throw ValidationError("give --ticket or --institution, not both") }
        }

        func run() throws {
            guard pdf else { return try sheets.write(.admissionTickets, defaultName: "tickets") }
            let store = try sheets.global.openStore()
            let actor = try sheets.global.actor(in: store)
            let selection: TicketSelection = if let ticket { .ticket(number: ticket) }
                else if let institution { .institution(id: try store.institution(institution, actor: actor).id!) }
                else { .session }
            let suffix = ticket.map { "-\($0)" } ?? (institution != nil ? "-institution" : "")
            let printed = try ExamReports(store: store).admissionTicketsPDF(
                actor: actor, sessionId: sheets.session, selection: selection, address: try address.publicAddress(),
                disclosure: sheets.disclosure.choice
            ) { try outputFile(sheets.global, sheets.file ?? "tickets-session-\(sheets.session)\(suffix).pdf") }
            CLIContext.current.print("已写出 Wrote \(printed.file.path)（\(printed.pages) 张准考证 ticket(s)）")
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
    @Option(help: "File name inside the output folder (default: <kind>-session-ID.xlsx, or .pdf).") var file: String?

    func write(_ sheet: ExamReports.SessionSheet, defaultName: String) throws {
        let store = try global.openStore()
        let written = try ExamReports(store: store).sessionSheet(sheet, actor: try global.actor(in: store), sessionId: session,
                                                                 disclosure: disclosure.choice) {
            try outputFile(global, file ?? "\(defaultName)-session-\(session).xlsx")
        }
        CLIContext.current.print("已写出 Wrote \(written.file.path)")
    }
}
