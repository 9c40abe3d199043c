import Foundation
import Hummingbird
import Domain
import Services
import Store

/// Enterprise new-type apprentices (企业新型学徒制) of a clerk's institution: the list fifty to a
/// page with its filters, registering one with the checks of `skillcert apprentice register`
/// (the catalog's occupations and levels as drop-downs, each refusal beside its field), one
/// apprenticeship with its plan, dates and subsidy as `apprentice show` works it out, and the
/// roster (学徒花名册) as a download. IDs masked everywhere. Another institution's apprenticeship
/// is the same 404 as a missing one; examiners are refused (403).
extension WebApp {
    /// Enterprises, apprentices and subsidy claims: a clerk's apprenticeship desk.
    func addApprenticeshipAreaRoutes(to router: Router<WebContext>) {
        addEnterpriseRoutes(to: router)
        addApprenticeRoutes(to: router)
        addClaimRoutes(to: router)
        addApprenticeFilingRoutes(to: router)
    }

    func addApprenticeRoutes(to router: Router<WebContext>) {
        router.get("/apprenticeships") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = ApprenticeQuery(request)
            let (page, enterprises, catalog) = try await store { store in
                (try store.apprenticeships(actor: actor, filter: query.filter, page: PageRequest(number: query.page, size: Self.rowsPerPage)),
                 try store.enterprises(actor: actor).rows, try store.catalog())
            }
            return pages.render("apprenticeships", title: "学徒", page: ApprenticeListPage(
                page, query: query, enterprises: enterprises, catalog: catalog, forBureau: actor.role == .bureau), context: context)
        }

        router.get("/apprenticeships/roster.xlsx") { request, context -> Response in
            let actor = try context.signedIn.user
            let enterpriseId = ApprenticeQuery(request).filter.enterpriseId
            let name = try await store { store in
                try enterpriseId.map { try store.enterprise(id: $0, actor: actor).enterprise.name }
            }
            return try await workbookDownload(name: DownloadName(chinese: (name ?? "") + "学徒花名册", ascii: "apprentice-roster")) { store, _, url in
                let enterprise = try enterpriseId.map { try store.enterprise(id: $0, actor: actor).enterprise }
                _ = try ApprenticeReports(store: store).roster(actor: actor, enterprise: enterprise, disclosure: .masked) { url }
            }
        }

        router.get("/apprenticeships/new") { _, context -> Response in
            let actor = try context.signedIn.user
            let choices = try await apprenticeChoices(actor)
            return apprenticeForm(ApprenticeFormPage(typed: FormFields(), choices: choices, errors: FormErrors()), context: context)
        }

        router.post("/apprenticeships") { _, context -> Response in
            let actor = try context.signedIn.user
            let choices = try await apprenticeChoices(actor)
            let form = context.form
            do {
                let registration = try ApprenticeFormPage.registration(form, choices: choices, today: threads.store.currentDay)
                let apprenticeship = try await store { store in
                    // Only an enterprise of her list: another institution's is, to her, not on file.
                    let enterprise = try store.enterprise(id: registration.enterpriseId, actor: actor).enterprise
                    return try store.registerApprenticeship(registration.plan, enterpriseId: enterprise.id!,
                                                            institutionId: registration.institutionId,
                                                            nationalId: registration.nationalId, actor: actor)
                }
                return .redirect(to: "/apprenticeships/\(apprenticeship.id!)?done=registered", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: ApprenticeFormPage.inputs, place: ApprenticeFormPage.place)
                return apprenticeForm(ApprenticeFormPage(typed: form, choices: choices, errors: errors), status: .badRequest, context: context)
            }
        }

        router.get("/apprenticeships/{id}") { request, context -> Response in
            let actor = try context.signedIn.user
            guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
            let (line, catalog) = try await store { store in (try store.apprenticeship(id: id, actor: actor), try store.catalog()) }
            return pages.render("apprenticeship", title: line.name, page: ApprenticePage(
                line, catalog: catalog, done: request.uri.queryParameters["done"].map(String.init), role: actor.role), context: context)
        }
    }

    /// What the registration form offers: the training parties the actor may name (her own
    /// institution; any for the bureau), the enterprises of her list, and the catalog.
    private func apprenticeChoices(_ actor: User) async throws -> ApprenticeChoices {
        try await store { store in
            // The Store's refusal of an examiner (403) comes first.
            let enterprises = try store.enterprises(actor: actor).rows.map(\.enterprise)
            let choices = try store.cohortFormChoices(actor: actor)
            return ApprenticeChoices(institutions: choices.institutions, enterprises: enterprises, catalog: choices.catalog)
        }
    }

    private func apprenticeForm(_ page: ApprenticeFormPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("apprenticeship-form", title: "登记学徒", page: page, status: status, context: context)
    }
}

/// The filters and page of the apprentice list, read from its query.
struct ApprenticeQuery {
    let filter: ApprenticeshipListFilter
    let page: Int

    init(_ request: Request) {
        let query = request.uri.queryParameters
        func chosen(_ name: String) -> String? {
            query[Substring(name)].map { String($0).trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        }
        filter = ApprenticeshipListFilter(status: chosen("status").flatMap(ApprenticeshipStatus.init(rawValue:)),
                                          enterpriseId: chosen("enterprise").flatMap { Int64($0) },
                                          occupationCode: chosen("occupation"), name: chosen("name"))
        page = PagingView.requestedPage(query["page"].map(String.init))
    }

    /// The filter as query pairs: for page links and the roster of the same enterprise.
    var pairs: [(String, String)] {
        var pairs: [(String, String)] = []
        if let status = filter.status { pairs.append(("status", status.rawValue)) }
        if let enterprise = filter.enterpriseId { pairs.append(("enterprise", String(enterprise))) }
        if let occupation = filter.occupationCode { pairs.append(("occupation", occupation)) }
        if let name = filter.name { pairs.append(("name", name)) }
        return pairs
    }
}

struct ApprenticeListPage {
    let rows: [ApprenticeRow]
    let statuses: [FormOption]
    let enterprises: [FormOption]
    let occupations: [FormOption]
    let name: String
    let paging: PagingView
    let rosterHref: String
    /// The bureau's list offers the filing list of a period.
    let forBureau: Bool

    init(_ page: Page<ApprenticeshipLine>, query: ApprenticeQuery, enterprises: [EnterpriseSummary], catalog: Catalog, forBureau: Bool = false) {
        self.forBureau = forBureau
        rows = page.rows.map(ApprenticeRow.init)
        let filter = query.filter
        statuses = ApprenticeshipStatus.allCases.map {
            FormOption(value: $0.rawValue, text: "\($0.chineseName) \($0.englishName)", selected: $0 == filter.status)
        }
        self.enterprises = enterprises.map {
            FormOption(value: String($0.enterprise.id!), text: $0.enterprise.name, selected: $0.enterprise.id == filter.enterpriseId)
        }
        occupations = catalog.occupations.map {
            FormOption(value: $0.code, text: "\($0.name) \($0.code)", selected: $0.code == filter.occupationCode)
        }
        name = filter.name ?? ""
        paging = PagingView(page, path: "/apprenticeships", filters: query.pairs)
        rosterHref = PagingView.href("/apprenticeships/roster.xlsx", filter.enterpriseId.map { [("enterprise", String($0))] } ?? [])
    }
}

/// One apprenticeship in a list: the ID masked.
struct ApprenticeRow {
    let id: Int64
    let name: String
    let nationalId: String
    let enterprise: String
    let occupation: String
    let level: String
    let dates: String
    let statusZh: String
    let statusEn: String

    init(_ line: ApprenticeshipLine) {
        let a = line.apprenticeship
        id = a.id!
        name = line.name
        nationalId = Masking.nationalID(line.nationalId)
        enterprise = line.enterpriseName
        occupation = line.occupationName
        level = (try? SkillLevel.parse(a.targetLevel)).map(\.chineseName) ?? a.targetLevel
        dates = "\(a.startDate) 至 \(a.endDate)"
        statusZh = a.status.chineseName
        statusEn = a.status.englishName
    }
}

/// One apprenticeship: its plan, the dates it moved on, and its subsidy as it stands today.
struct ApprenticePage {
    let row: ApprenticeRow
    let registered: Bool
    /// The step just taken (`ApprenticeStep`), and the steps the user may take now.
    let doneZh: String?
    let steps: [StepLink]

    struct StepLink {
        let href: String
        let zh: String
        let en: String
    }

    let enterpriseId: Int64
    let creditCode: String
    let institution: String
    let contract: String
    let plannedMonths: Int
    let extensionReason: String?
    let enterpriseMentor: String
    let institutionMentor: String
    let registeredAt: String
    let filedOn: String?
    let trainingStartedOn: String?
    let completedOn: String?
    let terminated: String?
    let yearlyRate: String
    let monthsTrained: Int
    let advance: String
    let due: String
    let owedBack: String

    init(_ line: ApprenticeshipLine, catalog: Catalog, done: String?, role: Role) {
        let a = line.apprenticeship
        row = ApprenticeRow(line)
        registered = done == "registered"
        doneZh = done.flatMap(ApprenticeStep.init(rawValue:)).map { "已\($0.zh)。 \($0.en): done." }
        steps = ApprenticeStep.offered(from: a.status, role: role).map {
            StepLink(href: "/apprenticeships/\(a.id!)/\($0.rawValue)", zh: $0.zh, en: $0.en)
        }
        enterpriseId = a.enterpriseId
        creditCode = line.creditCode
        institution = line.institutionName
        contract = "\(a.contractStart) 起 \(a.contractYears) 年 (from \(a.contractStart), \(a.contractYears) year(s))"
        extensionReason = a.extensionReason
        enterpriseMentor = a.enterpriseMentor
        institutionMentor = a.institutionMentor
        registeredAt = BureauTime.shown(a.createdAt)
        filedOn = a.filedOn
        trainingStartedOn = a.trainingStartedOn
        completedOn = a.completedOn
        terminated = a.terminatedOn.map { [$0, a.terminationReason].compactMap { $0 }.joined(separator: " · ") }
        let money = line.money
        plannedMonths = money.plannedMonths
        yearlyRate = money.yearlyRate.description
        monthsTrained = money.monthsTrained
        advance = money.advance.map(\.description) ?? "-"
        due = money.due.description
        owedBack = money.owedBack.description
    }
}

/// What the registration form chooses from.
struct ApprenticeChoices: Sendable {
    let institutions: [Institution]
    let enterprises: [Enterprise]
    let catalog: Catalog
}

/// A registration as the form gives it, checked for what was typed.
struct ApprenticeRegistration {
    let plan: ApprenticeshipPlan
    let enterpriseId: Int64
    let institutionId: Int64
    let nationalId: NationalID
}

/// The form that registers one apprentice: every value `skillcert apprentice register` takes.
struct ApprenticeFormPage {
    let refused: Bool
    let general: [FormMessage]
    let noEnterprise: Bool
    let institution: FormInput?
    let enterprise: FormInput
    let nationalId: FormInput
    let occupation: FormInput
    let level: FormInput
    let contractStart: FormInput
    let contractYears: FormInput
    let start: FormInput
    let end: FormInput
    let extensionReason: FormInput
    let enterpriseMentor: FormInput
    let institutionMentor: FormInput

    static let inputs: [Field: String] = [
        .institution: "institution", .listColumn(.enterprise): "enterprise", .nationalID: "nationalId", .occupation: "occupation", .level: "level",
        .contractStart: "contractStart", .contractYears: "contractYears", .startDate: "start", .endDate: "end",
        .extensionReason: "extensionReason", .enterpriseMentor: "enterpriseMentor", .institutionMentor: "institutionMentor",
    ]

    /// The levels an apprenticeship may target: 中级工 (4) up to 高级技师 (1).
    static let targetLevels: [SkillLevel] = SkillLevel.nationalLevels.filter { (SkillLevel.level4...SkillLevel.level1).contains($0) }

    init(typed form: FormFields, choices: ApprenticeChoices, errors: FormErrors) {
        refused = !errors.isEmpty
        general = errors.general + (choices.institutions.count > 1 ? [] : [errors["institution"]].compactMap { $0 })
        noEnterprise = choices.enterprises.isEmpty
        func options<T>(_ items: [T], chosen: String, value: (T) -> String, text: (T) -> String) -> [FormOption] {
            [.choose] + items.map { FormOption(value: value($0), text: text($0), selected: value($0) == chosen) }
        }
        institution = choices.institutions.count > 1
            ? FormInput("institution", labelZh: "培训机构", labelEn: "Training institution", value: form.text("institution"), errors: errors,
                        required: true, options: options(choices.institutions, chosen: form.text("institution"),
                                                         value: { String($0.id!) }, text: \.name))
            : nil
        enterprise = FormInput("enterprise", labelZh: "企业", labelEn: "Enterprise", value: form.text("enterprise"), errors: errors,
                               required: true, hintZh: "本机构企业列表中的企业。", hintEn: "An enterprise of your institution's list.",
                               options: options(choices.enterprises, chosen: form.text("enterprise"), value: { String($0.id!) },
                                                text: { "\($0.name) \($0.creditCode)" }))
        nationalId = FormInput("nationalId", field: .nationalID, value: form.text("nationalId"), errors: errors, required: true,
                               hintZh: "学徒须已有人员记录（逐人登记或经培训班名单导入）。",
                               hintEn: "The apprentice must be on file (registered, or through a cohort's list).")
        occupation = FormInput("occupation", field: .occupation, value: form.text("occupation"), errors: errors, required: true,
                               options: options(choices.catalog.occupations, chosen: form.text("occupation"), value: \.code,
                                                text: { "\($0.name) \($0.code)" }))
        level = FormInput("level", labelZh: "目标等级", labelEn: "Target level", value: form.text("level"), errors: errors, required: true,
                          options: options(Self.targetLevels, chosen: form.text("level"), value: \.code,
                                           text: { "\($0.chineseName) \($0.englishName)" }))
        contractStart = FormInput("contractStart", field: .contractStart, value: form.text("contractStart"), errors: errors, required: true,
                                  type: "date", hintZh: "年-月-日。", hintEn: "Year-month-day.")
        contractYears = FormInput("contractYears", field: .contractYears, value: form.text("contractYears"), errors: errors, required: true,
                                  type: "number", hintZh: "整数年。", hintEn: "Whole years.")
        start = FormInput("start", labelZh: "培养开始日期", labelEn: "Apprenticeship start", value: form.text("start"), errors: errors,
                          required: true, type: "date")
        end = FormInput("end", labelZh: "培养结束日期", labelEn: "Apprenticeship end", value: form.text("end"), errors: errors,
                        required: true, type: "date", hintZh: "培养期 1 至 2 年，超过 2 年须说明理由。",
                        hintEn: "One to two years; longer needs a reason.")
        extensionReason = FormInput("extensionReason", field: .extensionReason, value: form.text("extensionReason"), errors: errors,
                                    hintZh: "培养期超过 2 年时填写。", hintEn: "Only when it runs longer than two years.")
        enterpriseMentor = FormInput("enterpriseMentor", field: .enterpriseMentor, value: form.text("enterpriseMentor"), errors: errors,
                                     required: true)
        institutionMentor = FormInput("institutionMentor", field: .institutionMentor, value: form.text("institutionMentor"),
                                      errors: errors, required: true)
    }

    /// The registration the form asks for, with every refusal of what was typed at once; the
    /// plan's rules and the records are then the Store's, as for the CLI.
    static func registration(_ form: FormFields, choices: ApprenticeChoices, today: CivilDate) throws -> ApprenticeRegistration {
        var problems: [FieldProblem] = []
        func refuse(_ field: Field, _ value: String, _ rule: Rejection) {
            problems.append(FieldProblem(field: field, value: value, rule: rule))
        }
        func text(_ input: String) -> String { form.text(input).trimmingWhitespace() }
        var institutionId = choices.institutions.count == 1 ? choices.institutions[0].id : nil
        if choices.institutions.isEmpty {
            refuse(.institution, "", Rejection("本机构不培养学徒", "this institution does not train apprentices"))
        } else if choices.institutions.count > 1 {
            institutionId = Int64(text("institution"))
            if institutionId == nil { refuse(.institution, text("institution"), Rejection("请从列表中选择机构", "choose an institution from the list")) }
        }
        let enterpriseId = Int64(text("enterprise"))
        if enterpriseId == nil {
            refuse(.listColumn(.enterprise), text("enterprise"), Rejection("请从列表中选择企业", "choose an enterprise from the list"))
        }
        var nationalId: NationalID?
        do throws(Rejection) { nationalId = try NationalID.parse(text("nationalId"), today: today) } catch { refuse(.nationalID, form.text("nationalId"), error) }
        let occupation = text("occupation")
        if occupation.isEmpty { refuse(.occupation, occupation, Rejection("请从列表中选择职业", "choose an occupation from the list")) }
        var level: SkillLevel?
        if text("level").isEmpty {
            refuse(.level, "", Rejection("请选择目标等级", "choose the target level"))
        } else {
            do throws(Rejection) { level = try SkillLevel.parse(text("level")) } catch { refuse(.level, form.text("level"), error) }
        }
        func date(_ input: String, _ field: Field) -> CivilDate? {
            do throws(Rejection) { return try CivilDate.parse(text(input)) } catch { refuse(field, form.text(input), error) }
            return nil
        }
        let contractStart = date("contractStart", .contractStart), start = date("start", .startDate), end = date("end", .endDate)
        let years = Int(text("contractYears"))
        if years == nil { refuse(.contractYears, form.text("contractYears"), Rejection("须为整数", "must be a whole number")) }
        if problems.count > 1 { throw StoreError.invalidFields(problems) }
        if let problem = problems.first { throw StoreError.invalid(problem) }
        let reason = text("extensionReason")
        return ApprenticeRegistration(
            plan: ApprenticeshipPlan(occupationCode: occupation, targetLevel: level!, contractStart: contractStart!, contractYears: years!,
                                     start: start!, end: end!, extensionReason: reason.isEmpty ? nil : reason,
                                     enterpriseMentor: form.text("enterpriseMentor"), institutionMentor: form.text("institutionMentor")),
            enterpriseId: enterpriseId!, institutionId: institutionId!, nationalId: nationalId!)
    }

    /// An enterprise not on her list is the enterprise's refusal; a person not on file, or one
    /// with an apprenticeship under way, the ID's; an institution not hers, the institution's.
    static func place(_ error: StoreError) -> String? {
        switch error {
        case .notFound(let kind, _) where kind == "企业": "enterprise"
        case .notFound(let kind, _) where kind == "人员": "nationalId"
        case .notFound(let kind, _) where kind == "机构": "institution"
        case .conflict: "nationalId"
        default: nil
        }
    }
}
