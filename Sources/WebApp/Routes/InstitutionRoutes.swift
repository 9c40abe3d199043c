import Foundation
import Hummingbird
import Domain
import Store

/// Institutions and evaluation bodies: the bureau sees them all, a clerk or an examiner their own
/// (the Store's scope). Fifty to a page, filtered by kind.
extension WebApp {
    static let rowsPerPage = 50

    func addInstitutionRoutes(to router: Router<WebContext>) {
        router.get("/institutions") { request, context -> Response in
            let actor = try context.signedIn.user
            let kindText = request.uri.queryParameters["kind"].map(String.init) ?? ""
            let kind = InstitutionKind(rawValue: kindText)
            let number = PagingView.requestedPage(request.uri.queryParameters["page"].map(String.init))
            let page = try await store { store in
                try store.institutions(actor: actor, kind: kind, page: PageRequest(number: number, size: Self.rowsPerPage))
            }
            return pages.render("institutions", title: "机构", page: InstitutionListPage(
                rows: page.rows.map(InstitutionRow.init),
                kinds: InstitutionKind.allCases.map { KindOption(value: $0.rawValue, zh: $0.chineseName, selected: $0 == kind) },
                paging: PagingView(page, path: "/institutions", filters: kind.map { [("kind", $0.rawValue)] } ?? [])),
                context: context)
        }

        router.get("/institutions/{id}") { _, context -> Response in
            let actor = try context.signedIn.user
            guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
            let institution = try await record { store in try store.institution(String(id), actor: actor) }
            return pages.render("institution", title: institution.name, page: InstitutionDetail(institution), context: context)
        }
    }
}

struct InstitutionListPage {
    let rows: [InstitutionRow]
    let kinds: [KindOption]
    let paging: PagingView
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

    init(_ institution: Institution) {
        name = institution.name
        kindZh = institution.kind.chineseName
        district = institution.district
        creditCode = institution.creditCode
        contactPerson = institution.contactPerson
        contactPhone = institution.contactPhone.map(Masking.phone)
        address = institution.address
        issuer = institution.certificateIssuer?.prefix
    }
}
