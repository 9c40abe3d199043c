import Hummingbird
import NIOCore
import Store

/// What a request carries through the middleware to its route: the browser's address, its
/// session once resolved, and the fields of a posted form once read.
struct WebContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    /// The signed-in session, set by `SessionMiddleware`.
    var session: WebSession?
    /// The cookie's token of that session (needed to sign out).
    var sessionToken: String?
    /// The request's path, for the menu to mark where the user is.
    var currentPath = "/"
    /// A POST's form fields, read (and their CSRF token checked) by `FormMiddleware`.
    var form = FormFields()

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
        address = remoteAddress?.ipAddress ?? "unknown"
    }

    /// Forms are small: a page's fields, never a file (uploads get their own limit).
    var maxUploadSize: Int { 256 * 1024 }

    /// The client's address, which throttling counts failures against and the log shows: the
    /// connection's until `ClientAddressMiddleware` settles it (behind a trusted proxy, the
    /// address the proxy forwarded).
    var address: String

    /// The session of a route behind `SessionMiddleware`, which lets nobody through without one.
    var signedIn: WebSession {
        get throws {
            guard let session else { throw HTTPError(.unauthorized) }
            return session
        }
    }
}
