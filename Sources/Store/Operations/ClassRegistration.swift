import GRDB
import Domain

/// A class's completed trainees before an exam session, each judged with what they declare,
/// as a clerk sees them before she registers the ones she chooses.
public struct ClassRegistration: Sendable, Equatable {
    public let session: ExamSessionSummary
    public let cohort: Cohort
    /// Every completed trainee, in enrolment order.
    public let candidates: [ClassCandidate]
    /// Trainees still in training: they cannot register until they complete.
    public let notCompleted: Int
}

/// One completed trainee of a class, judged for one session with their own declaration.
public struct ClassCandidate: Sendable, Equatable {
    public enum Standing: Sendable, Equatable {
        /// A route admits them: its code, or nil for a special-ability item, which has no entry condition.
        case admitted(route: String?)
        /// No route admits them: per route, what it lacks.
        case lacking([Rejection])
        /// Another session of the same occupation and level holds them until its results are locked.
        case heldUp(Rejection)
        case registered(ticket: String)
    }

    /// Their place in the class: what a registration names them by.
    public let enrolmentId: Int64
    public let name: String
    /// Whole: the page that shows it masks it.
    public let nationalId: String
    /// What they declare on the page, or, once registered, what they declared then.
    public let declaration: CandidateDeclaration
    public let standing: Standing
    /// A valid certificate of what the session assesses that they already hold: they may sit it
    /// again, but the clerk should know.
    public let heldCertificate: String?
}

extension Store {
    /// The class's completed trainees judged for the session, each with the declaration
    /// `declarations` gives for their enrolment (nothing declared when absent), or, for one
    /// registered already, the declaration recorded with the registration: the same
    /// judgement registering makes, and nothing is written. Institution users see only their own
    /// classes (another institution's is not found); examiners are refused.
    public func classRegistration(sessionId: Int64, cohortId: Int64, declarations: [Int64: CandidateDeclaration] = [:],
                                  actor: User) throws(StoreError) -> ClassRegistration {
        try read { db in
            let actor = try currentActor(db, actor)
            let session = try registrableSession(db, id: sessionId, actor: actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "session register", field: .cohort)
            let catalog = try Catalog.fetch(db)
            try requireSameTarget(cohort, session, catalog: catalog)
            let candidates = try classTrainees(db, cohortId: cohortId, only: nil).filter { $0.status == .completed }.map { trainee in
                var declaration = declarations[trainee.enrolmentId] ?? CandidateDeclaration()
                let standing: ClassCandidate.Standing
                switch try judge(db, session: session, person: trainee.person, declaration: declaration, catalog: catalog, retake: false) {
                case .alreadyRegistered(let ticket, let declared):
                    standing = .registered(ticket: ticket)
                    declaration = declared
                case .heldUp(let rule): standing = .heldUp(rule)
                case .decided(.eligible(let route)): standing = .admitted(route: route.routeCode)
                case .decided(.eligibleWithoutConditions): standing = .admitted(route: nil)
                case .decided(.refused(let misses)): standing = .lacking(misses.map(\.summary))
                }
                return ClassCandidate(enrolmentId: trainee.enrolmentId, name: trainee.person.name, nationalId: trainee.person.nationalId,
                                      declaration: declaration, standing: standing,
                                      heldCertificate: try validCertificate(db, person: trainee.person, session: session))
            }
            let notCompleted = try Int.fetchOne(db, cached: "SELECT count(*) FROM enrolments WHERE cohort_id = ? AND status = 'enrolled'",
                                                arguments: [cohortId]) ?? 0
            return ClassRegistration(session: try sessionSummary(db, session), cohort: cohort, candidates: candidates,
                                     notCompleted: notCompleted)
        }
    }

    /// Registers the chosen trainees of a class (`chosen`: enrolment id → what that person
    /// declares) for the session, all or nothing. Every chosen person is checked first and every
    /// refusal reported at once, each naming the person (ID masked), the field and the rule: not
    /// completed, already registered or held by another session, a negative number of years, no
    /// route admitting them. A place that is not in this class (another class's, another
    /// institution's) is not found. Seats run out: nobody is registered.
    public func registerClassTrainees(sessionId: Int64, cohortId: Int64, chosen: [Int64: CandidateDeclaration],
                                      actor: User) throws(StoreError) -> RegistrationOutcome {
        try registration(dryRun: false) { db in
            let actor = try currentActor(db, actor)
            let session = try registrableSession(db, id: sessionId, actor: actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "session register", field: .cohort)
            let catalog = try Catalog.fetch(db)
            try requireSameTarget(cohort, session, catalog: catalog)
            guard !chosen.isEmpty else {
                throw StoreError.invalid(FieldProblem(field: .cohort, value: cohort.name, rule: Rejection(
                    "没有选择要报名的学员", "no trainee was chosen to register")))
            }
            let trainees = try classTrainees(db, cohortId: cohortId, only: Array(chosen.keys))
            if let stranger = chosen.keys.sorted().first(where: { id in !trainees.contains { $0.enrolmentId == id } }) {
                throw StoreError.notFound(kind: "学员", key: String(stranger))
            }
            var problems: [FieldProblem] = []
            for trainee in trainees {
                let declaration = chosen[trainee.enrolmentId]!
                if let problem = try refusal(db, of: trainee, declaration: declaration, session: session, catalog: catalog) {
                    problems.append(problem)
                }
            }
            guard problems.isEmpty else { throw StoreError.invalidFields(problems) }
            var outcomes: [CandidateOutcome] = []
            for trainee in trainees {
                outcomes.append(try register(db, session: session, person: trainee.person, cohort: cohort,
                                             declaration: chosen[trainee.enrolmentId]!, catalog: catalog, overrideReason: nil,
                                             institutionId: cohort.institutionId, retake: nil, actor: actor))
            }
            return RegistrationOutcome(candidates: outcomes, notCompleted: 0, dryRun: false)
        }
    }

    /// Why one chosen trainee cannot be registered, or nil.
    private func refusal(_ db: Database, of trainee: ClassTrainee, declaration: CandidateDeclaration, session: ExamSession,
                         catalog: Catalog) throws -> FieldProblem? {
        let who = "\(trainee.person.name)（\(Masking.nationalID(trainee.person.nationalId))）"
        let whoEn = Masking.nationalID(trainee.person.nationalId)
        guard trainee.status == .completed else {
            return FieldProblem(field: .status, value: trainee.status.chineseName, rule: Rejection(
                "\(who)未结业：只有结业学员可以报名", "\(whoEn) has not completed the cohort: only completed trainees register"))
        }
        guard declaration.declaredYears >= 0 else {
            return FieldProblem(field: .declaredYears, value: String(declaration.declaredYears), rule: Rejection(
                "\(who)的从业年限不能为负数", "\(whoEn): years cannot be negative"))
        }
        switch try judge(db, session: session, person: trainee.person, declaration: declaration, catalog: catalog, retake: false) {
        case .alreadyRegistered(let ticket, _):
            return FieldProblem(field: .session, value: String(session.id!), rule: Rejection(
                "\(who)已报名本场次（准考证号 \(ticket)）", "\(whoEn) is already registered for this session (ticket \(ticket))"))
        case .heldUp(let rule):
            return FieldProblem(field: .session, value: String(session.id!), rule: Rejection("\(who)：\(rule.chinese)", rule.english))
        case .decided(.refused(let misses)):
            let summaries = misses.map(\.summary)
            return FieldProblem(field: .declaredYears, value: String(declaration.declaredYears), rule: Rejection(
                "\(who)不符合任何申报条件：" + summaries.map(\.chinese).joined(separator: "；"),
                "\(whoEn) meets no eligibility route: " + summaries.map(\.english).joined(separator: "; ")))
        case .decided:
            return nil
        }
    }

    /// The class's trainees (those with the given enrolment ids, when `only` is given), in
    /// enrolment order, with their persons.
    private func classTrainees(_ db: Database, cohortId: Int64, only ids: [Int64]?) throws -> [ClassTrainee] {
        var sql = """
            SELECT e.id AS enrolment_id, e.status AS enrolment_status, p.* FROM enrolments e JOIN persons p ON p.id = e.person_id
            WHERE e.cohort_id = ?
            """
        var arguments: StatementArguments = [cohortId]
        if let ids {
            sql += " AND e.id IN (\(databaseQuestionMarks(count: ids.count)))"
            arguments += StatementArguments(ids)
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY e.id", arguments: arguments).map { row in
            guard let status = EnrolmentStatus(rawValue: row["enrolment_status"]) else {
                throw StoreError.database(message: "enrolment \(row["enrolment_id"] as Int64) has an unknown status")
            }
            return ClassTrainee(enrolmentId: row["enrolment_id"], status: status, person: try Person(row: row))
        }
    }
}

/// A trainee's place in a class and the person in it.
private struct ClassTrainee {
    let enrolmentId: Int64
    let status: EnrolmentStatus
    let person: Person
}

/// An open session a class may register for, with the candidates the actor's institution has in
/// it (every candidate, for the bureau): where her admission tickets are.
public struct RegistrableSession: Sendable, Equatable {
    public let summary: ExamSessionSummary
    public let ownCandidates: Int
}

/// A class of the clerk's that may register for a session: it trains for what the session
/// assesses and has completed trainees.
public struct RegistrableClass: Sendable, Equatable {
    public let cohortId: Int64
    public let name: String
    public let completed: Int
}

extension Store {
    /// Sessions open for registration and not yet held that assess what the class trains for,
    /// soonest first, within the actor's scope (another institution's class is not found).
    public func registrableSessions(cohortId: Int64, actor: User) throws(StoreError) -> [RegistrableSession] {
        let today = clock.today
        return try read { db in
            let actor = try currentActor(db, actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "session register", field: .cohort)
            let sessions = try ExamSession.fetchAll(db, sql: """
                SELECT * FROM exam_sessions
                WHERE status = 'open' AND exam_date >= ? AND occupation_code IS ? AND level IS ? AND special_ability_code IS ?
                ORDER BY exam_date, id
                """, arguments: [today.description, cohort.occupationCode, cohort.level, cohort.specialAbilityCode])
            return try sessions.map { session in
                RegistrableSession(summary: try sessionSummary(db, session),
                                   ownCandidates: try ownCandidates(db, sessionId: session.id!, actor: actor))
            }
        }
    }

    /// The classes of the actor's institution that may register for each session: what the
    /// session assesses, with completed trainees; newest first.
    func registrableClasses(_ db: Database, sessions: [ExamSession], actor: User) throws -> [Int64: [RegistrableClass]] {
        var classes: [Int64: [RegistrableClass]] = [:]
        for session in sessions {
            classes[session.id!] = try Row.fetchAll(db, cached: """
                SELECT c.id, c.name, count(*) AS completed FROM cohorts c JOIN enrolments e ON e.cohort_id = c.id AND e.status = 'completed'
                WHERE (? IS NULL OR c.institution_id = ?)
                  AND c.occupation_code IS ? AND c.level IS ? AND c.special_ability_code IS ?
                GROUP BY c.id ORDER BY c.id DESC
                """, arguments: [actor.role == .bureau ? nil : actor.institutionId, actor.institutionId,
                                 session.occupationCode, session.level, session.specialAbilityCode]).map { row in
                RegistrableClass(cohortId: row["id"], name: row["name"], completed: row["completed"])
            }
        }
        return classes
    }

    /// The session's candidates registered by the actor's institution (all, for the bureau).
    func ownCandidates(_ db: Database, sessionId: Int64, actor: User) throws -> Int {
        try Int.fetchOne(db, cached: """
            SELECT count(*) FROM exam_registrations WHERE session_id = ? AND (? IS NULL OR institution_id = ?)
            """, arguments: [sessionId, actor.role == .bureau ? nil : actor.institutionId, actor.institutionId]) ?? 0
    }
}
