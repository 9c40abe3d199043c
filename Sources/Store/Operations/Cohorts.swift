import GRDB
import Domain

/// A cohort with the counts a listing shows.
public struct CohortSummary: Sendable, Equatable {
    public let cohort: Cohort
    public let institutionName: String
    public let enrolled: Int
    public let completed: Int
    public let withdrawn: Int

    /// Trainees who hold a place: the withdrawn have given theirs up.
    public var placesTaken: Int { enrolled + completed }
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
    public func cohorts(actor: User, page: PageRequest = .all) throws(StoreError) -> Page<CohortSummary> {
        try read { db in try cohortSummaries(db, actor: try currentActor(db, actor), id: nil, page: page) }
    }

    /// One cohort with its counts, within the actor's scope.
    public func cohort(id: Int64, actor: User) throws(StoreError) -> CohortSummary {
        try read { db in
            guard let summary = try cohortSummaries(db, actor: try currentActor(db, actor), id: id, page: .all).first else {
                throw StoreError.notFound(kind: "培训班", key: String(id))
            }
            return summary
        }
    }

    private func cohortSummaries(_ db: Database, actor: User, id: Int64?, page: PageRequest) throws -> Page<CohortSummary> {
        try requireTrainingActor(actor, to: id == nil ? "cohort list" : "cohort show")
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if actor.role != .bureau {
            conditions.append("c.institution_id = ?")
            arguments += [actor.institutionId]
        }
        if let id {
            conditions.append("c.id = ?")
            arguments += [id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT c.*, i.name AS institution_name,
                (SELECT count(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.status = 'enrolled') AS n_enrolled,
                (SELECT count(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.status = 'completed') AS n_completed,
                (SELECT count(*) FROM enrolments e WHERE e.cohort_id = c.id AND e.status = 'withdrawn') AS n_withdrawn
            FROM cohorts c JOIN institutions i ON i.id = c.institution_id
            \(whereClause)
            ORDER BY c.id DESC\(page.sqlClause)
            """
        let summaries = try Row.fetchAll(db, cached: sql, arguments: arguments).map { row in
            CohortSummary(cohort: try Cohort(row: row), institutionName: row["institution_name"],
                          enrolled: row["n_enrolled"], completed: row["n_completed"], withdrawn: row["n_withdrawn"])
        }
        let total = page.size == nil ? summaries.count
            : try Int.fetchOne(db, cached: "SELECT count(*) FROM cohorts c \(whereClause)", arguments: arguments) ?? 0
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
