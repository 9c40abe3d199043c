import Foundation
import Hummingbird
import Domain
import Services
import Store

/// The apprentice subsidy claims (学徒补贴申领) of a quarter or year, as the bureau works through
/// them: every enterprise with items in the period (advances on filing, remainders on completion,
/// sums owed back on termination), 50 a page with the figures of all of them, and each
/// enterprise's claim sheet, the workbook `skillcert apprentice claims` writes, masked (whole IDs
/// for a reason, audited). A clerk sees the same page for her institution's apprenticeships
/// only; another institution's enterprise is the same 404 as a missing one. Examiners are
/// refused (403) by the Store.
extension WebApp {
    func addApprenticeClaimListRoutes(to router: Router<WebContext>) {
        router.get("/apprenticeships/claims") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = request.uri.queryParameters
            let typed = query["period"].map(String.init) ?? ""
            // Whoever may not see the claims is refused as such, with or without a period.
            try await store { store in try store.requireDesk(.apprenticeClaims, actor: actor) }
            var errors = FormErrors()
            var period: Period?
            if !typed.trimmingWhitespace().isEmpty {
                do { period = try Self.claimPeriod(typed) } catch { errors = try FormErrors(error, inputs: [.period: "period"]) }
            }
            var claims: ApprenticeClaimsOfPeriod?
            if let period {
                let page = PageRequest(number: PagingView.requestedPage(query["page"].map(String.init)), size: Self.rowsPerPage)
                let list = try await store { store in try store.apprenticeClaimList(period: period.range, actor: actor, page: page) }
                claims = ApprenticeClaimsOfPeriod(period: period, list: list)
            }
            return pages.render("apprentice-claims", title: "学徒补贴申领",
                                page: ApprenticeClaimListPage(typed: typed, errors: errors, claims: claims),
                                status: errors.isEmpty ? .ok : .badRequest, context: context)
        }

        addDisclosableDownload("/apprenticeships/claims/{enterprise}/sheet", to: router) { request, context in
            let actor = try context.signedIn.user
            guard let enterpriseId = context.parameters.get("enterprise", as: Int64.self) else { throw WebError.notFound }
            let period = try Self.claimPeriod(request.uri.queryParameters["period"].map(String.init) ?? "")
            // Out of her list: the 404 page before any form or file.
            let enterprise = try await store { store in try store.enterprise(id: enterpriseId, actor: actor).enterprise }
            return DisclosableDownload(
                titleZh: "\(enterprise.name) 学徒补贴申领表 \(period)", titleEn: "Apprentice subsidy claim sheet",
                name: DownloadName(chinese: "\(enterprise.name)学徒补贴申领表\(period)", ascii: "apprentice-claim-\(enterprise.creditCode)-\(period)"),
                back: PagingView.href("/apprenticeships/claims", [("period", period.description)]),
                write: { store, disclosure, url in
                    _ = try ApprenticeReports(store: store).claim(actor: actor, enterpriseId: enterpriseId, period: period.range,
                                                                  disclosure: disclosure) { url }
                })
        }
    }
}

/// A period's claims as the Store listed them.
struct ApprenticeClaimsOfPeriod {
    let period: Period
    let list: ApprenticeClaimList
}

/// The period form and, for a valid period, the enterprises with claim items.
struct ApprenticeClaimListPage {
    let period: FormInput
    let general: [FormMessage]
    let periodLabel: String?
    let rows: [ApprenticeClaimListRow]
    let enterprises: Int
    let items: Int
    let total: String
    let paging: PagingView?
    let listed: Bool

    /// `claims` nil: no period yet, or `errors` says what is wrong with the one typed.
    init(typed: String, errors: FormErrors, claims: ApprenticeClaimsOfPeriod?) {
        period = FormInput("period", field: .period, value: typed, errors: errors, required: true,
                           hintZh: "备案、结业或终止所在的季度或年度，如 2026Q4 或 2026。",
                           hintEn: "The quarter or year of the filings, completions or terminations, e.g. 2026Q4 or 2026.")
        general = errors.general
        guard let claims else {
            periodLabel = nil
            rows = []
            enterprises = 0
            items = 0
            total = ""
            paging = nil
            listed = false
            return
        }
        let label = claims.period.description
        periodLabel = label
        rows = claims.list.page.rows.map { ApprenticeClaimListRow($0, period: claims.period) }
        enterprises = claims.list.page.total
        items = claims.list.items
        total = claims.list.total.description
        paging = PagingView(claims.list.page, path: "/apprenticeships/claims", filters: [("period", label)])
        listed = true
    }
}

/// An enterprise's figures for the period, with its claim sheet.
struct ApprenticeClaimListRow {
    let enterprise: String
    let creditCode: String
    let institutions: String
    let items: Int
    let advances: String
    let remainders: String
    let owedBack: String
    let total: String
    let sheetHref: String
    let wholeHref: String

    init(_ summary: ApprenticeClaimSummary, period: Period) {
        enterprise = summary.enterprise.name
        creditCode = summary.enterprise.creditCode
        institutions = summary.institutionNames.joined(separator: "、")
        items = summary.items
        advances = summary.advances.description
        remainders = summary.remainders.description
        owedBack = summary.owedBack.description
        total = summary.total.description
        let path = "/apprenticeships/claims/\(summary.enterpriseId)/sheet"
        sheetHref = PagingView.href(path, [("period", period.description)])
        wholeHref = PagingView.href(path + "/whole", [("period", period.description)])
    }
}
