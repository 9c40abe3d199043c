import GRDB
import Domain

/// A room with who staffs it and how many candidates sit in it.
public struct ExamRoomSummary: Sendable, Equatable {
    public let room: ExamRoom
    public let candidates: Int
    public let examiners: [ExaminerSummary]
}

/// A session as listings and `session show` present it.
public struct ExamSessionSummary: Sendable, Equatable {
    public let session: ExamSession
    public let bodyName: String
    /// `中式烹调师 四级/中级工`, with the sub-trade when there is one: `家政服务员 五级/初级工（母婴护理员）`.
    public let targetName: String
    public let registered: Int
    public let rooms: [ExamRoomSummary]
    /// Rules the staffing breaks now; holding the session is refused while any remain.
    public let staffingProblems: [Rejection]

    /// Candidates a session can take: every candidate needs a seat in every part.
    public var capacity: Int {
        Dictionary(grouping: rooms, by: \.room.part).values.map { $0.reduce(0) { $0 + $1.room.seats } }.min() ?? 0
    }
}

extension Store {
    /// Plans a session (bureau only): body, target, date and rooms, checked against the catalog.
    public func createExamSession(_ plan: ExamSessionPlan, bodyId: Int64, actor: User) throws(StoreError) -> ExamSessionSummary {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "session create")
            guard let body = try Institution.fetchOne(db, key: bodyId), body.kind == .evaluation else {
                throw StoreError.invalid(FieldProblem(field: .body, value: String(bodyId), rule: Rejection(
                    "不是评价机构", "is not an evaluation body")))
            }
            let problems = plan.problems(against: try Catalog.fetch(db), today: clock.today)
            guard problems.isEmpty else { throw StoreError.invalidFields(problems) }
            var session = ExamSession(id: nil, bodyId: body.id!, occupationCode: nil, level: nil, specialAbilityCode: nil,
                                      examDate: plan.examDate.description, status: .planned, createdAt: clock.timestamp(),
                                      resultsLockedOn: nil, subTrade: plan.subTrade?.trimmingWhitespace())
            switch plan.target {
            case .occupation(let code, let level):
                session.occupationCode = code
                session.level = level.code
            case .specialAbility(let code):
                session.specialAbilityCode = code
            }
            try session.insert(db)
            var rooms: [ExamRoom] = []
            for plan in plan.rooms {
                var room = ExamRoom(id: nil, sessionId: session.id!, name: plan.name, part: plan.part, seats: plan.seats)
                try room.insert(db)
                rooms.append(room)
            }
            try audit(db, actor: actor, action: "session.create", entity: "exam_sessions", key: String(session.id!),
                      after: SessionAuditView(session: session, rooms: rooms))
            return try sessionSummary(db, session)
        }
    }

    /// One session, within the actor's scope.
    public func examSession(id: Int64, actor: User) throws(StoreError) -> ExamSessionSummary {
        try read { db in
            let actor = try currentActor(db, actor)
            return try sessionSummary(db, try visibleSession(db, id: id, actor: actor))
        }
    }

    /// Opens registration (planned → open), closes it (open → closed): bureau actions.
    public func moveExamSession(id: Int64, to target: SessionStatus, actor: User) throws(StoreError) -> ExamSessionSummary {
        try write { db in
            let actor = try currentActor(db, actor)
            guard target == .open || target == .closed else {
                throw StoreError.invalid(FieldProblem(field: .status, value: target.rawValue, rule: Rejection(
                    "考试举行用 session hold，成绩锁定在成绩录入后进行",
                    "a session is held with session hold; results are locked after score entry")))
            }
            try requireBureau(actor, to: "session \(target == .open ? "open" : "close")")
            return try move(db, sessionId: id, to: target, actor: actor)
        }
    }

    /// Records that the session took place (closed → held): refused, naming every broken rule
    /// and its room, while the staffing breaks a rule of DOMAIN.md.
    public func holdExamSession(id: Int64, actor: User) throws(StoreError) -> ExamSessionSummary {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "session hold")
            guard let session = try ExamSession.fetchOne(db, key: id) else { throw StoreError.notFound(kind: "考试场次", key: String(id)) }
            var problems = try sessionSummary(db, session).staffingProblems
            if try ExamRegistration.filter(Column("session_id") == id).fetchCount(db) == 0 {
                problems.insert(Rejection("本场次没有报名考生", "no candidate is registered for this session"), at: 0)
            }
            if clock.today.description < session.examDate {
                problems.insert(Rejection("考试日期为 \(session.examDate)，当天起才能记录为已考试",
                                          "the exam is on \(session.examDate): it can be recorded as held from that day"), at: 0)
            }
            if session.status == .closed && !problems.isEmpty {
                throw StoreError.rulesBroken(whatZh: "考试场次 \(id) 不能举行", whatEn: "exam session \(id) cannot be held", rules: problems)
            }
            return try move(db, sessionId: id, to: .held, actor: actor)
        }
    }

    private func move(_ db: Database, sessionId: Int64, to target: SessionStatus, actor: User) throws -> ExamSessionSummary {
        guard var session = try ExamSession.fetchOne(db, key: sessionId) else {
            throw StoreError.notFound(kind: "考试场次", key: String(sessionId))
        }
        let before = session
        do {
            try session.status.transition(to: target)
        } catch {
            throw StoreError.invalid(FieldProblem(field: .status, value: before.status.rawValue, rule: error))
        }
        try session.update(db)
        try audit(db, actor: actor, action: "session.\(target.rawValue)", entity: "exam_sessions", key: String(sessionId),
                  before: ["status": before.status.rawValue], after: ["status": target.rawValue])
        return try sessionSummary(db, session)
    }

    /// A session the actor may see: examiners only those they staff. To an examiner, another
    /// session does not exist.
    func visibleSession(_ db: Database, id: Int64, actor: User) throws -> ExamSession {
        let notFound = StoreError.notFound(kind: "考试场次", key: String(id))
        guard let session = try ExamSession.fetchOne(db, key: id) else { throw notFound }
        if actor.role == .examiner {
            let assigned = try Int64.fetchOne(db, cached: "SELECT 1 WHERE ? IN (\(Store.sessionsOfExaminerUserSQL))",
                                              arguments: [id, actor.id]) != nil
            guard assigned else { throw notFound }
        }
        return session
    }

    /// Ids of the sessions the examiner signed in as user `?` staffs.
    static let sessionsOfExaminerUserSQL = """
        SELECT r.session_id FROM exam_rooms r
        JOIN exam_room_examiners x ON x.room_id = r.id
        JOIN examiners e ON e.id = x.examiner_id
        WHERE e.user_id = ?
        """

    func sessionSummary(_ db: Database, _ session: ExamSession) throws -> ExamSessionSummary {
        let rooms = try ExamRoom.filter(Column("session_id") == session.id!).order(Column("id")).fetchAll(db)
        let roomSummaries = try rooms.map { room in
            ExamRoomSummary(
                room: room,
                candidates: try Int.fetchOne(db, cached: "SELECT count(*) FROM exam_seats WHERE room_id = ?", arguments: [room.id!]) ?? 0,
                examiners: try Int64.fetchAll(db, cached: "SELECT examiner_id FROM exam_room_examiners WHERE room_id = ? ORDER BY examiner_id",
                                              arguments: [room.id!]).map { try examinerSummary(db, id: $0) })
        }
        return ExamSessionSummary(
            session: session,
            bodyName: try String.fetchOne(db, cached: "SELECT name FROM institutions WHERE id = ?", arguments: [session.bodyId]) ?? "",
            targetName: try Store.targetName(db, session.target) + (session.subTrade.map { "（\($0)）" } ?? ""),
            registered: try Int.fetchOne(db, cached: "SELECT count(*) FROM exam_registrations WHERE session_id = ?", arguments: [session.id!]) ?? 0,
            rooms: roomSummaries,
            staffingProblems: try staffingProblems(db, session: session, rooms: roomSummaries))
    }
}

/// What the audit trail keeps of a new session.
private struct SessionAuditView: Encodable {
    let session: ExamSession
    let rooms: [ExamRoom]
}

extension Store {
    /// `中式烹调师 四级/中级工`: the one catalog name a summary needs, read on its own. Summaries
    /// are made after every change to a session, and reading the whole catalog each time
    /// weighed more than the rest of the summary.
    static func targetName(_ db: Database, _ target: CertificationTarget) throws -> String {
        switch target {
        case .occupation(let code, _):
            targetName(target, occupationName: try String.fetchOne(
                db, cached: "SELECT name FROM catalog_occupations WHERE code = ?", arguments: [code]), specialAbilityName: nil)
        case .specialAbility(let code):
            targetName(target, occupationName: nil, specialAbilityName: try String.fetchOne(
                db, cached: "SELECT name FROM catalog_special_abilities WHERE code = ?", arguments: [code]))
        }
    }

    /// The same from the catalog name already read (nil when the catalog lacks the code).
    static func targetName(_ target: CertificationTarget, occupationName: String?, specialAbilityName: String?) -> String {
        var names = Catalog()
        switch target {
        case .occupation(let code, _):
            if let occupationName {
                names.occupations = [Occupation(code: code, name: occupationName, projectCode: "", levels: [])]
            }
        case .specialAbility(let code):
            if let specialAbilityName {
                names.specialAbilities = [SpecialAbility(code: code, name: specialAbilityName, projectCode: "")]
            }
        }
        return target.displayName(in: names)
    }
}
