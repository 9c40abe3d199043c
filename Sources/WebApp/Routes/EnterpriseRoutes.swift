import Hummingbird
import Domain
import Store

/// Enterprises (企业) by their 统一社会信用代码: a clerk's list (those she recorded or found on
/// file, and those her apprentices are with), recording one with the same checks as
/// `skillcert enterprise add`, and one enterprise with her apprentices there. An early pilot code
/// that fails its check is kept, with the CLI's warning shown on the enterprise's page. Another
/// institution's enterprise is the same 404 as a missing one; examiners are refused (403).
extension WebApp {
    func addEnterpriseRoutes(to router: Router<WebContext>) {
        router.get("/enterprises") { request, context -> Response in
            let actor = try context.signedIn.user
            let number = PagingView.requestedPage(request.uri.queryParameters["page"].map(String.init))
            let page = try await store { store in
                try store.enterprises(actor: actor, page: PageRequest(number: number, size: Self.rowsPerPage))
            }
            return pages.render("enterprises", title: "企业", page: EnterpriseListPage(
                rows: page.rows.map(EnterpriseRow.init), paging: PagingView(page, path: "/enterprises", filters: [])), context: context)
        }

        router.get("/enterprises/new") { _, context -> Response in
            let actor = try context.signedIn.user
            // Refused before the form is shown, as the post would be.
            _ = try await store { store in try store.enterprises(actor: actor, page: PageRequest(number: 1, size: 1)) }
            let catalog = try await store { store in try store.catalog() }
            return enterpriseForm(EnterpriseFormPage(typed: FormFields(), catalog: catalog, errors: FormErrors()), context: context)
        }

        router.post("/enterprises") { _, context -> Response in
            let actor = try context.signedIn.user
            let form = context.form
            do {
                let code: CreditCodeParse
                do throws(Rejection) {
                    code = try CreditCode.parse(form.text("creditCode"))
                } catch {
                    throw StoreError.invalid(FieldProblem(field: .creditCode, value: form.text("creditCode"), rule: error))
                }
                let enterprise = try await store { store in
                    try store.addEnterprise(creditCode: code, name: form.text("name"), district: form.text("district"), actor: actor)
                }
                return .redirect(to: "/enterprises/\(enterprise.id!)?done=added", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: EnterpriseFormPage.inputs, place: EnterpriseFormPage.place)
                let catalog = try await store { store in try store.catalog() }
                return enterpriseForm(EnterpriseFormPage(typed: form, catalog: catalog, errors: errors), status: .badRequest, context: context)
            }
        }

        router.get("/enterprises/{id}") { request, context -> Response in
            let actor = try context.signedIn.user
            guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
            let (summary, apprentices) = try await store { store in
                (try store.enterprise(id: id, actor: actor),
                 try store.apprenticeships(actor: actor, filter: ApprenticeshipListFilter(enterpriseId: id),
                                           page: PageRequest(number: 1, size: Self.rowsPerPage)))
            }
            let added = request.uri.queryParameters["done"] == "added"
            return pages.render("enterprise", title: summary.enterprise.name,
                                page: EnterprisePage(summary, apprentices: apprentices, added: added), context: context)
        }
    }

    private func enterpriseForm(_ page: EnterpriseFormPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("enterprise-form", title: "登记企业", page: page, status: status, context: context)
    }
}

struct EnterpriseListPage {
    let rows: [EnterpriseRow]
    let paging: PagingView
}

/// One enterprise in a list.
struct EnterpriseRow {
    let id: Int64
    let name: String
    let creditCode: String
    let district: String
    /// The code failed its check and was kept as an early pilot code.
    let pilotCode: Bool
    let apprentices: Int

    init(_ summary: EnterpriseSummary) {
        let enterprise = summary.enterprise
        id = enterprise.id!
        name = enterprise.name
        creditCode = enterprise.creditCode
        district = enterprise.district
        pilotCode = enterprise.creditCodeWarning != nil
        apprentices = summary.apprentices
    }
}

/// An enterprise, the pilot-code warning as the CLI prints it, and the clerk's apprentices there.
struct EnterprisePage {
    let row: EnterpriseRow
    let added: Bool
    /// `注意 Warning: 中文 / English`, as `skillcert enterprise add` prints it.
    let warnings: [String]
    let apprentices: [ApprenticeRow]
    let more: Bool
    let apprenticesHref: String
    let rosterHref: String

    init(_ summary: EnterpriseSummary, apprentices: Page<ApprenticeshipLine>, added: Bool) {
        row = EnterpriseRow(summary)
        self.added = added
        warnings = ((try? CreditCode.parse(summary.enterprise.creditCode))?.warnings ?? [])
            .map { "注意 Warning: \($0.chinese) / \($0.english)" }
        self.apprentices = apprentices.rows.map(ApprenticeRow.init)
        more = apprentices.hasMore
        apprenticesHref = PagingView.href("/apprenticeships", [("enterprise", String(row.id))])
        rosterHref = PagingView.href("/apprenticeships/roster.xlsx", [("enterprise", String(row.id))])
    }
}

/// The form that records an enterprise: the fields of `skillcert enterprise add`.
struct EnterpriseFormPage {
    let refused: Bool
    let general: [FormMessage]
    let creditCode: FormInput
    let name: FormInput
    let district: FormInput

    static let inputs: [Field: String] = [.creditCode: "creditCode", .enterpriseName: "name", .district: "district"]

    init(typed form: FormFields, catalog: Catalog, errors: FormErrors) {
        refused = !errors.isEmpty
        general = errors.general
        creditCode = FormInput("creditCode", field: .creditCode, value: form.text("creditCode"), errors: errors, required: true,
                               hintZh: "18 位，见营业执照；已有记录的企业将加入本机构的企业列表。",
                               hintEn: "18 characters, on the business licence; an enterprise already on file joins your list.")
        name = FormInput("name", field: .enterpriseName, value: form.text("name"), errors: errors, required: true)
        let chosen = form.text("district")
        district = FormInput("district", field: .district, value: chosen, errors: errors, required: true,
                             options: [.choose] + catalog.districts.map { FormOption(value: $0.name, text: $0.name, selected: $0.name == chosen) })
    }

    /// A code already on the clerk's list is the code's refusal.
    static func place(_ error: StoreError) -> String? {
        if case .duplicate(let kind, _) = error, kind == "企业" { return "creditCode" }
        return nil
    }
}
