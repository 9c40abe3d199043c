import GRDB
import Domain

/// How a re-check ends: the marks stand, or one is amended.
public enum RecheckDecision: Sendable, Equatable {
    case unchanged(note: String)
    case amended(part: ExamPart, mark: String, note: String)
}

extension Store {
    /// Records a candidate's request for a re-check (复核): one per candidate and session, within
    /// the catalog's window after the results were locked. The bureau records any; an institution
    /// those of its own candidates.
    public func requestRecheck(sessionId: Int64, ticket: String, reason: String, actor: User) throws(StoreError) -> RecheckRecord {
        try write { db in
            let actor = try currentActor(db, actor)
            guard actor.role != .examiner else {
                throw StoreError.notPermitted(action: "results recheck", reasonZh: "考评员不能登记复核申请",
                                              reasonEn: "examiners do not record re-check requests")
            }
            let session = try lockedSession(db, id: sessionId)
            let reason = try Store.requiredText(reason, field: .reason)
            let ticket = ticket.trimmingWhitespace()
            guard let registration = try ExamRegistration.filter(Column("session_id") == sessionId && Column("ticket_number") == ticket)
                .fetchOne(db), actor.role == .bureau || registration.institutionId == actor.institutionId else {
                throw StoreError.notFound(kind: "考生", key: ticket)
            }
            let window = try Catalog.fetch(db).integerSetting(.recheckWindowDays)
            let locked = try session.resultsLockedDay ?? session.examDay
            let deadline = locked.adding(days: window)
            guard clock.today <= deadline else {
                throw StoreError.invalid(FieldProblem(field: .ticket, value: ticket, rule: Rejection(
                    "复核申请须在成绩公布（\(locked)）后 \(window) 天内提出，截止 \(deadline)",
                    "a re-check must be asked for within \(window) days of the results' publication on \(locked), by \(deadline)")))
            }
            guard try Int.fetchOne(db, cached: "SELECT 1 FROM rechecks WHERE registration_id = ?", arguments: [registration.id]) == nil else {
                throw StoreError.duplicate(kind: "复核申请", key: ticket)
            }
            try db.execute(cached: "INSERT INTO rechecks (registration_id, requested_on, request_reason) VALUES (?, ?, ?)",
                           arguments: [registration.id, clock.today.description, reason])
            try audit(db, actor: actor, action: "results.recheck-request", entity: "exam_registrations", key: String(registration.id!),
                      reason: reason)
            return try recheck(db, registrationId: registration.id!)
        }
    }

    /// Records the outcome of a re-check (bureau only): unchanged, or an amendment of one part
    /// that keeps before and after like any other.
    public func decideRecheck(sessionId: Int64, ticket: String, decision: RecheckDecision, actor: User) throws(StoreError) -> RecheckRecord {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "results recheck-decide")
            let ticket = ticket.trimmingWhitespace()
            guard let row = try Row.fetchOne(db, cached: """
                SELECT r.id, r.registration_id, r.outcome FROM rechecks r JOIN exam_registrations g ON g.id = r.registration_id
                WHERE g.session_id = ? AND g.ticket_number = ?
                """, arguments: [sessionId, ticket]) else {
                throw StoreError.notFound(kind: "复核申请", key: ticket)
            }
            guard (row["outcome"] as String?) == nil else {
                throw StoreError.invalid(FieldProblem(field: .ticket, value: ticket, rule: Rejection(
                    "该复核申请已有结论", "this re-check has already been decided")))
            }
            let recheckId: Int64 = row["id"]
            let (outcome, note): (String, String)
            switch decision {
            case .unchanged(let text):
                (outcome, note) = ("unchanged", try Store.requiredText(text, field: .note))
            case .amended(let part, let mark, let text):
                note = try Store.requiredText(text, field: .note)
                outcome = "amended"
                _ = try amend(db, sessionId: sessionId, ticket: ticket, part: part, mark: mark, reason: "复核 re-check: \(note)",
                              recheckId: recheckId, actor: actor)
            }
            try db.execute(cached: "UPDATE rechecks SET outcome = ?, decided_on = ?, decided_by = ?, decision_note = ? WHERE id = ?",
                           arguments: [outcome, clock.today.description, actor.id, note, recheckId])
            try audit(db, actor: actor, action: "results.recheck-decide", entity: "exam_registrations", key: String(row["registration_id"] as Int64),
                      after: ["outcome": outcome], reason: note)
            return try recheck(db, registrationId: row["registration_id"])
        }
    }

    private func recheck(_ db: Database, registrationId: Int64) throws -> RecheckRecord {
        try recheckRecords(db, where: "r.registration_id = ?", arguments: [registrationId])[0]
    }
}
