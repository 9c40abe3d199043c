import Foundation
import Hummingbird
import Services
import Store

/// The public verification page (证书查验), open without signing in: a certificate number (the
/// QR code of a printed certificate fills it in) with the holder's name, and optionally national
/// ID, answered valid, revoked or no match. Lookups are limited per address, and every answer
/// takes at least the same time, so that timing does not tell whether a number exists.
extension WebApp {
    /// Lookups one address may make in `PublicLookupLimit.window`.
    static let publicLookupLimit = PublicLookupLimit(lookups: 10, window: .seconds(600))
    /// No answer comes sooner than this after the request arrived.
    static let publicAnswerFloor = Duration.milliseconds(300)

    func addVerifyRoutes(to router: Router<WebContext>) {
        let limiter = PublicLookupLimiter(limit: Self.publicLookupLimit)

        router.get("/verify") { request, context -> Response in
            let number = request.uri.queryParameters["number"].map(String.init) ?? ""
            return verifyPage(request: request, form: VerifyForm(number: number), context: context)
        }

        router.post("/verify") { request, context -> Response in
            let deadline = ContinuousClock.now + Self.publicAnswerFloor
            let form = VerifyForm(number: context.form.text("number"), name: context.form.text("name"),
                                  nationalId: context.form.text("id"))
            let response: Response
            if await limiter.admit(context.address) {
                let answer = try await store { store in
                    try PublicVerification(store: store).lookup(number: form.number, name: form.name, nationalId: form.nationalId)
                }
                let status: HTTPResponse.Status = if case .unusable = answer { .badRequest } else { .ok }
                response = verifyPage(request: request, form: form, answer: VerifyAnswerView(answer), status: status, context: context)
            } else {
                response = verifyPage(request: request, form: form, answer: .limited, status: .tooManyRequests, context: context)
            }
            try? await Task.sleep(until: deadline, clock: .continuous)
            return response
        }
    }

    /// The form, with its token: the session's when signed in, otherwise one in the sign-in
    /// cookie as on the sign-in page (kept when the browser already holds one).
    private func verifyPage(request: Request, form: VerifyForm, answer: VerifyAnswerView? = nil, status: HTTPResponse.Status = .ok,
                            context: WebContext) -> Response {
        let held = request.cookies[SessionCookies.signInName]?.value ?? ""
        let token = context.session?.csrfToken
            ?? (held.wholeMatch(of: /[0-9a-f]{64}/) != nil ? held : Accounts.randomHex(bytes: 32))
        var response = pages.render("verify", title: "证书查验", page: VerifyPage(token: token, form: form, answer: answer),
                                    status: status, context: context)
        if context.session == nil { response.setCookie(cookies.signIn(token)) }
        return response
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

struct VerifyForm: Sendable {
    var number = ""
    var name = ""
    var nationalId = ""
}

struct VerifyPage {
    let token: String
    let form: VerifyForm
    let answer: VerifyAnswerView?
}

/// The answer as the template shows it.
struct VerifyAnswerView {
    var valid = false
    var revoked = false
    var noMatch = false
    var limited = false
    var problemZh: String?
    var problemEn: String?
    var facts: PublicCertificateFacts?
    var revokedOn: String?
    var revocationReason: String?

    static let limited = VerifyAnswerView(limited: true)

    init(valid: Bool = false, revoked: Bool = false, noMatch: Bool = false, limited: Bool = false) {
        self.valid = valid
        self.revoked = revoked
        self.noMatch = noMatch
        self.limited = limited
    }

    init(_ answer: PublicVerificationAnswer) {
        switch answer {
        case .valid(let facts):
            valid = true
            self.facts = facts
        case .revoked(let facts, let on, let reason):
            revoked = true
            self.facts = facts
            revokedOn = on
            revocationReason = reason
        case .noMatch:
            noMatch = true
        case .unusable(let rule):
            problemZh = rule.chinese
            problemEn = rule.english
        }
    }
}
