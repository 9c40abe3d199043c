import HTTPTypes
import Hummingbird

/// Settles whose address a request comes from before anything counts it (the sign-in throttle)
/// or logs it: the connection's own, or, through a trusted proxy, the one it forwarded.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let trusted: TrustedProxies

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        context.address = trusted.clientAddress(peer: context.remoteAddress?.ipAddress,
                                                forwardedFor: request.headers[values: Self.forwardedFor]) ?? "unknown"
        return try await next(request, context)
    }
}
