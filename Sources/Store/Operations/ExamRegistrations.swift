import GRDB
import Domain

/// What a candidate declares when registering; the system adds the certificates it issued.
public struct CandidateDeclaration: Sendable, Equatable {
    public var declaredYears: Int
    public var diplomas: Set<Diploma>
    public var finalYearOf: Diploma?

    public init(declaredYears: Int = 0, diplomas: Set<Diploma> = [], finalYearOf: Diploma? = nil) {
        self.declaredYears = declaredYears
        self.diplomas = diplomas
        self.finalYearOf = finalYearOf
    }
}

extension CandidateDeclaration {
    /// A declaration as a registration records it: diploma codes separated by `;`.
    init(recordedYears years: Int, diplomas: String, finalYearOf: String?) {
        self.init(declaredYears: years, diplomas: Set(diplomas.split(separator: ";").compactMap { Diploma(rawValue: String($0)) }),
                  finalYearOf: finalYearOf.flatMap(Diploma.init(rawValue:)))
    }
}

extension ExamRegistration {
    /// What the candidate declared when registering, as recorded.
    public var declaration: CandidateDeclaration {
        CandidateDeclaration(recordedYears: declaredYears, diplomas: diplomas, finalYearOf: finalYearOf)
    }
}

/// One candidate in the answer to a registration.
public struct CandidateOutcome: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
        /// Registered (or, in a dry run, would be): the ticket and the grounds.
        case registered(ticket: String, eligibility: RegistrationEligibility, route: String?)
        case alreadyRegistered(ticket: String)
        /// Refused by the eligibility routes: one summary per route.
        case refused([Rejection])
    }

    public let name: String
    public let nationalId: String
    public let result: Result
    /// The number of a valid certificate the person already holds for what the session assesses:
    /// they may sit it again (a registration is not refused for it), but the registrar should know.
    public var heldCertificate: String? = nil
}

/// The answer to a registration: every candidate considered, and whether anything was written.
public struct RegistrationOutcome: Sendable, Equatable {
    public let candidates: [CandidateOutcome]
    /// Trainees of the cohort left out because they have not completed (结业).
    public let notCompleted: Int
    public let dryRun: Bool

    public var registered: [CandidateOutcome] { candidates.filter { if case .registered = $0.result { true } else { false } } }
    public var refused: [CandidateOutcome] { candidates.filter { if case .refused = $0.result { true } else { false } } }
    public var alreadyRegistered: [CandidateOutcome] {
        candidates.filter { if case .alreadyRegistered = $0.result { true } else { false } }
    }
    /// Those registered (or who would be) although they hold a valid certificate of the occupation
    /// and level (or item) already.
    public var alreadyCertified: [CandidateOutcome] { registered.filter { $0.heldCertificate != nil } }
}

extension Store {
    /// Registers one person for a session. Refused when no eligibility route fits, unless a
    /// bureau user overrides with a reason. Institution users register only their own trainees
    /// who completed a cohort for the session's occupation and level. `dryRun` writes nothing.
    ///
    /// A retake (补考, `retake`) registers only the parts the person has not passed within the
    /// catalog's retention window in earlier sessions of the same occupation and level, on the
    /// grounds of the earlier registration; the pass rule then combines the parts.
    public func registerCandidate(sessionId: Int64, nationalId: NationalID, declaration: CandidateDeclaration,
                                  overrideReason: String? = nil, retake: Bool = false, dryRun: Bool = false,
                                  actor: User) throws(StoreError) -> RegistrationOutcome {
        try registration(dryRun: dryRun) { db in
            let actor = try currentActor(db, actor)
            let session = try registrableSession(db, id: sessionId, actor: actor)
            if overrideReason != nil { try requireBureau(actor, to: "session register", field: .overrideReason) }
            // A person the institution may not see is, to it, one nobody registered.
            guard let person = try scopedPerson(db, nationalId: nationalId.value, actor: actor) else {
                throw StoreError.notFound(kind: "人员", key: nationalId.masked)
            }
            let cohort = try trainingCohort(db, personId: person.id!, target: session.target,
                                            institutionId: actor.role == .bureau ? nil : actor.institutionId)
            if actor.role != .bureau && cohort == nil {
                throw StoreError.notPermitted(
                    action: "session register",
                    reasonZh: "\(nationalId.masked) 不是本机构\(session.target.displayName(in: try Catalog.fetch(db)))培训班的结业学员",
                    reasonEn: "\(nationalId.masked) has not completed a cohort of your institution for this occupation and level")
            }
            if !dryRun, let pending = try pendingRegistration(db, session: session, person: person, catalog: try Catalog.fetch(db)) {
                throw StoreError.rulesBroken(whatZh: "\(person.name)（\(nationalId.masked)）不能报名本场次",
                                             whatEn: "\(nationalId.masked) cannot be registered for this session", rules: [pending])
            }
            let outcome = try register(db, session: session, person: person, cohort: cohort, declaration: declaration, catalog: try Catalog.fetch(db),
                                       overrideReason: overrideReason, institutionId: cohort?.institutionId ?? actor.institutionId,
                                       retake: retake ? try retakePlan(db, session: session, person: person) : nil, actor: actor)
            if case .refused(let reasons) = outcome.result, !dryRun {
                throw StoreError.notEligible(name: person.name, maskedID: nationalId.masked, rules: reasons)
            }
            if case .alreadyRegistered(let ticket) = outcome.result, !dryRun {
                throw StoreError.duplicate(kind: "考生", key: "\(nationalId.masked)（准考证号 \(ticket)）")
            }
            return RegistrationOutcome(candidates: [outcome], notCompleted: 0, dryRun: dryRun)
        }
    }

    /// Registers a cohort's completed trainees. The eligible are registered, the refused listed
    /// with their reasons, those already registered skipped; if the eligible outnumber the free
    /// seats, nobody is registered. `dryRun` writes nothing.
    public func registerCohort(sessionId: Int64, cohortId: Int64, declaration: CandidateDeclaration = CandidateDeclaration(),
                               dryRun: Bool = false, actor: User) throws(StoreError) -> RegistrationOutcome {
        try registration(dryRun: dryRun) { db in
            let actor = try currentActor(db, actor)
            let session = try registrableSession(db, id: sessionId, actor: actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "session register", field: .cohort)
            let catalog = try Catalog.fetch(db)
            try requireSameTarget(cohort, session, catalog: catalog)
            let trainees = try Person.fetchAll(db, cached: """
                SELECT p.* FROM enrolments e JOIN persons p ON p.id = e.person_id
                WHERE e.cohort_id = ? AND e.status = 'completed' ORDER BY e.id
                """, arguments: [cohortId])
            let notCompleted = try Int.fetchOne(db, cached: "SELECT count(*) FROM enrolments WHERE cohort_id = ? AND status = 'enrolled'",
                                                arguments: [cohortId]) ?? 0
            var outcomes: [CandidateOutcome] = []
            for person in trainees {
                outcomes.append(try register(db, session: session, person: person, cohort: cohort, declaration: declaration, catalog: catalog,
                                             overrideReason: nil, institutionId: cohort.institutionId, retake: nil, actor: actor))
            }
            return RegistrationOutcome(candidates: outcomes, notCompleted: notCompleted, dryRun: dryRun)
        }
    }

    /// A class registers only for a session of what it trains for.
    func requireSameTarget(_ cohort: Cohort, _ session: ExamSession, catalog: Catalog) throws {
        guard cohort.target == session.target else {
            throw StoreError.invalid(FieldProblem(field: .cohort, value: String(cohort.id!), rule: Rejection(
                "培训班培训的是\(cohort.target.displayName(in: catalog))，本场次考核\(session.target.displayName(in: catalog))",
                "the cohort trains for \(cohort.target.displayName(in: catalog)), the session assesses \(session.target.displayName(in: catalog))")))
        }
    }

    /// Runs a registration in one transaction; a dry run rolls it back, seats and all, so it
    /// answers exactly what the real run would.
    func registration(dryRun: Bool, _ body: (Database) throws -> RegistrationOutcome) throws(StoreError) -> RegistrationOutcome {
        try write { db in
            var outcome: RegistrationOutcome?
            try db.inSavepoint {
                outcome = try body(db)
                return dryRun ? .rollback : .commit
            }
            return outcome!
        }
    }

    func registrableSession(_ db: Database, id: Int64, actor: User) throws -> ExamSession {
        guard actor.role != .examiner else {
            throw StoreError.notPermitted(action: "session register", reasonZh: "考评员不能为考生报名",
                                          reasonEn: "examiners do not register candidates")
        }
        guard let session = try ExamSession.fetchOne(db, key: id) else { throw StoreError.notFound(kind: "考试场次", key: String(id)) }
        guard session.status == .open else {
            throw StoreError.invalid(FieldProblem(field: .session, value: String(id), rule: Rejection(
                "考试场次“\(session.status.chineseName)”，不在报名中", "the session is \(session.status.englishName), not open for registration")))
        }
        return session
    }

    /// The latest cohort for `target` the person completed (at `institutionId`'s, when given).
    private func trainingCohort(_ db: Database, personId: Int64, target: CertificationTarget, institutionId: Int64?) throws -> Cohort? {
        let cohorts = try Cohort.fetchAll(db, cached: """
            SELECT c.* FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
            WHERE e.person_id = ? AND e.status = 'completed' AND (? IS NULL OR c.institution_id = ?)
            ORDER BY c.end_date DESC, c.id DESC
            """, arguments: [personId, institutionId, institutionId])
        return cohorts.first { $0.target == target }
    }

    /// Checks one person's eligibility and, if it holds (or is overridden), registers them
    /// with a ticket and a seat in every part. Someone whose result in another session of the
    /// same occupation and level is not final yet is refused (no override: it is not about the
    /// routes); someone already holding a valid certificate of it is registered, with its number.
    func register(_ db: Database, session: ExamSession, person: Person, cohort: Cohort?, declaration: CandidateDeclaration,
                          catalog: Catalog, overrideReason: String?, institutionId: Int64?, retake: RetakePlan?,
                          actor: User) throws -> CandidateOutcome {
        func outcome(_ result: CandidateOutcome.Result, heldCertificate: String? = nil) -> CandidateOutcome {
            CandidateOutcome(name: person.name, nationalId: person.nationalId, result: result, heldCertificate: heldCertificate)
        }
        let decision: EligibilityDecision
        switch try judge(db, session: session, person: person, declaration: declaration, catalog: catalog, retake: retake != nil) {
        case .alreadyRegistered(let ticket, _): return outcome(.alreadyRegistered(ticket: ticket))
        case .heldUp(let pending): return outcome(.refused([pending]))
        case .decided(let decided): decision = decided
        }
        var eligibility: RegistrationEligibility
        var route: String?
        var reason: String?
        switch decision {
        case .eligible(let fitting):
            eligibility = .route
            route = fitting.routeCode
        case .eligibleWithoutConditions:
            eligibility = .noConditions
        case .refused(let misses):
            guard let overrideReason else { return outcome(.refused(misses.map(\.summary))) }
            eligibility = .override
            reason = try Store.requiredText(overrideReason, field: .overrideReason)
        }
        var registration = ExamRegistration(
            id: nil, sessionId: session.id!, personId: person.id!, ticketNumber: try nextTicket(db, session: session),
            institutionId: institutionId, cohortId: cohort?.id, eligibility: eligibility, routeCode: route, overrideReason: reason,
            declaredYears: declaration.declaredYears, diplomas: declaration.diplomas.map(\.rawValue).sorted().joined(separator: ";"),
            finalYearOf: declaration.finalYearOf?.rawValue, registeredAt: clock.timestamp(), retakeOf: nil)
        if let retake {
            registration.eligibility = retake.earlier.eligibility
            registration.routeCode = retake.earlier.routeCode
            registration.overrideReason = retake.earlier.overrideReason
            registration.retakeOf = retake.earlier.id
            route = retake.earlier.routeCode
            eligibility = retake.earlier.eligibility
        }
        try registration.insert(db)
        try seat(db, registration: registration, session: session, parts: retake?.parts)
        if case .refused(let misses) = decision {
            try audit(db, actor: actor, action: "session.register-override", entity: "exam_registrations", key: String(registration.id!),
                      after: OverrideAuditView(registration: registration, refusals: misses.map(\.summary.chinese)), reason: reason)
        } else {
            try audit(db, actor: actor, action: "session.register", entity: "exam_registrations", key: String(registration.id!),
                      after: registration)
        }
        return outcome(.registered(ticket: registration.ticketNumber, eligibility: eligibility, route: route),
                       heldCertificate: try validCertificate(db, person: person, session: session))
    }

    /// What registering the person would meet before anything is written: the registration
    /// they already hold, another session holding them, or the routes' decision on their
    /// evidence. The registration itself, its dry run and a class's registration page judge
    /// with this one function, so that what a page shows is what registering does.
    enum RegistrationJudgement {
        /// Registered already: the ticket, and what the person declared then.
        case alreadyRegistered(ticket: String, declared: CandidateDeclaration)
        case heldUp(Rejection)
        case decided(EligibilityDecision)
    }

    func judge(_ db: Database, session: ExamSession, person: Person, declaration: CandidateDeclaration, catalog: Catalog,
               retake: Bool) throws -> RegistrationJudgement {
        if let registered = try ExamRegistration.fetchOne(db, cached: "SELECT * FROM exam_registrations WHERE session_id = ? AND person_id = ?",
                                                          arguments: [session.id!, person.id!]) {
            return .alreadyRegistered(ticket: registered.ticketNumber, declared: registered.declaration)
        }
        if let pending = try pendingRegistration(db, session: session, person: person, catalog: catalog) {
            return .heldUp(pending)
        }
        // A retake stands on the grounds of the registration it retakes.
        if retake { return .decided(.eligibleWithoutConditions) }
        return .decided(EligibilityCheck.evaluate(
            target: session.target, evidence: try evidence(db, personId: person.id!, declaration: declaration),
            catalog: catalog, on: try session.examDay))
    }

    /// Why the person cannot register while another session of the same occupation and level
    /// (or item) holds their registration and its results are not locked: they would sit the
    /// same exam twice before either result is final.
    private func pendingRegistration(_ db: Database, session: ExamSession, person: Person, catalog: Catalog) throws -> Rejection? {
        guard let row = try Row.fetchOne(db, cached: """
            SELECT s.id, s.exam_date, g.ticket_number FROM exam_registrations g JOIN exam_sessions s ON s.id = g.session_id
            WHERE g.person_id = ? AND s.id <> ? AND s.status <> 'results-locked'
              AND s.occupation_code IS ? AND s.level IS ? AND s.special_ability_code IS ?
            ORDER BY s.exam_date, s.id LIMIT 1
            """, arguments: [person.id!, session.id!, session.occupationCode, session.level, session.specialAbilityCode]) else { return nil }
        let (id, date, ticket): (Int64, String, String) = (row[0], row[1], row[2])
        let masked = Masking.nationalID(person.nationalId), target = session.target.displayName(in: catalog)
        let (onceZh, onceEn) = session.specialAbilityCode == nil
            ? ("同一职业等级同一时间只能报名一个场次", "a person registers for one session of an occupation and level at a time")
            : ("同一专项能力同一时间只能报名一个场次", "a person registers for one session of a special-ability item at a time")
        return Rejection(
            "\(masked) 已报名考试场次 \(id)（\(target)，\(date)，准考证号 \(ticket)），该场次成绩尚未锁定；\(onceZh)",
            "\(masked) is already registered for exam session \(id) (\(target) on \(date), ticket \(ticket)), whose results are not locked yet; \(onceEn)")
    }

    /// A valid (not revoked) certificate of the person for what the session assesses.
    func validCertificate(_ db: Database, person: Person, session: ExamSession) throws -> String? {
        try String.fetchOne(db, cached: """
            SELECT number FROM certificates
            WHERE person_id = ? AND revoked_on IS NULL AND occupation_code IS ? AND level IS ? AND special_ability_code IS ?
            ORDER BY issued_on, id LIMIT 1
            """, arguments: [person.id!, session.occupationCode, session.level, session.specialAbilityCode])
    }

    /// The system's certificates of the person (revoked ones do not count) and what they declared.
    private func evidence(_ db: Database, personId: Int64, declaration: CandidateDeclaration) throws -> EligibilityEvidence {
        let rows = try Row.fetchAll(db, cached: """
            SELECT occupation_code, level, issued_on FROM certificates
            WHERE person_id = ? AND revoked_on IS NULL AND occupation_code IS NOT NULL
            """, arguments: [personId])
        let certificates = rows.compactMap { row -> EligibilityEvidence.HeldCertificate? in
            guard let level = try? SkillLevel.parse(row["level"] as String),
                  let issued = try? CivilDate.parse(row["issued_on"] as String) else { return nil }
            return EligibilityEvidence.HeldCertificate(occupationCode: row["occupation_code"], level: level, issueDate: issued)
        }
        return EligibilityEvidence(certificates: certificates, declaredYears: declaration.declaredYears,
                                   diplomas: declaration.diplomas, finalYearStudentOf: declaration.finalYearOf)
    }

    /// 准考证号: the exam year, the session id in five digits and a four-digit sequence.
    private func nextTicket(_ db: Database, session: ExamSession) throws -> String {
        let sequence = (try Int.fetchOne(db, cached: "SELECT count(*) FROM exam_registrations WHERE session_id = ?",
                                         arguments: [session.id!]) ?? 0) + 1
        return "\(session.examDate.prefix(4))\(Int(session.id!).zeroPadded(5))\(sequence.zeroPadded(4))"
    }

    /// A seat in every part: the first room of the part (in the order planned) with a free
    /// seat and no examiner whose institution trained the candidate; the lowest free seat in it.
    private func seat(_ db: Database, registration: ExamRegistration, session: ExamSession, parts: Set<ExamPart>?) throws {
        let rooms = try ExamRoom.fetchAll(db, cached: "SELECT * FROM exam_rooms WHERE session_id = ? ORDER BY id", arguments: [session.id!])
        for part in (parts ?? Set(rooms.map(\.part))).sorted() {
            var full = true
            var placed = false
            for room in rooms where room.part == part {
                let taken = try Int.fetchAll(db, cached: "SELECT seat FROM exam_seats WHERE room_id = ? ORDER BY seat", arguments: [room.id!])
                guard taken.count < room.seats else { continue }
                full = false
                let conflicted = try Int.fetchOne(db, cached: """
                    SELECT 1 FROM exam_room_examiners x JOIN examiners e ON e.id = x.examiner_id
                    JOIN exam_registrations g ON g.id = ?
                    WHERE x.room_id = ? AND e.own_institution_id IS NOT NULL
                      AND (\(Store.trainedByInstitutionSQL(registration: "g", institution: "e.own_institution_id")))
                    """, arguments: [registration.id!, room.id!]) != nil
                if conflicted { continue }
                let free = (1...room.seats).first { number in !taken.contains(number) }!
                try ExamSeat(registrationId: registration.id!, part: part, roomId: room.id!, seat: free).insert(db)
                placed = true
                break
            }
            guard placed else {
                let seats = rooms.filter { $0.part == part }.reduce(0) { $0 + $1.seats }
                throw StoreError.rulesBroken(
                    whatZh: "考试场次 \(session.id!) 无法为考生安排\(part.chineseName)座位", whatEn: "exam session \(session.id!) has no \(part.englishName) seat for the candidate",
                    rules: [full
                        ? Rejection("\(part.chineseName)考场共 \(seats) 个座位，已全部安排（一人只能报名一次，剩余考生不能报名）",
                                    "the \(part.englishName) rooms seat \(seats) and are full; nobody more can be registered")
                        : Rejection("有空位的\(part.chineseName)考场都有该考生培训机构的考评员，须回避；请调整考评员或增加考场",
                                    "every \(part.englishName) room with a free seat is staffed by an examiner from the institution that trained this candidate; change the staffing first")])
            }
        }
    }
}

/// What the audit trail keeps of an override: the registration and the refusals overridden.
private struct OverrideAuditView: Encodable {
    let registration: ExamRegistration
    let refusals: [String]
}

/// What a retake registers for, and the registration it retakes.
struct RetakePlan {
    let earlier: ExamRegistration
    let parts: Set<ExamPart>
}

extension Store {
    /// The parts a retake sits: those without a pass still within the retention window. Refused
    /// when there is no earlier locked result to retake, when no part is kept (the whole exam is
    /// taken again, with an ordinary registration) or when every part is passed.
    fileprivate func retakePlan(_ db: Database, session: ExamSession, person: Person) throws -> RetakePlan {
        let sessionDate = try session.examDay
        let earlier = try ExamRegistration.fetchAll(db, cached: """
            SELECT g.* FROM exam_registrations g JOIN exam_sessions s ON s.id = g.session_id
            WHERE g.person_id = ? AND s.status = 'results-locked' AND s.exam_date < ?
            ORDER BY s.exam_date DESC, g.id DESC
            """, arguments: [person.id, session.examDate]).first { registration in
            (try? ExamSession.fetchOne(db, key: registration.sessionId))??.target == session.target
        }
        guard let earlier else {
            throw StoreError.invalid(FieldProblem(field: .retake, value: Masking.nationalID(person.nationalId), rule: Rejection(
                "此前没有本职业等级已锁定成绩的考试可补考", "there is no earlier locked result for this occupation and level to retake")))
        }
        let catalog = try Catalog.fetch(db)
        let parts = catalog.examParts(for: session.target.scope)
        let months = catalog.integerSetting(.retainedPartMonths)
        let kept = try earlierPasses(db, personId: person.id!, target: session.target, before: sessionDate, parts: parts)
            .filter { PassRule.isRetained(passedOn: $0.value.passedOn, on: sessionDate, months: months) }
        let retake = Set(parts.map(\.part)).subtracting(kept.keys)
        guard !retake.isEmpty else {
            throw StoreError.invalid(FieldProblem(field: .retake, value: Masking.nationalID(person.nationalId), rule: Rejection(
                "各科目均已合格，无需补考", "every part is already passed: there is nothing to retake")))
        }
        guard retake.count < parts.count else {
            throw StoreError.invalid(FieldProblem(field: .retake, value: Masking.nationalID(person.nationalId), rule: Rejection(
                "没有在 \(months) 个月保留期内合格的科目，须重新报考全部科目（不作补考）",
                "no part passed within the \(months)-month retention window: register for the whole exam (not as a retake)")))
        }
        return RetakePlan(earlier: earlier, parts: retake)
    }
}
