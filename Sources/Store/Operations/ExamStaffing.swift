import GRDB
import Domain

extension Store {
    /// Puts examiners in a room or on a panel (bureau only), all or none, refusing one who works
    /// for another body, is not qualified for the session, or whose own institution trained a
    /// candidate seated there.
    public func assignExaminers(sessionId: Int64, roomName: String, examinerIds: [Int64], actor: User) throws(StoreError) -> ExamSessionSummary {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "session assign")
            let (session, room) = try staffableRoom(db, sessionId: sessionId, roomName: roomName)
            for examinerId in examinerIds {
                let examiner = try examinerSummary(db, id: examinerId)
                let problems = try [bodyProblem(db, examiner: examiner, session: session, room: room),
                                    qualificationProblem(db, examiner: examiner, session: session, room: room)].compactMap { $0 }
                    + conflictProblems(db, examiner: examiner, room: room)
                guard problems.isEmpty else {
                    throw StoreError.rulesBroken(whatZh: "不能安排考评员 \(examiner.person.name)", whatEn: "cannot assign examiner \(examinerId)",
                                                 rules: problems)
                }
                let assigned = try Int.fetchOne(db, cached: "SELECT 1 FROM exam_room_examiners WHERE room_id = ? AND examiner_id = ?",
                                                arguments: [room.id!, examinerId]) != nil
                guard !assigned else { throw StoreError.duplicate(kind: "考评员", key: "\(examinerId) @ \(room.name)") }
                try db.execute(cached: "INSERT INTO exam_room_examiners (room_id, examiner_id, assigned_at) VALUES (?, ?, ?)",
                               arguments: [room.id!, examinerId, clock.timestamp()])
                try audit(db, actor: actor, action: "session.assign", entity: "exam_sessions", key: String(sessionId),
                          after: ["room": room.name, "examiner_id": String(examinerId)])
            }
            return try sessionSummary(db, session)
        }
    }

    /// Takes an examiner out of a room (bureau only), before the session is held.
    public func unassignExaminer(sessionId: Int64, roomName: String, examinerId: Int64, reason: String,
                                 actor: User) throws(StoreError) -> ExamSessionSummary {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "session unassign")
            let reason = try Store.requiredText(reason, field: "--reason")
            let (session, room) = try staffableRoom(db, sessionId: sessionId, roomName: roomName)
            try db.execute(cached: "DELETE FROM exam_room_examiners WHERE room_id = ? AND examiner_id = ?", arguments: [room.id!, examinerId])
            guard db.changesCount > 0 else { throw StoreError.notFound(kind: "考评员", key: "\(examinerId) @ \(room.name)") }
            try audit(db, actor: actor, action: "session.unassign", entity: "exam_sessions", key: String(sessionId),
                      before: ["room": room.name, "examiner_id": String(examinerId)], reason: reason)
            return try sessionSummary(db, session)
        }
    }

    /// Every staffing rule the session breaks now, each naming its room: the counts of
    /// DOMAIN.md, the examiners' body and qualifications, and conflicts of interest, over the
    /// rooms as `sessionSummary` has read them. Rooms nobody sits in need no staff.
    func staffingProblems(_ db: Database, session: ExamSession, rooms: [ExamRoomSummary]) throws -> [Rejection] {
        var problems: [Rejection] = []
        for summary in rooms where summary.candidates > 0 {
            let room = summary.room
            problems += ExamStaffingRules.check(room: ExamRoomStaffing(name: room.name, kind: room.part, candidates: summary.candidates,
                                                                       examiners: summary.examiners.count))
            for examiner in summary.examiners {
                if let problem = try bodyProblem(db, examiner: examiner, session: session, room: room) { problems.append(problem) }
                if let problem = try qualificationProblem(db, examiner: examiner, session: session, room: room) { problems.append(problem) }
                problems += try conflictProblems(db, examiner: examiner, room: room)
            }
        }
        return problems
    }

    private func staffableRoom(_ db: Database, sessionId: Int64, roomName: String) throws -> (ExamSession, ExamRoom) {
        guard let session = try ExamSession.fetchOne(db, key: sessionId) else {
            throw StoreError.notFound(kind: "考试场次", key: String(sessionId))
        }
        guard [.planned, .open, .closed].contains(session.status) else {
            throw StoreError.invalid(FieldProblem(field: "status", value: session.status.rawValue, rule: Rejection(
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
