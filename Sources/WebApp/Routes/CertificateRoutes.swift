import Foundation
import Hummingbird
import Domain
import Services
import Store

/// The bureau's certificates (证书): issuing a locked session's (a preview of how many and which
/// numbers, then the confirmation), the list with its filters fifty to a page and as a workbook,
/// a certificate's page, revoking and reissuing with reasons, the certificate roster (masked, or
/// whole IDs for a reason) and the national upload file (whole IDs: a reason, audited). The
/// bureau's only: the Store refuses anyone else (403) before it looks for a record (404).
extension WebApp {
    func addCertificateRoutes(to router: Router<WebContext>) {
        router.get("/certificates") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = CertificateQuery(request)
            let shown = try await store { store -> CertificatesShown in
                // First, so that anyone but the bureau is refused whatever the filter says.
                let choices = try store.certificateChoices(actor: actor)
                do {
                    let page = try CertificateDirectory(store: store).list(actor: actor, filter: try query.filter(),
                                                                           page: PageRequest(number: query.page, size: Self.rowsPerPage))
                    return CertificatesShown(choices: choices, page: page, problem: nil)
                } catch StoreError.invalid(let problem) {
                    return CertificatesShown(choices: choices, page: nil, problem: problem)
                }
            }
            return pages.render("certificates", title: "证书", page: CertificateListPage(query: query, shown: shown,
                                                                                         done: request.uri.queryParameters["done"].map(String.init)),
                                status: shown.problem == nil ? .ok : .badRequest, context: context)
        }

        router.get("/certificates.xlsx") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = CertificateQuery(request)
            _ = try await store { store in try store.certificateChoices(actor: actor) }
            let filter = try query.filter()
            return try await listingDownload(Self.certificateLayout, name: DownloadName(chinese: "证书", ascii: "certificates"),
                                             details: [query.title], rows: { store in
                .pages { page in try CertificateDirectory(store: store).list(actor: actor, filter: filter, page: page) }
            })
        }

        router.get("/certificates/roster") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = CertificateQuery(request)
            _ = try await store { store in try store.certificateChoices(actor: actor) }
            let filter = try query.filter()
            return try await workbookDownload(name: Self.rosterName) { store, _, url in
                _ = try CertificateReports(store: store).roster(actor: actor, filter: filter, title: query.title) { url }
            }
        }

        router.get("/certificates/roster/whole") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = CertificateQuery(request)
            _ = try await store { store in try store.certificateChoices(actor: actor) }
            _ = try query.filter()
            return wholeRosterForm(query, reason: "", errors: FormErrors(), context: context)
        }

        router.post("/certificates/roster/whole") { _, context -> Response in
            let actor = try context.signedIn.user
            let form = context.form
            let query = CertificateQuery { form.text($0) }
            _ = try await store { store in try store.certificateChoices(actor: actor) }
            let filter = try query.filter()
            let reason = form.text("reason")
            do {
                return try await workbookDownload(name: Self.rosterName) { store, _, url in
                    _ = try CertificateReports(store: store).roster(actor: actor, filter: filter, title: query.title,
                                                                    disclosure: .whole(reason: reason)) { url }
                }
            } catch let refused as DisclosureError {
                return wholeRosterForm(query, reason: reason, errors: try FormErrors(refused, inputs: [.reason: "reason"]),
                                       status: .badRequest, context: context)
            }
        }

        router.get("/certificates/upload") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = CertificateQuery(request)
            let valid = try await validCount(query, actor: actor)
            return uploadForm(query, valid: valid, reason: "", errors: FormErrors(), context: context)
        }

        router.post("/certificates/upload") { _, context -> Response in
            let actor = try context.signedIn.user
            let form = context.form
            let query = CertificateQuery { form.text($0) }
            let valid = try await validCount(query, actor: actor)
            let filter = try query.filter()
            let reason = form.text("reason")
            do {
                return try await workbookDownload(name: DownloadName(chinese: "全国证书上传-\(query.fileSuffix)", ascii: "national-upload")) { store, _, url in
                    _ = try CertificateReports(store: store).nationalUpload(actor: actor, filter: filter, reason: reason) { url }
                }
            } catch let refused as DisclosureError {
                return uploadForm(query, valid: valid, reason: reason, errors: try FormErrors(refused, inputs: [.reason: "reason"]),
                                  status: .badRequest, context: context)
            }
        }

        router.get("/certificates/issue/{session}") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try Self.sessionId(context)
            let (desk, preview) = try await store { store in
                (try store.resultsDesk(sessionId: id, actor: actor), try store.issueCertificates(sessionId: id, preview: true, actor: actor))
            }
            return issuePage(desk, preview: preview, context: context)
        }

        router.post("/certificates/issue/{session}") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try Self.sessionId(context)
            let issued = try await store { store in try store.issueCertificates(sessionId: id, actor: actor) }
            return .redirect(to: PagingView.href("/certificates", [("session", String(id)), ("done", "issued"),
                                                                   ("count", String(issued.issued.count))]), type: .normal)
        }

        router.get("/certificates/{number}") { request, context -> Response in
            let actor = try context.signedIn.user
            let number = try Self.certificateNumber(context)
            let (line, history) = try await store { store in
                let line = try store.certificate(number: number, actor: actor)
                return (line, try RecordHistories(store: store).history(of: .certificate(line.id), actor: actor))
            }
            return pages.render("certificate", title: "证书 \(line.number)", page: CertificatePage(
                line, history: history, done: request.uri.queryParameters["done"].map(String.init)), context: context)
        }

        router.get("/certificates/{number}/revoke") { _, context -> Response in
            let actor = try context.signedIn.user
            let number = try Self.certificateNumber(context)
            let line = try await store { store in try store.certificate(number: number, actor: actor) }
            return revokePage(line, typed: FormFields(), errors: FormErrors(), context: context)
        }

        router.post("/certificates/{number}/revoke") { _, context -> Response in
            let actor = try context.signedIn.user
            let number = try Self.certificateNumber(context)
            let line = try await store { store in try store.certificate(number: number, actor: actor) }
            let form = context.form
            do {
                _ = try await store { store in try store.revokeCertificate(number: line.number, reason: form.text("reason"), actor: actor) }
                return .redirect(to: "/certificates/\(line.number)?done=revoked", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: [.reason: "reason"])
                return revokePage(line, typed: form, errors: errors, status: .badRequest, context: context)
            }
        }

        router.get("/certificates/{number}/reissue") { _, context -> Response in
            let actor = try context.signedIn.user
            let number = try Self.certificateNumber(context)
            let line = try await store { store in try store.certificate(number: number, actor: actor) }
            return reissuePage(line, typed: FormFields(), errors: FormErrors(), context: context)
        }

        router.post("/certificates/{number}/reissue") { _, context -> Response in
            let actor = try context.signedIn.user
            let number = try Self.certificateNumber(context)
            let line = try await store { store in try store.certificate(number: number, actor: actor) }
            let form = context.form
            do {
                guard let why = ReissueReason(rawValue: form.text("why")) else {
                    throw StoreError.invalid(FieldProblem(field: .reason, value: form.text("why"), rule: Rejection(
                        "请选择补发原因：遗失或损毁", "choose why: the certificate was lost or damaged")))
                }
                _ = try await store { store in try store.reissueCertificate(number: line.number, reason: why, note: form.text("note"), actor: actor) }
                return .redirect(to: "/certificates/\(line.number)?done=reissued", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: [.reason: "why", .note: "note"])
                return reissuePage(line, typed: form, errors: errors, status: .badRequest, context: context)
            }
        }
    }

    static let rosterName = DownloadName(chinese: "证书名册", ascii: "certificate-roster")

    /// The certificate number of the path, or the 404 page.
    private static func certificateNumber(_ context: WebContext) throws -> String {
        guard let number = context.parameters.get("number"), !number.isEmpty else { throw WebError.notFound }
        return number
    }

    /// How many valid certificates the filter selects (the national upload's lines); the
    /// bureau's only.
    private func validCount(_ query: CertificateQuery, actor: User) async throws -> Int {
        try await store { store in
            _ = try store.certificateChoices(actor: actor)
            var filter = try query.filter()
            filter.status = .valid
            return try store.certificates(filter, actor: actor, page: PageRequest(number: 1, size: 1)).total
        }
    }

    /// The list's workbook: the page's columns, every row the filter selects, IDs masked.
    static let certificateLayout = ListingLayout<CertificateView>(title: "证书 Certificates", sheetName: "证书 Certificates", columns: [
        .text("证书编号 Number") { $0.number },
        .text("姓名 Name") { $0.name },
        .text("身份证号 National ID") { $0.nationalId },
        .text("职业等级 Certifies") { $0.certified },
        .text("发证日期 Issued on") { $0.issuedOn },
        .text("培训机构 Training institution") { $0.trainingInstitution },
        .text("状态 Status") { $0.status },
        .integer("补发次数 Reissues") { $0.reissues },
    ])

    private func wholeRosterForm(_ query: CertificateQuery, reason: String, errors: FormErrors, status: HTTPResponse.Status = .ok,
                                 context: WebContext) -> Response {
        pages.render("action-form", title: "证书名册（完整身份证号）", page: ActionFormPage(
            headingZh: "证书名册：完整身份证号", headingEn: "Certificate roster with whole IDs",
            introZh: "名册默认遮蔽身份证号。需要完整号码时请说明理由：下载、理由和涉及的人员记入审计日志。",
            introEn: "The roster masks national IDs. To have them whole, say why: the download, your reason and the people in it are kept in the audit trail.",
            backHref: PagingView.href("/certificates", query.pairs),
            facts: [.init(labelZh: "范围", labelEn: "Covers", value: query.title)], errors: errors,
            form: ActionFormPage.Form(action: "/certificates/roster/whole", hidden: query.hidden, inputs: [
                .field(FormInput("reason", field: .reason, value: reason, errors: errors, required: true,
                                 hintZh: "如 省厅核对持证人身份。", hintEn: "E.g. the province asks to check holders' identities.")),
            ], submitZh: "下载完整版", submitEn: "Download whole")),
            status: status, context: context)
    }

    private func uploadForm(_ query: CertificateQuery, valid: Int, reason: String, errors: FormErrors, status: HTTPResponse.Status = .ok,
                            context: WebContext) -> Response {
        pages.render("action-form", title: "全国证书上传文件", page: ActionFormPage(
            headingZh: "全国证书上传文件", headingEn: "National upload file",
            introZh: "上传文件按全国证书查询的要求包含完整身份证号，只含有效证书。请说明理由：下载、理由和涉及的人员记入审计日志。",
            introEn: "The upload file carries whole national IDs, as the national lookup needs, and valid certificates only. Say why: the download, your reason and the people in it are kept in the audit trail.",
            backHref: PagingView.href("/certificates", query.pairs),
            facts: [.init(labelZh: "范围", labelEn: "Covers", value: query.title),
                    .init(labelZh: "有效证书", labelEn: "Valid certificates", value: String(valid))], errors: errors,
            form: ActionFormPage.Form(action: "/certificates/upload", hidden: query.hidden, inputs: [
                .field(FormInput("reason", field: .reason, value: reason, errors: errors, required: true,
                                 hintZh: "如 2026年第四季度证书报送全国查询系统。", hintEn: "E.g. the fourth quarter's certificates for the national lookup.")),
            ], submitZh: "下载上传文件", submitEn: "Download the upload file")),
            status: status, context: context)
    }

    private func issuePage(_ desk: ResultsDesk, preview: IssuanceResult, context: WebContext) -> Response {
        let id = desk.results.summary.session.id!
        let count = preview.issued.count
        var facts = SessionResultsPage.facts(desk)
        facts.append(.init(labelZh: "将发证", labelEn: "To issue", value: "\(count)"))
        facts.append(.init(labelZh: "已持证", labelEn: "Already certified", value: String(preview.alreadyCertified)))
        if preview.revoked > 0 {
            facts.append(.init(labelZh: "证书已撤销不再发证", labelEn: "Revoked, not issued again", value: String(preview.revoked)))
        }
        return pages.render("action-form", title: "发证", page: ActionFormPage(
            headingZh: "发证", headingEn: "Issue certificates",
            introZh: count > 0 ? "以下为将发的证书及编号（预览，尚未发证）。编号一经发出不再重复使用。" : "没有需要发证的合格考生。",
            introEn: count > 0 ? "The certificates and numbers below would be issued (a preview: nothing is issued yet). A number once given is never reused."
                : "No passed candidate is waiting for a certificate.",
            backHref: "/results/\(id)", facts: facts,
            table: ActionFormPage.Table(captionZh: "将发的证书", captionEn: "Certificates to issue",
                                        headers: ["证书编号 Number", "姓名 Name", "身份证号 National ID", "职业等级 Certifies"],
                                        rows: preview.issued.map { [$0.number, $0.name, Masking.nationalID($0.nationalId), $0.targetName] }),
            form: count > 0 ? ActionFormPage.Form(action: "/certificates/issue/\(id)", hidden: [], inputs: [],
                                                  submitZh: "确认发证（\(count) 本）", submitEn: "Issue \(count) certificate(s)") : nil),
            context: context)
    }

    private func revokePage(_ line: CertificateLine, typed: FormFields, errors: FormErrors, status: HTTPResponse.Status = .ok,
                            context: WebContext) -> Response {
        pages.render("action-form", title: "撤销证书", page: ActionFormPage(
            headingZh: "撤销证书", headingEn: "Revoke a certificate",
            introZh: line.revokedOn == nil ? "撤销后证书核验显示已撤销；编号不再使用。理由必填，记入审计日志。" : "该证书已于 \(line.revokedOn!) 撤销。",
            introEn: line.revokedOn == nil ? "Once revoked, verification shows it revoked; the number is never given again. The reason is required and audited."
                : "This certificate was revoked on \(line.revokedOn!).",
            backHref: "/certificates/\(line.number)", facts: CertificatePage.facts(line), errors: errors,
            form: line.revokedOn == nil ? ActionFormPage.Form(action: "/certificates/\(line.number)/revoke", hidden: [], inputs: [
                .field(FormInput("reason", field: .reason, value: typed.text("reason"), errors: errors, required: true,
                                 hintZh: "如 复核更正后不合格；以欺骗手段取得。", hintEn: "E.g. the candidate fails after an amendment; obtained by deceit.")),
            ], submitZh: "撤销证书", submitEn: "Revoke") : nil),
            status: status, context: context)
    }

    private func reissuePage(_ line: CertificateLine, typed: FormFields, errors: FormErrors, status: HTTPResponse.Status = .ok,
                             context: WebContext) -> Response {
        let why = typed.text("why")
        return pages.render("action-form", title: "补发证书", page: ActionFormPage(
            headingZh: "补发证书", headingEn: "Reissue a certificate",
            introZh: line.revokedOn == nil ? "遗失或损毁的证书补发，编号不变。" : "已撤销的证书不能补发。",
            introEn: line.revokedOn == nil ? "A lost or damaged certificate is reissued under the same number." : "A revoked certificate cannot be reissued.",
            backHref: "/certificates/\(line.number)", facts: CertificatePage.facts(line), errors: errors,
            form: line.revokedOn == nil ? ActionFormPage.Form(action: "/certificates/\(line.number)/reissue", hidden: [], inputs: [
                .choice(FormInput("why", labelZh: "补发原因", labelEn: "Why", value: why, errors: errors, required: true,
                                  options: [FormOption.choose] + ReissueReason.allCases.map {
                                      FormOption(value: $0.rawValue, text: "\($0.chineseName) \($0.rawValue)", selected: $0.rawValue == why)
                                  })),
                .field(FormInput("note", field: .note, value: typed.text("note"), errors: errors, required: true,
                                 hintZh: "如 已登报声明作废。", hintEn: "E.g. declared void in the newspaper.")),
            ], submitZh: "补发", submitEn: "Reissue") : nil),
            status: status, context: context)
    }
}

/// The list's filters as the browser sent them (a query, or a form's hidden fields), kept as
/// typed so that the form shows them back and every link and download carries them.
struct CertificateQuery: Sendable {
    let period: String
    let occupation: String
    let level: String
    let body: String
    let status: String
    let session: String
    let page: Int

    init(_ request: Request) {
        let query = request.uri.queryParameters
        self.init { name in query[Substring(name)].map(String.init) ?? "" }
    }

    init(_ value: (String) -> String) {
        func text(_ name: String) -> String { value(name).trimmingWhitespace() }
        period = text("period")
        occupation = text("occupation")
        level = text("level")
        body = text("body")
        status = text("status")
        session = text("session")
        page = PagingView.requestedPage(text("page"))
    }

    /// The non-empty filters, in the form's order.
    var pairs: [(String, String)] {
        [("period", period), ("occupation", occupation), ("level", level), ("body", body), ("status", status), ("session", session)]
            .filter { !$0.1.isEmpty }
    }

    var hidden: [ActionFormPage.Hidden] { pairs.map { ActionFormPage.Hidden(name: $0.0, value: $0.1) } }

    /// The Store's filter; a period that is not a quarter or year is refused at its input.
    func filter() throws -> CertificateFilter {
        var filter = CertificateFilter()
        if !period.isEmpty { filter.issued = try WebApp.claimPeriod(period).range }
        filter.occupationCode = occupation.isEmpty ? nil : occupation
        filter.level = Int(level).flatMap(SkillLevel.init(nationalDigit:))
        filter.bodyId = Int64(body)
        filter.status = CertificateStatus(rawValue: status)
        filter.sessionId = Int64(session)
        return filter
    }

    /// What the selection covers, for a workbook's title.
    var title: String {
        var parts: [String] = []
        if !session.isEmpty { parts.append("考试场次 session \(session)") }
        if !period.isEmpty { parts.append("期间 period \(period)") }
        if !occupation.isEmpty { parts.append("职业 occupation \(occupation)") }
        if let level = Int(level).flatMap(SkillLevel.init(nationalDigit:)) { parts.append("等级 level \(level.chineseName)") }
        if !body.isEmpty { parts.append("评价机构 body \(body)") }
        if let status = CertificateStatus(rawValue: status) { parts.append("状态 status \(status.chineseName) \(status.englishName)") }
        return parts.isEmpty ? "全部证书 All certificates" : parts.joined(separator: " · ")
    }

    /// `2026Q4`, `session-3`, `all`: a file name's tail.
    var fileSuffix: String {
        let parts = [session.isEmpty ? nil : "session-\(session)", period.isEmpty ? nil : period].compactMap { $0 }
        return parts.isEmpty ? "all" : parts.joined(separator: "-")
    }
}

/// What the Store answered for a page of the list: the filters' choices, and the page or the
/// problem with the filter.
struct CertificatesShown: Sendable {
    let choices: CertificateChoices
    let page: Page<CertificateView>?
    let problem: FieldProblem?
}

struct CertificateListPage {
    struct Row {
        let number: String
        let name: String
        let nationalId: String
        let certified: String
        let issuedOn: String
        let institution: String
        let status: String
        let reissues: Int
    }

    let period: FormInput
    let occupations: [FormOption]
    let levels: [FormOption]
    let bodies: [FormOption]
    let statuses: [FormOption]
    let session: String
    let doneZh: String?
    let doneEn: String?
    let rows: [Row]
    let paging: PagingView?
    let exportHref: String
    let rosterHref: String
    let rosterWholeHref: String
    let uploadHref: String

    init(query: CertificateQuery, shown: CertificatesShown, done: String?) {
        var errors = FormErrors()
        if let problem = shown.problem { errors = (try? FormErrors(StoreError.invalid(problem), inputs: [.period: "period"])) ?? FormErrors() }
        period = FormInput("period", field: .period, value: query.period, errors: errors,
                           hintZh: "发证所在季度或年度，如 2026Q4、2026。", hintEn: "The quarter or year of issue, e.g. 2026Q4, 2026.")
        occupations = shown.choices.occupations.map {
            FormOption(value: $0.code, text: "\($0.name) \($0.code)", selected: $0.code == query.occupation)
        }
        levels = SkillLevel.nationalLevels.map {
            FormOption(value: String($0.nationalDigit!), text: "\($0.chineseName) \($0.englishName)", selected: String($0.nationalDigit!) == query.level)
        }
        bodies = shown.choices.bodies.map { FormOption(value: String($0.id), text: $0.name, selected: String($0.id) == query.body) }
        statuses = CertificateStatus.allCases.map {
            FormOption(value: $0.rawValue, text: "\($0.chineseName) \($0.englishName)", selected: $0.rawValue == query.status)
        }
        session = query.session
        if done == "issued" {
            doneZh = "已发证，本场次的证书如下。"
            doneEn = "Issued: the session's certificates are below."
        } else {
            doneZh = nil
            doneEn = nil
        }
        rows = shown.page?.rows.map {
            Row(number: $0.number, name: $0.name, nationalId: $0.nationalId, certified: $0.certified, issuedOn: $0.issuedOn,
                institution: $0.trainingInstitution ?? "", status: $0.status, reissues: $0.reissues)
        } ?? []
        paging = shown.page.map { PagingView($0, path: "/certificates", filters: query.pairs) }
        exportHref = PagingView.href("/certificates.xlsx", query.pairs)
        rosterHref = PagingView.href("/certificates/roster", query.pairs)
        rosterWholeHref = PagingView.href("/certificates/roster/whole", query.pairs)
        uploadHref = PagingView.href("/certificates/upload", query.pairs)
    }
}

/// One certificate, its ID masked, and what may be done with it.
struct CertificatePage {
    let number: String
    let facts: [ActionFormPage.Fact]
    let doneZh: String?
    let doneEn: String?
    let valid: Bool
    let sessionHref: String?
    /// The changes to it (issue, print, revocation, reissue), from the audit trail.
    let history: RecordHistoryPage

    init(_ line: CertificateLine, history: RecordHistoryView, done: String?) {
        number = line.number
        self.history = RecordHistoryPage(history)
        facts = Self.facts(line)
        let message: (String, String)? = switch done {
        case "revoked": ("证书已撤销。", "The certificate is revoked.")
        case "reissued": ("已记录补发。", "The reissue is recorded.")
        default: nil
        }
        doneZh = message?.0
        doneEn = message?.1
        valid = line.revokedOn == nil
        sessionHref = line.sessionId.map { "/results/\($0)" }
    }

    static func facts(_ line: CertificateLine) -> [ActionFormPage.Fact] {
        var facts: [ActionFormPage.Fact] = [
            .init(labelZh: "证书编号", labelEn: "Number", value: line.number),
            .init(labelZh: "姓名", labelEn: "Name", value: line.name),
            .init(labelZh: "身份证号", labelEn: "National ID", value: Masking.nationalID(line.nationalId)),
            .init(labelZh: "职业等级", labelEn: "Certifies", value: line.targetName + (line.subTrade.map { "（\($0)）" } ?? "")),
            .init(labelZh: "发证日期", labelEn: "Issued on", value: line.issuedOn),
            .init(labelZh: "评价机构", labelEn: "Evaluation body", value: line.bodyName),
            .init(labelZh: "培训机构", labelEn: "Training institution", value: line.trainingInstitutionName ?? ""),
            .init(labelZh: "状态", labelEn: "Status", value: line.revokedOn.map { "已撤销 revoked \($0)" } ?? "有效 valid"),
        ]
        if let reason = line.revocationReason { facts.append(.init(labelZh: "撤销理由", labelEn: "Revoked because", value: reason)) }
        facts.append(.init(labelZh: "补发次数", labelEn: "Reissues", value: String(line.reissues)))
        return facts
    }
}
