import Foundation
import Hummingbird
import Services

/// What the public pages that take a lookup (certificate verification, candidate self-service)
/// share: one per-address limit over all of them, so that moving from one page to the other
/// gives no more tries, and a floor under every answer's time, so that timing does not tell
/// whether a number, a person or a match exists.
extension WebApp {
    /// Lookups one address may make in `PublicLookupLimit.window`, on all public pages together.
    static let publicLookupLimit = PublicLookupLimit(lookups: 10, window: .seconds(600))
    /// No answer comes sooner than this after the request arrived.
    static let publicAnswerFloor = Duration.milliseconds(300)

    /// A public page with its form token: the session's when signed in, otherwise one in the
    /// sign-in cookie as on the sign-in page (kept when the browser already holds one).
    func publicPage(request: Request, context: WebContext, render: (_ token: String) -> Response) -> Response {
        let held = request.cookies[SessionCookies.signInName]?.value ?? ""
        let token = context.session?.csrfToken
            ?? (held.wholeMatch(of: /[0-9a-f]{64}/) != nil ? held : Accounts.randomHex(bytes: 32))
        var response = render(token)
        if context.session == nil { response.setCookie(cookies.signIn(token)) }
        return response
    }
}

/// The limiter and the time floor of the public lookups, one per server.
struct PublicLookups: Sendable {
    let limiter: PublicLookupLimiter
    let floor: Duration

    init(limit: PublicLookupLimit = WebApp.publicLookupLimit, floor: Duration = WebApp.publicAnswerFloor) {
        limiter = PublicLookupLimiter(limit: limit)
        self.floor = floor
    }

    /// `lookup`'s answer if `address` may look up now, else `refused`'s (a 429 page); either way
    /// not before the floor has passed since the call.
    func answer(from address: String, _ lookup: () async throws -> Response,
                refused: () -> Response) async throws -> Response {
        let deadline = ContinuousClock.now + floor
        let result: Result<Response, any Error>
        if await limiter.admit(address) {
            do { result = .success(try await lookup()) } catch { result = .failure(error) }
        } else {
            result = .success(refused())
        }
        try? await Task.sleep(until: deadline, clock: .continuous)
        return try result.get()
    }
}

/// How many lookups an address may make in a window.
struct PublicLookupLimit: Sendable {
    let lookups: Int
    let window: Duration
}

/// Counts each address's lookups over a sliding window, in this server process.
actor PublicLookupLimiter {
    private let limit: PublicLookupLimit
    private var recent: [String: [ContinuousClock.Instant]] = [:]

    init(limit: PublicLookupLimit) { self.limit = limit }

    /// Whether `address` may look up now; counts the lookup when it may.
    func admit(_ address: String, now: ContinuousClock.Instant = .now) -> Bool {
        let since = now - limit.window
        var times = (recent[address] ?? []).filter { $0 > since }
        let admitted = times.count < limit.lookups
        if admitted { times.append(now) }
        recent[address] = times
        // Addresses seen once long ago are forgotten, so the table does not grow without end.
        if recent.count > 10_000 { recent = recent.filter { $0.value.contains { $0 > since } } }
        return admitted
    }
}
