import Hummingbird
import Domain
import Store

/// The bureau staffs a session's rooms and panels (安排考评员). Each room has a form listing the
/// session body's examiners, each with their qualifications and whether these cover the
/// session. "Check" asks the Store what assigning the ticked ones would meet (`checkExaminers`:
/// another body, no qualification, a candidate their own institution trained, another room of
/// the same part, the counts the room still falls short of, their rooms in other sessions that
/// day) without saving; "Assign" assigns them in one Store operation, all or none, audited.
/// An examiner is taken out of a room with a reason, also audited.
extension WebApp {
    func addSessionStaffingRoutes(to router: Router<WebContext>) {
        router.get("/sessions/{session}/staff") { request, context -> Response in
            let actor = try context.signedIn.user
            let id = try sessionId(context)
            let (summary, choices) = try await staffingSession(id, actor: actor)
            let assigned = request.uri.queryParameters["assigned"].flatMap { Int(String($0)) }
            let removed = request.uri.queryParameters["removed"] != nil
            return staffPage(StaffingPage(summary, choices: choices, typed: nil, notice: assigned.map {
                FormMessage(Rejection("已安排 \($0) 名考评员。", "\($0) examiner(s) assigned."))
            } ?? (removed ? FormMessage(Rejection("已撤下考评员。", "The examiner is taken out of the room.")) : nil)), context: context)
        }

        router.post("/sessions/{session}/staff") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try sessionId(context)
            let (summary, choices) = try await staffingSession(id, actor: actor)
            let form = context.form
            let roomName = form.text("room")
            let chosen = choices.examiners.compactMap(\.examiner.id).filter { form["examiner-\($0)"] != nil }
            var typed = StaffingPage.Typed(roomName: roomName, chosen: Set(chosen))
            guard !chosen.isEmpty else {
                typed.general = [FormMessage(Rejection("请至少勾选一名考评员", "tick at least one examiner"))]
                return staffPage(StaffingPage(summary, choices: choices, typed: typed, notice: nil), status: .badRequest, context: context)
            }
            do {
                if form.text("action") == "assign" {
                    _ = try await store { store in
                        try store.assignExaminers(sessionId: id, roomName: roomName, examinerIds: chosen, actor: actor)
                    }
                    return .redirect(to: "/sessions/\(id)/staff?assigned=\(chosen.count)", type: .normal)
                }
                typed.check = try await store { store in
                    try store.checkExaminers(sessionId: id, roomName: roomName, examinerIds: chosen, actor: actor)
                }
                return staffPage(StaffingPage(summary, choices: choices, typed: typed, notice: nil), context: context)
            } catch {
                typed.general = try FormErrors(error, inputs: [:]).general
                return staffPage(StaffingPage(summary, choices: choices, typed: typed, notice: nil), status: .badRequest, context: context)
            }
        }

        router.post("/sessions/{session}/unassign") { _, context -> Response in
            let actor = try context.signedIn.user
            let id = try sessionId(context)
            let (summary, choices) = try await staffingSession(id, actor: actor)
            let form = context.form
            let roomName = form.text("room")
            guard let examinerId = Int64(form.text("examiner")) else { throw WebError.notFound }
            let input = StaffingPage.reasonInput(roomName: roomName, examinerId: examinerId, summary: summary)
            do {
                _ = try await store { store in
                    try store.unassignExaminer(sessionId: id, roomName: roomName, examinerId: examinerId, reason: form.text(input), actor: actor)
                }
                return .redirect(to: "/sessions/\(id)/staff?removed=1", type: .normal)
            } catch {
                var typed = StaffingPage.Typed(roomName: roomName, chosen: [])
                typed.reasons = [input: form.text(input)]
                typed.reasonErrors = try FormErrors(error, inputs: [.reason: input])
                return staffPage(StaffingPage(summary, choices: choices, typed: typed, notice: nil), status: .badRequest, context: context)
            }
        }
    }

    /// The session, the catalog and the session body's examiners, for the bureau only (403), the
    /// session there (404).
    private func staffingSession(_ id: Int64, actor: User) async throws -> (ExamSessionSummary, StaffingChoices) {
        try await bureauSession(id, actor: actor) { store, summary in
            StaffingChoices(catalog: try store.catalog(),
                            examiners: try store.examinersOfBody(summary.session.bodyId, actor: actor))
        }
    }

    private func staffPage(_ page: StaffingPage, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        pages.render("session-staff", title: "安排考评员", page: page, status: status, context: context)
    }
}

/// What the staffing page offers: the body's examiners, and the catalog to name their qualifications.
struct StaffingChoices: Sendable {
    let catalog: Catalog
    let examiners: [ExaminerSummary]
}

/// The staffing page: per room its staff (each with a form to take them out, reason required)
/// and a form to add the body's examiners, with the check of the room last asked about.
struct StaffingPage {
    /// What the last form sent: the room, who was ticked, the Store's check or refusal.
    struct Typed {
        var roomName: String
        var chosen: Set<Int64>
        var check: StaffingCheck?
        var general: [FormMessage] = []
        var reasons: [String: String] = [:]
        var reasonErrors = FormErrors()

        init(roomName: String, chosen: Set<Int64>) {
            self.roomName = roomName
            self.chosen = chosen
        }
    }

    struct Assigned {
        let name: String
        let examinerId: Int64
        let reason: FormInput
    }

    struct Choice {
        let id: String
        let examinerId: Int64
        let name: String
        let qualifications: String
        let qualified: Bool
        let checked: Bool
    }

    struct Line {
        let zh: String
        let en: String
    }

    struct Room {
        let anchor: String
        let roomName: String
        let partZh: String
        let partEn: String
        let candidates: Int
        let assigned: [Assigned]
        let hasAssigned: Bool
        let choices: [Choice]
        let hasChoices: Bool
        let general: [Line]
        let checked: Bool
        let refusals: [Line]
        let shortfalls: [Line]
        let sameDay: [Line]
        /// Checked and nothing refused: the assignment may be confirmed.
        let mayAssign: Bool
    }

    let id: Int64
    let what: String
    let bodyName: String
    let notice: FormMessage?
    let rooms: [Room]
    let problems: [Line]
    let hasProblems: Bool

    /// The reason input of one examiner in one room.
    static func reasonInput(roomName: String, examinerId: Int64, summary: ExamSessionSummary) -> String {
        let roomId = summary.rooms.first { $0.room.name == roomName }?.room.id ?? 0
        return "reason-\(roomId)-\(examinerId)"
    }

    init(_ summary: ExamSessionSummary, choices: StaffingChoices, typed: Typed?, notice: FormMessage?) {
        let session = summary.session
        id = session.id!
        what = "\(session.examDate) \(summary.targetName)"
        bodyName = summary.bodyName
        self.notice = notice
        let catalog = choices.catalog
        let bodyExaminers = choices.examiners
        func lines(_ rejections: [Rejection]) -> [Line] { rejections.map { Line(zh: $0.chinese, en: $0.english) } }
        rooms = summary.rooms.map { room in
            let roomId = room.room.id!
            let isTyped = typed?.roomName == room.room.name
            let assigned = room.examiners.map { examiner in
                let input = "reason-\(roomId)-\(examiner.examiner.id!)"
                return Assigned(name: examiner.person.name, examinerId: examiner.examiner.id!, reason: FormInput(
                    input, labelZh: "撤下 \(examiner.person.name) 的理由", labelEn: "Reason to take \(examiner.examiner.id!) out",
                    value: typed?.reasons[input] ?? "", errors: typed?.reasonErrors ?? FormErrors(), required: true))
            }
            let inRoom = Set(room.examiners.map { $0.examiner.id! })
            let choices = bodyExaminers.filter { !inRoom.contains($0.examiner.id!) }.map { examiner in
                Choice(id: "examiner-\(roomId)-\(examiner.examiner.id!)", examinerId: examiner.examiner.id!,
                       name: examiner.person.name,
                       qualifications: examiner.qualifications.map { $0.target.displayName(in: catalog) }.joined(separator: "、"),
                       qualified: examiner.qualifications.contains { $0.covers(session.target) },
                       checked: isTyped && typed?.chosen.contains(examiner.examiner.id!) == true)
            }
            let check = isTyped ? typed?.check : nil
            return Room(anchor: "room-\(roomId)", roomName: room.room.name, partZh: room.room.part.chineseName, partEn: room.room.part.englishName,
                        candidates: room.candidates, assigned: assigned, hasAssigned: !assigned.isEmpty,
                        choices: choices, hasChoices: !choices.isEmpty,
                        general: isTyped ? (typed?.general ?? []).map { Line(zh: $0.zh, en: $0.en) } : [],
                        checked: check != nil, refusals: lines(check?.refusals ?? []), shortfalls: lines(check?.roomShortfalls ?? []),
                        sameDay: lines(check?.sameDay ?? []), mayAssign: check.map { $0.refusals.isEmpty } ?? false)
        }
        problems = lines(summary.staffingProblems)
        hasProblems = !problems.isEmpty
    }
}
