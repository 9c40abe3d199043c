import Hummingbird
import Services
import Store

/// Finds the session behind the browser's cookie and keeps everything but the sign-in page
/// and the style sheet for signed-in users. Until an initial password is changed, the only
/// pages open are the password page and signing out.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let app: WebApp

    /// The sign-in page and the public pages: certificate verification (`/verify`, a ticket's QR
    /// address `/verify/ticket/…`) and candidate self-service (`/candidate…`).
    static func isPublic(_ path: String) -> Bool {
        path == "/signin" || path == "/verify" || path.hasPrefix("/verify/") || path == "/candidate" || path.hasPrefix("/candidate/")
    }
    static let openWhileMustChange: Set<String> = ["/password", "/signout"]

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        // The style sheet is the same for everyone: no database work for it.
        if path.hasPrefix("/static/") { return try await next(request, context) }
        var context = context
        context.currentPath = path
        if let token = request.cookies[SessionCookies.sessionName]?.value, !token.isEmpty {
            let accounts = app.accounts
            if case .active(let session) = try await app.store({ store in try accounts.resume(token: token, store: store) }) {
                context.session = session
                context.sessionToken = token
            }
        }
        if Self.isPublic(path) { return try await next(request, context) }
        guard let session = context.session else {
            var response = Response.redirect(to: "/signin", type: .normal)
            if request.cookies[SessionCookies.sessionName] != nil {
                // An expired or ended session: the browser forgets its cookie.
                response.setCookie(app.cookies.cleared(SessionCookies.sessionName))
            }
            return response
        }
        if session.mustChangePassword && !Self.openWhileMustChange.contains(path) {
            return .redirect(to: "/password", type: .normal)
        }
        return try await next(request, context)
    }
}
