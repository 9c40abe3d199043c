import Foundation
import Hummingbird
import Mustache
import Domain
import Store

/// The Mustache templates (in the target's `Templates` folder) and the one way a page is made:
/// the page's own values inside the frame of who is signed in. Mustache escapes every value
/// it prints, so a name like `<script>` or `{{x}}` shows as the text it is.
struct Pages: Sendable {
    let library: MustacheLibrary
    /// The style sheet, read once: served by the app itself, no other site involved.
    let styleSheet: ByteBuffer
    /// The menu of each role with each of its entries current (or none), rendered once (`menu`):
    /// the same on every page, where it was some eighty look-ups of swift-mustache's each time.
    let menus: [MenuKey: HTML]

    struct MenuKey: Hashable {
        let role: Role
        let current: String?
    }

    static func load() async throws -> Pages {
        guard let resources = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        let templates = resources.appendingPathComponent("Templates")
        let css = resources.appendingPathComponent("Static/site.css")
        // Before the templates are read: their `CONTENT_TYPE: HTML` pragma is looked up then.
        HTMLEscaping.register()
        let library = try await MustacheLibrary(directory: templates.path)
        var menus: [MenuKey: HTML] = [:]
        for role in Role.allCases {
            let groups = MenuGroup.groups(for: role)
            for current in [nil] + groups.flatMap(\.items).map(\.href) {
                guard let menu = HTML.rendered("menu", with: ["menu": groups.map { $0.marked(current: current) }], by: library) else {
                    throw CocoaError(.fileReadCorruptFile)
                }
                menus[MenuKey(role: role, current: current)] = menu
            }
        }
        return Pages(library: library, styleSheet: ByteBuffer(data: try Data(contentsOf: css)), menus: menus)
    }

    /// Renders `template` with `page` (a struct whose properties the template names) in the frame.
    func render(_ template: String, title: String, page: Any = [String: String](), status: HTTPResponse.Status = .ok,
                context: WebContext) -> Response {
        let data = PageData(title: title, frame: PageFrame(context: context, menus: menus), csrf: context.session?.csrfToken ?? "",
                            page: TemplateValues.converted(page) ?? page)
        guard let html = library.render(data, withTemplate: template) else {
            return Response(status: .internalServerError)
        }
        return Self.html(html, status: status)
    }

    /// A refusal or failure, its message in both languages.
    func problem(_ status: HTTPResponse.Status, headingZh: String, headingEn: String, error: any BilingualError,
                 context: WebContext) -> Response {
        render("problem", title: headingZh, page: ProblemPage(headingZh: headingZh, headingEn: headingEn,
                                                               chinese: error.chinese, english: error.english),
               status: status, context: context)
    }

    /// The one page for anything not found, whether missing or out of the user's scope.
    func notFound(context: WebContext) -> Response {
        problem(.notFound, headingZh: "找不到", headingEn: "Not found",
                error: Rejection("没有这个页面或记录。", "there is no such page or record."), context: context)
    }

    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// What every template sees at its top level.
struct PageData {
    let title: String
    /// Nil when nobody is signed in (the sign-in page).
    let frame: PageFrame?
    /// For the hidden `_csrf` field of the page's forms.
    let csrf: String
    /// The page's own values, made into dictionaries once (`TemplateValues`).
    let page: Any
}

struct ProblemPage {
    let headingZh: String
    let headingEn: String
    let chinese: String
    let english: String
}
