import Hummingbird
import Domain
import Services
import Store

/// The bureau's steps on an apprenticeship, each a page that confirms it (with what it needs) and
/// a POST: 备案 file, 开始培训 start (the institution may start its own too), 结业 complete with
/// the certificate obtained, 终止 terminate on a date with a reason. The Store decides who may
/// take each step, for its page as for its POST (`apprenticeshipForStep`: 403 otherwise), and
/// whether the apprenticeship is in the state for it; one the user may not see is the 404 page.
extension WebApp {
    func addApprenticeFilingRoutes(to router: Router<WebContext>) {
        // The filing list (备案名单) of a quarter or year, as `apprentice filing-list` writes it,
        // of the apprenticeships the user may see (the bureau's list offers it), IDs masked.
        router.get("/apprenticeships/filing-list.xlsx") { request, context -> Response in
            let actor = try context.signedIn.user
            let period = try Self.claimPeriod(request.uri.queryParameters["period"].map(String.init) ?? "")
            return try await workbookDownload(name: DownloadName(chinese: "学徒备案名单-\(period)", ascii: "apprentice-filing-list")) { store, _, url in
                _ = try ApprenticeReports(store: store).filingList(actor: actor, period: period, periodLabel: period.description) { url }
            }
        }

        for step in ApprenticeStep.allCases {
            router.get(RouterPath(stringLiteral: "/apprenticeships/{id}/\(step.rawValue)")) { _, context -> Response in
                let actor = try context.signedIn.user
                let id = try Self.apprenticeshipId(context)
                let line = try await store { store in try store.apprenticeshipForStep(id: id, to: step.target, actor: actor) }
                return stepPage(step, line, typed: FormFields(), errors: FormErrors(), context: context)
            }

            router.post(RouterPath(stringLiteral: "/apprenticeships/{id}/\(step.rawValue)")) { _, context -> Response in
                let actor = try context.signedIn.user
                let id = try Self.apprenticeshipId(context)
                let line = try await store { store in try store.apprenticeshipForStep(id: id, to: step.target, actor: actor) }
                let form = context.form
                do {
                    switch step {
                    case .file: _ = try await store { store in try store.fileApprenticeship(id: id, actor: actor) }
                    case .start: _ = try await store { store in try store.startApprenticeship(id: id, actor: actor) }
                    case .complete:
                        _ = try await store { store in
                            try store.completeApprenticeship(id: id, certificateNumber: form.text("certificate"), actor: actor)
                        }
                    case .terminate:
                        let date = try Self.terminationDate(form.text("date"))
                        _ = try await store { store in
                            try store.terminateApprenticeship(id: id, on: date, reason: form.text("reason"), actor: actor)
                        }
                    }
                    return .redirect(to: "/apprenticeships/\(id)?done=\(step.rawValue)", type: .normal)
                } catch {
                    let errors = try FormErrors(error, inputs: [.certificateNumber: "certificate", .terminationDate: "date", .reason: "reason"],
                                                place: { refusal in
                        // A certificate number nobody holds is a mistyped number, not a missing page.
                        if case .notFound = refusal, step == .complete { return "certificate" }
                        return nil
                    })
                    return stepPage(step, line, typed: form, errors: errors, status: .badRequest, context: context)
                }
            }
        }
    }

    private static func apprenticeshipId(_ context: WebContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
        return id
    }

    private static func terminationDate(_ text: String) throws -> CivilDate {
        do throws(Rejection) {
            return try CivilDate.parse(text.trimmingWhitespace())
        } catch {
            throw StoreError.invalid(FieldProblem(field: .terminationDate, value: text, rule: error))
        }
    }

    private func stepPage(_ step: ApprenticeStep, _ line: ApprenticeshipLine, typed: FormFields, errors: FormErrors,
                          status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        let a = line.apprenticeship
        let open = a.status.allowedMoves.contains(step.target)
        var inputs: [ActionFormPage.Entry] = []
        switch step {
        case .file, .start: break
        case .complete:
            inputs = [.field(FormInput("certificate", field: .certificateNumber, value: typed.text("certificate"), errors: errors, required: true,
                                       hintZh: "学徒本人在目标职业、目标等级或以上取得的有效证书。",
                                       hintEn: "A valid certificate of the apprentice in the target occupation, at the target level or higher."))]
        case .terminate:
            inputs = [.field(FormInput("date", field: .terminationDate, value: typed.text("date"), errors: errors, required: true, type: "date",
                                       hintZh: "如 2026-12-01：培养开始之后、今天之前。", hintEn: "E.g. 2026-12-01: after the start, not after today.")),
                      .field(FormInput("reason", field: .reason, value: typed.text("reason"), errors: errors, required: true,
                                       hintZh: "如 学徒离职。", hintEn: "E.g. the apprentice left the enterprise."))]
        }
        return pages.render("action-form", title: step.zh, page: ActionFormPage(
            headingZh: "\(step.zh)：\(line.name)", headingEn: step.en,
            introZh: open ? step.introZh : "该学徒\(a.status.chineseName)，不能\(step.zh)。",
            introEn: open ? step.introEn : "This apprenticeship is \(a.status.englishName): it cannot be \(step.past).",
            backHref: "/apprenticeships/\(a.id!)",
            facts: [
                .init(labelZh: "身份证号", labelEn: "National ID", value: Masking.nationalID(line.nationalId)),
                .init(labelZh: "企业", labelEn: "Enterprise", value: line.enterpriseName),
                .init(labelZh: "职业", labelEn: "Occupation", value: line.occupationName),
                .init(labelZh: "状态", labelEn: "Status", value: "\(a.status.chineseName) \(a.status.englishName)"),
            ],
            errors: errors,
            form: open ? ActionFormPage.Form(action: "/apprenticeships/\(a.id!)/\(step.rawValue)", hidden: [], inputs: inputs,
                                             submitZh: step.zh, submitEn: step.en) : nil),
            status: status, context: context)
    }
}

/// A step of an apprenticeship that a page takes.
enum ApprenticeStep: String, CaseIterable, Sendable {
    case file, start, complete, terminate

    var target: ApprenticeshipStatus {
        switch self {
        case .file: .filed
        case .start: .inTraining
        case .complete: .completed
        case .terminate: .terminated
        }
    }

    var zh: String {
        switch self {
        case .file: "备案"
        case .start: "开始培训"
        case .complete: "结业"
        case .terminate: "终止"
        }
    }

    var en: String {
        switch self {
        case .file: "File"
        case .start: "Start training"
        case .complete: "Complete"
        case .terminate: "Terminate"
        }
    }

    var past: String {
        switch self {
        case .file: "filed"
        case .start: "started"
        case .complete: "completed"
        case .terminate: "terminated"
        }
    }

    var introZh: String {
        switch self {
        case .file: "备案后按计划补贴确定预付金额，记入审计日志。"
        case .start: "记录学徒今天开始培训。"
        case .complete: "以学徒取得的证书结业，结业后可申领补贴余额。"
        case .terminate: "终止须填写日期和理由；已预付超出应得部分须退回。"
        }
    }

    var introEn: String {
        switch self {
        case .file: "Filing fixes the advance of the planned subsidy; it is audited."
        case .start: "Records that the apprentice starts training today."
        case .complete: "Completes with the certificate the apprentice obtained; the rest of the subsidy is then due."
        case .terminate: "A termination needs the date and the reason; an advance beyond what was earned is owed back."
        }
    }

    /// The steps a user of `role` may take from a status, as the Store allows them.
    static func offered(from status: ApprenticeshipStatus, role: Role) -> [ApprenticeStep] {
        allCases.filter { status.allowedMoves.contains($0.target) && Store.mayMoveApprenticeship(role, to: $0.target) }
    }
}
