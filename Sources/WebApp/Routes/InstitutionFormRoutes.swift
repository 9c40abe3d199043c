import Hummingbird
import Domain
import Services
import Store

/// The bureau adds and changes institutions and evaluation bodies. The forms' choices come from
/// the Store, which refuses them to anyone but the bureau (the 403 page); recording goes through
/// the same `InstitutionRegistration` as `skillcert institution add` and `update`, with every
/// check it makes. A refused form comes back with what was typed and each refusal beside its field.
extension WebApp {
    func addInstitutionFormRoutes(to router: Router<WebContext>) {
        router.get("/institutions/new") { _, context -> Response in
            let actor = try context.signedIn.user
            let districts = try await store { store in try store.institutionFormChoices(actor: actor, editing: false) }
            return institutionForm(InstitutionFormPage(adding: InstitutionEntry(province: "44"), districts: districts,
                                                       errors: FormErrors()), context: context)
        }

        router.post("/institutions") { _, context -> Response in
            let actor = try context.signedIn.user
            let districts = try await store { store in try store.institutionFormChoices(actor: actor, editing: false) }
            let entry = InstitutionFormPage.entry(context.form, adding: true)
            do {
                let recorded = try await store { store in try InstitutionRegistration(store: store).add(entry, actor: actor) }
                return .redirect(to: "/institutions/\(recorded.institution.id!)", type: .normal)
            } catch {
                let errors = try InstitutionFormPage.errors(error, entry: entry)
                return institutionForm(InstitutionFormPage(adding: entry, districts: districts, errors: errors),
                                       status: .badRequest, context: context)
            }
        }

        router.get("/institutions/{id}/edit") { _, context -> Response in
            let actor = try context.signedIn.user
            let institution = try await editedInstitution(context)
            let districts = try await store { store in try store.institutionFormChoices(actor: actor, editing: true) }
            return institutionForm(InstitutionFormPage(editing: institution, entry: InstitutionFormPage.entry(institution),
                                                       districts: districts, errors: FormErrors()), context: context)
        }

        router.post("/institutions/{id}") { _, context -> Response in
            let actor = try context.signedIn.user
            let institution = try await editedInstitution(context)
            let districts = try await store { store in try store.institutionFormChoices(actor: actor, editing: true) }
            let entry = InstitutionFormPage.entry(context.form, adding: false)
            let id = institution.id!
            do {
                _ = try await store { store in try InstitutionRegistration(store: store).update(id: id, entry, actor: actor) }
                return .redirect(to: "/institutions/\(id)", type: .normal)
            } catch {
                let errors = try InstitutionFormPage.errors(error, entry: entry)
                return institutionForm(InstitutionFormPage(editing: institution, entry: entry, districts: districts, errors: errors),
                                       status: .badRequest, context: context)
            }
        }
    }

    /// The institution an edit is about: another institution's is the same 404 as a missing one.
    private func editedInstitution(_ context: WebContext) async throws -> Institution {
        let actor = try context.signedIn.user
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
        return try await record { store in try store.institution(String(id), actor: actor) }
    }

    private func institutionForm(_ page: InstitutionFormPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("institution-form", title: page.headingZh, page: page, status: status, context: context)
    }
}

/// The form that adds an institution (every field) or changes one (its name, district, credit
/// code and contact details: the kind and an evaluation body's number parts stay, as its
/// certificates carry them).
struct InstitutionFormPage {
    let headingZh: String
    let headingEn: String
    let action: String
    let cancelHref: String
    let adding: Bool
    let general: [FormMessage]
    let refused: Bool
    let name: FormInput
    let kind: FormInput
    /// The kind of the institution changed, shown not edited.
    let kindZh: String?
    let issuerPrefix: String?
    let district: FormInput
    let creditCode: FormInput
    let contactPerson: FormInput
    let contactPhone: FormInput
    let address: FormInput
    let bodyKind: FormInput
    let bodyCode: FormInput
    let province: FormInput
    let site: FormInput

    /// The input of each field the Store and Domain may refuse.
    static let inputs: [Field: String] = [
        .institutionName: "name", .institutionKind: "kind", .district: "district", .creditCode: "credit_code",
        .contactPhone: "contact_phone", .bodyKind: "body_kind", .bodyCode: "body_code", .provinceCode: "province",
        .siteSequence: "site",
    ]

    init(adding entry: InstitutionEntry, districts: [District], errors: FormErrors) {
        self.init(heading: ("添加机构", "Add an institution"), action: "/institutions", cancelHref: "/institutions",
                  adding: true, kindZh: nil, issuerPrefix: nil, entry: entry, districts: districts, errors: errors,
                  phoneHint: nil)
    }

    init(editing institution: Institution, entry: InstitutionEntry, districts: [District], errors: FormErrors) {
        let masked = institution.contactPhone.map(Masking.phone)
        self.init(heading: ("修改机构", "Change an institution"), action: "/institutions/\(institution.id!)",
                  cancelHref: "/institutions/\(institution.id!)", adding: false, kindZh: institution.kind.chineseName,
                  issuerPrefix: institution.certificateIssuer?.prefix, entry: entry, districts: districts, errors: errors,
                  phoneHint: masked.map { ("现为 \($0)，留空则不变。", "Now \($0); leave empty to keep it.") })
    }

    private init(heading: (String, String), action: String, cancelHref: String, adding: Bool, kindZh: String?,
                 issuerPrefix: String?, entry: InstitutionEntry, districts: [District], errors: FormErrors,
                 phoneHint: (String, String)?) {
        headingZh = heading.0
        headingEn = heading.1
        self.action = action
        self.cancelHref = cancelHref
        self.adding = adding
        general = errors.general
        refused = !errors.isEmpty
        self.kindZh = kindZh
        self.issuerPrefix = issuerPrefix
        name = FormInput("name", field: .institutionName, value: entry.name ?? "", errors: errors, required: true)
        kind = FormInput("kind", field: .institutionKind, value: entry.kind ?? "", errors: errors, required: true,
                         options: [.choose] + InstitutionKind.allCases.map {
                             FormOption(value: $0.rawValue, text: "\($0.chineseName) \($0.rawValue)", selected: $0.rawValue == entry.kind)
                         })
        district = FormInput("district", field: .district, value: entry.district ?? "", errors: errors, required: true,
                             options: [.choose] + districts.map {
                                 FormOption(value: $0.name, text: $0.name, selected: $0.name == entry.district?.trimmingWhitespace())
                             })
        creditCode = FormInput("credit_code", field: .creditCode, value: entry.creditCode ?? "", errors: errors,
                               hintZh: "18 位；没有可不填。", hintEn: "18 characters; leave empty if there is none.")
        contactPerson = FormInput("contact_person", labelZh: "联系人", labelEn: "Contact person", value: entry.contactPerson ?? "",
                                  errors: errors)
        contactPhone = FormInput("contact_phone", field: .contactPhone, value: entry.contactPhone ?? "", errors: errors, type: "tel",
                                 hintZh: phoneHint?.0 ?? "手机号或带区号的固定电话，如 0760-88881234。",
                                 hintEn: phoneHint?.1 ?? "A mobile number or a fixed line with its area code, e.g. 0760-88881234.")
        address = FormInput("address", labelZh: "地址", labelEn: "Address", value: entry.address ?? "", errors: errors)
        bodyKind = FormInput("body_kind", field: .bodyKind, value: entry.bodyKind ?? "", errors: errors,
                             hintZh: "Y（用人单位）或 S（社会培训评价组织）。", hintEn: "Y (employer) or S (social organisation).")
        bodyCode = FormInput("body_code", field: .bodyCode, value: entry.bodyCode ?? "", errors: errors,
                             hintZh: "4 位数字；在省厅备案的为 0000。", hintEn: "4 digits; 0000 when filed with the province.")
        province = FormInput("province", field: .provinceCode, value: entry.province ?? "", errors: errors,
                             hintZh: "2 位数字，广东为 44。", hintEn: "2 digits, 44 for Guangdong.")
        site = FormInput("site", field: .siteSequence, value: entry.site ?? "", errors: errors,
                         hintZh: "省厅分配的 6 位序号。", hintEn: "The 6-digit sequence the province assigned.")
    }

    /// What the form posted. Adding takes every field as typed; changing takes the fields the
    /// edit form has, and an empty phone (the form never shows the whole number) keeps it.
    static func entry(_ form: FormFields, adding: Bool) -> InstitutionEntry {
        var entry = InstitutionEntry(name: form.text("name"), district: form.text("district"), creditCode: form.text("credit_code"),
                                     contactPerson: form.text("contact_person"), contactPhone: form.text("contact_phone"),
                                     address: form.text("address"))
        if adding {
            entry.kind = form.text("kind")
            entry.bodyKind = form.text("body_kind")
            entry.bodyCode = form.text("body_code")
            entry.province = form.text("province")
            entry.site = form.text("site")
        } else if form.text("contact_phone").trimmingWhitespace().isEmpty {
            entry.contactPhone = nil
        }
        return entry
    }

    /// The institution's fields as the edit form starts: its phone is not among them.
    static func entry(_ institution: Institution) -> InstitutionEntry {
        InstitutionEntry(name: institution.name, district: institution.district, creditCode: institution.creditCode ?? "",
                         contactPerson: institution.contactPerson ?? "", contactPhone: "", address: institution.address ?? "")
    }

    /// A refusal placed beside its input; a duplicate is the name's or the credit code's,
    /// whichever the Store found taken.
    static func errors(_ error: any Error, entry: InstitutionEntry) throws -> FormErrors {
        try FormErrors(error, inputs: inputs, place: { error in
            guard case .duplicate(_, let key) = error else { return nil }
            return key == entry.name?.trimmingWhitespace() ? "name" : "credit_code"
        })
    }
}
