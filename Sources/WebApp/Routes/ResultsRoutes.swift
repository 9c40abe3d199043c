import Hummingbird
import Domain
import Services
import Store

/// The bureau's results (成绩): the sessions held or locked, one session's results with its
/// lock, amendments and re-check requests, and the results roster as a download. Every page
/// is the bureau's: the Store refuses anyone else (the 403 page) before it looks for the
/// session, and a session that is not there is the 404 page. The mismatch queue and the
/// re-check queue across sessions are in `MismatchRoutes` and `RecheckRoutes`.
extension WebApp {
    /// Results, mismatches, re-checks and certificates: the bureau's work after an exam.
    func addResultsAreaRoutes(to router: Router<WebContext>) {
        addResultsRoutes(to: router)
        addMismatchRoutes(to: router)
        addRecheckRoutes(to: router)
        addCertificateRoutes(to: router)
    }

    func addResultsRoutes(to router: Router<WebContext>) {
        router.get("/results") { request, context -> Response in
            let actor = try context.signedIn.user
            let number = PagingView.requestedPage(request.uri.queryParameters["page"].map(String.init))
            let page = try await store { store in
                try store.resultsSessions(actor: actor, page: PageRequest(number: number, size: Self.rowsPerPage))
            }
            return pages.render("results", title: "成绩", page: ResultsListPage(page), context: context)
        }

        router.get("/results/{session}") { request, context -> Response in
            let actor = try context.signedIn.user
            let id = try Self.sessionId(context)
            let desk = try await store { store in try store.resultsDesk(sessionId: id, actor: actor) }
            return pages.render("session-results", title: "成绩 \(desk.results.summary.targetName)", page: SessionResultsPage(
                desk, done: request.uri.queryParameters["done"].map(String.init), today: threads.store.currentDay), context: context)
        }

        addDisclosableDownload("/results/{session}/roster", to: router) { context in
            let actor = try context.signedIn.user
            let id = try Self.sessionId(context)
            // The bureau's download: anyone else is refused here, before any form or file.
            let desk = try await store { store in try store.resultsDesk(sessionId: id, actor: actor) }
            let session = desk.results.summary.session
            return DisclosableDownload(
                titleZh: "成绩册 \(session.examDate) \(desk.results.summary.targetName)", titleEn: "Results roster",
                name: DownloadName(chinese: "成绩册-\(session.examDate)-\(desk.results.summary.targetName)", ascii: "results-session-\(id)"),
                back: "/results/\(id)",
                write: { store, disclosure, url in
                    _ = try ExamReports(store: store).resultsRoster(actor: actor, sessionId: id, disclosure: disclosure) { url }
                })
        }

        router.get("/results/{session}/lock") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try Self.sessionId(context)
            let desk = try await store { store in try store.resultsDesk(sessionId: id, actor: actor) }
            return lockPage(desk, errors: FormErrors(), context: context)
        }

        router.post("/results/{session}/lock") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try Self.sessionId(context)
            do {
                _ = try await store { store in try store.lockResults(sessionId: id, actor: actor) }
                return .redirect(to: "/results/\(id)?done=locked", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: [:])
                let desk = try await store { store in try store.resultsDesk(sessionId: id, actor: actor) }
                return lockPage(desk, errors: errors, status: .badRequest, context: context)
            }
        }

        router.get("/results/{session}/amend") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try Self.sessionId(context)
            let desk = try await store { store in try store.resultsDesk(sessionId: id, actor: actor) }
            return amendPage(desk, typed: FormFields(), errors: FormErrors(), context: context)
        }

        router.post("/results/{session}/amend") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try Self.sessionId(context)
            let form = context.form
            do {
                let part = try Self.examPart(form.text("part"))
                _ = try await store { store in
                    try store.amendMark(sessionId: id, ticket: form.text("ticket"), part: part, mark: form.text("mark"),
                                        reason: form.text("reason"), actor: actor)
                }
                return .redirect(to: "/results/\(id)?done=amended", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: Self.markInputs)
                let desk = try await store { store in try store.resultsDesk(sessionId: id, actor: actor) }
                return amendPage(desk, typed: form, errors: errors, status: .badRequest, context: context)
            }
        }

        router.get("/results/{session}/rechecks/new") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try Self.sessionId(context)
            let desk = try await store { store in try store.resultsDesk(sessionId: id, actor: actor) }
            return recheckRequestPage(desk, typed: FormFields(), errors: FormErrors(), context: context)
        }

        router.post("/results/{session}/rechecks/new") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try Self.sessionId(context)
            let form = context.form
            do {
                // The bureau's page: the Store records requests from clerks too, but not through it.
                _ = try await store { store in try store.resultsDesk(sessionId: id, actor: actor) }
                _ = try await store { store in
                    try store.requestRecheck(sessionId: id, ticket: form.text("ticket"), reason: form.text("reason"), actor: actor)
                }
                return .redirect(to: "/results/\(id)?done=recheck-requested", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: [.ticket: "ticket", .reason: "reason"], place: { refusal in
                    if case .duplicate = refusal { return "ticket" }
                    return nil
                })
                let desk = try await store { store in try store.resultsDesk(sessionId: id, actor: actor) }
                return recheckRequestPage(desk, typed: form, errors: errors, status: .badRequest, context: context)
            }
        }
    }

    /// The session id of the path, or the 404 page.
    static func sessionId(_ context: WebContext) throws -> Int64 {
        guard let id = context.parameters.get("session", as: Int64.self) else { throw WebError.notFound }
        return id
    }

    /// A part as the forms send it (`theory`, `practical`, `review`), refused at the part's input.
    static func examPart(_ text: String) throws -> ExamPart {
        guard let part = ExamPart(rawValue: text) else {
            throw StoreError.invalid(FieldProblem(field: .part, value: text, rule: Rejection(
                "请选择科目", "choose the part")))
        }
        return part
    }

    /// The inputs of a form that changes a mark.
    static let markInputs: [Field: String] = [.ticket: "ticket", .part: "part", .score: "mark", .reason: "reason", .note: "note"]

    private func lockPage(_ desk: ResultsDesk, errors: FormErrors, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        let results = desk.results
        let session = results.summary.session
        let id = session.id!
        let pending = results.candidates.flatMap { candidate in
            candidate.parts.filter(\.standing.isPending).map { FormMessage(Store.pendingRejection(ticket: candidate.ticketNumber, $0)) }
        }
        let open = session.status == .held
        return pages.render("action-form", title: "锁定成绩", page: ActionFormPage(
            headingZh: "锁定成绩", headingEn: "Lock the results",
            introZh: open ? "锁定即公布成绩：锁定后成绩不再录入或修改，只能由人社局说明理由后更正，更正前后均留存。"
                : "本场次\(session.status.chineseName)，不能锁定。",
            introEn: open ? "Locking publishes the results: after it nothing is entered or changed, except by an amendment with a reason, which keeps before and after."
                : "This session is \(session.status.englishName): it cannot be locked.",
            backHref: "/results/\(id)", facts: SessionResultsPage.facts(desk), blockers: open ? pending : [], errors: errors,
            form: open && pending.isEmpty ? ActionFormPage.Form(action: "/results/\(id)/lock", hidden: [], inputs: [],
                                                                  submitZh: "确认锁定", submitEn: "Lock the results") : nil),
            status: status, context: context)
    }

    private func amendPage(_ desk: ResultsDesk, typed: FormFields, errors: FormErrors, status: HTTPResponse.Status = .ok,
                           context: WebContext) -> Response {
        let session = desk.results.summary.session
        let id = session.id!
        let locked = session.status == .resultsLocked
        return pages.render("action-form", title: "更正成绩", page: ActionFormPage(
            headingZh: "更正成绩", headingEn: "Amend a mark",
            introZh: locked ? "成绩已锁定：更正须说明理由，更正前后的成绩均留存并记入审计日志。" : "成绩尚未锁定：锁定前的更正通过录入和处理不一致完成。",
            introEn: locked ? "The results are locked: an amendment needs a reason; the marks before and after are kept and audited."
                : "The results are not locked yet: before the lock, marks are entered and mismatches settled.",
            backHref: "/results/\(id)", facts: SessionResultsPage.facts(desk), errors: errors,
            form: locked ? ActionFormPage.Form(action: "/results/\(id)/amend", hidden: [], inputs: [
                .choice(Self.ticketInput(desk, typed: typed.text("ticket"), errors: errors)),
                .choice(Self.partInput(desk, typed: typed.text("part"), errors: errors)),
                .field(FormInput("mark", labelZh: "更正后成绩", labelEn: "Corrected mark", value: typed.text("mark"), errors: errors, required: true,
                                 hintZh: "0–100，最多一位小数；或 缺考、违纪。", hintEn: "0-100 with one decimal at most, or 缺考 (absent) / 违纪 (breach).")),
                .field(FormInput("reason", field: .reason, value: typed.text("reason"), errors: errors, required: true,
                                 hintZh: "如 核对原始试卷发现合分错误。", hintEn: "E.g. the original paper was re-added and the total was wrong.")),
            ], submitZh: "更正", submitEn: "Amend") : nil),
            status: status, context: context)
    }

    private func recheckRequestPage(_ desk: ResultsDesk, typed: FormFields, errors: FormErrors, status: HTTPResponse.Status = .ok,
                                    context: WebContext) -> Response {
        let session = desk.results.summary.session
        let id = session.id!
        let deadline = desk.recheckDeadline
        let open = deadline.map { threads.store.currentDay <= $0 } ?? false
        return pages.render("action-form", title: "登记复核申请", page: ActionFormPage(
            headingZh: "登记复核申请", headingEn: "Record a re-check request",
            introZh: deadline.map { open ? "考生可在 \($0) 前（含当日）申请复核；每名考生每场次一次。" : "复核申请已于 \($0) 截止。" }
                ?? "成绩锁定公布后才能申请复核。",
            introEn: deadline.map { open ? "Candidates may ask for a re-check until \($0) (inclusive), once per session." : "Re-check requests closed on \($0)." }
                ?? "A re-check is asked for once the results are locked and published.",
            backHref: "/results/\(id)", facts: SessionResultsPage.facts(desk), errors: errors,
            form: open ? ActionFormPage.Form(action: "/results/\(id)/rechecks/new", hidden: [], inputs: [
                .choice(Self.ticketInput(desk, typed: typed.text("ticket"), errors: errors)),
                .field(FormInput("reason", field: .reason, value: typed.text("reason"), errors: errors, required: true,
                                 hintZh: "考生申请复核的理由。", hintEn: "The candidate's reason for asking.")),
            ], submitZh: "登记", submitEn: "Record") : nil),
            status: status, context: context)
    }

    /// The session's candidates to choose from, by ticket.
    static func ticketInput(_ desk: ResultsDesk, typed: String, errors: FormErrors) -> FormInput {
        FormInput("ticket", field: .ticket, value: typed, errors: errors, required: true, options: [FormOption.choose] + desk.results.candidates.map {
            FormOption(value: $0.ticketNumber, text: "\($0.ticketNumber) \($0.name)", selected: $0.ticketNumber == typed)
        })
    }

    /// The session's parts to choose from.
    static func partInput(_ desk: ResultsDesk, typed: String, errors: FormErrors, required: Bool = true) -> FormInput {
        FormInput("part", field: .part, value: typed, errors: errors, required: required, options: [FormOption.choose] + desk.results.parts.map {
            FormOption(value: $0.part.rawValue, text: "\($0.part.chineseName) \($0.part.englishName)", selected: $0.part.rawValue == typed)
        })
    }
}

/// The sessions held or locked, fifty to a page.
struct ResultsListPage {
    struct Row {
        let id: Int64
        let examDate: String
        let target: String
        let body: String
        let statusZh: String
        let statusEn: String
        let candidates: Int
        let mismatches: Int
        let hasMismatches: Bool
        let certificates: Int
        let openRechecks: Int
    }

    let rows: [Row]
    let paging: PagingView

    init(_ page: Page<ResultsSessionRow>) {
        rows = page.rows.map {
            Row(id: $0.session.id!, examDate: $0.session.examDate, target: $0.targetName, body: $0.bodyName,
                statusZh: $0.session.status.chineseName, statusEn: $0.session.status.englishName, candidates: $0.candidates,
                mismatches: $0.mismatches, hasMismatches: $0.mismatches > 0, certificates: $0.certificates, openRechecks: $0.openRechecks)
        }
        paging = PagingView(page, path: "/results", filters: [])
    }
}

/// One session's results: counts, every candidate's parts, what was settled and amended, the
/// re-checks, and the actions the session's state allows.
struct SessionResultsPage {
    struct Candidate {
        let ticket: String
        let name: String
        let institution: String
        let parts: [String]
        let resultText: String
        let pending: Bool
    }

    struct Settled {
        let ticket: String
        let name: String
        let part: String
        let first: String
        let second: String
        let settled: String
        let reason: String
        let by: String
        let at: String
    }

    struct Amendment {
        let ticket: String
        let name: String
        let part: String
        let before: String
        let after: String
        let reason: String
        let fromRecheck: Bool
        let by: String
        let at: String
    }

    struct Recheck {
        let ticket: String
        let name: String
        let requestedOn: String
        let reason: String
        let outcome: String
        let note: String
        let decideHref: String?
    }

    let id: Int64
    let headingTarget: String
    let facts: [ActionFormPage.Fact]
    let doneZh: String?
    let doneEn: String?
    let partHeaders: [String]
    let candidates: [Candidate]
    let settled: [Settled]
    let amendments: [Amendment]
    let rechecks: [Recheck]
    let mismatchHref: String?
    let lockHref: String?
    let amendHref: String?
    let recheckHref: String?
    let issueHref: String?
    let certificatesHref: String?
    let rosterHref: String
    let rosterWholeHref: String

    init(_ desk: ResultsDesk, done: String?, today: CivilDate) {
        let results = desk.results
        let session = results.summary.session
        id = session.id!
        headingTarget = "\(session.examDate) \(results.summary.targetName)"
        facts = Self.facts(desk)
        let message: (String, String)? = switch done {
        case "locked": ("成绩已锁定并公布。", "The results are locked and published.")
        case "settled": ("已处理不一致，成绩已确定。", "The mismatch is settled; the mark is final.")
        case "amended": ("成绩已更正，更正前后均已留存。", "The mark is amended; before and after are kept.")
        case "recheck-requested": ("已登记复核申请。", "The re-check request is recorded.")
        case "recheck-decided": ("已记录复核结论。", "The re-check's outcome is recorded.")
        default: nil
        }
        doneZh = message?.0
        doneEn = message?.1
        partHeaders = results.parts.map { "\($0.part.chineseName) \($0.part.englishName)" }
        candidates = results.candidates.map { candidate in
            let view = CandidateResultView(candidate)
            return Candidate(ticket: view.ticket, name: view.name, institution: candidate.institutionName ?? "",
                             parts: view.parts.map(\.text), resultText: view.resultText, pending: view.pending)
        }
        settled = results.settledMismatches.map {
            Settled(ticket: $0.ticketNumber, name: $0.name, part: $0.part.chineseName, first: $0.first.description,
                    second: $0.second.description, settled: $0.settled.description, reason: $0.reason, by: $0.settledBy,
                    at: BureauTime.shown($0.settledAt))
        }
        amendments = results.amendments.map {
            Amendment(ticket: $0.ticketNumber, name: $0.name, part: $0.part.chineseName, before: $0.before.description,
                      after: $0.after.description, reason: $0.reason, fromRecheck: $0.fromRecheck, by: $0.amendedBy,
                      at: BureauTime.shown($0.amendedAt))
        }
        let sessionId = id
        rechecks = results.rechecks.map {
            Recheck(ticket: $0.ticketNumber, name: $0.name, requestedOn: $0.requestedOn, reason: $0.reason,
                    outcome: RecheckQueuePage.outcomeText($0.outcome), note: $0.note ?? "",
                    decideHref: $0.outcome == nil ? "/rechecks/\(sessionId)/\($0.ticketNumber)" : nil)
        }
        let held = session.status == .held, locked = session.status == .resultsLocked
        let mismatches = results.candidates.contains { $0.parts.contains { if case .mismatch = $0.standing { true } else { false } } }
        mismatchHref = held && mismatches ? "/mismatches" : nil
        lockHref = held ? "/results/\(id)/lock" : nil
        amendHref = locked ? "/results/\(id)/amend" : nil
        recheckHref = locked && desk.recheckDeadline.map { today <= $0 } == true ? "/results/\(id)/rechecks/new" : nil
        issueHref = locked ? "/certificates/issue/\(id)" : nil
        certificatesHref = desk.certificates > 0 ? PagingView.href("/certificates", [("session", String(id))]) : nil
        rosterHref = "/results/\(id)/roster"
        rosterWholeHref = "/results/\(id)/roster/whole"
    }

    /// What every page about the session's results shows first.
    static func facts(_ desk: ResultsDesk) -> [ActionFormPage.Fact] {
        let results = desk.results
        let session = results.summary.session
        return [
            .init(labelZh: "考试场次", labelEn: "Session", value: "\(session.id!) · \(session.examDate) · \(results.summary.targetName)"),
            .init(labelZh: "评价机构", labelEn: "Evaluation body", value: results.summary.bodyName),
            .init(labelZh: "状态", labelEn: "Status", value: "\(session.status.chineseName) \(session.status.englishName)"
                  + (session.resultsLockedOn.map { "（\($0)）" } ?? "")),
            .init(labelZh: "考生 / 合格 / 待定", labelEn: "Candidates / passed / pending",
                  value: "\(results.candidates.count) / \(results.candidates.filter(\.passed).count) / \(results.pending.count)"),
            .init(labelZh: "复核申请截止", labelEn: "Re-checks until", value: desk.recheckDeadline?.description ?? "锁定后 after the lock"),
            .init(labelZh: "已发有效证书", labelEn: "Valid certificates issued", value: String(desk.certificates)),
        ]
    }
}
