import Foundation
import Hummingbird
import Domain
import Services
import Store

/// The mismatch queue (成绩不一致): every part of every held session whose two entries differ,
/// both entries side by side, and the form that settles one with the mark that counts and a
/// reason (both entries are kept). The bureau's only.
extension WebApp {
    func addMismatchRoutes(to router: Router<WebContext>) {
        router.get("/mismatches") { request, context -> Response in
            let actor = try context.signedIn.user
            let number = PagingView.requestedPage(request.uri.queryParameters["page"].map(String.init))
            let queue = try await store { store in try store.mismatchQueue(actor: actor) }
            return pages.render("mismatches", title: "成绩不一致", page: MismatchQueuePage(queue, number: number), context: context)
        }

        router.get("/mismatches/{session}/{ticket}/{part}") { _, context -> Response in
            let actor = try context.signedIn.user
            let (id, ticket, part) = try Self.mismatchKey(context)
            let mismatch = try await pendingMismatch(id, ticket, part, actor: actor)
            return settlePage(mismatch, typed: FormFields(), errors: FormErrors(), context: context)
        }

        router.post("/mismatches/{session}/{ticket}/{part}") { _, context -> Response in
            let actor = try context.signedIn.user
            let (id, ticket, part) = try Self.mismatchKey(context)
            let mismatch = try await pendingMismatch(id, ticket, part, actor: actor)
            let form = context.form
            do {
                _ = try await store { store in
                    try store.settleMismatch(sessionId: id, ticket: ticket, part: part, mark: form.text("mark"),
                                             reason: form.text("reason"), actor: actor)
                }
                return .redirect(to: "/results/\(id)?done=settled", type: .normal)
            } catch {
                let errors = try FormErrors(error, inputs: Self.markInputs)
                return settlePage(mismatch, typed: form, errors: errors, status: .badRequest, context: context)
            }
        }
    }

    /// The session, ticket and part of the path, or the 404 page.
    private static func mismatchKey(_ context: WebContext) throws -> (Int64, String, ExamPart) {
        guard let id = context.parameters.get("session", as: Int64.self), let ticket = context.parameters.get("ticket"),
              let part = context.parameters.get("part").flatMap(ExamPart.init(rawValue:)) else { throw WebError.notFound }
        return (id, ticket, part)
    }

    /// The mismatch still waiting, or the 404 page (settled already, or never one).
    private func pendingMismatch(_ id: Int64, _ ticket: String, _ part: ExamPart, actor: User) async throws -> PendingMismatch {
        let queue = try await store { store in try store.mismatchQueue(actor: actor) }
        guard let mismatch = queue.first(where: { $0.sessionId == id && $0.ticketNumber == ticket && $0.part == part }) else {
            throw WebError.notFound
        }
        return mismatch
    }

    private func settlePage(_ mismatch: PendingMismatch, typed: FormFields, errors: FormErrors, status: HTTPResponse.Status = .ok,
                            context: WebContext) -> Response {
        let path = MismatchQueuePage.settleHref(mismatch)
        return pages.render("action-form", title: "处理成绩不一致", page: ActionFormPage(
            headingZh: "处理成绩不一致", headingEn: "Settle a mismatch",
            introZh: "两次录入不一致。核对原始评分表后填写应计成绩并说明理由；两次录入均保留。",
            introEn: "The two entries differ. Check the original score sheet, give the mark that counts and why; both entries are kept.",
            backHref: "/mismatches",
            facts: [
                .init(labelZh: "考试场次", labelEn: "Session", value: "\(mismatch.sessionId) · \(mismatch.examDate) · \(mismatch.targetName)"),
                .init(labelZh: "考生", labelEn: "Candidate", value: "\(mismatch.ticketNumber) \(mismatch.name)"),
                .init(labelZh: "科目", labelEn: "Part", value: "\(mismatch.part.chineseName) \(mismatch.part.englishName)"),
            ],
            table: MismatchQueuePage.sideBySide(mismatch), errors: errors,
            form: ActionFormPage.Form(action: path, hidden: [], inputs: [
                .field(FormInput("mark", labelZh: "应计成绩", labelEn: "The mark that counts", value: typed.text("mark"), errors: errors,
                                 required: true, hintZh: "0–100，最多一位小数；或 缺考、违纪。",
                                 hintEn: "0-100 with one decimal at most, or 缺考 (absent) / 违纪 (breach).")),
                .field(FormInput("reason", field: .reason, value: typed.text("reason"), errors: errors, required: true,
                                 hintZh: "如 核对原始评分表，第二次录入有误。", hintEn: "E.g. checked against the original sheet: the second entry was mistyped.")),
            ], submitZh: "确定成绩", submitEn: "Settle")),
            status: status, context: context)
    }
}

/// The queue, fifty to a page, each mismatch with both entries on its line.
struct MismatchQueuePage {
    struct Row {
        let sessionId: Int64
        let examDate: String
        let target: String
        let ticket: String
        let name: String
        let part: String
        let first: String
        let firstBy: String
        let second: String
        let secondBy: String
        let settleHref: String
    }

    static let rowsPerPage = 50

    let rows: [Row]
    let paging: PagingView

    init(_ queue: [PendingMismatch], number: Int) {
        let pageCount = max(1, (queue.count + Self.rowsPerPage - 1) / Self.rowsPerPage)
        let request = PageRequest(number: min(number, pageCount), size: Self.rowsPerPage)
        let start = (request.number - 1) * Self.rowsPerPage
        let shown = Array(queue[min(start, queue.count)..<min(start + Self.rowsPerPage, queue.count)])
        rows = shown.map {
            Row(sessionId: $0.sessionId, examDate: $0.examDate, target: $0.targetName, ticket: $0.ticketNumber, name: $0.name,
                part: "\($0.part.chineseName) \($0.part.englishName)", first: $0.first.mark.description,
                firstBy: "\($0.first.userName)（\($0.first.login)）", second: $0.second.mark.description,
                secondBy: "\($0.second.userName)（\($0.second.login)）", settleHref: Self.settleHref($0))
        }
        paging = PagingView(Page(rows: shown, total: queue.count, request: request), path: "/mismatches", filters: [])
    }

    static func settleHref(_ mismatch: PendingMismatch) -> String {
        let ticket = mismatch.ticketNumber.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? ""
        return "/mismatches/\(mismatch.sessionId)/\(ticket)/\(mismatch.part.rawValue)"
    }

    /// Both entries, a column each: the mark, who keyed it, from what, when.
    static func sideBySide(_ mismatch: PendingMismatch) -> ActionFormPage.Table {
        func source(_ entry: MarkEntry) -> String { entry.source == "manual" ? "逐条录入 typed" : entry.source }
        return ActionFormPage.Table(
            captionZh: "两次录入", captionEn: "The two entries",
            headers: ["", "第一次录入 First entry", "第二次录入 Second entry"],
            rows: [
                ["成绩 Mark", mismatch.first.mark.description, mismatch.second.mark.description],
                ["录入人 Keyed by", "\(mismatch.first.userName)（\(mismatch.first.login)）", "\(mismatch.second.userName)（\(mismatch.second.login)）"],
                ["来源 Source", source(mismatch.first), source(mismatch.second)],
                ["时间 At", BureauTime.shown(mismatch.first.at), BureauTime.shown(mismatch.second.at)],
            ])
    }
}
