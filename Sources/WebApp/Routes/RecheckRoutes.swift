import Hummingbird
import Domain
import Services
import Store

/// Re-check requests (复核) across sessions, undecided first, and the form that records a
/// decision: the marks stand, or one part is amended (an amendment like any other, before and
/// after kept). Requests are recorded on the session's results page. The bureau's only.
extension WebApp {
    func addRecheckRoutes(to router: Router<WebContext>) {
        router.get("/rechecks") { _, context -> Response in
            let actor = try context.signedIn.user
            let queue = try await store { store in try store.recheckQueue(actor: actor) }
            return pages.render("rechecks", title: "复核申请", page: RecheckQueuePage(queue), context: context)
        }

        router.get("/rechecks/{session}/{ticket}") { _, context -> Response in
            let actor = try context.signedIn.user
            let (row, desk) = try await recheck(context, actor: actor)
            return decidePage(row, desk: desk, typed: FormFields(), errors: FormErrors(), context: context)
        }

        router.post("/rechecks/{session}/{ticket}") { _, context -> Response in
            let actor = try context.signedIn.user
            let (row, desk) = try await recheck(context, actor: actor)
            let form = context.form
            do {
                let decision: RecheckDecision
                switch form.text("outcome") {
                case "unchanged": decision = .unchanged(note: form.text("note"))
                case "amended":
                    decision = .amended(part: try Self.examPart(form.text("part")), mark: form.text("mark"), note: form.text("note"))
                default:
                    throw StoreError.invalid(FieldProblem(field: .status, value: form.text("outcome"), rule: Rejection(
                        "请选择复核结论：维持原成绩或更正", "choose the outcome: the marks stand, or one is amended")))
                }
                _ = try await store { store in
                    try store.decideRecheck(sessionId: row.sessionId, ticket: row.record.ticketNumber, decision: decision, actor: actor)
                }
                return .redirect(to: "/results/\(row.sessionId)?done=recheck-decided", type: .normal)
            } catch {
                var inputs = Self.markInputs
                inputs[.status] = "outcome"
                let errors = try FormErrors(error, inputs: inputs)
                return decidePage(row, desk: desk, typed: form, errors: errors, status: .badRequest, context: context)
            }
        }
    }

    /// The request of the path and its session's results, or the 404 page.
    private func recheck(_ context: WebContext, actor: User) async throws -> (RecheckQueueRow, ResultsDesk) {
        let id = try Self.sessionId(context)
        guard let ticket = context.parameters.get("ticket") else { throw WebError.notFound }
        let queue = try await store { store in try store.recheckQueue(actor: actor) }
        guard let row = queue.first(where: { $0.sessionId == id && $0.record.ticketNumber == ticket }) else { throw WebError.notFound }
        let desk = try await store { store in try store.resultsDesk(sessionId: id, actor: actor) }
        return (row, desk)
    }

    private func decidePage(_ row: RecheckQueueRow, desk: ResultsDesk, typed: FormFields, errors: FormErrors,
                            status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        let record = row.record
        let candidate = desk.results.candidates.first { $0.ticketNumber == record.ticketNumber }
        let marks = candidate.map { CandidateResultView($0).parts.map(\.text).joined(separator: " · ") } ?? ""
        var facts: [ActionFormPage.Fact] = [
            .init(labelZh: "考试场次", labelEn: "Session", value: "\(row.sessionId) · \(row.examDate) · \(row.targetName)"),
            .init(labelZh: "考生", labelEn: "Candidate", value: "\(record.ticketNumber) \(record.name)"),
            .init(labelZh: "现有成绩", labelEn: "Marks now", value: marks),
            .init(labelZh: "申请日期", labelEn: "Requested on", value: record.requestedOn),
            .init(labelZh: "申请理由", labelEn: "Reason given", value: record.reason),
        ]
        if record.outcome != nil {
            facts.append(.init(labelZh: "结论", labelEn: "Outcome", value: RecheckQueuePage.outcomeText(record.outcome)
                               + " · \(record.decidedOn ?? "") · \(record.note ?? "")"))
        }
        let outcome = typed.text("outcome")
        return pages.render("action-form", title: "复核结论", page: ActionFormPage(
            headingZh: "复核结论", headingEn: "Decide a re-check",
            introZh: record.outcome == nil ? "维持原成绩，或更正一个科目的成绩（更正前后均留存）；说明必填。" : "该复核申请已有结论。",
            introEn: record.outcome == nil ? "The marks stand, or one part's mark is amended (before and after kept); a note is required."
                : "This re-check has already been decided.",
            backHref: "/rechecks", facts: facts, errors: errors,
            form: record.outcome == nil ? ActionFormPage.Form(action: "/rechecks/\(row.sessionId)/\(record.ticketNumber)", hidden: [], inputs: [
                .choice(FormInput("outcome", labelZh: "结论", labelEn: "Outcome", value: outcome, errors: errors, required: true, options: [
                    FormOption.choose,
                    FormOption(value: "unchanged", text: "维持原成绩 The marks stand", selected: outcome == "unchanged"),
                    FormOption(value: "amended", text: "更正成绩 Amend a mark", selected: outcome == "amended"),
                ])),
                .choice(Self.partInput(desk, typed: typed.text("part"), errors: errors, required: false)),
                .field(FormInput("mark", labelZh: "更正后成绩", labelEn: "Corrected mark", value: typed.text("mark"), errors: errors,
                                 hintZh: "仅更正时填写：0–100，最多一位小数；或 缺考、违纪。",
                                 hintEn: "Only to amend: 0-100 with one decimal at most, or 缺考 / 违纪.")),
                .field(FormInput("note", field: .note, value: typed.text("note"), errors: errors, required: true,
                                 hintZh: "复核发现的情况，如 重新合分无误。", hintEn: "What the re-check found, e.g. re-added, no error.")),
            ], submitZh: "记录结论", submitEn: "Record the outcome") : nil),
            status: status, context: context)
    }
}

/// Every re-check request, undecided first.
struct RecheckQueuePage {
    struct Row {
        let sessionId: Int64
        let session: String
        let ticket: String
        let name: String
        let requestedOn: String
        let reason: String
        let outcome: String
        let decidedOn: String
        let note: String
        let decideHref: String?
    }

    let rows: [Row]

    init(_ queue: [RecheckQueueRow]) {
        rows = queue.map {
            Row(sessionId: $0.sessionId, session: "\($0.examDate) \($0.targetName)", ticket: $0.record.ticketNumber, name: $0.record.name,
                requestedOn: $0.record.requestedOn, reason: $0.record.reason, outcome: Self.outcomeText($0.record.outcome),
                decidedOn: $0.record.decidedOn ?? "", note: $0.record.note ?? "",
                decideHref: $0.record.outcome == nil ? "/rechecks/\($0.sessionId)/\($0.record.ticketNumber)" : nil)
        }
    }

    static func outcomeText(_ outcome: String?) -> String {
        switch outcome {
        case "unchanged": "维持原成绩 unchanged"
        case "amended": "已更正 amended"
        default: "待复核 waiting"
        }
    }
}
