import GRDB
import Domain

/// A person with what the actor may see of their training and exams.
public struct PersonRecord: Sendable, Equatable {
    public let person: Person
    public let enrolments: [PersonEnrolment]
    public let registrations: [PersonExamRegistration]
}

/// A person's place in a cohort.
public struct PersonEnrolment: Sendable, Equatable {
    public let cohortId: Int64
    public let cohortName: String
    public let institutionName: String
    public let status: EnrolmentStatus
    public let hoursTenths: Int
}

/// A person's registration for an exam session.
public struct PersonExamRegistration: Sendable, Equatable {
    public let id: Int64
    public let sessionId: Int64
    public let ticketNumber: String
    public let examDate: String
    public let targetName: String
    public let sessionStatus: SessionStatus
}

/// One registration as its page shows it: the candidate, the session and the results.
public struct RegistrationRecord: Sendable, Equatable {
    public let summary: ExamSessionSummary
    public let result: CandidateResult
    /// What the candidate declared when registering (years, diplomas, final year of study).
    public let declaration: CandidateDeclaration
}

extension Store {
    /// The person with this id, their enrolments and their exam registrations, within the
    /// actor's scope: the bureau sees everything; an institution its own people, its own
    /// cohorts' enrolments and the registrations it made. Out of scope is not found.
    public func personRecord(id: Int64, actor: User) throws(StoreError) -> PersonRecord {
        try read { db in
            let actor = try currentActor(db, actor)
            guard try isVisible(db, .person(id), actor: actor), let person = try Person.fetchOne(db, key: id) else {
                throw StoreError.notFound(kind: "人员", key: String(id))
            }
            let own = actor.role == .bureau ? nil : actor.institutionId
            let enrolments = try Row.fetchAll(db, sql: """
                SELECT c.id, c.name, i.name AS institution_name, e.status, e.hours_tenths
                FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id JOIN institutions i ON i.id = c.institution_id
                WHERE e.person_id = ? AND (? IS NULL OR c.institution_id = ?) ORDER BY c.start_date DESC, c.id DESC
                """, arguments: [id, own, own]).map { row in
                PersonEnrolment(cohortId: row["id"], cohortName: row["name"], institutionName: row["institution_name"],
                                status: EnrolmentStatus(rawValue: row["status"]) ?? .enrolled, hoursTenths: row["hours_tenths"])
            }
            let registrations = try Row.fetchAll(db, sql: """
                SELECT g.id, g.ticket_number, s.id AS session_id FROM exam_registrations g JOIN exam_sessions s ON s.id = g.session_id
                WHERE g.person_id = ? AND (? IS NULL OR g.institution_id = ?) ORDER BY s.exam_date DESC, g.id DESC
                """, arguments: [id, own, own]).map { row in
                let session = try ExamSession.fetchOne(db, key: row["session_id"] as Int64)!
                return PersonExamRegistration(
                    id: row["id"], sessionId: session.id!, ticketNumber: row["ticket_number"], examDate: session.examDate,
                    targetName: try Store.targetName(db, session.target) + (session.subTrade.map { "（\($0)）" } ?? ""),
                    sessionStatus: session.status)
            }
            return PersonRecord(person: person, enrolments: enrolments, registrations: registrations)
        }
    }

    /// One exam registration: its session and its results part by part, as the session's
    /// results show them. The bureau sees any; an institution those it made. Out of scope is
    /// not found.
    public func registrationRecord(id: Int64, actor: User) throws(StoreError) -> RegistrationRecord {
        try read { db in
            let actor = try currentActor(db, actor)
            guard try isVisible(db, .registration(id), actor: actor),
                  let row = try Row.fetchOne(db, sql: """
                    SELECT g.id, g.session_id, g.person_id, g.ticket_number, g.retake_of, g.declared_years, g.diplomas, g.final_year_of,
                           p.name, p.national_id, i.name AS institution_name
                    FROM exam_registrations g JOIN persons p ON p.id = g.person_id LEFT JOIN institutions i ON i.id = g.institution_id
                    WHERE g.id = ?
                    """, arguments: [id]),
                  let session = try ExamSession.fetchOne(db, key: row["session_id"] as Int64)
            else { throw StoreError.notFound(kind: "报名", key: String(id)) }
            let parts = try Catalog.fetch(db).examParts(for: session.target.scope)
            return RegistrationRecord(summary: try sessionSummary(db, session),
                                      result: try candidateResult(db, row: row, session: session, parts: parts, catalog: try Catalog.fetch(db)),
                                      declaration: CandidateDeclaration(recordedYears: row["declared_years"], diplomas: row["diplomas"],
                                                                        finalYearOf: row["final_year_of"]))
        }
    }
}
