import Foundation
import Hummingbird
import Domain
import Services
import Store

/// Subsidy claims (以证定补) of a clerk's institution. For a period: what `skillcert cert claims`
/// would claim (each certificate and its amount) and what it leaves off and why, then recording
/// the claim as `cert claims --record` does; beside it, what `skillcert apprentice claims` works
/// out for each enterprise of her list (computed, not recorded, as in the CLI). The claim sheets
/// are downloads (SubsidyClaimWorkbook), IDs masked. Another institution's claim or enterprise is
/// the same 404 as a missing one; examiners are refused (403).
extension WebApp {
    func addClaimRoutes(to router: Router<WebContext>) {
        router.get("/claims") { request, context -> Response in
            let actor = try context.signedIn.user
            let typed = request.uri.queryParameters["period"].map(String.init) ?? ""
            return try await claimsPage(actor: actor, typed: typed, errors: FormErrors(), context: context)
        }

        router.post("/claims") { _, context -> Response in
            let actor = try context.signedIn.user
            let typed = context.form.text("period")
            do {
                let period = try Self.claimPeriod(typed)
                let institutionId = try Self.claimingInstitution(actor)
                let claim = try await store { store in
                    try store.subsidyClaim(institutionId: institutionId, period: period.range, record: true, actor: actor)
                }
                return .redirect(to: "/claims/\(claim.id!)?done=recorded", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: [.period: "period"])
                return try await claimsPage(actor: actor, typed: typed, errors: errors, status: .badRequest, context: context)
            }
        }

        router.get("/claims/sheet.xlsx") { request, context -> Response in
            let actor = try context.signedIn.user
            let period = try Self.claimPeriod(request.uri.queryParameters["period"].map(String.init) ?? "")
            let institutionId = try Self.claimingInstitution(actor)
            return try await workbookDownload(name: DownloadName(chinese: "以证定补申领表（预览）\(period)", ascii: "subsidy-claim-preview-\(period)")) {
                store, _, url in
                _ = try CertificateReports(store: store).subsidyClaim(actor: actor, institutionId: institutionId, period: period.range,
                                                                     record: false, disclosure: .masked) { url }
            }
        }

        router.get("/claims/apprentices.xlsx") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = request.uri.queryParameters
            let period = try Self.claimPeriod(query["period"].map(String.init) ?? "")
            guard let enterpriseId = query["enterprise"].flatMap({ Int64(String($0)) }) else { throw WebError.notFound }
            let enterprise = try await store { store in try store.enterprise(id: enterpriseId, actor: actor).enterprise }
            return try await workbookDownload(name: DownloadName(chinese: "\(enterprise.name)学徒补贴申领表\(period)",
                                                                 ascii: "apprentice-claim-\(enterprise.creditCode)-\(period)")) { store, _, url in
                // Her list again, on the thread that writes: never another institution's enterprise.
                let enterpriseId = try store.enterprise(id: enterpriseId, actor: actor).enterprise.id!
                _ = try ApprenticeReports(store: store).claim(actor: actor, enterpriseId: enterpriseId, period: period.range,
                                                              disclosure: .masked) { url }
            }
        }

        router.get("/claims/{id}") { request, context -> Response in
            let actor = try context.signedIn.user
            guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
            let claim = try await store { store in try store.recordedSubsidyClaim(id: id, actor: actor) }
            return pages.render("claim", title: "以证定补申领 \(id)", page: RecordedClaimPage(
                claim, recorded: request.uri.queryParameters["done"] == "recorded"), context: context)
        }

        router.get("/claims/{id}/sheet.xlsx") { _, context -> Response in
            let actor = try context.signedIn.user
            guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
            // Refused or not found before a download starts: the usual 403 or 404 page.
            _ = try await store { store in try store.recordedSubsidyClaim(id: id, actor: actor) }
            return try await workbookDownload(name: DownloadName(chinese: "以证定补申领表（申领 \(id)）", ascii: "subsidy-claim-\(id)")) {
                store, _, url in
                _ = try CertificateReports(store: store).recordedClaimSheet(actor: actor, claimId: id, disclosure: .masked) { url }
            }
        }
    }

    /// The claims page: the period asked for, and for a valid one what can be claimed, what is
    /// left off, and the apprentice subsidies of her enterprises; her recorded claims below.
    private func claimsPage(actor: User, typed: String, errors: FormErrors, status: HTTPResponse.Status = .ok,
                            context: WebContext) async throws -> Response {
        var errors = errors
        var period: Period?
        if !typed.trimmingWhitespace().isEmpty {
            do { period = try Self.claimPeriod(typed) } catch { errors = try FormErrors(error, inputs: [.period: "period"]) }
        }
        let institutionId = actor.institutionId
        let chosen = period
        let (recorded, preview, apprentices) = try await store { store in
            let recorded = try store.recordedSubsidyClaims(actor: actor)
            guard let chosen, let institutionId else { return (recorded, nil as SubsidyClaim?, [ApprenticeClaim]()) }
            let preview = try store.subsidyClaim(institutionId: institutionId, period: chosen.range, record: false, actor: actor)
            let apprentices = try store.enterprises(actor: actor).rows.filter { $0.apprentices > 0 }.map {
                try store.apprenticeClaim(enterpriseId: $0.enterprise.id!, period: chosen.range, actor: actor)
            }.filter { !$0.lines.isEmpty }
            return (recorded, preview, apprentices)
        }
        return pages.render("claims", title: "补贴申领", page: ClaimsPage(
            typed: typed, period: period, errors: errors, preview: preview, apprentices: apprentices, recorded: recorded,
            forBureau: institutionId == nil),
                            status: errors.isEmpty ? status : .badRequest, context: context)
    }

    /// The period typed, as `--period` takes it (2026Q4, 2026).
    static func claimPeriod(_ typed: String) throws -> Period {
        do throws(Rejection) {
            return try Period.parse(typed)
        } catch {
            throw StoreError.invalid(FieldProblem(field: .period, value: typed, rule: error))
        }
    }

    /// A clerk claims for her own institution. The bureau claims for an institution from the
    /// command line (`cert claims --institution`); its pages show the recorded claims.
    static func claimingInstitution(_ actor: User) throws -> Int64 {
        if actor.role == .examiner {
            throw StoreError.notPermitted(action: "cert claims", reasonZh: "考评员不申领补贴", reasonEn: "examiners do not claim subsidies")
        }
        guard let id = actor.institutionId else { throw WebError.notFound }
        return id
    }
}

/// The claims page: a period, its preview, and the recorded claims.
struct ClaimsPage {
    let period: FormInput
    let general: [FormMessage]
    /// The period shown, normalised (`2026Q4`).
    let periodLabel: String?
    let preview: ClaimView?
    let apprentices: [ApprenticeClaimView]
    let noApprenticeClaims: Bool
    let recorded: [RecordedClaimRow]
    let sheetHref: String?
    /// The bureau reads every institution's recorded claims here and claims from the command line.
    let forBureau: Bool

    init(typed: String, period: Period?, errors: FormErrors, preview: SubsidyClaim?, apprentices: [ApprenticeClaim],
         recorded: [RecordedClaimSummary], forBureau: Bool) {
        self.forBureau = forBureau
        self.period = FormInput("period", field: .period, value: typed, errors: errors, required: true,
                                hintZh: "证书发证所在的季度或年度，如 2026Q4 或 2026。",
                                hintEn: "The quarter or year the certificates were issued in, e.g. 2026Q4 or 2026.")
        general = errors.general
        let shown = errors.isEmpty ? period : nil
        periodLabel = shown?.description
        self.preview = shown == nil ? nil : preview.map(ClaimView.init)
        self.apprentices = shown == nil ? [] : apprentices.map { ApprenticeClaimView($0, period: shown!) }
        noApprenticeClaims = self.apprentices.isEmpty
        self.recorded = recorded.map(RecordedClaimRow.init)
        sheetHref = shown.map { PagingView.href("/claims/sheet.xlsx", [("period", $0.description)]) }
    }
}

/// A claim's certificates and what is left off, as a page shows them.
struct ClaimView {
    let lines: [ClaimLineRow]
    let leftOff: [LeftOffRow]
    let count: Int
    let total: String
    let leftOffCount: Int
    let mayRecord: Bool

    init(_ claim: SubsidyClaim) {
        lines = claim.lines.map(ClaimLineRow.init)
        leftOff = claim.leftOff.map(LeftOffRow.init)
        count = lines.count
        total = claim.total.description
        leftOffCount = leftOff.count
        mayRecord = claim.id == nil && !claim.lines.isEmpty
    }
}

struct ClaimLineRow {
    let number: String
    let name: String
    let nationalId: String
    let target: String
    let issuedOn: String
    let claimableUntil: String
    let amount: String

    init(_ line: ClaimLine) {
        let certificate = line.certificate
        number = certificate.number
        name = certificate.name
        nationalId = Masking.nationalID(certificate.nationalId)
        target = certificate.targetName
        issuedOn = certificate.issuedOn
        claimableUntil = line.claimableUntil
        amount = line.amount.description
    }
}

struct LeftOffRow {
    let number: String
    let name: String
    let nationalId: String
    let target: String
    let issuedOn: String
    let reasonZh: String
    let reasonEn: String

    init(_ left: UnclaimableCertificate) {
        let certificate = left.certificate
        number = certificate.number
        name = certificate.name
        nationalId = Masking.nationalID(certificate.nationalId)
        target = certificate.targetName
        issuedOn = certificate.issuedOn
        (reasonZh, reasonEn) = left.reasonWords
    }
}

/// What an enterprise's apprentices are owed (or owe) for the period, as `apprentice claims` works it out.
struct ApprenticeClaimView {
    let enterprise: String
    let creditCode: String
    let lines: [Line]
    let total: String
    let sheetHref: String

    struct Line {
        let name: String
        let nationalId: String
        let kindZh: String
        let kindEn: String
        let on: String
        let amount: String
    }

    init(_ claim: ApprenticeClaim, period: Period) {
        enterprise = claim.enterprise.name
        creditCode = claim.enterprise.creditCode
        lines = claim.lines.map { line in
            let (zh, en): (String, String) = switch line.kind {
            case .advance: ("备案预付", "advance on filing")
            case .remainder: ("结业余额", "remainder on completion")
            case .owedBack: ("终止应退", "owed back on termination")
            }
            return Line(name: line.line.name, nationalId: Masking.nationalID(line.line.nationalId), kindZh: zh, kindEn: en,
                        on: line.on, amount: line.amount.description)
        }
        total = claim.total.description
        sheetHref = PagingView.href("/claims/apprentices.xlsx", [("enterprise", String(claim.enterprise.id!)), ("period", period.description)])
    }
}

/// A recorded claim in a list.
struct RecordedClaimRow {
    let id: Int64
    let institution: String
    let period: String
    let claimedOn: String
    let certificates: Int
    let total: String

    init(_ claim: RecordedClaimSummary) {
        id = claim.id
        institution = claim.institutionName
        period = "\(claim.period.start) 至 \(claim.period.end)"
        claimedOn = claim.claimedOn
        certificates = claim.certificates
        total = claim.total.description
    }
}

/// A recorded claim: its certificates, what its period leaves off, its sheet.
struct RecordedClaimPage {
    let id: Int64
    let institution: String
    let period: String
    let claimedOn: String
    let recorded: Bool
    let claim: ClaimView
    let sheetHref: String

    init(_ claim: SubsidyClaim, recorded: Bool) {
        id = claim.id!
        institution = claim.institution.name
        period = "\(claim.period.start) 至 \(claim.period.end)"
        claimedOn = claim.claimedOn
        self.recorded = recorded
        self.claim = ClaimView(claim)
        sheetHref = "/claims/\(claim.id!)/sheet.xlsx"
    }
}
