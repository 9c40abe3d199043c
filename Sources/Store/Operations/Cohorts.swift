import GRDB
import Domain

/// A cohort with the counts a listing shows.
public struct CohortSummary: Sendable, Equatable {
    public let cohort: Cohort
    public let institutionName: String
    public let enrolled: Int
    public let completed: Int
    public let withdrawn: Int
    /// Where the class stands on the Store's today (see `CohortStatus`).
    public let status: CohortStatus
    /// Past its end date with trainees still in training: its clerk has them to complete or withdraw.
    public let overdue: Bool

    /// Trainees who hold a place: the withdrawn have given theirs up.
    public var placesTaken: Int { enrolled + completed }
}

/// Which cohorts a listing shows; nil fields do not filter.
public struct CohortFilter: Sendable, Equatable {
    public var status: CohortStatus?
    public var projectCode: String?
    /// An occupation's code: its classes at every level.
    public var occupationCode: String?
    /// Only classes past their end date with trainees still in training.
    public var overdueOnly: Bool

    public init(status: CohortStatus? = nil, projectCode: String? = nil, occupationCode: String? = nil, overdueOnly: Bool = false) {
        self.status = status
        self.projectCode = projectCode
        self.occupationCode = occupationCode
        self.overdueOnly = overdueOnly
    }
}

extension Store {
    /// Creates a cohort. Bureau users for any institution; institution users for their own.
    public func createCohort(_ plan: CohortPlan, institutionId: Int64, actor: User) throws(StoreError) -> Cohort {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireTrainingActor(actor, to: "cohort create")
            try requireVisible(actor, institutionId: institutionId, orNotFound: "机构", key: String(institutionId))
            guard let institution = try Institution.fetchOne(db, key: institutionId) else {
                throw StoreError.notFound(kind: "机构", key: String(institutionId))
            }
            guard institution.kind != .evaluation else {
                throw StoreError.invalid(FieldProblem(field: .institution, value: institution.name, rule: Rejection(
                    "评价机构不开设培训班", "evaluation bodies do not run training cohorts")))
            }
            let problems = plan.problems(against: try Catalog.fetch(db))
            guard problems.isEmpty else { throw StoreError.invalidFields(problems) }
            let name = plan.name.trimmingWhitespace()
            if try Cohort.filter(Column("institution_id") == institutionId && Column("name") == name).fetchCount(db) > 0 {
                throw StoreError.duplicate(kind: "培训班", key: name)
            }
            var cohort = Cohort(id: nil, institutionId: institutionId, name: name, projectCode: plan.projectCode,
                                occupationCode: nil, level: nil, specialAbilityCode: nil, district: plan.district.trimmingWhitespace(),
                                startDate: plan.startDate.description, endDate: plan.endDate.description,
                                plannedHours: plan.plannedHours, capacity: plan.capacity, createdAt: clock.timestamp())
            switch plan.target {
            case .occupation(let code, let level):
                cohort.occupationCode = code
                cohort.level = level.code
            case .specialAbility(let code):
                cohort.specialAbilityCode = code
            }
            try cohort.insert(db)
            try audit(db, actor: actor, action: "cohort.create", entity: "cohorts", key: String(cohort.id!), after: cohort)
            return cohort
        }
    }

    /// The cohorts the actor may see, newest first, with their counts.
    public func cohorts(actor: User, filter: CohortFilter = CohortFilter(), page: PageRequest = .all) throws(StoreError) -> Page<CohortSummary> {
        let today = clock.today
        return try read { db in
            let actor = try currentActor(db, actor)
            try requireTrainingActor(actor, to: "cohort list")
            return try cohortSummaries(db, actor: actor, id: nil, filter: filter, today: today, page: page)
        }
    }

    /// One cohort with its counts, within the actor's scope.
    public func cohort(id: Int64, actor: User) throws(StoreError) -> CohortSummary {
        let today = clock.today
        return try read { db in
            let actor = try currentActor(db, actor)
            try requireTrainingActor(actor, to: "cohort show")
            guard let summary = try cohortSummaries(db, actor: actor, id: id, filter: CohortFilter(), today: today, page: .all).first else {
                throw StoreError.notFound(kind: "培训班", key: String(id))
            }
            return summary
        }
    }

    /// The summaries of the cohorts in the actor's scope that pass `filter`. The status is worked
    /// out here, in one place, as `CohortStatus` describes it; the filter and the rows use the
    /// same expression so that a filtered list never disagrees with the status it shows.
    func cohortSummaries(_ db: Database, actor: User, id: Int64?, filter: CohortFilter, today: CivilDate,
                         page: PageRequest) throws -> Page<CohortSummary> {
        var scope: [String] = []
        var arguments: StatementArguments = [today.description]
        if actor.role != .bureau {
            scope.append("c.institution_id = ?")
            arguments += [actor.institutionId]
        }
        if let id {
            scope.append("c.id = ?")
            arguments += [id]
        }
        if let project = filter.projectCode {
            scope.append("c.project_code = ?")
            arguments += [project]
        }
        if let occupation = filter.occupationCode {
            scope.append("c.occupation_code = ?")
            arguments += [occupation]
        }
        var conditions: [String] = []
        if let status = filter.status {
            conditions.append("status = ?")
            arguments += [status.rawValue]
        }
        if filter.overdueOnly {
            conditions.append("n_enrolled > 0 AND end_date < today")
        }
        let scopeClause = scope.isEmpty ? "" : "WHERE " + scope.joined(separator: " AND ")
        let filterClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let summarised = """
            SELECT *, CASE WHEN start_date > today THEN 'planned'
                           WHEN n_enrolled = 0 AND n_completed > 0 THEN 'completed'
                           ELSE 'training' END AS status
            FROM (SELECT c.*, i.name AS institution_name, ? AS today,
                    (SELECT count(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.status = 'enrolled') AS n_enrolled,
                    (SELECT count(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.status = 'completed') AS n_completed,
                    (SELECT count(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.status = 'withdrawn') AS n_withdrawn
                  FROM cohorts c JOIN institutions i ON i.id = c.institution_id
                  \(scopeClause))
            """
        let sql = "SELECT * FROM (\(summarised)) \(filterClause) ORDER BY id DESC\(page.sqlClause)"
        let summaries = try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let status = CohortStatus(rawValue: row["status"]) ?? .training
            let endDate: String = row["end_date"]
            let enrolled: Int = row["n_enrolled"]
            return CohortSummary(cohort: try Cohort(row: row), institutionName: row["institution_name"],
                                 enrolled: enrolled, completed: row["n_completed"], withdrawn: row["n_withdrawn"],
                                 status: status, overdue: enrolled > 0 && endDate < today.description)
        }
        let total = page.size == nil ? summaries.count
            : try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(summarised)) \(filterClause)", arguments: arguments) ?? 0
        return Page(rows: summaries, total: total, request: page)
    }

    /// Fetches a cohort for a change; to actors outside its institution it does not exist.
    func scopedCohort(_ db: Database, id: Int64, actor: User, to action: String, field: Field? = nil) throws -> Cohort {
        try requireTrainingActor(actor, to: action, field: field)
        guard let cohort = try Cohort.fetchOne(db, key: id) else { throw StoreError.notFound(kind: "培训班", key: String(id)) }
        try requireVisible(actor, institutionId: cohort.institutionId, orNotFound: "培训班", key: String(id))
        return cohort
    }

    /// Cohorts are the bureau's and the institutions' business; examiners have none.
    func requireTrainingActor(_ actor: User, to action: String, field: Field? = nil) throws {
        guard actor.role != .examiner else {
            throw StoreError.notPermitted(action: action, field: field, reasonZh: "考评员不能处理培训班", reasonEn: "examiners do not handle cohorts")
        }
    }
}

/// What the form creating a class offers: the institutions it may be for (a clerk's own; any
/// training institution or school for the bureau) and the catalog's choices.
public struct CohortFormChoices: Sendable {
    public let institutions: [Institution]
    public let catalog: Catalog
}

extension Store {
    /// The choices of the class form; examiners, who handle no classes, are refused.
    public func cohortFormChoices(actor: User) throws(StoreError) -> CohortFormChoices {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireTrainingActor(actor, to: "cohort create")
            var institutions = Institution.filter(Column("kind") != InstitutionKind.evaluation.rawValue).order(Column("name"))
            if actor.role != .bureau { institutions = institutions.filter(key: actor.institutionId) }
            return CohortFormChoices(institutions: try institutions.fetchAll(db), catalog: try cachedCatalog(db))
        }
    }
}
