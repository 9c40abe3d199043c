import Foundation
import Hummingbird
import Domain
import Services
import Store

/// Institutions and evaluation bodies: the bureau sees them all, a clerk or an examiner their own
/// (the Store's scope). Fifty to a page, filtered by kind, district and part of the name.
extension WebApp {
    static let rowsPerPage = 50

    func addInstitutionRoutes(to router: Router<WebContext>) {
        router.get("/institutions") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = InstitutionListQuery(request)
            let number = PagingView.requestedPage(request.uri.queryParameters["page"].map(String.init))
            let (page, districts) = try await store { store in
                (try store.institutions(actor: actor, filter: query.filter, page: PageRequest(number: number, size: Self.rowsPerPage)),
                 try store.districts())
            }
            return pages.render("institutions", title: "机构", page: InstitutionListPage(
                rowsHTML: HTML(joining: page.rows.map { InstitutionRow($0).html }),
                kinds: InstitutionKind.allCases.map { KindOption(value: $0.rawValue, zh: $0.chineseName, selected: $0 == query.kind) },
                districts: districts.map { FormOption(value: $0.name, text: $0.name, selected: $0.name == query.district) },
                search: query.search,
                // The menu's rule: a link only to what the role may do; the Store still decides.
                mayAdd: actor.role == .bureau,
                exportHref: PagingView.href("/institutions.xlsx", query.parameters),
                paging: PagingView(page, path: "/institutions", filters: query.parameters)),
                context: context)
        }

        // 导出 Excel: every institution of the page's filter, the page's columns.
        router.get("/institutions.xlsx") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = InstitutionListQuery(request)
            let filter = query.filter
            return try await listingDownload(Self.institutionsLayout, name: DownloadName(chinese: "机构", ascii: "institutions"),
                                             details: [query.details], rows: { store in
                .pages { page in try store.institutions(actor: actor, filter: filter, page: page).mapRows(InstitutionRow.init) }
            })
        }

        router.get("/institutions/{id}") { _, context -> Response in
            let actor = try context.signedIn.user
            guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
            let institution = try await record { store in try store.institution(String(id), actor: actor) }
            return pages.render("institution", title: institution.name, page: InstitutionDetail(
                institution, mayEdit: actor.role == .bureau), context: context)
        }
    }
}

struct InstitutionListPage {
    /// The rows, made in Swift (`HTML`) as the other long lists' are.
    let rowsHTML: HTML
    let kinds: [KindOption]
    let districts: [FormOption]
    let search: String
    let mayAdd: Bool
    let exportHref: String
    let paging: PagingView
}

/// The institution list's filter, as the page's GET parameters give it: the page, its paging
/// links and its download read the same one.
struct InstitutionListQuery {
    let kind: InstitutionKind?
    let district: String?
    let search: String

    init(_ request: Request) {
        let query = request.uri.queryParameters
        kind = query["kind"].flatMap { InstitutionKind(rawValue: String($0)) }
        district = query["district"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        search = (query["q"].map(String.init) ?? "").trimmingWhitespace()
    }

    var filter: InstitutionFilter {
        InstitutionFilter(kind: kind, district: district, nameContaining: search.isEmpty ? nil : search)
    }

    var parameters: [(String, String)] {
        var parameters: [(String, String)] = []
        if let kind { parameters.append(("kind", kind.rawValue)) }
        if let district { parameters.append(("district", district)) }
        if !search.isEmpty { parameters.append(("q", search)) }
        return parameters
    }

    /// The line under the workbook's title that says which institutions it holds.
    var details: String {
        var parts: [String] = []
        if let kind { parts.append("类型 kind \(kind.chineseName) \(kind.rawValue)") }
        if let district { parts.append("镇街 district \(district)") }
        if !search.isEmpty { parts.append("名称含 name contains \(search)") }
        return parts.isEmpty ? "全部机构 All institutions" : "筛选 Filter：" + parts.joined(separator: "；")
    }
}

extension WebApp {
    static let institutionsLayout = ListingLayout<InstitutionRow>(title: "机构 Institutions", sheetName: "机构 Institutions", columns: [
        .integer("编号 ID") { Int($0.id) },
        .text("名称 Name") { $0.name },
        .text("类型 Kind") { $0.kindZh },
        .text("镇街 District") { $0.district },
        .text("统一社会信用代码 Credit code") { $0.creditCode },
    ])
}

struct KindOption {
    let value: String
    let zh: String
    let selected: Bool
}

struct InstitutionRow {
    let id: Int64
    let name: String
    let kindZh: String
    let district: String
    let creditCode: String

    init(_ institution: Institution) {
        id = institution.id ?? 0
        name = institution.name
        kindZh = institution.kind.chineseName
        district = institution.district
        creditCode = institution.creditCode ?? ""
    }

    /// The row of the list, each value escaped; rows follow one another line by line.
    var html: HTML {
        """
        <tr><td>\(id)</td><td><a href="/institutions/\(id)">\(name)</a></td><td>\(kindZh)</td><td>\(district)</td>\
        <td>\(creditCode)</td></tr>

        """
    }
}

/// One institution; its contact phone masked, as in every page.
struct InstitutionDetail {
    let name: String
    let kindZh: String
    let district: String
    let creditCode: String?
    let contactPerson: String?
    let contactPhone: String?
    let address: String?
    let issuer: String?
    /// Why an accepted credit code is still in doubt (an early pilot code failing its check).
    let creditCodeWarning: FormMessage?
    let editHref: String?

    init(_ institution: Institution, mayEdit: Bool) {
        name = institution.name
        kindZh = institution.kind.chineseName
        district = institution.district
        creditCode = institution.creditCode
        contactPerson = institution.contactPerson
        contactPhone = institution.contactPhone.map(Masking.phone)
        address = institution.address
        issuer = institution.certificateIssuer?.prefix
        creditCodeWarning = institution.creditCode.flatMap { try? CreditCode.parse($0) }?.warnings.first
            .map { FormMessage(Rejection($0.chinese, $0.english)) }
        editHref = mayEdit ? "/institutions/\(institution.id!)/edit" : nil
    }
}
