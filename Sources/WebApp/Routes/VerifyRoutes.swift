import Foundation
import Hummingbird
import Services
import Store

/// The public verification page (证书查验), open without signing in: a certificate number (the
/// QR code of a printed certificate fills it in) with the holder's name, and optionally national
/// ID, answered valid, revoked or no match. Lookups are limited per address, and every answer
/// takes at least the same time, so that timing does not tell whether a number exists
/// (`PublicLookups`, shared with candidate self-service).
extension WebApp {
    func addVerifyRoutes(to router: Router<WebContext>) {
        router.get("/verify") { request, context -> Response in
            let number = request.uri.queryParameters["number"].map(String.init) ?? ""
            return verifyPage(request: request, form: VerifyForm(number: number), context: context)
        }

        router.post("/verify") { request, context -> Response in
            let form = VerifyForm(number: context.form.text("number"), name: context.form.text("name"),
                                  nationalId: context.form.text("id"))
            return try await publicLookups.answer(from: context.address) {
                let answer: PublicVerificationAnswer
                do {
                    answer = try await PublicVerification.lookup(number: form.number, name: form.name, nationalId: form.nationalId,
                                                                 register: certificateRegister, on: threads)
                } catch let unavailable as RegisterUnavailable {
                    // The province's database cannot be reached: said plainly, and nothing about the
                    // number. The log names the register and why, never the number, name or ID typed.
                    context.logger.error("verification register unavailable: \(unavailable.register): \(unavailable.underlying)")
                    return verifyPage(request: request, form: form, answer: .unavailable, status: .serviceUnavailable, context: context)
                }
                let status: HTTPResponse.Status = if case .unusable = answer { .badRequest } else { .ok }
                return verifyPage(request: request, form: form, answer: VerifyAnswerView(answer), status: status, context: context)
            } refused: {
                verifyPage(request: request, form: form, answer: .limited, status: .tooManyRequests, context: context)
            }
        }
    }

    private func verifyPage(request: Request, form: VerifyForm, answer: VerifyAnswerView? = nil, status: HTTPResponse.Status = .ok,
                            context: WebContext) -> Response {
        publicPage(request: request, context: context) { token in
            pages.render("verify", title: "证书查验", page: VerifyPage(token: token, form: form, answer: answer),
                         status: status, context: context)
        }
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
    /// The register `--province-pg` named cannot be reached.
    var unavailable = false
    var problemZh: String?
    var problemEn: String?
    var facts: PublicCertificateFacts?
    var revokedOn: String?
    var revocationReason: String?

    static let limited = VerifyAnswerView(limited: true)
    static let unavailable = VerifyAnswerView(unavailable: true)

    init(valid: Bool = false, revoked: Bool = false, noMatch: Bool = false, limited: Bool = false, unavailable: Bool = false) {
        self.valid = valid
        self.revoked = revoked
        self.noMatch = noMatch
        self.limited = limited
        self.unavailable = unavailable
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
