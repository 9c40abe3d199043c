import GRDB
import Domain

/// What candidate self-service shows a person who proved who they are: their own registrations,
/// their marks once the results are locked, their re-check windows and their certificates.
public struct CandidateRecord: Sendable, Equatable {
    public let personId: Int64
    public let name: String
    /// Newest session first.
    public let registrations: [CandidateRegistration]
    /// In number order.
    public let certificates: [CertificateLine]
}

/// One of the person's exam registrations.
public struct CandidateRegistration: Sendable, Equatable {
    public let sessionId: Int64
    public let ticketNumber: String
    public let examDate: String
    /// `中式烹调师 五级/初级工`.
    public let targetName: String
    public let bodyName: String
    public let institutionName: String?
    public let status: SessionStatus
    public let seats: [PartSeat]
    /// The marks, only once the bureau locked (published) the results; nil before.
    public let results: CandidateResult?
    public let resultsLockedOn: String?
    /// The last day a re-check may be asked for, once the results are locked.
    public let recheckDeadline: CivilDate?
    /// Whether a re-check may still be asked for today.
    public let recheckOpen: Bool
    /// The re-check asked for, if any.
    public let recheck: RecheckRecord?
}

/// What a self-service lookup finds: the person, or nothing, whichever field was wrong.
public enum CandidateLookupOutcome: Sendable, Equatable {
    case found(CandidateRecord)
    case noMatch

    /// What the audit trail keeps of a lookup: the outcome only.
    var auditName: String {
        switch self {
        case .found: "found"
        case .noMatch: "no-match"
        }
    }
}

extension Store {
    /// A candidate looking themselves up without an account (考生自助查询): national ID, name, and
    /// the number of one of their admission tickets or certificates. All three must belong to the
    /// same person; otherwise the answer is `noMatch`, whichever was wrong. Every lookup is
    /// recorded with its outcome only: no ID, name, number or address.
    public func lookUpCandidatePublicly(nationalId: NationalID, name: String, number: String) throws(StoreError) -> CandidateLookupOutcome {
        try write { db in
            let outcome = try candidateOutcome(db, nationalId: nationalId, name: name.trimmingWhitespace(),
                                               number: number.trimmingWhitespace().uppercased())
            try audit(db, actorLogin: "public", actorRole: "public", action: "candidate.lookup.public", entity: "persons", key: "",
                      after: ["outcome": outcome.auditName])
            return outcome
        }
    }

    /// The admission ticket `ticket` of person `personId` (whom a self-service lookup found), as the
    /// sheets of its session holding that candidate alone; not found when the ticket is not theirs.
    public func candidateTicketSheets(personId: Int64, ticket: String) throws(StoreError) -> ExamSessionSheets {
        try read { db in
            let wanted = ticket.trimmingWhitespace()
            guard let sessionId = try Int64.fetchOne(db, cached: """
                SELECT session_id FROM exam_registrations WHERE person_id = ? AND ticket_number = ?
                """, arguments: [personId, wanted]), let session = try ExamSession.fetchOne(db, key: sessionId) else {
                throw StoreError.notFound(kind: "准考证 admission ticket", key: wanted)
            }
            return try sessionSheets(db, session: session, personId: personId)
        }
    }

    private func candidateOutcome(_ db: Database, nationalId: NationalID, name: String, number: String) throws -> CandidateLookupOutcome {
        let person = try Row.fetchOne(db, cached: "SELECT id, name FROM persons WHERE national_id = ?", arguments: [nationalId.value])
        let personId: Int64 = person?["id"] ?? -1
        // A certificate number is compared as the register writes it, whatever spacing was typed.
        let certificateNumber = (try? verifiableNumber(db, number).formatted) ?? number
        let holdsNumber = try Int.fetchOne(db, cached: """
            SELECT 1 WHERE EXISTS (SELECT 1 FROM exam_registrations WHERE person_id = ? AND ticket_number = ?)
                        OR EXISTS (SELECT 1 FROM certificates WHERE person_id = ? AND number = ?)
            """, arguments: [personId, number, personId, certificateNumber]) != nil
        guard let person, !name.isEmpty, (person["name"] as String) == name, holdsNumber else { return .noMatch }
        return .found(try candidateRecord(db, personId: personId, name: name))
    }

    private func candidateRecord(_ db: Database, personId: Int64, name: String) throws -> CandidateRecord {
        let catalog = try Catalog.fetch(db)
        let window = catalog.integerSetting(.recheckWindowDays)
        let rows = try Row.fetchAll(db, cached: """
            SELECT g.id, g.session_id, g.person_id, g.ticket_number, g.retake_of, p.name, p.national_id, i.name AS institution_name
            FROM exam_registrations g JOIN persons p ON p.id = g.person_id JOIN exam_sessions s ON s.id = g.session_id
            LEFT JOIN institutions i ON i.id = g.institution_id
            WHERE g.person_id = ? ORDER BY s.exam_date DESC, g.ticket_number DESC
            """, arguments: [personId])
        let registrations = try rows.map { row -> CandidateRegistration in
            guard let session = try ExamSession.fetchOne(db, key: row["session_id"] as Int64) else {
                throw StoreError.notFound(kind: "考试场次", key: String(row["session_id"] as Int64))
            }
            let summary = try sessionSummary(db, session)
            let sheets = try sessionSheets(db, session: session, personId: personId)
            let locked = session.status == .resultsLocked
            let registrationId: Int64 = row["id"]
            // Marks and the re-check window exist for the candidate only once the results are published.
            var results: CandidateResult?
            var deadline: CivilDate?
            if locked {
                results = try candidateResult(db, row: row, session: session, parts: catalog.examParts(for: session.target.scope),
                                              catalog: catalog)
                let lockedDay = try session.resultsLockedDay ?? session.examDay
                deadline = lockedDay.adding(days: window)
            }
            return CandidateRegistration(
                sessionId: session.id!, ticketNumber: row["ticket_number"], examDate: session.examDate, targetName: summary.targetName,
                bodyName: summary.bodyName, institutionName: row["institution_name"], status: session.status,
                seats: sheets.candidates.first?.seats ?? [],
                results: results,
                resultsLockedOn: locked ? session.resultsLockedOn : nil,
                recheckDeadline: deadline, recheckOpen: deadline.map { clock.today <= $0 } ?? false,
                recheck: try recheckRecords(db, where: "r.registration_id = ?", arguments: [registrationId]).first)
        }
        return CandidateRecord(personId: personId, name: name, registrations: registrations,
                               certificates: try certificateLines(db, where: "c.person_id = ?", arguments: [personId]))
    }
}
