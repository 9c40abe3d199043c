import Foundation
import Hummingbird
import Domain
import Store

/// Training classes (培训班): a clerk's own, every institution's for the bureau (the Store's
/// scope; examiners are refused, the 403 page). The list fifty to a page with its filters; a
/// class with its trainees fifty to a page, IDs and phones masked; withdrawing a trainee with a
/// reason; completing the class after seeing who reaches the catalog's share of hours. Another
/// institution's class or trainee is the same 404 as a missing one: the Store reports both as
/// not found, so these routes use `store`, not `record`, and an examiner's refusal stays a 403.
extension WebApp {
    func addCohortRoutes(to router: Router<WebContext>) {
        router.get("/cohorts") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = request.uri.queryParameters
            func chosen(_ name: String) -> String? {
                query[Substring(name)].map { String($0).trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
            }
            let status = chosen("status").flatMap(CohortStatus.init(rawValue:))
            let filter = CohortFilter(status: status, projectCode: chosen("project"), occupationCode: chosen("occupation"))
            let number = PagingView.requestedPage(query["page"].map(String.init))
            let (page, choices) = try await store { store in
                (try store.cohorts(actor: actor, filter: filter, page: PageRequest(number: number, size: Self.rowsPerPage)),
                 try store.cohortFormChoices(actor: actor))
            }
            var filters: [(String, String)] = []
            if let status { filters.append(("status", status.rawValue)) }
            if let project = filter.projectCode { filters.append(("project", project)) }
            if let occupation = filter.occupationCode { filters.append(("occupation", occupation)) }
            let catalog = choices.catalog
            return pages.render("cohorts", title: "培训班", page: CohortListPage(
                rowsHTML: HTML(joining: page.rows.map { CohortRow($0, catalog: catalog).listHTML }),
                mayOpen: actor.role != .examiner,
                statuses: CohortStatus.allCases.map {
                    FormOption(value: $0.rawValue, text: "\($0.chineseName) \($0.englishName)", selected: $0 == status)
                },
                projects: catalog.projects.map { FormOption(value: $0.code, text: $0.nameZh, selected: $0.code == filter.projectCode) },
                occupations: catalog.occupations.map {
                    FormOption(value: $0.code, text: "\($0.name) \($0.code)", selected: $0.code == filter.occupationCode)
                },
                paging: PagingView(page, path: "/cohorts", filters: filters)), context: context)
        }

        router.get("/cohorts/{id}") { request, context -> Response in
            let actor = try context.signedIn.user
            let id = try cohortId(context)
            let number = PagingView.requestedPage(request.uri.queryParameters["page"].map(String.init))
            let (summary, trainees, catalog) = try await store { store in
                (try store.cohort(id: id, actor: actor),
                 try store.cohortTrainees(cohortId: id, actor: actor, page: PageRequest(number: number, size: Self.rowsPerPage)),
                 try store.catalog())
            }
            let done = request.uri.queryParameters["done"].map(String.init).flatMap(CohortPage.Done.init(rawValue:))
            var page = CohortPage(summary, catalog: catalog, trainees: trainees, done: done,
                                  completed: request.uri.queryParameters["n"].flatMap { Int(String($0)) })
            page.exams = try await cohortExams(summary, actor: actor)
            return pages.render("cohort", title: summary.cohort.name, page: page, context: context)
        }

        router.get("/cohorts/{id}/trainees/{trainee}/withdraw") { _, context -> Response in
            let (summary, trainee) = try await withdrawnTrainee(context)
            return withdrawForm(WithdrawPage(summary, trainee, reason: "", errors: FormErrors()), context: context)
        }

        router.post("/cohorts/{id}/trainees/{trainee}/withdraw") { _, context -> Response in
            let actor = try context.signedIn.user
            let (summary, trainee) = try await withdrawnTrainee(context)
            let reason = context.form.text("reason")
            let cohortId = summary.cohort.id!, enrolmentId = trainee.enrolmentId
            do {
                _ = try await store { store in
                    try store.withdrawTrainee(cohortId: cohortId, enrolmentId: enrolmentId, reason: reason, actor: actor)
                }
            } catch {
                return withdrawForm(WithdrawPage(summary, trainee, reason: reason, errors: try FormErrors(error, inputs: [.reason: "reason"])),
                                    status: .badRequest, context: context)
            }
            return .redirect(to: "/cohorts/\(cohortId)?done=withdrawn", type: .normal)
        }

        router.get("/cohorts/{id}/complete") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try cohortId(context)
            let preview = try await store { store in try store.completionPreview(cohortId: id, actor: actor) }
            return completionPage(CompletionPage(preview, errors: FormErrors()), context: context)
        }

        router.post("/cohorts/{id}/complete") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try cohortId(context)
            // Refused, out of scope or missing before anything else: the same 403 or 404 as the page.
            _ = try await store { store in try store.cohort(id: id, actor: actor) }
            do {
                let result = try await store { store in try store.completeTrainees(cohortId: id, actor: actor) }
                return .redirect(to: "/cohorts/\(id)?done=completed&n=\(result.completed.count)", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: [:])
                let preview = try await store { store in try store.completionPreview(cohortId: id, actor: actor) }
                return completionPage(CompletionPage(preview, errors: errors), status: .badRequest, context: context)
            }
        }
    }

    private func cohortId(_ context: WebContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
        return id
    }

    /// The class and trainee a withdrawal is about, both within the actor's scope.
    private func withdrawnTrainee(_ context: WebContext) async throws -> (CohortSummary, CohortTrainee) {
        let actor = try context.signedIn.user
        let id = try cohortId(context)
        guard let enrolmentId = context.parameters.get("trainee", as: Int64.self) else { throw WebError.notFound }
        return try await store { store in
            (try store.cohort(id: id, actor: actor), try store.cohortTrainee(cohortId: id, enrolmentId: enrolmentId, actor: actor))
        }
    }

    private func withdrawForm(_ page: WithdrawPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("cohort-withdraw", title: "学员退学", page: page, status: status, context: context)
    }

    private func completionPage(_ page: CompletionPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("cohort-complete", title: "培训班结业", page: page, status: status, context: context)
    }
}

/// What a class trains for, in words: `中式烹调师 四级/中级工` or the special-ability item.
func cohortTargetName(_ cohort: Cohort, catalog: Catalog) -> String {
    if let code = cohort.occupationCode, let level = cohort.skillLevel {
        return "\(catalog.occupation(code: code)?.name ?? code) \(level.chineseName)"
    }
    let code = cohort.specialAbilityCode ?? ""
    return "\(catalog.specialAbility(code: code)?.name ?? code)（专项职业能力）"
}

struct CohortListPage {
    /// The fifty rows, made in Swift (`HTML`): through the templates they were most of the page's rendering.
    let rowsHTML: HTML
    /// The clerk opens her classes; the bureau may open one for any training institution.
    let mayOpen: Bool
    let statuses: [FormOption]
    let projects: [FormOption]
    let occupations: [FormOption]
    let paging: PagingView
}

/// One class in a list: its status, dates and people.
struct CohortRow {
    let id: Int64
    let name: String
    let institution: String
    let project: String
    let target: String
    let district: String
    let dates: String
    let statusZh: String
    let statusEn: String
    let overdue: Bool
    let enrolled: Int
    let completed: Int
    let withdrawn: Int
    let capacity: Int

    init(_ summary: CohortSummary, catalog: Catalog) {
        let cohort = summary.cohort
        id = cohort.id!
        name = cohort.name
        institution = summary.institutionName
        project = catalog.project(code: cohort.projectCode)?.nameZh ?? cohort.projectCode
        target = cohortTargetName(cohort, catalog: catalog)
        district = cohort.district
        dates = "\(cohort.startDate) 至 \(cohort.endDate)"
        statusZh = summary.status.chineseName
        statusEn = summary.status.englishName
        overdue = summary.overdue
        enrolled = summary.enrolled
        completed = summary.completed
        withdrawn = summary.withdrawn
        capacity = cohort.capacity
    }

    /// The row of the list of classes, each value escaped; rows follow one another line by line.
    var listHTML: HTML {
        let warning: HTML = overdue ? #"<br><strong class="warning">已过结束日期 <span lang="en">past its end date</span></strong>"# : ""
        return """
            <tr><td><a href="/cohorts/\(id)">\(name)</a></td><td>\(institution)</td><td>\(project)</td><td>\(target)</td>\
            <td>\(dates)</td><td>\(statusZh) <span lang="en">\(statusEn)</span>\(warning)</td><td>\(enrolled)</td>\
            <td>\(completed)</td><td>\(withdrawn)</td><td>\(capacity)</td></tr>

            """
    }
}

/// A class and one page of its trainees.
struct CohortPage {
    enum Done: String {
        case withdrawn, completed, hours
    }

    let row: CohortRow
    let plannedHours: Int
    let notice: FormMessage?
    let trainees: [TraineeRow]
    let paging: PagingView
    /// Someone is still in training: completing the class can do something.
    let mayComplete: Bool
    /// The roster downloads and the open sessions its completed trainees may register for.
    var exams: CohortExamsView?

    init(_ summary: CohortSummary, catalog: Catalog, trainees: Page<CohortTrainee>, done: Done?, completed: Int?) {
        row = CohortRow(summary, catalog: catalog)
        plannedHours = summary.cohort.plannedHours
        notice = done.map { done in
            switch done {
            case .withdrawn: FormMessage(Rejection("学员已退学。", "The trainee has withdrawn."))
            case .completed: FormMessage(Rejection("已结业 \(completed ?? 0) 人。", "\(completed ?? 0) trainee(s) completed."))
            case .hours: FormMessage(Rejection("学时已记录。", "The hours are recorded."))
            }
        }
        let id = summary.cohort.id!
        self.trainees = trainees.rows.map { TraineeRow($0, cohortId: id) }
        paging = PagingView(trainees, path: "/cohorts/\(id)", filters: [])
        mayComplete = summary.enrolled > 0
    }
}

/// One trainee as a page shows them: ID and phone masked.
struct TraineeRow {
    let name: String
    let nationalId: String
    let phone: String
    let hours: String
    let statusZh: String
    let statusEn: String
    let detail: String
    /// Where to withdraw them; nil once they are no longer in training.
    let withdrawHref: String?
    /// Where to set their hours; nil once they are no longer in training.
    let hoursHref: String?

    init(_ trainee: CohortTrainee, cohortId: Int64) {
        name = trainee.name
        nationalId = Masking.nationalID(trainee.nationalId)
        phone = trainee.phone.map(Masking.phone) ?? ""
        hours = Hours(tenths: trainee.hoursTenths).description
        statusZh = trainee.status.chineseName
        statusEn = trainee.status.rawValue
        switch trainee.status {
        case .enrolled: detail = ""
        case .completed: detail = trainee.completedOn ?? ""
        case .withdrawn: detail = [trainee.withdrawnOn, trainee.withdrawalReason].compactMap { $0 }.joined(separator: " · ")
        }
        withdrawHref = trainee.status == .enrolled ? "/cohorts/\(cohortId)/trainees/\(trainee.enrolmentId)/withdraw" : nil
        hoursHref = trainee.status == .enrolled ? "/cohorts/\(cohortId)/trainees/\(trainee.enrolmentId)/hours" : nil
    }
}

/// The form that withdraws one trainee: the reason is required and kept with the record.
struct WithdrawPage {
    let cohortId: Int64
    let cohortName: String
    let trainee: TraineeRow
    let action: String
    let refused: Bool
    let general: [FormMessage]
    let reason: FormInput

    init(_ summary: CohortSummary, _ trainee: CohortTrainee, reason: String, errors: FormErrors) {
        cohortId = summary.cohort.id!
        cohortName = summary.cohort.name
        self.trainee = TraineeRow(trainee, cohortId: cohortId)
        action = "/cohorts/\(cohortId)/trainees/\(trainee.enrolmentId)/withdraw"
        refused = !errors.isEmpty
        general = errors.general
        self.reason = FormInput("reason", field: .reason, value: reason, errors: errors, required: true,
                                hintZh: "如 找到工作、搬离本市；与记录一起保存。", hintEn: "E.g. found a job, moved away; kept with the record.")
    }
}

/// Who completing the class completes and who stays in training, before she confirms.
struct CompletionPage {
    let cohortId: Int64
    let cohortName: String
    let plannedHours: Int
    let sharePercent: Int
    let required: String
    let reaching: [TraineeRow]
    let short: [TraineeRow]
    let reachingCount: Int
    let shortCount: Int
    let notYetOpen: FormMessage?
    /// Someone would complete: only then is there something to confirm.
    let mayConfirm: Bool
    let refused: Bool
    let general: [FormMessage]

    init(_ preview: CompletionPreview, errors: FormErrors) {
        cohortId = preview.cohort.id!
        cohortName = preview.cohort.name
        plannedHours = preview.cohort.plannedHours
        sharePercent = preview.sharePercent
        required = Hours(tenths: preview.requiredTenths).description
        reaching = preview.reaching.map { TraineeRow($0, cohortId: preview.cohort.id!) }
        short = preview.short.map { TraineeRow($0, cohortId: preview.cohort.id!) }
        reachingCount = reaching.count
        shortCount = short.count
        notYetOpen = preview.notYetOpen.map { FormMessage($0) }
        mayConfirm = preview.notYetOpen == nil && !preview.reaching.isEmpty
        refused = !errors.isEmpty
        general = errors.general
    }
}
