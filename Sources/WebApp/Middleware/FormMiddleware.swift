import Hummingbird
import Services

/// Reads a POST's form and refuses it unless it brings back the token of the page that showed
/// it: the session's token once signed in, the sign-in cookie's token on the sign-in page. A
/// page of another site cannot know either, so it cannot make a signed-in browser act.
struct FormMiddleware: RouterMiddleware {
    typealias Context = WebContext

    static let tokenField = "_csrf"

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        var context = context
        let contentType = request.headers[.contentType] ?? ""
        // A file upload is left unread for its route, which streams it to disk and checks the
        // token in it (`UploadReceiver`): only the routes named `…/upload` take one.
        if Self.takesFile(request.uri.path), contentType.lowercased().hasPrefix("multipart/form-data") {
            return try await next(request, context)
        }
        guard contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else { throw WebError.formTokenRefused }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        context.form = FormFields(urlEncoded: String(buffer: body))
        let expected = context.session?.csrfToken ?? request.cookies[SessionCookies.signInName]?.value ?? ""
        guard Accounts.tokensMatch(context.form.text(Self.tokenField), expected) else { throw WebError.formTokenRefused }
        return try await next(request, context)
    }

    /// The upload routes: the only ones whose posts may carry a file.
    static func takesFile(_ path: String) -> Bool { path.split(separator: "/").last == "upload" }
}
