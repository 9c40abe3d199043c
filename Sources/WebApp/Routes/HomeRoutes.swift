import Hummingbird

/// The home page, the style sheet, and the pages not built yet.
extension WebApp {
    func addHomeRoutes(to router: Router<WebContext>) {
        router.get("/") { request, context -> Response in
            let frame = PageFrame(context: context)
            return pages.render("home", title: "首页", page: HomePage(
                passwordChanged: request.uri.queryParameters["password"] == "changed",
                links: frame?.menu.filter { $0.href != "/" } ?? []), context: context)
        }

        router.get("/static/site.css") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                     body: .init(byteBuffer: pages.styleSheet))
        }

        // Menu entries whose pages later work fills in; they show nothing of the records yet.
        for item in ["/cohorts", "/persons", "/apprenticeships", "/sessions", "/results"] {
            router.get(RouterPath(stringLiteral: item)) { _, context -> Response in
                let entry = PageFrame(context: context)?.menu.first { $0.current }
                return pages.render("placeholder", title: entry?.zh ?? "建设中", page: PlaceholderPage(
                    zh: entry?.zh ?? "", en: entry?.en ?? ""), context: context)
            }
        }
    }
}

struct HomePage {
    let passwordChanged: Bool
    let links: [MenuItem]
}

struct PlaceholderPage {
    let zh: String
    let en: String
}
