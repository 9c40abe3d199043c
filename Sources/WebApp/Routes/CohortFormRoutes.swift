import Hummingbird
import Domain
import Store

/// A clerk opens a class (培训班) for her institution; the bureau may open one for any training
/// institution. The choices come from the catalog through the Store, which refuses examiners
/// (the 403 page); recording is the Store's `createCohort`, as `skillcert cohort create` does,
/// after the same checks of what was typed. A refused form comes back with what was typed and
/// each refusal beside its field.
extension WebApp {
    func addCohortFormRoutes(to router: Router<WebContext>) {
        router.get("/cohorts/new") { _, context -> Response in
            let actor = try context.signedIn.user
            let choices = try await store { store in try store.cohortFormChoices(actor: actor) }
            return cohortForm(CohortFormPage(typed: FormFields(), choices: choices, errors: FormErrors()), context: context)
        }

        router.post("/cohorts") { _, context -> Response in
            let actor = try context.signedIn.user
            let choices = try await store { store in try store.cohortFormChoices(actor: actor) }
            let form = context.form
            do {
                let (plan, institutionId) = try CohortFormPage.plan(form, choices: choices)
                let cohort = try await store { store in try store.createCohort(plan, institutionId: institutionId, actor: actor) }
                return .redirect(to: "/cohorts/\(cohort.id!)", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: CohortFormPage.inputs, place: CohortFormPage.place)
                return cohortForm(CohortFormPage(typed: form, choices: choices, errors: errors), status: .badRequest, context: context)
            }
        }
    }

    private func cohortForm(_ page: CohortFormPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("cohort-form", title: "开设培训班", page: page, status: status, context: context)
    }
}

/// The form that opens a class: every field the CLI's `cohort create` takes, the catalog's
/// values as drop-downs.
struct CohortFormPage {
    let refused: Bool
    let general: [FormMessage]
    /// Shown only when there is a choice (the bureau's); a clerk's class is her institution's.
    let institution: FormInput?
    let name: FormInput
    let project: FormInput
    let occupation: FormInput
    let level: FormInput
    let district: FormInput
    let start: FormInput
    let end: FormInput
    let hours: FormInput
    let capacity: FormInput

    static let inputs: [Field: String] = [
        .institution: "institution", .cohortName: "name", .project: "project", .occupation: "occupation",
        .specialAbility: "occupation", .level: "level", .district: "district", .startDate: "start", .endDate: "end",
        .plannedHours: "hours", .capacity: "capacity",
    ]

    /// The prefix of a special-ability item's value in the occupation list.

    init(typed form: FormFields, choices: CohortFormChoices, errors: FormErrors) {
        refused = !errors.isEmpty
        // Without an institution input, a refusal of the institution is shown above the form.
        general = errors.general + (choices.institutions.count > 1 ? [] : [errors["institution"]].compactMap { $0 })
        let catalog = choices.catalog
        func options<T>(_ items: [T], chosen: String, value: (T) -> String, text: (T) -> String) -> [FormOption] {
            [.choose] + items.map { FormOption(value: value($0), text: text($0), selected: value($0) == chosen) }
        }
        if choices.institutions.count > 1 {
            institution = FormInput("institution", field: .institution, value: form.text("institution"), errors: errors, required: true,
                                    options: options(choices.institutions, chosen: form.text("institution"),
                                                     value: { String($0.id!) }, text: { "\($0.name)（\($0.kind.chineseName)）" }))
        } else {
            institution = nil
        }
        name = FormInput("name", field: .cohortName, value: form.text("name"), errors: errors, required: true,
                         hintZh: "如 2026年第3期中式烹调师（四级）培训班；本机构内不能重名。",
                         hintEn: "E.g. 2026年第3期中式烹调师（四级）培训班; unique within the institution.")
        project = FormInput("project", field: .project, value: form.text("project"), errors: errors, required: true,
                            options: options(catalog.projects, chosen: form.text("project"), value: \.code,
                                             text: { "\($0.nameZh) \($0.nameEn)" }))
        occupation = TargetInputs.occupation(catalog, form: form, errors: errors)
        level = TargetInputs.level(form: form, errors: errors)
        district = FormInput("district", field: .district, value: form.text("district"), errors: errors, required: true,
                             hintZh: "培训班的举办地。", hintEn: "Where the class is held.",
                             options: options(catalog.districts, chosen: form.text("district"), value: \.name, text: \.name))
        start = FormInput("start", field: .startDate, value: form.text("start"), errors: errors, required: true, type: "date",
                          hintZh: "年-月-日，如 2026-12-01。", hintEn: "Year-month-day, e.g. 2026-12-01.")
        end = FormInput("end", field: .endDate, value: form.text("end"), errors: errors, required: true, type: "date",
                        hintZh: "最后一天，不能早于开始日期。", hintEn: "The last day, not before the first.")
        hours = FormInput("hours", field: .plannedHours, value: form.text("hours"), errors: errors, required: true, type: "number",
                          hintZh: "整数学时。", hintEn: "Whole hours.")
        capacity = FormInput("capacity", field: .capacity, value: form.text("capacity"), errors: errors, required: true, type: "number",
                             hintZh: "最多学员人数。", hintEn: "The most trainees the class takes.")
    }

    /// The plan and institution the form asks for, with every refusal of what was typed at once;
    /// the catalog's rules (project, levels, district, dates, numbers) are then the Store's.
    static func plan(_ form: FormFields, choices: CohortFormChoices) throws -> (CohortPlan, Int64) {
        var problems: [FieldProblem] = []
        func refuse(_ field: Field, _ value: String, _ zh: String, _ en: String) {
            problems.append(FieldProblem(field: field, value: value, rule: Rejection(zh, en)))
        }
        var institutionId = choices.institutions.count == 1 ? choices.institutions[0].id : nil
        if choices.institutions.isEmpty {
            refuse(.institution, "", "本机构不开设培训班", "this institution does not run training cohorts")
        }
        if choices.institutions.count > 1 {
            institutionId = Int64(form.text("institution").trimmingWhitespace())
            if institutionId == nil { refuse(.institution, form.text("institution"), "请从列表中选择机构", "choose an institution from the list") }
        }
        let projectCode = form.text("project").trimmingWhitespace()
        if projectCode.isEmpty { refuse(.project, projectCode, "请从列表中选择项目", "choose a project from the list") }
        let target = TargetInputs.target(form, problems: &problems)
        func date(_ input: String, _ field: Field) -> CivilDate? {
            do {
                return try CivilDate.parse(form.text(input).trimmingWhitespace())
            } catch {
                problems.append(FieldProblem(field: field, value: form.text(input), rule: error))
                return nil
            }
        }
        let start = date("start", .startDate), end = date("end", .endDate)
        func whole(_ input: String, _ field: Field) -> Int? {
            guard let number = Int(form.text(input).trimmingWhitespace()) else {
                refuse(field, form.text(input), "须为整数", "must be a whole number")
                return nil
            }
            return number
        }
        let hours = whole("hours", .plannedHours), capacity = whole("capacity", .capacity)
        if problems.count > 1 { throw StoreError.invalidFields(problems) }
        if let problem = problems.first { throw StoreError.invalid(problem) }
        return (CohortPlan(name: form.text("name"), projectCode: projectCode, target: target!, district: form.text("district"),
                           startDate: start!, endDate: end!, plannedHours: hours!, capacity: capacity!), institutionId!)
    }

    /// A class name already used in the institution is the name's refusal; an institution not
    /// found (or not the clerk's), the institution's.
    static func place(_ error: StoreError) -> String? {
        switch error {
        case .duplicate(let kind, _) where kind == "培训班": "name"
        case .notFound(let kind, _) where kind == "机构": "institution"
        default: nil
        }
    }
}
