import GRDB
import Domain

/// What a training institution's clerk finds on her home page: her classes by status, the
/// people in them, the exam sessions open for registration that fit them, and what waits on her.
public struct ClerkDesk: Sendable, Equatable {
    /// How many of her classes are at each status.
    public let classesByStatus: [CohortStatus: Int]
    /// Trainees in training (在读) and completed (结业), over all her classes.
    public let enrolled: Int
    public let completed: Int
    /// Her newest classes, with their counts.
    public let recentClasses: [CohortSummary]
    /// Sessions open for registration, not yet held, for an occupation and level (or a
    /// special-ability item) one of her classes trains for; soonest first.
    public let openSessions: [ExamSessionSummary]
    /// Per open session (by id): her classes that may register for it, and how many candidates
    /// of hers it holds (whose admission tickets she may download).
    public let registrableClasses: [Int64: [RegistrableClass]]
    public let ownCandidates: [Int64: Int]
    /// Classes past their end date that still have trainees in training.
    public let overdueClasses: [CohortSummary]
    /// Classes whose latest trainee list was recorded with rows refused (the valid rows only):
    /// the refused people are not in the class until a corrected list is imported. A list
    /// refused as a whole records nothing, so it is not kept and not shown.
    public let refusedImports: [RefusedImport]
}

/// The latest trainee list of a class, recorded with some rows refused.
public struct RefusedImport: Sendable, Equatable {
    public let cohortId: Int64
    public let cohortName: String
    public let fileName: String
    /// When it was recorded (UTC, ISO 8601).
    public let at: String
    public let imported: Int
    public let rejected: Int
}

extension Store {
    /// Rows of each part of the desk a home page shows; the class list has the rest.
    public static let deskRows = 10

    /// The home page of a clerk: everything in her institution's scope (the bureau's would be
    /// the whole city's).
    public func clerkDesk(actor: User) throws(StoreError) -> ClerkDesk {
        let today = clock.today
        return try read { db in
            let actor = try currentActor(db, actor)
            try requireTrainingActor(actor, to: "cohort list")
            let all = try cohortSummaries(db, actor: actor, id: nil, filter: CohortFilter(), today: today, page: .all).rows
            var byStatus = Dictionary(uniqueKeysWithValues: CohortStatus.allCases.map { ($0, 0) })
            for summary in all { byStatus[summary.status, default: 0] += 1 }
            let scope = actor.role == .bureau ? "1" : "c.institution_id = ?"
            let scopeArguments: StatementArguments = actor.role == .bureau ? [] : [actor.institutionId]
            var sessionArguments: StatementArguments = [today.description]
            sessionArguments += scopeArguments
            let sessions = try ExamSession.fetchAll(db, sql: """
                SELECT s.* FROM exam_sessions s
                WHERE s.status = 'open' AND s.exam_date >= ? AND EXISTS (
                    SELECT 1 FROM cohorts c WHERE \(scope)
                    AND ((c.occupation_code = s.occupation_code AND c.level = s.level)
                         OR c.special_ability_code = s.special_ability_code))
                ORDER BY s.exam_date, s.id LIMIT \(Self.deskRows)
                """, arguments: sessionArguments)
            let refused = try Row.fetchAll(db, sql: """
                SELECT t.cohort_id, c.name, t.file_name, t.at, t.imported, t.rejected FROM trainee_imports t
                JOIN cohorts c ON c.id = t.cohort_id
                WHERE \(scope) AND t.rejected > 0
                  AND t.id = (SELECT max(l.id) FROM trainee_imports l WHERE l.cohort_id = t.cohort_id)
                ORDER BY t.id DESC LIMIT \(Self.deskRows)
                """, arguments: scopeArguments).map { row in
                RefusedImport(cohortId: row["cohort_id"], cohortName: row["name"], fileName: row["file_name"], at: row["at"],
                              imported: row["imported"], rejected: row["rejected"])
            }
            return ClerkDesk(
                classesByStatus: byStatus, enrolled: all.reduce(0) { $0 + $1.enrolled }, completed: all.reduce(0) { $0 + $1.completed },
                recentClasses: Array(all.prefix(Self.deskRows)), openSessions: try sessions.map { try sessionSummary(db, $0) },
                registrableClasses: try registrableClasses(db, sessions: sessions, actor: actor),
                ownCandidates: Dictionary(uniqueKeysWithValues: try sessions.map { ($0.id!, try ownCandidates(db, sessionId: $0.id!, actor: actor)) }),
                overdueClasses: Array(all.filter(\.overdue).prefix(Self.deskRows)), refusedImports: refused)
        }
    }
}
