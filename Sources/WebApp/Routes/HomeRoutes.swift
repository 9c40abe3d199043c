import Hummingbird
import Domain
import Store

/// The home page, the style sheet, and the pages not built yet. A clerk's home page is her
/// desk: her classes, the sessions open for them, and what waits on her.
extension WebApp {
    func addHomeRoutes(to router: Router<WebContext>) {
        router.get("/") { request, context -> Response in
            let frame = PageFrame(context: context)
            var desk: DeskView?
            if let actor = context.session?.user, actor.role == .institution, !(context.session?.mustChangePassword ?? true) {
                let (found, catalog) = try await store { store in (try store.clerkDesk(actor: actor), try store.catalog()) }
                desk = DeskView(found, catalog: catalog)
            }
            return pages.render("home", title: "首页", page: HomePage(
                passwordChanged: request.uri.queryParameters["password"] == "changed",
                links: frame?.menu.flatMap(\.items).filter { $0.href != "/" } ?? [], desk: desk), context: context)
        }

        router.get("/static/site.css") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: pages.styleSheet))
        }
    }
}

struct HomePage {
    let passwordChanged: Bool
    let links: [MenuItem]
    /// A clerk's desk; nil for the bureau and examiners.
    let desk: DeskView?
}

/// A clerk's classes and what waits on her, as her home page shows them.
struct DeskView {
    struct StatusCount {
        let status: String
        let zh: String
        let en: String
        let count: Int
    }

    struct SessionRow {
        let examDate: String
        let target: String
        let body: String
        let registered: Int
        let capacity: Int
        /// Her classes that may register for it, and her candidates' tickets once she has some.
        let register: [RegisterLink]
        let ticketsHref: String?
    }

    struct RegisterLink {
        let href: String
        let name: String
        let completed: Int
    }

    struct RefusedImportRow {
        let cohortId: Int64
        let cohortName: String
        let fileName: String
        let at: String
        let imported: Int
        let rejected: Int
    }

    let byStatus: [StatusCount]
    let enrolled: Int
    let completed: Int
    let classes: [CohortRow]
    let sessions: [SessionRow]
    let overdue: [CohortRow]
    let refusedImports: [RefusedImportRow]
    /// Nothing overdue and no list with refused rows.
    let nothingWaiting: Bool

    init(_ desk: ClerkDesk, catalog: Catalog) {
        byStatus = CohortStatus.allCases.map {
            StatusCount(status: $0.rawValue, zh: $0.chineseName, en: $0.englishName, count: desk.classesByStatus[$0] ?? 0)
        }
        enrolled = desk.enrolled
        completed = desk.completed
        classes = desk.recentClasses.map { CohortRow($0, catalog: catalog) }
        sessions = desk.openSessions.map {
            let id = $0.session.id!
            return SessionRow(examDate: $0.session.examDate, target: $0.targetName, body: $0.bodyName, registered: $0.registered,
                              capacity: $0.capacity,
                              register: (desk.registrableClasses[id] ?? []).map {
                                  RegisterLink(href: "/cohorts/\($0.cohortId)/sessions/\(id)/register", name: $0.name, completed: $0.completed)
                              },
                              ticketsHref: (desk.ownCandidates[id] ?? 0) > 0 ? "/sessions/\(id)/tickets" : nil)
        }
        overdue = desk.overdueClasses.map { CohortRow($0, catalog: catalog) }
        refusedImports = desk.refusedImports.map {
            RefusedImportRow(cohortId: $0.cohortId, cohortName: $0.cohortName, fileName: $0.fileName, at: $0.at,
                             imported: $0.imported, rejected: $0.rejected)
        }
        nothingWaiting = overdue.isEmpty && refusedImports.isEmpty
    }
}
