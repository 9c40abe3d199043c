import Hummingbird
import Store

/// The audit trail, newest first, fifty to a page. The Store lets only the bureau read it; its
/// refusal of anyone else is the 403 page. The records' before and after are not shown here.
extension WebApp {
    func addAuditRoutes(to router: Router<WebContext>) {
        router.get("/audit") { request, context -> Response in
            let actor = try context.signedIn.user
            let number = PagingView.requestedPage(request.uri.queryParameters["page"].map(String.init))
            let page = try await store { store in
                try store.auditEvents(actor: actor, page: PageRequest(number: number, size: Self.rowsPerPage))
            }
            return pages.render("audit", title: "审计", page: AuditPage(
                rows: page.rows.map(AuditRow.init), paging: PagingView(page, path: "/audit", filters: [])), context: context)
        }
    }
}

struct AuditPage {
    let rows: [AuditRow]
    let paging: PagingView
}

struct AuditRow {
    let at: String
    let actor: String
    let role: String
    let action: String
    let entity: String
    let key: String

    init(_ event: AuditEvent) {
        at = event.at
        actor = event.actorLogin
        role = event.actorRole
        action = event.action
        entity = event.entity
        key = event.entityKey
    }
}
