import Foundation
import Hummingbird
import Domain
import Services
import Store

/// The bureau's exam sessions (考试场次): the list fifty to a page with its filters and its
/// 导出 Excel; a session's page with its rooms, staff and staffing problems, the candidates of a
/// room fifty to a page (masked), its state moves (open, close, hold: each asked for on a page
/// of its own, then done by the Store, which audits it) and its workbooks. Every page first asks
/// the Store for the bureau's planning choices, which refuses anyone else (the 403 page); a
/// session that is not there is the 404 page.
///
/// The admission tickets download is `ExamRegistrationRoutes`' (`/sessions/{session}/tickets`);
/// the sign-in and score sheets are here, through `addDisclosableDownload`, in the Store's scope
/// of the room sheets (the bureau and the session's own examiners).
extension WebApp {
    func addSessionRoutes(to router: Router<WebContext>) {
        addSessionPlanRoutes(to: router)
        addSessionStaffingRoutes(to: router)
        router.get("/sessions") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = SessionListQuery(request)
            let number = PagingView.requestedPage(request.uri.queryParameters["page"].map(String.init))
            let filter = query.filter
            let (choices, page) = try await store { store in
                (try store.sessionPlanningChoices(actor: actor),
                 try SessionDirectory(store: store).list(actor: actor, filter: filter,
                                                         page: PageRequest(number: number, size: Self.rowsPerPage)))
            }
            return pages.render("sessions", title: "考试场次", page: SessionListPage(
                query: query, choices: choices, rows: page.rows,
                paging: PagingView(page, path: "/sessions", filters: query.parameters)), context: context)
        }

        // 导出 Excel: every session of the page's filter, the page's columns.
        router.get("/sessions.xlsx") { request, context -> Response in
            let actor = try context.signedIn.user
            let query = SessionListQuery(request)
            let filter = query.filter
            _ = try await store { store in try store.sessionPlanningChoices(actor: actor) }
            return try await listingDownload(Self.sessionsLayout, name: DownloadName(chinese: "考试场次", ascii: "exam-sessions"),
                                             details: [query.details], rows: { store in
                .pages { page in try SessionDirectory(store: store).list(actor: actor, filter: filter, page: page) }
            })
        }

        router.get("/sessions/{session}") { request, context -> Response in
            let actor = try context.signedIn.user
            let id = try sessionId(context)
            let parameters = request.uri.queryParameters
            let roomId = parameters["room"].flatMap { Int64(String($0)) }
            let number = PagingView.requestedPage(parameters["page"].map(String.init))
            let (summary, candidates) = try await bureauSession(id, actor: actor) { store, summary in
                let room = roomId.flatMap { id in summary.rooms.first { $0.room.id == id } } ?? summary.rooms.first
                return try room.map { room in
                    (room, try store.examRoomCandidates(sessionId: id, roomId: room.room.id!, actor: actor,
                                                        page: PageRequest(number: number, size: Self.rowsPerPage)))
                }
            }
            let done = parameters["done"].map(String.init).flatMap(SessionMove.init(rawValue:))
            return pages.render("session", title: "考试场次 \(id)", page: SessionPage(summary, candidates: candidates, done: done),
                                context: context)
        }

        for move in SessionMove.allCases {
            router.get(RouterPath(stringLiteral: "/sessions/{session}/\(move.rawValue)")) { _, context -> Response in
                let actor = try context.signedIn.user
                let id = try sessionId(context)
                let (summary, _) = try await bureauSession(id, actor: actor) { _, _ in () }
                return moveForm(SessionMovePage(summary, move: move, errors: FormErrors()), context: context)
            }

            router.post(RouterPath(stringLiteral: "/sessions/{session}/\(move.rawValue)")) { _, context -> Response in
                let actor = try context.signedIn.user
                let id = try sessionId(context)
                let (summary, _) = try await bureauSession(id, actor: actor) { _, _ in () }
                do {
                    _ = try await store { store in
                        switch move {
                        case .open: try store.moveExamSession(id: id, to: .open, actor: actor)
                        case .close: try store.moveExamSession(id: id, to: .closed, actor: actor)
                        case .hold: try store.holdExamSession(id: id, actor: actor)
                        }
                    }
                } catch {
                    return moveForm(SessionMovePage(summary, move: move, errors: try FormErrors(error, inputs: [:])),
                                    status: .badRequest, context: context)
                }
                return .redirect(to: "/sessions/\(id)?done=\(move.rawValue)", type: .normal)
            }
        }

        for sheet in [ExamReports.SessionSheet.signIn, .scoreSheets] {
            let (path, zh, en, ascii) = sheet == .signIn
                ? ("sign-in", "签到表", "Sign-in sheets", "sign-in")
                : ("score-sheets", "评分表", "Score sheets", "score-sheets")
            addDisclosableDownload("/sessions/{session}/\(path)", to: router) { context in
                let actor = try context.signedIn.user
                let id = try sessionId(context)
                let summary = try await record { store in try store.examSession(id: id, actor: actor) }
                // The room sheets' scope: institutions are refused here, not when the file is written.
                if actor.role == .institution {
                    _ = try await store { store in try store.examSessionSheets(id: id, forRooms: true, actor: actor) }
                }
                let session = summary.session
                return DisclosableDownload(
                    titleZh: "\(zh)：\(session.examDate) \(summary.targetName)", titleEn: "\(en): \(session.examDate)",
                    name: DownloadName(chinese: "\(zh)-\(session.examDate)-\(Self.fileNameSafe(summary.targetName))",
                                       ascii: "\(ascii)-session-\(id)"),
                    back: actor.role == .bureau ? "/sessions/\(id)" : "/",
                    write: { store, disclosure, url in
                        _ = try ExamReports(store: store).sessionSheet(sheet, actor: actor, sessionId: id, disclosure: disclosure, to: { url })
                    })
            }
        }
    }

    func sessionId(_ context: WebContext) throws -> Int64 {
        guard let id = context.parameters.get("session", as: Int64.self) else { throw WebError.notFound }
        return id
    }

    /// A session for a bureau page: the refusal of anyone else first (403), then the session
    /// (404 when missing), then whatever else the page reads with it, in one trip to the Store.
    func bureauSession<T: Sendable>(_ id: Int64, actor: User,
                                    more: @escaping @Sendable (Store, ExamSessionSummary) throws -> T) async throws -> (ExamSessionSummary, T) {
        _ = try await store { store in try store.sessionPlanningChoices(actor: actor) }
        return try await record { store in
            let summary = try store.examSession(id: id, actor: actor)
            return (summary, try more(store, summary))
        }
    }

    /// A name as part of a file name: `四级/中级工` would be a folder to a file system.
    static func fileNameSafe(_ text: String) -> String {
        text.replacingOccurrences(of: "/", with: "·").replacingOccurrences(of: "\\", with: "·")
    }

    private func moveForm(_ page: SessionMovePage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("session-move", title: page.headingZh, page: page, status: status, context: context)
    }

    static let sessionsLayout = ListingLayout<SessionRowView>(title: "考试场次 Exam sessions", sheetName: "考试场次 Sessions", columns: [
        .integer("编号 ID") { Int($0.id) },
        .text("考试日期 Exam date") { $0.examDate },
        .text("考核内容 Assesses") { $0.target },
        .text("评价机构 Evaluation body") { $0.body },
        .text("状态 Status") { $0.statusText },
        .integer("报名 Registered") { $0.registered },
        .integer("容量 Capacity") { $0.capacity },
    ])
}

/// The state moves the bureau makes on a session's page, each the Store's operation.
enum SessionMove: String, CaseIterable, Sendable {
    case open, close, hold

    var zh: String {
        switch self {
        case .open: "开始报名"
        case .close: "截止报名"
        case .hold: "记录为已考试"
        }
    }

    var en: String {
        switch self {
        case .open: "Open registration"
        case .close: "Close registration"
        case .hold: "Record as held"
        }
    }

    /// What the move does, said on the page that asks for it.
    var explanationZh: String {
        switch self {
        case .open: "批准本场次，机构即可为结业学员报名。"
        case .close: "报名截止，之后不能再报名；可继续安排考评员。"
        case .hold: "记录考试已举行，之后可录入成绩；人员配置须符合规定，考试当天起才能记录。"
        }
    }

    var explanationEn: String {
        switch self {
        case .open: "Approves the session: institutions may then register their completed trainees."
        case .close: "Ends registration; examiners may still be assigned."
        case .hold: "Records that the exam took place, so that scores may be entered; the staffing must meet the rules, from the exam day on."
        }
    }

    /// The move the session's state allows next, if the bureau makes it here.
    static func next(after status: SessionStatus) -> SessionMove? {
        switch status {
        case .planned: .open
        case .open: .close
        case .closed: .hold
        case .held, .resultsLocked: nil
        }
    }
}

/// The session list's filter, as the page's GET parameters give it: the page, its paging links
/// and its download read the same one. A date that is not a date is said so above the table.
struct SessionListQuery {
    let status: SessionStatus?
    let occupation: String?
    let level: SkillLevel?
    let from: CivilDate?
    let to: CivilDate?
    let bodyId: Int64?
    let fromText: String
    let toText: String
    let problems: [FormMessage]

    init(_ request: Request) {
        let query = request.uri.queryParameters
        func chosen(_ name: String) -> String? {
            query[Substring(name)].map { String($0).trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        }
        status = chosen("status").flatMap(SessionStatus.init(rawValue:))
        occupation = chosen("occupation")
        level = chosen("level").flatMap { try? SkillLevel.parse($0) }
        bodyId = chosen("body").flatMap { Int64($0) }
        fromText = chosen("from") ?? ""
        toText = chosen("to") ?? ""
        var problems: [FormMessage] = []
        func date(_ text: String, _ field: Field) -> CivilDate? {
            guard !text.isEmpty else { return nil }
            do {
                return try CivilDate.parse(text)
            } catch {
                problems.append(FormMessage(FieldProblem(field: field, value: text, rule: error)))
                return nil
            }
        }
        from = date(fromText, .startDate)
        to = date(toText, .endDate)
        self.problems = problems
    }

    var filter: ExamSessionFilter {
        ExamSessionFilter(status: status, occupationCode: occupation, level: level, from: from, to: to, bodyId: bodyId)
    }

    var parameters: [(String, String)] {
        var parameters: [(String, String)] = []
        if let status { parameters.append(("status", status.rawValue)) }
        if let occupation { parameters.append(("occupation", occupation)) }
        if let level { parameters.append(("level", level.code)) }
        if let from { parameters.append(("from", from.description)) }
        if let to { parameters.append(("to", to.description)) }
        if let bodyId { parameters.append(("body", String(bodyId))) }
        return parameters
    }

    /// The line under the workbook's title that says which sessions it holds.
    var details: String {
        var parts: [String] = []
        if let status { parts.append("状态 status \(status.chineseName) \(status.englishName)") }
        if let occupation { parts.append("职业 occupation \(occupation)") }
        if let level { parts.append("等级 level \(level.chineseName)") }
        if from != nil || to != nil { parts.append("考试日期 exam date \(from?.description ?? "…") 至 to \(to?.description ?? "…")") }
        if let bodyId { parts.append("评价机构 body \(bodyId)") }
        return parts.isEmpty ? "全部考试场次 All exam sessions" : "筛选 Filter：" + parts.joined(separator: "；")
    }
}

struct SessionListPage {
    let rows: [SessionRowView]
    let statuses: [FormOption]
    let occupations: [FormOption]
    let levels: [FormOption]
    let bodies: [FormOption]
    let from: String
    let to: String
    let problems: [FormMessage]
    let exportHref: String
    let paging: PagingView

    init(query: SessionListQuery, choices: SessionPlanningChoices, rows: [SessionRowView], paging: PagingView) {
        self.rows = rows
        statuses = SessionStatus.allCases.map {
            FormOption(value: $0.rawValue, text: "\($0.chineseName) \($0.englishName)", selected: $0 == query.status)
        }
        occupations = choices.catalog.occupations.map {
            FormOption(value: $0.code, text: "\($0.name) \($0.code)", selected: $0.code == query.occupation)
        }
        levels = SkillLevel.nationalLevels.map {
            FormOption(value: $0.code, text: "\($0.chineseName) \($0.englishName)", selected: $0 == query.level)
        }
        bodies = choices.bodies.map { FormOption(value: String($0.id!), text: $0.name, selected: $0.id == query.bodyId) }
        from = query.from?.description ?? query.fromText
        to = query.to?.description ?? query.toText
        problems = query.problems
        exportHref = PagingView.href("/sessions.xlsx", query.parameters)
        self.paging = paging
    }
}

/// A session's page: what it is, its state and the move it allows next, its rooms and staff,
/// what the staffing breaks, one room's candidates, and its workbooks.
struct SessionPage {
    struct RoomRow {
        let id: Int64
        let name: String
        let partZh: String
        let partEn: String
        let seats: Int
        let candidates: Int
        let examiners: String
        let href: String
        let shown: Bool
    }

    struct CandidateRow {
        let seat: Int
        let ticket: String
        let name: String
        let nationalId: String
        let phone: String
        let institution: String
    }

    let id: Int64
    let examDate: String
    let target: String
    let body: String
    let statusZh: String
    let statusEn: String
    let registered: Int
    let capacity: Int
    let notice: FormMessage?
    let next: SessionMoveLink?
    /// Examiners may still change: before the session is held.
    let mayStaff: Bool
    let rooms: [RoomRow]
    let problems: [FormMessage]
    let hasProblems: Bool
    let shownRoom: String?
    let candidates: [CandidateRow]
    let paging: PagingView?
    let hasCandidates: Bool
    /// Nil until someone is registered: the tickets download has nobody to print.
    let ticketsHref: String?
    let signInHref: String
    let scoreSheetsHref: String

    init(_ summary: ExamSessionSummary, candidates: (ExamRoomSummary, Page<RoomCandidate>)?, done: SessionMove?) {
        let session = summary.session
        id = session.id!
        examDate = session.examDate
        target = summary.targetName
        body = summary.bodyName
        statusZh = session.status.chineseName
        statusEn = session.status.englishName
        registered = summary.registered
        capacity = summary.capacity
        notice = done.map { FormMessage(Rejection("已\($0.zh)。", "Done: \($0.en.lowercased()).")) }
        next = SessionMove.next(after: session.status).map { SessionMoveLink(move: $0, sessionId: session.id!) }
        mayStaff = [.planned, .open, .closed].contains(session.status)
        let shownId = candidates?.0.room.id
        rooms = summary.rooms.map { room in
            RoomRow(id: room.room.id!, name: room.room.name, partZh: room.room.part.chineseName, partEn: room.room.part.englishName,
                    seats: room.room.seats, candidates: room.candidates,
                    examiners: room.examiners.map { "\($0.person.name)（\($0.examiner.id!)）" }.joined(separator: "、"),
                    href: "/sessions/\(session.id!)?room=\(room.room.id!)#candidates", shown: room.room.id == shownId)
        }
        problems = summary.staffingProblems.map { FormMessage($0) }
        hasProblems = !problems.isEmpty
        shownRoom = candidates?.0.room.name
        self.candidates = candidates?.1.rows.map { candidate in
            CandidateRow(seat: candidate.seat, ticket: candidate.ticketNumber, name: candidate.name,
                         nationalId: Masking.nationalID(candidate.nationalId), phone: candidate.phone.map(Masking.phone) ?? "",
                         institution: candidate.institutionName ?? "")
        } ?? []
        hasCandidates = !self.candidates.isEmpty
        paging = candidates.map { PagingView($0.1, path: "/sessions/\(session.id!)", filters: [("room", String($0.0.room.id!))]) }
        ticketsHref = summary.registered > 0 ? "/sessions/\(session.id!)/tickets" : nil
        signInHref = "/sessions/\(session.id!)/sign-in"
        scoreSheetsHref = "/sessions/\(session.id!)/score-sheets"
    }
}

struct SessionMoveLink {
    let href: String
    let zh: String
    let en: String

    init(move: SessionMove, sessionId: Int64) {
        href = "/sessions/\(sessionId)/\(move.rawValue)"
        zh = move.zh
        en = move.en
    }
}

/// The page that asks before a state move, and shows the Store's refusal of it.
struct SessionMovePage {
    let id: Int64
    let headingZh: String
    let headingEn: String
    let explanationZh: String
    let explanationEn: String
    let what: String
    let statusZh: String
    let statusEn: String
    let action: String
    let refused: Bool
    let general: [FormMessage]

    init(_ summary: ExamSessionSummary, move: SessionMove, errors: FormErrors) {
        id = summary.session.id!
        headingZh = move.zh
        headingEn = move.en
        explanationZh = move.explanationZh
        explanationEn = move.explanationEn
        what = "\(summary.session.examDate) \(summary.targetName) · \(summary.bodyName)"
        statusZh = summary.session.status.chineseName
        statusEn = summary.session.status.englishName
        action = "/sessions/\(id)/\(move.rawValue)"
        refused = !errors.isEmpty
        general = errors.general
    }
}
