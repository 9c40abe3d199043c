import Foundation
import Hummingbird
import Domain
import Store

/// Institutions and evaluation bodies: the bureau sees them all, a clerk or an examiner their own
/// (the Store's scope). Fifty to a page, filtered by kind, district and part of the name.
extension WebApp {
    static let rowsPerPage = 50

    func addInstitutionRoutes(to router: Router<WebContext>) {
        router.get("/institutions") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = request.uri.queryParameters
            let kind = query["kind"].flatMap { InstitutionKind(rawValue: String($0)) }
            let district = query["district"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
            let search = (query["q"].map(String.init) ?? "").trimmingWhitespace()
            let filter = InstitutionFilter(kind: kind, district: district, nameContaining: search.isEmpty ? nil : search)
            let number = PagingView.requestedPage(query["page"].map(String.init))
            let (page, districts) = try await store { store in
                (try store.institutions(actor: actor, filter: filter, page: PageRequest(number: number, size: Self.rowsPerPage)),
                 try store.districts())
            }
            var filters: [(String, String)] = []
            if let kind { filters.append(("kind", kind.rawValue)) }
            if let district { filters.append(("district", district)) }
            if !search.isEmpty { filters.append(("q", search)) }
            return pages.render("institutions", title: "机构", page: InstitutionListPage(
                rows: page.rows.map(InstitutionRow.init),
                kinds: InstitutionKind.allCases.map { KindOption(value: $0.rawValue, zh: $0.chineseName, selected: $0 == kind) },
                districts: districts.map { FormOption(value: $0.name, text: $0.name, selected: $0.name == district) },
                search: search,
                // The menu's rule: a link only to what the role may do; the Store still decides.
                mayAdd: actor.role == .bureau,
                paging: PagingView(page, path: "/institutions", filters: filters)),
                context: context)
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
    let rows: [InstitutionRow]
    let kinds: [KindOption]
    let districts: [FormOption]
    let search: String
    let mayAdd: Bool
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
