import ArgumentParser
import Domain
import Services
import Store

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit trail: who changed what, and who saw personal data whole (审计记录).",
        subcommands: [List.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List audit events, newest first (bureau).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var listing: ListingOptions
        @OptionGroup var paging: PagingOptions
        @Option(help: "Only events by this user (login).") var user: String?
        @Option(help: "Only events of this action (person.update, user.signin.fail …).") var action: String?
        @Option(help: "Only events on this table (persons, institutions, users, catalog).") var entity: String?
        @Option(help: "Only events on this record key.") var key: String?
        @Option(help: "Only events on or after this day (YYYY-MM-DD, bureau time).") var start: String?
        @Option(help: "Only events on or before this day (YYYY-MM-DD, bureau time).") var end: String?

        func run() throws {
            let store = try global.openStore()
            let filter = AuditFilter(actorLogin: user, action: action, entity: entity, key: key,
                                     from: try start.map { text throws(CLIError) in try parseOption("--start", text, CivilDate.parse) },
                                     through: try end.map { text throws(CLIError) in try parseOption("--end", text, CivilDate.parse) })
            let events = try AuditTrail(store: store).list(actor: try global.actor(in: store), filter: filter, page: paging.request)
            if listing.json {
                CLIContext.current.print(try jsonText(events.rows))
                paging.printFooter(events, countZh: "条记录", countEn: "event(s)", json: true)
                return
            }
            var table = TextTable(["时间 at", "用户 actor", "操作 action", "记录 record", "原因 reason"])
            for view in events { table.add([view.at, view.actor, view.action, "\(view.entity) \(view.key)", view.reason ?? ""]) }
            CLIContext.current.print(table.render())
            paging.printFooter(events, countZh: "条记录", countEn: "event(s)", json: false)
        }
    }
}
