import GRDB
import Domain

/// How one part stands for one candidate.
public enum PartStanding: Sendable, Equatable {
    /// The mark that counts, and whether it reaches the pass mark.
    case final(ExamMark, passed: Bool)
    /// Passed in an earlier session on that date and kept for this one (补考).
    case retained(ExamMark, passedOn: CivilDate)
    /// One entry of two so far.
    case awaitingSecondEntry
    /// Two different entries, waiting for the bureau.
    case mismatch(first: ExamMark, second: ExamMark)
    /// Nothing entered yet.
    case notEntered
    /// Not sat in this session and no earlier pass counts.
    case notSat

    /// Whether the bureau may lock: nothing entered-but-unsettled and nothing missing.
    public var isPending: Bool {
        switch self {
        case .awaitingSecondEntry, .mismatch, .notEntered: true
        case .final, .retained, .notSat: false
        }
    }

    public var counts: Bool {
        switch self {
        case .final(_, let passed): passed
        case .retained: true
        default: false
        }
    }
}

/// One candidate's results: every part the catalog requires, and the overall outcome.
public struct CandidateResult: Sendable, Equatable {
    public let registrationId: Int64
    public let personId: Int64
    public let ticketNumber: String
    public let name: String
    public let nationalId: String
    public let institutionName: String?
    /// In part order; every part the catalog requires for the session.
    public let parts: [PartResult]
    public let isRetake: Bool

    /// Passed when every required part is passed or retained.
    public var passed: Bool { !parts.isEmpty && parts.allSatisfy { $0.standing.counts } }
    public var isPending: Bool { parts.contains { $0.standing.isPending } }

    public func standing(_ part: ExamPart) -> PartStanding? { parts.first { $0.part == part }?.standing }
}

/// One required part of a candidate's results.
public struct PartResult: Sendable, Equatable {
    public let part: ExamPart
    public let standing: PartStanding
}

/// A mismatch the bureau settled.
public struct SettledMismatch: Sendable, Equatable {
    public let ticketNumber: String
    public let name: String
    public let part: ExamPart
    public let first: ExamMark
    public let second: ExamMark
    public let settled: ExamMark
    public let reason: String
    public let settledBy: String
    public let settledAt: String
}

/// A change to a mark after the lock.
public struct ScoreAmendment: Sendable, Equatable {
    public let ticketNumber: String
    public let name: String
    public let part: ExamPart
    public let before: ExamMark
    public let after: ExamMark
    public let reason: String
    /// True when the amendment came out of a re-check (复核).
    public let fromRecheck: Bool
    public let amendedBy: String
    public let amendedAt: String
}

/// A re-check request and its outcome.
public struct RecheckRecord: Sendable, Equatable {
    public let ticketNumber: String
    public let name: String
    public let requestedOn: String
    public let reason: String
    /// `unchanged` or `amended`; nil while undecided.
    public let outcome: String?
    public let decidedOn: String?
    public let note: String?
}

/// Everything the results of a session show: per candidate and part, and the changes made.
public struct SessionResults: Sendable, Equatable {
    public let summary: ExamSessionSummary
    public let parts: [ExamPartRule]
    public let candidates: [CandidateResult]
    public let settledMismatches: [SettledMismatch]
    public let amendments: [ScoreAmendment]
    public let rechecks: [RecheckRecord]

    public var personIds: [Int64] { candidates.map(\.personId) }
    public var pending: [CandidateResult] { candidates.filter(\.isPending) }
}

extension Store {
    /// A session's results within the actor's scope: bureau users and the session's examiners see
    /// every candidate; institution users their own candidates only.
    public func sessionResults(id: Int64, actor: User) throws(StoreError) -> SessionResults {
        try read { db in
            let actor = try currentActor(db, actor)
            return try sessionResultsInside(db, session: try visibleSession(db, id: id, actor: actor),
                                            institutionId: actor.role == .institution ? actor.institutionId : nil)
        }
    }

    /// The results of `session`, only the candidates of `institutionId` when given.
    func sessionResultsInside(_ db: Database, session: ExamSession, institutionId: Int64? = nil) throws -> SessionResults {
        let id = session.id!
        let ownOnly = institutionId != nil
        let catalog = try Catalog.fetch(db)
        let parts = catalog.examParts(for: session.target.scope)
        let candidates = try Row.fetchAll(db, cached: """
            SELECT g.id, g.person_id, g.ticket_number, g.retake_of, p.name, p.national_id, i.name AS institution_name
            FROM exam_registrations g JOIN persons p ON p.id = g.person_id LEFT JOIN institutions i ON i.id = g.institution_id
            WHERE g.session_id = ? \(ownOnly ? "AND g.institution_id = ?" : "") ORDER BY g.ticket_number
            """, arguments: ownOnly ? [id, institutionId] : [id]).map { row in
            try candidateResult(db, row: row, session: session, parts: parts, catalog: catalog)
        }
        let tickets = Set(candidates.map(\.ticketNumber))
        return SessionResults(
            summary: try sessionSummary(db, session), parts: parts, candidates: candidates,
            settledMismatches: try settledMismatches(db, sessionId: id).filter { tickets.contains($0.ticketNumber) },
            amendments: try amendments(db, sessionId: id).filter { tickets.contains($0.ticketNumber) },
            rechecks: try rechecks(db, sessionId: id).filter { tickets.contains($0.ticketNumber) })
    }

    func candidateResult(_ db: Database, row: Row, session: ExamSession, parts: [ExamPartRule], catalog: Catalog) throws -> CandidateResult {
        let registrationId: Int64 = row["id"]
        let seated = Set(try String.fetchAll(db, cached: "SELECT part FROM exam_seats WHERE registration_id = ?",
                                             arguments: [registrationId]).compactMap(ExamPart.init(rawValue:)))
        var finals: [ExamPart: ExamMark] = [:]
        for mark in try Row.fetchAll(db, cached: "SELECT part, mark FROM part_marks WHERE registration_id = ?", arguments: [registrationId]) {
            if let part = ExamPart(rawValue: mark["part"]) { finals[part] = try Store.mark(from: mark["mark"]) }
        }
        var entries: [ExamPart: [ExamMark]] = [:]
        for entry in try Row.fetchAll(db, cached: "SELECT part, mark FROM score_entries WHERE registration_id = ? ORDER BY id",
                                      arguments: [registrationId]) {
            if let part = ExamPart(rawValue: entry["part"]) { entries[part, default: []].append(try Store.mark(from: entry["mark"])) }
        }
        let sessionDate = try session.examDay
        // Only a retake leaves parts unseated; everyone else needs no look at earlier sessions.
        let earlier = parts.allSatisfy { seated.contains($0.part) } ? [:]
            : try earlierPasses(db, personId: row["person_id"], target: session.target, before: sessionDate, parts: parts)
        let months = catalog.integerSetting(.retainedPartMonths)
        let standings = parts.map { rule -> PartResult in
            PartResult(part: rule.part, standing: {
                if let final = finals[rule.part] { return .final(final, passed: PassRule.passes(final, rule: rule)) }
                if seated.contains(rule.part) {
                    switch DoubleEntry.state(of: entries[rule.part] ?? []) {
                    case .awaitingFirst: return .notEntered
                    // A review needs one entry, which is final at once (and then in part_marks).
                    case .awaitingSecond: return .awaitingSecondEntry
                    case .mismatch(let first, let second): return .mismatch(first: first, second: second)
                    case .confirmed(let mark): return .final(mark, passed: PassRule.passes(mark, rule: rule))
                    }
                }
                if let kept = earlier[rule.part], PassRule.isRetained(passedOn: kept.passedOn, on: sessionDate, months: months) {
                    return .retained(kept.mark, passedOn: kept.passedOn)
                }
                return .notSat
            }())
        }
        return CandidateResult(registrationId: registrationId, personId: row["person_id"], ticketNumber: row["ticket_number"],
                               name: row["name"], nationalId: row["national_id"], institutionName: row["institution_name"],
                               parts: standings, isRetake: (row["retake_of"] as Int64?) != nil)
    }

    /// The latest passing mark of each part the person obtained for `target` in sessions whose
    /// results are locked and which took place before `date`, with that session's date.
    func earlierPasses(_ db: Database, personId: Int64, target: CertificationTarget, before date: CivilDate,
                       parts: [ExamPartRule]) throws -> [ExamPart: (mark: ExamMark, passedOn: CivilDate)] {
        let rows = try Row.fetchAll(db, cached: """
            SELECT m.part, m.mark, s.exam_date, s.occupation_code, s.level, s.special_ability_code
            FROM part_marks m
            JOIN exam_registrations g ON g.id = m.registration_id
            JOIN exam_sessions s ON s.id = g.session_id
            WHERE g.person_id = ? AND s.status = 'results-locked' AND s.exam_date < ?
            ORDER BY s.exam_date
            """, arguments: [personId, date.description])
        var passes: [ExamPart: (mark: ExamMark, passedOn: CivilDate)] = [:]
        for row in rows {
            guard CertificationTarget(occupationCode: row["occupation_code"], levelCode: row["level"],
                                      specialAbilityCode: row["special_ability_code"]) == target,
                  let part = ExamPart(rawValue: row["part"]), let rule = parts.first(where: { $0.part == part }) else { continue }
            let mark = try Store.mark(from: row["mark"])
            if PassRule.passes(mark, rule: rule) { passes[part] = (mark, try CivilDate.parse(row["exam_date"])) }
        }
        return passes
    }

    private func settledMismatches(_ db: Database, sessionId: Int64) throws -> [SettledMismatch] {
        try Row.fetchAll(db, cached: """
            SELECT g.ticket_number, p.name, x.part, x.first_mark, x.second_mark, x.settled_mark, x.reason, u.login, x.settled_at
            FROM mismatch_settlements x JOIN exam_registrations g ON g.id = x.registration_id
            JOIN persons p ON p.id = g.person_id JOIN users u ON u.id = x.settled_by
            WHERE g.session_id = ? ORDER BY x.id
            """, arguments: [sessionId]).map { row in
            SettledMismatch(ticketNumber: row["ticket_number"], name: row["name"], part: ExamPart(rawValue: row["part"])!,
                            first: try Store.mark(from: row["first_mark"]), second: try Store.mark(from: row["second_mark"]),
                            settled: try Store.mark(from: row["settled_mark"]), reason: row["reason"], settledBy: row["login"],
                            settledAt: row["settled_at"])
        }
    }

    private func amendments(_ db: Database, sessionId: Int64) throws -> [ScoreAmendment] {
        try Row.fetchAll(db, cached: """
            SELECT g.ticket_number, p.name, a.part, a.before_mark, a.after_mark, a.reason, a.recheck_id, u.login, a.amended_at
            FROM score_amendments a JOIN exam_registrations g ON g.id = a.registration_id
            JOIN persons p ON p.id = g.person_id JOIN users u ON u.id = a.amended_by
            WHERE g.session_id = ? ORDER BY a.id
            """, arguments: [sessionId]).map { row in
            ScoreAmendment(ticketNumber: row["ticket_number"], name: row["name"], part: ExamPart(rawValue: row["part"])!,
                           before: try Store.mark(from: row["before_mark"]), after: try Store.mark(from: row["after_mark"]),
                           reason: row["reason"], fromRecheck: (row["recheck_id"] as Int64?) != nil, amendedBy: row["login"],
                           amendedAt: row["amended_at"])
        }
    }

    private func rechecks(_ db: Database, sessionId: Int64) throws -> [RecheckRecord] {
        try recheckRecords(db, where: "g.session_id = ?", arguments: [sessionId])
    }

    /// Re-checks with their candidate, in request order; `condition` may use `r` (rechecks) and `g` (registrations).
    func recheckRecords(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [RecheckRecord] {
        try Row.fetchAll(db, cached: """
            SELECT g.ticket_number, p.name, r.requested_on, r.request_reason, r.outcome, r.decided_on, r.decision_note
            FROM rechecks r JOIN exam_registrations g ON g.id = r.registration_id JOIN persons p ON p.id = g.person_id
            WHERE \(condition) ORDER BY r.id
            """, arguments: arguments).map { row in
            RecheckRecord(ticketNumber: row["ticket_number"], name: row["name"], requestedOn: row["requested_on"],
                          reason: row["request_reason"], outcome: row["outcome"], decidedOn: row["decided_on"], note: row["decision_note"])
        }
    }
}
