import GRDB
import Domain

extension Store {
    /// Puts examiners in a room or on a panel (bureau only), all or none, refusing one who works
    /// for another body, is not qualified for the session, whose own institution trained a
    /// candidate seated there, or who is already in another room of the same part (the rooms of
    /// a part run at the same time). Every examiner's problems are reported at once.
    public func assignExaminers(sessionId: Int64, roomName: String, examinerIds: [Int64], actor: User) throws(StoreError) -> ExamSessionSummary {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "session assign")
            let (session, room) = try staffableRoom(db, sessionId: sessionId, roomName: roomName)
            let (problems, refused) = try assignmentProblems(db, session: session, room: room, examinerIds: examinerIds)
            guard problems.isEmpty else {
                throw StoreError.rulesBroken(whatZh: "不能安排考评员 \(refused.map(\.person.name).joined(separator: "、"))",
                                             whatEn: "cannot assign examiner \(refused.map { String($0.examiner.id!) }.joined(separator: ", "))",
                                             rules: problems)
            }
            for examinerId in examinerIds {
                try db.execute(cached: "INSERT INTO exam_room_examiners (room_id, examiner_id, assigned_at) VALUES (?, ?, ?)",
                               arguments: [room.id!, examinerId, clock.timestamp()])
                try audit(db, actor: actor, action: "session.assign", entity: "exam_sessions", key: String(sessionId),
                          after: ["room": room.name, "examiner_id": String(examinerId)])
            }
            return try sessionSummary(db, session)
        }
    }

    /// What assigning `examinerIds` to a room would meet, without assigning anyone (bureau only):
    /// each examiner's refusals as `assignExaminers` would make them, the counts the room would
    /// still fall short of afterwards, and the examiners' other sessions on the same day.
    public func checkExaminers(sessionId: Int64, roomName: String, examinerIds: [Int64], actor: User) throws(StoreError) -> StaffingCheck {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "session assign")
            let (session, room) = try staffableRoom(db, sessionId: sessionId, roomName: roomName)
            let examiners = try examinerIds.map { try examinerSummary(db, id: $0) }
            let (problems, _) = try assignmentProblems(db, session: session, room: room, examinerIds: examinerIds)
            var staffing = try roomStaffing(db, sessionId: session.id!).first { $0.name == room.name }!
            staffing.staff += examiners.filter { chosen in !staffing.staff.contains { $0.examinerId == chosen.examiner.id! } }
                .map(Store.staffMember)
            return StaffingCheck(examiners: examiners, refusals: problems,
                                 roomShortfalls: staffing.candidates > 0 ? ExamStaffingRules.check(room: staffing) : [],
                                 sameDay: try sameDayAssignments(db, session: session, examinerIds: examinerIds))
        }
    }

    /// Every refusal assigning `examinerIds` to `room` meets, and who is refused: another body's
    /// examiner, one not qualified, one whose institution trained a candidate of the room, one
    /// already in another room of the part. Throws for an examiner named twice or already there.
    private func assignmentProblems(_ db: Database, session: ExamSession, room: ExamRoom,
                                    examinerIds: [Int64]) throws -> ([Rejection], [ExaminerSummary]) {
        var staffing = try roomStaffing(db, sessionId: session.id!)
        if let twice = examinerIds.enumerated().first(where: { examinerIds[..<$0.offset].contains($0.element) })?.element {
            throw StoreError.duplicate(kind: "考评员", key: "\(twice) @ \(room.name)")
        }
        var problems: [Rejection] = [], refused: [ExaminerSummary] = []
        for examinerId in examinerIds {
            let examiner = try examinerSummary(db, id: examinerId)
            let assigned = try Int.fetchOne(db, cached: "SELECT 1 FROM exam_room_examiners WHERE room_id = ? AND examiner_id = ?",
                                            arguments: [room.id!, examinerId]) != nil
            guard !assigned else { throw StoreError.duplicate(kind: "考评员", key: "\(examinerId) @ \(room.name)") }
            if let index = staffing.firstIndex(where: { $0.name == room.name }) {
                staffing[index].staff.append(Store.staffMember(examiner))
            }
            let own = try [bodyProblem(db, examiner: examiner, session: session, room: room),
                           qualificationProblem(db, examiner: examiner, session: session, room: room)].compactMap { $0 }
                + conflictProblems(db, examiner: examiner, room: room)
                + ExamStaffingRules.overlaps(in: staffing).filter { $0.member.examinerId == examinerId }.map(\.rejection)
            if !own.isEmpty { refused.append(examiner) }
            problems += own
        }
        return (problems, refused)
    }

    /// The examiners' rooms in other sessions on the session's exam day. Sessions record a day,
    /// not the hours, so these may or may not run at the same time: the bureau is shown them.
    private func sameDayAssignments(_ db: Database, session: ExamSession, examinerIds: [Int64]) throws -> [Rejection] {
        guard !examinerIds.isEmpty else { return [] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT x.examiner_id, p.name, s.id AS session_id, r.name AS room_name FROM exam_room_examiners x
            JOIN exam_rooms r ON r.id = x.room_id JOIN exam_sessions s ON s.id = r.session_id
            JOIN examiners e ON e.id = x.examiner_id JOIN persons p ON p.id = e.person_id
            WHERE s.exam_date = ? AND s.id != ? AND x.examiner_id IN (\(examinerIds.map { _ in "?" }.joined(separator: ",")))
            ORDER BY x.examiner_id, s.id, r.id
            """, arguments: StatementArguments([session.examDate, session.id!] as [any DatabaseValueConvertible]
                                               + examinerIds.map { $0 as any DatabaseValueConvertible }))
        return rows.map { row in
            let examinerId: Int64 = row["examiner_id"], name: String = row["name"]
            let other: Int64 = row["session_id"], roomName: String = row["room_name"]
            return Rejection(
                "考评员 \(name)（编号 \(examinerId)）同日（\(session.examDate)）已在考试场次 \(other) 的考场 \(roomName)",
                "examiner \(name) (no. \(examinerId)) is in room \(roomName) of exam session \(other) on the same day (\(session.examDate))")
        }
    }

    /// Takes an examiner out of a room (bureau only), before the session is held.
    public func unassignExaminer(sessionId: Int64, roomName: String, examinerId: Int64, reason: String,
                                 actor: User) throws(StoreError) -> ExamSessionSummary {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "session unassign")
            let reason = try Store.requiredText(reason, field: .reason)
            let (session, room) = try staffableRoom(db, sessionId: sessionId, roomName: roomName)
            try db.execute(cached: "DELETE FROM exam_room_examiners WHERE room_id = ? AND examiner_id = ?", arguments: [room.id!, examinerId])
            guard db.changesCount > 0 else { throw StoreError.notFound(kind: "考评员", key: "\(examinerId) @ \(room.name)") }
            try audit(db, actor: actor, action: "session.unassign", entity: "exam_sessions", key: String(sessionId),
                      before: ["room": room.name, "examiner_id": String(examinerId)], reason: reason)
            return try sessionSummary(db, session)
        }
    }

    /// Every staffing rule the session breaks now, each naming its room: the counts of
    /// DOMAIN.md and anyone in two rooms of one part (`ExamStaffingRules`), then the examiners'
    /// body and qualifications and conflicts of interest, over the rooms as `sessionSummary` has
    /// read them. Rooms nobody sits in need no staff.
    func staffingProblems(_ db: Database, session: ExamSession, rooms: [ExamRoomSummary]) throws -> [Rejection] {
        var problems = ExamStaffingRules.check(rooms: rooms.map(Store.staffing))
        for summary in rooms where summary.candidates > 0 {
            let room = summary.room
            for examiner in summary.examiners {
                if let problem = try bodyProblem(db, examiner: examiner, session: session, room: room) { problems.append(problem) }
                if let problem = try qualificationProblem(db, examiner: examiner, session: session, room: room) { problems.append(problem) }
                problems += try conflictProblems(db, examiner: examiner, room: room)
            }
        }
        return problems
    }

    /// The session's rooms in order with the people assigned to each, read without the rest of
    /// a summary: an assignment needs only this to see who is in another room of the part.
    private func roomStaffing(_ db: Database, sessionId: Int64) throws -> [ExamRoomStaffing] {
        let staff = try Row.fetchAll(db, cached: """
            SELECT e.room_id, e.examiner_id, p.name FROM exam_room_examiners e
            JOIN exam_rooms r ON r.id = e.room_id JOIN examiners x ON x.id = e.examiner_id JOIN persons p ON p.id = x.person_id
            WHERE r.session_id = ? ORDER BY e.examiner_id
            """, arguments: [sessionId])
        return try ExamRoom.filter(Column("session_id") == sessionId).order(Column("id")).fetchAll(db).map { room in
            ExamRoomStaffing(
                name: room.name, kind: room.part,
                candidates: try Int.fetchOne(db, cached: "SELECT count(*) FROM exam_seats WHERE room_id = ?", arguments: [room.id!]) ?? 0,
                staff: staff.filter { $0["room_id"] == room.id }.map { ExamStaffMember(examinerId: $0["examiner_id"], name: $0["name"]) })
        }
    }

    static func staffing(_ summary: ExamRoomSummary) -> ExamRoomStaffing {
        ExamRoomStaffing(name: summary.room.name, kind: summary.room.part, candidates: summary.candidates,
                         staff: summary.examiners.map(staffMember))
    }

    static func staffMember(_ examiner: ExaminerSummary) -> ExamStaffMember {
        ExamStaffMember(examinerId: examiner.examiner.id!, name: examiner.person.name)
    }

    private func staffableRoom(_ db: Database, sessionId: Int64, roomName: String) throws -> (ExamSession, ExamRoom) {
        guard let session = try ExamSession.fetchOne(db, key: sessionId) else {
            throw StoreError.notFound(kind: "考试场次", key: String(sessionId))
        }
        guard [.planned, .open, .closed].contains(session.status) else {
            throw StoreError.invalid(FieldProblem(field: .status, value: session.status.rawValue, rule: Rejection(
                "考试场次已“\(session.status.chineseName)”，不能再调整考评员", "the session is \(session.status.englishName): its staff can no longer change")))
        }
        let name = roomName.trimmingWhitespace()
        guard let room = try ExamRoom.filter(Column("session_id") == sessionId && Column("name") == name).fetchOne(db) else {
            throw StoreError.notFound(kind: "考场", key: name)
        }
        return (session, room)
    }

    /// Examiners assess for the body they work for.
    private func bodyProblem(_ db: Database, examiner: ExaminerSummary, session: ExamSession, room: ExamRoom) throws -> Rejection? {
        guard examiner.examiner.bodyId != session.bodyId else { return nil }
        let body = try String.fetchOne(db, cached: "SELECT name FROM institutions WHERE id = ?", arguments: [session.bodyId]) ?? ""
        return Rejection(
            "考场 \(room.name)：考评员 \(examiner.person.name)（编号 \(examiner.examiner.id!)）属于\(examiner.bodyName)，本场次由\(body)组织",
            "room \(room.name): examiner \(examiner.examiner.id!) works for \(examiner.bodyName), the session is held by \(body)")
    }

    private func qualificationProblem(_ db: Database, examiner: ExaminerSummary, session: ExamSession,
                                      room: ExamRoom) throws -> Rejection? {
        guard !examiner.qualifications.contains(where: { $0.covers(session.target) }) else { return nil }
        let target = session.target.displayName(in: try Catalog.fetch(db))
        return Rejection(
            "考场 \(room.name)：考评员 \(examiner.person.name)（编号 \(examiner.examiner.id!)）没有\(target)的考评资格",
            "room \(room.name): examiner \(examiner.examiner.id!) is not qualified to assess \(target)")
    }

    /// Candidates in `room` whom the examiner's own training institution trained or registered.
    private func conflictProblems(_ db: Database, examiner: ExaminerSummary, room: ExamRoom) throws -> [Rejection] {
        guard let own = examiner.examiner.ownInstitutionId else { return [] }
        let rows = try Row.fetchAll(db, cached: """
            SELECT g.ticket_number FROM exam_seats s
            JOIN exam_registrations g ON g.id = s.registration_id
            WHERE s.room_id = ? AND (\(Store.trainedByInstitutionSQL(registration: "g", institution: "?")))
            ORDER BY s.seat
            """, arguments: [room.id!, own, own])
        return rows.map { row in
            let ticket: String = row[0]
            return Rejection(
                "考场 \(room.name)：考评员 \(examiner.person.name)（编号 \(examiner.examiner.id!)）所在的\(examiner.ownInstitutionName ?? "机构")培训了考生 \(ticket)，须回避",
                "room \(room.name): examiner \(examiner.examiner.id!) works for \(examiner.ownInstitutionName ?? "the institution") that trained candidate \(ticket), and must not assess them")
        }
    }

    /// True when `institution` (an SQL expression; a `?` is bound twice) registered the
    /// registration aliased `g` or trained its person in any of its cohorts.
    static func trainedByInstitutionSQL(registration g: String, institution: String) -> String {
        """
        \(g).institution_id = \(institution) OR EXISTS (
            SELECT 1 FROM enrolments te JOIN cohorts tc ON tc.id = te.cohort_id
            WHERE te.person_id = \(g).person_id AND tc.institution_id = \(institution))
        """
    }
}

/// What assigning examiners to a room would meet, shown before anyone is assigned.
public struct StaffingCheck: Sendable, Equatable {
    public let examiners: [ExaminerSummary]
    /// What `assignExaminers` would refuse; empty when it would assign them.
    public let refusals: [Rejection]
    /// The counts the room would still fall short of with them (not a refusal: staff come one by one).
    public let roomShortfalls: [Rejection]
    /// Their rooms in other sessions the same day, which may run at the same time.
    public let sameDay: [Rejection]
}
