import GRDB
import Domain

/// One trainee of a class as its page lists them. National ID and phone are whole here: the
/// interface masks them before they are shown.
public struct CohortTrainee: Sendable, Equatable {
    /// The trainee's place in the class: what a page names when it acts on them.
    public let enrolmentId: Int64
    public let name: String
    public let nationalId: String
    public let phone: String?
    public let hoursTenths: Int
    public let status: EnrolmentStatus
    public let completedOn: String?
    public let withdrawnOn: String?
    public let withdrawalReason: String?
}

/// What completing a class would do now: who reaches the catalog's share of the planned hours
/// and who does not, before anyone is completed.
public struct CompletionPreview: Sendable, Equatable {
    public let cohort: Cohort
    public let sharePercent: Int
    public let requiredTenths: Int
    /// Trainees in training whose hours reach the share: completing the class completes them.
    public let reaching: [CohortTrainee]
    /// Trainees in training short of the share: they stay in training.
    public let short: [CohortTrainee]
    /// Why nobody can complete yet (the class has not started), if so.
    public let notYetOpen: StoreError?
}

extension Store {
    /// One page of a class's trainees in enrolment order (the list's row order), with the total.
    public func cohortTrainees(cohortId: Int64, actor: User, page: PageRequest = .all) throws(StoreError) -> Page<CohortTrainee> {
        try read { db in
            let actor = try currentActor(db, actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "cohort show")
            let rows = try Self.trainees(db, where: "e.cohort_id = ?", arguments: [cohort.id], page: page)
            let total = page.size == nil ? rows.count
                : try Int.fetchOne(db, sql: "SELECT count(*) FROM enrolments WHERE cohort_id = ?", arguments: [cohort.id]) ?? 0
            return Page(rows: rows, total: total, request: page)
        }
    }

    /// One trainee of a class; a trainee of another class, or of a class outside the actor's
    /// scope, is not found.
    public func cohortTrainee(cohortId: Int64, enrolmentId: Int64, actor: User) throws(StoreError) -> CohortTrainee {
        try read { db in
            let actor = try currentActor(db, actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "cohort show")
            guard let trainee = try Self.trainees(db, where: "e.cohort_id = ? AND e.id = ?", arguments: [cohort.id, enrolmentId],
                                                  page: .all).first else {
                throw StoreError.notFound(kind: "学员", key: String(enrolmentId))
            }
            return trainee
        }
    }

    /// Who `completeTrainees` would complete now and who it would leave in training. It reads
    /// with the same share and the same rule, so the page a clerk confirms shows what happens.
    public func completionPreview(cohortId: Int64, actor: User) throws(StoreError) -> CompletionPreview {
        let today = clock.today
        return try read { db in
            let actor = try currentActor(db, actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "cohort complete")
            let required = try requiredTenths(db, cohort: cohort)
            let inTraining = try Self.trainees(db, where: "e.cohort_id = ? AND e.status = 'enrolled'", arguments: [cohort.id], page: .all)
            return CompletionPreview(
                cohort: cohort, sharePercent: try Catalog.fetch(db).integerSetting(.completionSharePercent), requiredTenths: required,
                reaching: inTraining.filter { $0.hoursTenths >= required }, short: inTraining.filter { $0.hoursTenths < required },
                notYetOpen: Self.completionNotYetOpen(cohort, today: today))
        }
    }

    private static func trainees(_ db: Database, where condition: String, arguments: StatementArguments,
                                 page: PageRequest) throws -> [CohortTrainee] {
        try Row.fetchAll(db, sql: """
            SELECT e.id, e.hours_tenths, e.status, e.completed_on, e.withdrawn_on, e.withdrawal_reason,
                   p.name, p.national_id, p.phone
            FROM enrolments e JOIN persons p ON p.id = e.person_id
            WHERE \(condition)
            ORDER BY COALESCE(e.import_id, 0), e.source_row, e.id\(page.sqlClause)
            """, arguments: arguments).map { row in
            CohortTrainee(enrolmentId: row["id"], name: row["name"], nationalId: row["national_id"], phone: row["phone"],
                          hoursTenths: row["hours_tenths"], status: EnrolmentStatus(rawValue: row["status"]) ?? .enrolled,
                          completedOn: row["completed_on"], withdrawnOn: row["withdrawn_on"], withdrawalReason: row["withdrawal_reason"])
        }
    }
}
