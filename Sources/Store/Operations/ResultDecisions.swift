import GRDB
import Domain

extension Store {
    /// Settles a mismatch (bureau only): the mark that counts, with a reason; both entries are kept.
    public func settleMismatch(sessionId: Int64, ticket: String, part: ExamPart, mark: String, reason: String,
                               actor: User) throws(StoreError) -> ExamMark {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "results settle")
            let session = try scoringSession(db, id: sessionId, actor: actor)
            let reason = try Store.requiredText(reason, field: .reason)
            let (registrationId, rule) = try registeredPart(db, session: session, ticket: ticket, part: part)
            let settled = try parseMark(mark, rule: rule)
            let entries = try String.fetchAll(db, cached: "SELECT mark FROM score_entries WHERE registration_id = ? AND part = ? ORDER BY id",
                                              arguments: [registrationId, part.rawValue]).map(Store.mark(from:))
            guard case .mismatch(let first, let second) = DoubleEntry.state(of: entries),
                  try Int.fetchOne(db, cached: "SELECT 1 FROM part_marks WHERE registration_id = ? AND part = ?",
                                   arguments: [registrationId, part.rawValue]) == nil else {
                throw StoreError.invalid(FieldProblem(field: .ticket, value: ticket, rule: Rejection(
                    "该考生的\(part.chineseName)成绩没有待处理的不一致", "there is no unsettled mismatch in the \(part.englishName) mark of this candidate")))
            }
            try db.execute(cached: "INSERT INTO part_marks (registration_id, part, mark, decided_by, decided_at) VALUES (?, ?, ?, 'settled', ?)",
                           arguments: [registrationId, part.rawValue, settled.code, clock.timestamp()])
            try db.execute(cached: """
                INSERT INTO mismatch_settlements (registration_id, part, first_mark, second_mark, settled_mark, reason, settled_by, settled_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [registrationId, part.rawValue, first.code, second.code, settled.code, reason, actor.id, clock.timestamp()])
            try audit(db, actor: actor, action: "results.settle", entity: "exam_registrations", key: String(registrationId),
                      before: ["part": part.rawValue, "first": first.code, "second": second.code],
                      after: ["part": part.rawValue, "mark": settled.code], reason: reason)
            return settled
        }
    }

    /// Locks (publishes) the results (bureau only): refused while any mark is pending, naming them.
    public func lockResults(sessionId: Int64, actor: User) throws(StoreError) -> SessionResults {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "results lock")
            guard var session = try ExamSession.fetchOne(db, key: sessionId) else {
                throw StoreError.notFound(kind: "考试场次", key: String(sessionId))
            }
            let results = try sessionResultsInside(db, session: session)
            let pending = results.candidates
                .flatMap { candidate in candidate.parts.filter(\.standing.isPending).map { (candidate.ticketNumber, $0) } }
            if session.status == .held && !pending.isEmpty {
                throw StoreError.rulesBroken(
                    whatZh: "考试场次 \(sessionId) 还有 \(pending.count) 项成绩未确定，不能锁定",
                    whatEn: "exam session \(sessionId) cannot be locked: \(pending.count) mark(s) are not final",
                    rules: pending.map { ticket, result in Store.pendingRejection(ticket: ticket, result) })
            }
            let before = session.status
            do throws(Rejection) {
                try session.status.transition(to: .resultsLocked)
            } catch {
                throw StoreError.invalid(FieldProblem(field: .status, value: before.rawValue, rule: error))
            }
            session.resultsLockedOn = clock.today.description
            try session.update(db)
            try audit(db, actor: actor, action: "results.lock", entity: "exam_sessions", key: String(sessionId),
                      before: ["status": before.rawValue], after: ["status": session.status.rawValue, "locked_on": session.resultsLockedOn!])
            // Marks do not change with the lock; only the session's status and date do.
            return SessionResults(summary: try sessionSummary(db, session), parts: results.parts, candidates: results.candidates,
                                  settledMismatches: results.settledMismatches, amendments: results.amendments, rechecks: results.rechecks)
        }
    }

    /// Changes a final mark after the lock (bureau only), with a reason; before and after are kept.
    public func amendMark(sessionId: Int64, ticket: String, part: ExamPart, mark: String, reason: String,
                          actor: User) throws(StoreError) -> ScoreAmendment {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "results amend")
            return try amend(db, sessionId: sessionId, ticket: ticket, part: part, mark: mark, reason: reason, recheckId: nil, actor: actor)
        }
    }

    func amend(_ db: Database, sessionId: Int64, ticket: String, part: ExamPart, mark: String, reason: String,
               recheckId: Int64?, actor: User) throws -> ScoreAmendment {
        let session = try lockedSession(db, id: sessionId)
        let reason = try Store.requiredText(reason, field: .reason)
        let (registrationId, rule) = try registeredPart(db, session: session, ticket: ticket, part: part)
        let after = try parseMark(mark, rule: rule)
        guard let code = try String.fetchOne(db, cached: "SELECT mark FROM part_marks WHERE registration_id = ? AND part = ?",
                                             arguments: [registrationId, part.rawValue]) else {
            throw StoreError.notFound(kind: "成绩", key: "\(ticket) \(part.rawValue)")
        }
        let before = try Store.mark(from: code)
        guard before != after else {
            throw StoreError.invalid(FieldProblem(field: .score, value: mark, rule: Rejection(
                "与现有成绩相同，无需更正", "is the mark already recorded: nothing to amend")))
        }
        try db.execute(cached: "UPDATE part_marks SET mark = ?, decided_by = 'amended', decided_at = ? WHERE registration_id = ? AND part = ?",
                       arguments: [after.code, clock.timestamp(), registrationId, part.rawValue])
        // A certificate stands on the result: an amendment that fails its holder waits for the
        // bureau to revoke it first, so that no valid certificate outlives the pass it rests on.
        if !PassRule.passes(after, rule: rule),
           let number = try String.fetchOne(db, cached: "SELECT number FROM certificates WHERE registration_id = ? AND revoked_on IS NULL",
                                            arguments: [registrationId]) {
            throw StoreError.rulesBroken(
                whatZh: "不能更正考生 \(ticket) 的成绩", whatEn: "cannot amend the mark of candidate \(ticket)",
                rules: [Rejection("更正后考生不合格，而其证书 \(number) 仍有效：请先撤销证书（cert revoke）并说明理由",
                                  "the amendment fails the candidate, whose certificate \(number) is valid: revoke it first (cert revoke) with the reason")])
        }
        try db.execute(cached: """
            INSERT INTO score_amendments (registration_id, part, before_mark, after_mark, reason, recheck_id, amended_by, amended_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [registrationId, part.rawValue, before.code, after.code, reason, recheckId, actor.id, clock.timestamp()])
        try audit(db, actor: actor, action: "results.amend", entity: "exam_registrations", key: String(registrationId),
                  before: ["part": part.rawValue, "mark": before.code], after: ["part": part.rawValue, "mark": after.code], reason: reason)
        let name = try String.fetchOne(db, cached: "SELECT p.name FROM exam_registrations g JOIN persons p ON p.id = g.person_id WHERE g.id = ?",
                                       arguments: [registrationId]) ?? ""
        return ScoreAmendment(ticketNumber: ticket, name: name, part: part, before: before, after: after, reason: reason,
                              fromRecheck: recheckId != nil, amendedBy: actor.login, amendedAt: clock.timestamp())
    }

    func lockedSession(_ db: Database, id: Int64) throws -> ExamSession {
        guard let session = try ExamSession.fetchOne(db, key: id) else { throw StoreError.notFound(kind: "考试场次", key: String(id)) }
        guard session.status == .resultsLocked else {
            throw StoreError.invalid(FieldProblem(field: .session, value: String(id), rule: Rejection(
                "成绩尚未锁定：锁定前的更正通过录入和处理不一致完成", "the results are not locked yet: before the lock, marks are entered and mismatches settled")))
        }
        return session
    }

    /// The registration of `ticket` in the session and the rule of `part`, which it must be registered for.
    func registeredPart(_ db: Database, session: ExamSession, ticket: String, part: ExamPart) throws -> (Int64, ExamPartRule) {
        let ticket = ticket.trimmingWhitespace()
        guard let registrationId = try Int64.fetchOne(db, cached: "SELECT id FROM exam_registrations WHERE session_id = ? AND ticket_number = ?",
                                                      arguments: [session.id!, ticket]) else {
            throw StoreError.notFound(kind: "考生", key: ticket)
        }
        guard let rule = try Catalog.fetch(db).examParts(for: session.target.scope).first(where: { $0.part == part }),
              try Int.fetchOne(db, cached: "SELECT 1 FROM exam_seats WHERE registration_id = ? AND part = ?",
                               arguments: [registrationId, part.rawValue]) != nil else {
            throw StoreError.invalid(FieldProblem(field: .part, value: part.rawValue, rule: Rejection(
                "考生 \(ticket) 没有报考\(part.chineseName)科目", "candidate \(ticket) is not registered for the \(part.englishName) part")))
        }
        return (registrationId, rule)
    }

    private func parseMark(_ text: String, rule: ExamPartRule) throws -> ExamMark {
        do {
            return try ExamMark.parse(text, maximum: rule.maxScore)
        } catch {
            throw StoreError.invalid(FieldProblem(field: .score, value: text, rule: error))
        }
    }

    /// Why one part of a candidate keeps the results from being locked.
    public static func pendingRejection(ticket: String, _ result: PartResult) -> Rejection {
        let part = result.part
        switch result.standing {
        case .awaitingSecondEntry:
            return Rejection("考生 \(ticket) \(part.chineseName)：只有一人录入，待第二人录入",
                             "candidate \(ticket), \(part.englishName): one entry of two")
        case .mismatch(let first, let second):
            return Rejection("考生 \(ticket) \(part.chineseName)：两次录入不一致（\(first) / \(second)），待人社局处理",
                             "candidate \(ticket), \(part.englishName): the two entries differ (\(first) / \(second)); the bureau settles it")
        default:
            return Rejection("考生 \(ticket) \(part.chineseName)：未录入成绩", "candidate \(ticket), \(part.englishName): no mark entered")
        }
    }
}
