import Hummingbird

/// Headers every response carries: pages come only from this server (no other site's script,
/// no framing), are not kept in shared caches, and their type is never sniffed.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        if response.headers[.cacheControl] == nil {
            // Pages hold personal data: not kept by the browser's back button or any proxy.
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
