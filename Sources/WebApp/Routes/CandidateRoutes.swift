import Foundation
import Hummingbird
import Domain
import Services
import Store

/// Candidate self-service (考生自助查询), open without an account: national ID, name and a ticket
/// (or certificate) number, posted with the page's token so that the ID never sits in an address
/// or the request log, show that person's registrations, marks once published, re-check windows,
/// certificates and their own tickets as PDF. A wrong ID, name or number gives one answer. The
/// per-address limit and time floor are those of `/verify` (`PublicLookups`).
///
/// A ticket's QR code holds `/verify/ticket/<number>`: it opens this form with the number filled
/// in, and says nothing about the ticket or its holder until the ID and name are given.
extension WebApp {
    static let candidateGrantCookie = "skillcert_candidate"

    func addCandidateRoutes(to router: Router<WebContext>) {
        router.get("/candidate") { request, context -> Response in
            candidatePage(request: request, form: CandidateForm(), context: context)
        }

        router.get("/verify/ticket/{number}") { request, context -> Response in
            let number = context.parameters.get("number") ?? ""
            return candidatePage(request: request, form: CandidateForm(number: number, fromTicket: true), context: context)
        }

        router.post("/candidate") { request, context -> Response in
            let typedId = context.form.text("id")
            let form = CandidateForm(number: context.form.text("number"), name: context.form.text("name"))
            return try await publicLookups.answer(from: context.address) {
                let answer = try await store { store in
                    try CandidateSelfService(store: store).lookup(nationalId: typedId, name: form.name, number: form.number)
                }
                switch answer {
                case .found(let record):
                    let token = await candidateGrants.grant(personId: record.personId)
                    var response = candidatePage(request: request, form: form, answer: CandidateAnswerView(record, maskedId: Masking.nationalID(
                        typedId.trimmingWhitespace().uppercased())), context: context)
                    response.setCookie(Cookie(name: Self.candidateGrantCookie, value: token,
                                              maxAge: Int(CandidateGrants.lifetime.components.seconds), path: "/candidate",
                                              secure: cookies.secure, httpOnly: true, sameSite: .strict))
                    return response
                case .noMatch:
                    return candidatePage(request: request, form: form, answer: CandidateAnswerView(noMatch: true), context: context)
                case .unusable(let rule):
                    return candidatePage(request: request, form: form, answer: CandidateAnswerView(problem: rule), status: .badRequest,
                                         context: context)
                }
            } refused: {
                candidatePage(request: request, form: form, answer: CandidateAnswerView(limited: true), status: .tooManyRequests,
                              context: context)
            }
        }

        // The person's own ticket, while the lookup's grant lasts: that ticket alone, ID masked.
        router.get("/candidate/ticket.pdf") { request, context -> Response in
            let token = request.cookies[Self.candidateGrantCookie]?.value ?? ""
            guard let personId = await candidateGrants.person(for: token) else { return .redirect(to: "/candidate", type: .normal) }
            let ticket = request.uri.queryParameters["ticket"].map(String.init) ?? ""
            let address = publicAddress ?? requestAddress(request)
            // A ticket that is not this person's is the 404 page, as the Store refuses it.
            let name = DownloadName(chinese: "准考证-\(ticketFileNamePart(ticket))", ascii: "ticket", format: .pdf)
            return try await workbookDownload(name: name) { store, _, url in
                _ = try CandidateSelfService(store: store).ticketPDF(personId: personId, ticket: ticket, address: address, to: { url })
            }
        }
    }

    private func candidatePage(request: Request, form: CandidateForm, answer: CandidateAnswerView? = nil,
                               status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        publicPage(request: request, context: context) { token in
            var response = pages.render("candidate", title: "考生自助查询", page: CandidatePage(token: token, form: form, answer: answer),
                                        status: status, context: context)
            // What it shows is one person's: never kept by a shared cache or the browser's history.
            response.headers[.cacheControl] = "private, no-store"
            return response
        }
    }
}

/// What the form shows again: never the national ID, which is typed each time.
struct CandidateForm: Sendable {
    var number = ""
    var name = ""
    /// Opened from a ticket's QR code.
    var fromTicket = false
}

struct CandidatePage {
    let token: String
    let form: CandidateForm
    let answer: CandidateAnswerView?
}

/// The answer as the template shows it.
struct CandidateAnswerView {
    struct Seat {
        let partZh: String
        let partEn: String
        let room: String
        let seat: Int
    }

    struct Mark {
        let partZh: String
        let partEn: String
        let mark: String
        let standingZh: String
        let standingEn: String
    }

    struct Registration {
        let ticket: String
        let examDate: String
        let target: String
        let body: String
        let institution: String?
        let statusZh: String
        let statusEn: String
        let seats: [Seat]
        let pdfHref: String
        /// Marks, once the results are locked; nil before, when the page says they are not published.
        let marks: [Mark]?
        let hasMarks: Bool
        let notPublished: Bool
        let passed: Bool
        let failed: Bool
        let recheckDeadline: String?
        let recheckOpen: Bool
        let recheckClosed: Bool
        let askAt: String
        let recheckRequestedOn: String?
        let recheckOutcomeZh: String?
        let recheckOutcomeEn: String?
    }

    struct Certificate {
        let number: String
        let certified: String
        let issuedOn: String
        let body: String
        let revokedOn: String?
        let revocationReason: String?
        let valid: Bool
    }

    var found = false
    var name = ""
    var maskedId = ""
    var registrations: [Registration] = []
    var hasRegistrations = false
    var certificates: [Certificate] = []
    var hasCertificates = false
    var noMatch = false
    var limited = false
    var problemZh: String?
    var problemEn: String?

    init(noMatch: Bool = false, limited: Bool = false, problem: Rejection? = nil) {
        self.noMatch = noMatch
        self.limited = limited
        problemZh = problem?.chinese
        problemEn = problem?.english
    }

    init(_ record: CandidateRecord, maskedId: String) {
        found = true
        name = record.name
        self.maskedId = maskedId
        registrations = record.registrations.map { registration in
            let marks = registration.results.map { results in
                results.parts.map { part in
                    let (mark, zh, en) = Self.standing(part.standing)
                    return Mark(partZh: part.part.chineseName, partEn: part.part.rawValue, mark: mark, standingZh: zh, standingEn: en)
                }
            }
            let deadline = registration.recheckDeadline
            let recheckOpen = registration.recheckOpen
            let recheck = registration.recheck
            return Registration(
                ticket: registration.ticketNumber, examDate: registration.examDate, target: registration.targetName,
                body: registration.bodyName, institution: registration.institutionName,
                statusZh: registration.status.chineseName, statusEn: registration.status.englishName,
                seats: registration.seats.map { Seat(partZh: $0.part.chineseName, partEn: $0.part.rawValue, room: $0.roomName, seat: $0.seat) },
                pdfHref: "/candidate/ticket.pdf?ticket=\(registration.ticketNumber.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
                marks: marks, hasMarks: !(marks ?? []).isEmpty, notPublished: marks == nil,
                passed: registration.results?.passed == true, failed: registration.results.map { !$0.passed } ?? false,
                recheckDeadline: deadline?.description, recheckOpen: recheckOpen && recheck == nil,
                recheckClosed: deadline != nil && !recheckOpen && recheck == nil,
                askAt: registration.institutionName ?? registration.bodyName,
                recheckRequestedOn: recheck?.requestedOn,
                recheckOutcomeZh: recheck.map { $0.outcome == "amended" ? "成绩已更正" : $0.outcome == "unchanged" ? "成绩维持" : "复核中" },
                recheckOutcomeEn: recheck.map { $0.outcome == "amended" ? "mark amended" : $0.outcome == "unchanged" ? "marks stand" : "under re-check" })
        }
        hasRegistrations = !registrations.isEmpty
        certificates = record.certificates.map { line in
            Certificate(number: line.number, certified: line.targetName + (line.subTrade.map { "（\($0)）" } ?? ""),
                        issuedOn: line.issuedOn, body: line.bodyName, revokedOn: line.revokedOn,
                        revocationReason: line.revocationReason, valid: line.revokedOn == nil)
        }
        hasCertificates = !certificates.isEmpty
    }

    /// The mark, and how it stands.
    private static func standing(_ standing: PartStanding) -> (String, String, String) {
        switch standing {
        case .final(let mark, let passed): ("\(mark)", passed ? "合格" : "不合格", passed ? "passed" : "not passed")
        case .retained(let mark, let on): ("\(mark)", "前次合格保留（\(on)）", "kept from a pass on \(on)")
        case .notSat: ("—", "未参加", "not sat")
        case .awaitingSecondEntry, .mismatch, .notEntered: ("—", "待定", "pending")
        }
    }
}
