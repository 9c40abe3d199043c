import ArgumentParser
import Foundation
import Domain
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
        @Option(help: "Only events on this table (persons, institutions, users, catalog).") var entity: String?
        @Option(help: "Only events on this record key.") var key: String?

        func run() throws {
            let store = try global.openStore()
            let events = try store.auditEvents(actor: try global.actor(in: store), entity: entity, key: key, page: paging.request)
            let views = events.map(AuditView.init)
            if listing.json {
                CLIContext.current.print(try jsonText(views))
                paging.printFooter(events, countZh: "条记录", countEn: "event(s)", json: true)
                return
            }
            var table = TextTable(["时间 at", "用户 actor", "操作 action", "记录 record", "原因 reason"])
            for view in views { table.add([view.at, view.actor, view.action, "\(view.entity) \(view.key)", view.reason ?? ""]) }
            CLIContext.current.print(table.render())
            paging.printFooter(events, countZh: "条记录", countEn: "event(s)", json: false)
        }
    }
}

/// An audit event for display: the national IDs and phones inside the before/after snapshots
/// are masked like everywhere else.
struct AuditView: Encodable {
    let at: String
    let actor: String
    let action: String
    let entity: String
    let key: String
    let before: String?
    let after: String?
    let reason: String?

    init(_ event: AuditEvent) {
        at = event.at
        actor = event.actorLogin
        action = event.action
        entity = event.entity
        key = event.entityKey
        before = event.before.map(AuditView.masked)
        after = event.after.map(AuditView.masked)
        reason = event.reason
    }

    /// Masks the values of personal-data keys in a JSON snapshot.
    static func masked(_ json: String) -> String {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return json }
        for (key, mask) in [("national_id", Masking.nationalID), ("phone", Masking.phone), ("contact_phone", Masking.phone)] {
            if let value = object[key] as? String { object[key] = mask(value) }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return json }
        return String(decoding: data, as: UTF8.self)
    }
}
