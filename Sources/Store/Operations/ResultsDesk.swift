import GRDB
import Domain

/// A session whose results the bureau works on: held (marks being entered) or locked.
public struct ResultsSessionRow: Sendable, Equatable {
    public let session: ExamSession
    public let bodyName: String
    public let targetName: String
    public let candidates: Int
    /// Parts whose two entries differ and wait for the bureau (held sessions only).
    public let mismatches: Int
    /// Valid certificates issued from the session.
    public let certificates: Int
    /// Re-check requests not decided yet.
    public let openRechecks: Int
}

/// One entry of a mark, as the mismatch queue shows it beside the other.
public struct MarkEntry: Sendable, Equatable {
    public let mark: ExamMark
    public let login: String
    public let userName: String
    /// `manual`, or the score sheet's file name.
    public let source: String
    public let at: String
}

/// A part whose two entries differ, in a held session, waiting for the bureau to settle it.
public struct PendingMismatch: Sendable, Equatable {
    public let sessionId: Int64
    public let examDate: String
    public let targetName: String
    public let bodyName: String
    public let ticketNumber: String
    public let name: String
    public let part: ExamPart
    public let first: MarkEntry
    public let second: MarkEntry
}

/// One session's results as the bureau's desk shows them, with what the lock and the re-check
/// window allow.
public struct ResultsDesk: Sendable, Equatable {
    public let results: SessionResults
    /// The last day a re-check may be asked for; nil until the lock.
    public let recheckDeadline: CivilDate?
    /// Valid certificates issued from the session.
    public let certificates: Int
}

/// A re-check request with its session, for the queue across sessions.
public struct RecheckQueueRow: Sendable, Equatable {
    public let sessionId: Int64
    public let examDate: String
    public let targetName: String
    public let record: RecheckRecord
}

extension Store {
    /// The sessions held or locked, newest exam first, with what waits in each (bureau only).
    public func resultsSessions(actor: User, page: PageRequest = .all) throws(StoreError) -> Page<ResultsSessionRow> {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "results show")
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.*, i.name AS desk_body_name,
                       (SELECT count(*) FROM exam_registrations g WHERE g.session_id = s.id) AS desk_candidates,
                       (SELECT count(*) FROM (SELECT 1 FROM score_entries e JOIN exam_registrations g ON g.id = e.registration_id
                                              WHERE g.session_id = s.id AND s.status = 'held'
                                                AND NOT EXISTS (SELECT 1 FROM part_marks m WHERE m.registration_id = e.registration_id AND m.part = e.part)
                                              GROUP BY e.registration_id, e.part HAVING count(DISTINCT e.mark) > 1)) AS desk_mismatches,
                       (SELECT count(*) FROM certificates c WHERE c.session_id = s.id AND c.revoked_on IS NULL) AS desk_certificates,
                       (SELECT count(*) FROM rechecks r JOIN exam_registrations g ON g.id = r.registration_id
                        WHERE g.session_id = s.id AND r.outcome IS NULL) AS desk_open_rechecks
                FROM exam_sessions s JOIN institutions i ON i.id = s.body_id
                WHERE s.status IN ('held', 'results-locked')
                ORDER BY s.exam_date DESC, s.id DESC\(page.sqlClause)
                """)
            let sessions = try rows.map { row in
                let session = try ExamSession(row: row)
                return ResultsSessionRow(
                    session: session, bodyName: row["desk_body_name"],
                    targetName: try Store.targetName(db, session.target) + (session.subTrade.map { "（\($0)）" } ?? ""),
                    candidates: row["desk_candidates"], mismatches: row["desk_mismatches"],
                    certificates: row["desk_certificates"], openRechecks: row["desk_open_rechecks"])
            }
            let total = try page.total(forPageOf: sessions.count) {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM exam_sessions WHERE status IN ('held', 'results-locked')") ?? 0
            }
            return Page(rows: sessions, total: total, request: page)
        }
    }

    /// Every unsettled mismatch of every held session, oldest session first, with both entries:
    /// who keyed each, from what, and when (bureau only).
    public func mismatchQueue(actor: User) throws(StoreError) -> [PendingMismatch] {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "results settle")
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.id AS session_id, s.exam_date, g.ticket_number, p.name, e.registration_id, e.part, e.mark,
                       u.login, u.name AS user_name, e.source, e.entered_at
                FROM score_entries e
                JOIN exam_registrations g ON g.id = e.registration_id
                JOIN exam_sessions s ON s.id = g.session_id
                JOIN persons p ON p.id = g.person_id
                JOIN users u ON u.id = e.entered_by
                WHERE s.status = 'held'
                  AND NOT EXISTS (SELECT 1 FROM part_marks m WHERE m.registration_id = e.registration_id AND m.part = e.part)
                ORDER BY s.exam_date, s.id, g.ticket_number, e.part, e.id
                """)
            var names: [Int64: (target: String, body: String)] = [:]
            var queue: [PendingMismatch] = []
            var index = 0
            while index < rows.count {
                // The entries of one registration and part are adjacent; only the first two count.
                let key = (rows[index]["registration_id"] as Int64, rows[index]["part"] as String)
                var end = index
                while end < rows.count, rows[end]["registration_id"] as Int64 == key.0, rows[end]["part"] as String == key.1 { end += 1 }
                defer { index = end }
                guard end - index >= 2, let part = ExamPart(rawValue: key.1) else { continue }
                let entries = try rows[index..<index + 2].map { row in
                    MarkEntry(mark: try Store.mark(from: row["mark"]), login: row["login"], userName: row["user_name"],
                              source: row["source"], at: row["entered_at"])
                }
                guard case .mismatch = DoubleEntry.state(of: entries.map(\.mark)) else { continue }
                let row = rows[index]
                let sessionId: Int64 = row["session_id"]
                if names[sessionId] == nil, let session = try ExamSession.fetchOne(db, key: sessionId) {
                    let body = try String.fetchOne(db, sql: "SELECT name FROM institutions WHERE id = ?", arguments: [session.bodyId]) ?? ""
                    names[sessionId] = (try Store.targetName(db, session.target) + (session.subTrade.map { "（\($0)）" } ?? ""), body)
                }
                queue.append(PendingMismatch(sessionId: sessionId, examDate: row["exam_date"], targetName: names[sessionId]?.target ?? "",
                                             bodyName: names[sessionId]?.body ?? "", ticketNumber: row["ticket_number"],
                                             name: row["name"], part: part, first: entries[0], second: entries[1]))
            }
            return queue
        }
    }

    /// One session's results for the bureau's desk (bureau only): every candidate, the changes
    /// made, the re-check window and the certificates issued.
    public func resultsDesk(sessionId: Int64, actor: User) throws(StoreError) -> ResultsDesk {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "results show")
            guard let session = try ExamSession.fetchOne(db, key: sessionId) else {
                throw StoreError.notFound(kind: "考试场次", key: String(sessionId))
            }
            let deadline = try session.resultsLockedDay.map { $0.adding(days: try Catalog.fetch(db).integerSetting(.recheckWindowDays)) }
            return ResultsDesk(
                results: try sessionResultsInside(db, session: session), recheckDeadline: deadline,
                certificates: try Int.fetchOne(db, sql: "SELECT count(*) FROM certificates WHERE session_id = ? AND revoked_on IS NULL",
                                               arguments: [sessionId]) ?? 0)
        }
    }

    /// Every re-check request, undecided first, then the latest decided (bureau only).
    public func recheckQueue(actor: User) throws(StoreError) -> [RecheckQueueRow] {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "results recheck-decide")
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.id, g.session_id, g.ticket_number FROM rechecks r JOIN exam_registrations g ON g.id = r.registration_id
                ORDER BY r.outcome IS NOT NULL, CASE WHEN r.outcome IS NULL THEN r.id ELSE -r.id END
                """)
            var sessions: [Int64: ExamSession] = [:]
            var targets: [Int64: String] = [:]
            return try rows.map { row in
                let sessionId: Int64 = row["session_id"]
                if sessions[sessionId] == nil, let session = try ExamSession.fetchOne(db, key: sessionId) {
                    sessions[sessionId] = session
                    targets[sessionId] = try Store.targetName(db, session.target) + (session.subTrade.map { "（\($0)）" } ?? "")
                }
                let record = try recheckRecords(db, where: "r.id = ?", arguments: [row["id"] as Int64])[0]
                return RecheckQueueRow(sessionId: sessionId, examDate: sessions[sessionId]?.examDate ?? "",
                                       targetName: targets[sessionId] ?? "", record: record)
            }
        }
    }

    /// One certificate by number, for its page (bureau only).
    public func certificate(number: String, actor: User) throws(StoreError) -> CertificateLine {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "cert show")
            return try certificate(db, number: number)
        }
    }

    /// What the certificate list's filters choose from (bureau only): the catalog's occupations
    /// and the evaluation bodies.
    public func certificateChoices(actor: User) throws(StoreError) -> CertificateChoices {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "cert list")
            return CertificateChoices(
                occupations: try Catalog.fetch(db).occupations.map { ($0.code, $0.name) },
                bodies: try Institution.filter(Column("kind") == InstitutionKind.evaluation.rawValue).order(Column("name")).fetchAll(db)
                    .map { ($0.id!, $0.name) })
        }
    }
}

/// The choices of the certificate list's filters.
public struct CertificateChoices: Sendable {
    public let occupations: [(code: String, name: String)]
    public let bodies: [(id: Int64, name: String)]
}
