import Hummingbird
import Domain
import Services
import Store

/// The audit trail, newest first, fifty to a page, filtered by user, action, record and days;
/// its before and after masked. `/audit.xlsx` is the same filter's every row as a workbook. The
/// Store lets only the bureau read the trail; its refusal of anyone else is the 403 page.
extension WebApp {
    func addAuditRoutes(to router: Router<WebContext>) {
        router.get("/audit") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = AuditQuery(request)
            let number = PagingView.requestedPage(request.uri.queryParameters["page"].map(String.init))
            let shown = try await store { store -> AuditShown in
                let trail = AuditTrail(store: store)
                // First, so that anyone but the bureau is refused whatever the filter says: the
                // choices' read makes the Store's desk check, so no separate check is needed.
                let choices = try trail.choices(actor: actor)
                do {
                    let page = try trail.list(actor: actor, filter: try query.filter(), page: PageRequest(number: number, size: Self.rowsPerPage))
                    return AuditShown(choices: choices, page: page, problem: nil)
                } catch let problem as FieldProblem {
                    return AuditShown(choices: choices, page: nil, problem: problem)
                } catch StoreError.invalid(let problem) {
                    return AuditShown(choices: choices, page: nil, problem: problem)
                }
            }
            return pages.render("audit", title: "审计", page: AuditPage(query: query, shown: shown),
                                status: shown.problem == nil ? .ok : .badRequest, context: context)
        }

        router.get("/audit.xlsx") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = AuditQuery(request)
            let filter: AuditFilter
            do {
                filter = try query.filter()
            } catch {
                // Whoever may not read the trail is refused as such, whatever the filter says.
                try await store { store in try store.requireDesk(.auditTrail, actor: actor) }
                throw error
            }
            return try await listingDownload(Self.auditLayout, name: DownloadName(chinese: "审计记录", ascii: "audit-trail"),
                                             details: query.details, rows: { store in
                .stream { each in try AuditTrail(store: store).each(actor: actor, filter: filter, each) }
            })
        }
    }

    /// The trail's workbook: the page's columns, with before and after in full.
    static let auditLayout = ListingLayout<AuditView>(title: "审计记录 Audit trail", sheetName: "审计记录 Audit trail", columns: [
        .text("时间（北京时间） At (China time)") { BureauTime.shown($0.at) },
        .text("用户 User") { $0.actor },
        .text("角色 Role") { AuditRow.roleName($0.role) },
        .text("操作 Action") { $0.action },
        .text("对象 Record") { $0.entity },
        .text("键 Key") { $0.key },
        .text("修改前 Before") { $0.before },
        .text("修改后 After") { $0.after },
        .text("原因 Reason") { $0.reason },
    ])
}

/// The filter as the browser sent it (`?user=…&action=…&entity=…&key=…&from=…&to=…`), kept
/// as typed so that the form shows it back and every page link and the download carry it.
struct AuditQuery: Sendable {
    let user: String
    let action: String
    let entity: String
    let key: String
    let from: String
    let to: String

    init(_ request: Request) {
        func value(_ name: String) -> String {
            (request.uri.queryParameters[Substring(name)].map(String.init) ?? "").trimmingWhitespace()
        }
        user = value("user")
        action = value("action")
        entity = value("entity")
        key = value("key")
        from = value("from")
        to = value("to")
    }

    /// The non-empty fields, in the form's order, for links.
    var parameters: [(String, String)] {
        [("user", user), ("action", action), ("entity", entity), ("key", key), ("from", from), ("to", to)].filter { !$0.1.isEmpty }
    }

    /// The Store's filter; a day that is not a date, or a key without the table it belongs to,
    /// is refused naming the field.
    func filter() throws -> AuditFilter {
        func day(_ text: String, _ field: Field) throws -> CivilDate? {
            guard !text.isEmpty else { return nil }
            do { return try CivilDate.parse(text) } catch { throw FieldProblem(field: field, value: text, rule: error) }
        }
        if !key.isEmpty && entity.isEmpty {
            throw FieldProblem(field: .column("键 Key"), value: key, rule: Rejection(
                "请同时选择对象：同一个键在不同的表里指不同的记录", "choose the record's table too: a key names different records in different tables"))
        }
        return AuditFilter(actorLogin: user, action: action, entity: entity, key: key,
                           from: try day(from, .startDate), through: try day(to, .endDate))
    }

    /// What the listing holds, for the line under a workbook's title.
    var details: [String] {
        var parts: [String] = []
        if !user.isEmpty { parts.append("用户 user \(user)") }
        if !action.isEmpty { parts.append("操作 action \(action)") }
        if !entity.isEmpty { parts.append("对象 record \(entity)\(key.isEmpty ? "" : " \(key)")") }
        if !from.isEmpty || !to.isEmpty { parts.append("日期 dates \(from.isEmpty ? "…" : from) 至 to \(to.isEmpty ? "…" : to)") }
        let filter = parts.isEmpty ? "全部记录 All events" : "筛选 Filter：" + parts.joined(separator: "；")
        return [filter + "。时间为北京时间 Times are China Standard Time."]
    }
}

/// What the Store answered for a page of the trail: the choices of the filter, and the page or
/// the problem with the filter.
struct AuditShown: Sendable {
    let choices: AuditChoices
    let page: Page<AuditView>?
    let problem: FieldProblem?
}

struct AuditPage {
    let user: String
    let key: String
    let from: String
    let to: String
    let actions: [ChoiceOption]
    let entities: [ChoiceOption]
    let problemZh: String?
    let problemEn: String?
    /// The fifty rows, made in Swift (`HTML`): through the templates they were half the page's time.
    let rowsHTML: HTML
    let paging: PagingView?
    let exportHref: String

    init(query: AuditQuery, shown: AuditShown) {
        user = query.user
        key = query.key
        from = query.from
        to = query.to
        actions = ChoiceOption.list(shown.choices.actions, selected: query.action)
        entities = ChoiceOption.list(shown.choices.entities, selected: query.entity)
        problemZh = shown.problem?.chinese
        problemEn = shown.problem?.english
        rowsHTML = HTML(joining: (shown.page?.rows ?? []).map { AuditRow($0).html })
        paging = shown.page.map { PagingView($0, path: "/audit", filters: query.parameters) }
        exportHref = PagingView.href("/audit.xlsx", query.parameters)
    }
}

/// An entry of a filter's drop-down.
struct ChoiceOption {
    let value: String
    let selected: Bool

    /// The values on file, and the one asked for even when none is on file, so that the form
    /// shows what it filtered by.
    static func list(_ values: [String], selected: String) -> [ChoiceOption] {
        let all = values.contains(selected) || selected.isEmpty ? values : values + [selected]
        return all.map { ChoiceOption(value: $0, selected: $0 == selected) }
    }
}

struct AuditRow {
    let at: String
    let actor: String
    let role: String
    let action: String
    let entity: String
    let key: String
    /// Blank when the event has none.
    let before: String
    let after: String
    let reason: String

    /// A snapshot longer than this shows its start on the page; the workbook has it whole.
    static let shownLength = 300

    init(_ view: AuditView) {
        at = BureauTime.shown(view.at)
        actor = view.actor
        role = Self.roleName(view.role)
        action = view.action
        entity = view.entity
        key = view.key
        before = view.before.map(Self.shortened) ?? ""
        after = view.after.map(Self.shortened) ?? ""
        reason = view.reason ?? ""
    }

    /// The row of the table, each value escaped; rows follow one another line by line.
    var html: HTML {
        """
        <tr><td>\(at)</td><td>\(actor)</td><td>\(role)</td><td>\(action)</td><td>\(entity)</td><td>\(key)</td>\
        <td class="snapshot">\(before)</td><td class="snapshot">\(after)</td><td>\(reason)</td></tr>

        """
    }

    static func roleName(_ role: String) -> String {
        Role(rawValue: role).map { "\($0.chineseName) \($0.rawValue)" } ?? role
    }

    private static func shortened(_ text: String) -> String {
        // Counting characters reads the whole text; one no longer in bytes than the limit is within it.
        text.utf8.count > shownLength && text.count > shownLength ? text.prefix(shownLength) + "…" : text
    }
}
