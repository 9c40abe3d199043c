import GRDB
import Domain

/// An examiner to record: the person (registered if new), the evaluation body, the training
/// institution they also work for if any, their login if they have one, and what they may assess.
public struct NewExaminer: Sendable {
    public var person: NewPerson
    public var bodyId: Int64
    public var ownInstitutionId: Int64?
    public var userLogin: String?
    public var qualifications: [CertificationTarget]

    public init(person: NewPerson, bodyId: Int64, ownInstitutionId: Int64? = nil, userLogin: String? = nil,
                qualifications: [CertificationTarget] = []) {
        self.person = person
        self.bodyId = bodyId
        self.ownInstitutionId = ownInstitutionId
        self.userLogin = userLogin
        self.qualifications = qualifications
    }
}

/// An examiner as listings show them.
public struct ExaminerSummary: Sendable, Equatable {
    public let examiner: Examiner
    public let person: Person
    public let bodyName: String
    public let ownInstitutionName: String?
    public let login: String?
    public let qualifications: [ExaminerQualification]
}

extension Store {
    /// Records an examiner (bureau only). The person is registered if not yet on file.
    public func addExaminer(_ new: NewExaminer, actor: User) throws(StoreError) -> ExaminerSummary {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "examiner add")
            guard let body = try Institution.fetchOne(db, key: new.bodyId), body.kind == .evaluation else {
                throw StoreError.invalid(FieldProblem(field: .body, value: String(new.bodyId), rule: Rejection(
                    "不是评价机构", "is not an evaluation body")))
            }
            if let own = new.ownInstitutionId {
                guard let institution = try Institution.fetchOne(db, key: own), institution.kind != .evaluation else {
                    throw StoreError.invalid(FieldProblem(field: .institution, value: String(own), rule: Rejection(
                        "不是培训机构或技工院校", "is not a training institution or technical school")))
                }
            }
            let person = try findOrRegisterPerson(db, new.person, actor: actor).person
            if try Examiner.filter(Column("person_id") == person.id!).fetchCount(db) > 0 {
                throw StoreError.duplicate(kind: "考评员", key: Masking.nationalID(person.nationalId))
            }
            var examiner = Examiner(id: nil, personId: person.id!, bodyId: body.id!, ownInstitutionId: new.ownInstitutionId,
                                    userId: try examinerUserId(db, login: new.userLogin, bodyId: body.id!), createdAt: clock.timestamp())
            try examiner.insert(db)
            try audit(db, actor: actor, action: "examiner.create", entity: "examiners", key: String(examiner.id!), after: examiner)
            for target in new.qualifications {
                try saveQualification(db, examinerId: examiner.id!, target: target, actor: actor)
            }
            return try examinerSummary(db, id: examiner.id!)
        }
    }

    /// Adds a qualification, or changes the highest level of an occupation already held (bureau only).
    public func qualifyExaminer(id: Int64, target: CertificationTarget, actor: User) throws(StoreError) -> ExaminerSummary {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "examiner qualify")
            guard try Examiner.fetchOne(db, key: id) != nil else { throw StoreError.notFound(kind: "考评员", key: String(id)) }
            try saveQualification(db, examinerId: id, target: target, actor: actor)
            return try examinerSummary(db, id: id)
        }
    }

    /// Examiners: all for the bureau; an examiner user sees only themselves.
    public func examiners(actor: User, page: PageRequest = .all) throws(StoreError) -> Page<ExaminerSummary> {
        try read { db in
            let actor = try currentActor(db, actor)
            var request = Examiner.order(Column("id"))
            switch actor.role {
            case .bureau: break
            case .examiner: request = request.filter(Column("user_id") == actor.id)
            case .institution:
                throw StoreError.notPermitted(action: "examiner list", reasonZh: "机构经办人不能查看考评员名单",
                                              reasonEn: "institution users do not see the examiner list")
            }
            return try fetchPage(db, request, page).mapRows { try examinerSummary(db, id: $0.id!) }
        }
    }

    private func saveQualification(_ db: Database, examinerId: Int64, target: CertificationTarget, actor: User) throws {
        let catalog = try Catalog.fetch(db)
        switch target {
        case .occupation(let code, let level):
            guard let occupation = catalog.occupation(code: code) else {
                throw StoreError.invalid(FieldProblem(field: .qualification, value: code, rule: Rejection(
                    "不是目录中的职业", "is not an occupation in the catalog")))
            }
            guard occupation.levels.contains(level) else {
                throw StoreError.invalid(FieldProblem(field: .qualification, value: "\(code):\(level.code)", rule: Rejection(
                    "\(occupation.name)只开设 \(occupation.levels.map(\.code).joined(separator: "、")) 级",
                    "\(occupation.name) is offered at levels \(occupation.levels.map(\.code).joined(separator: ", ")) only")))
            }
        case .specialAbility(let code):
            guard catalog.specialAbility(code: code) != nil else {
                throw StoreError.invalid(FieldProblem(field: .qualification, value: code, rule: Rejection(
                    "不是目录中的专项职业能力项目", "is not a special-ability item in the catalog")))
            }
        }
        let qualification = ExaminerQualification(examinerId: examinerId, target: target)
        let sameScope = ExaminerQualification.filter(Column("examiner_id") == examinerId)
            .filter(sql: "coalesce(occupation_code, special_ability_code) = ?",
                    arguments: [qualification.occupationCode ?? qualification.specialAbilityCode])
        let before = try sameScope.fetchOne(db)
        guard before != qualification else { return }
        try sameScope.deleteAll(db)
        try qualification.insert(db)
        try audit(db, actor: actor, action: "examiner.qualify", entity: "examiners", key: String(examinerId),
                  before: before, after: qualification)
    }

    /// The examiner-role user of the same body that the examiner signs in as.
    private func examinerUserId(_ db: Database, login: String?, bodyId: Int64) throws -> Int64? {
        guard let login else { return nil }
        guard let user = try User.filter(Column("login") == login).fetchOne(db) else {
            throw StoreError.notFound(kind: "用户", key: login)
        }
        guard user.role == .examiner, user.institutionId == bodyId else {
            throw StoreError.invalid(FieldProblem(field: .login, value: login, rule: Rejection(
                "须为本评价机构的考评员用户", "must be an examiner user of the same evaluation body")))
        }
        if try Examiner.filter(Column("user_id") == user.id).fetchCount(db) > 0 {
            throw StoreError.invalid(FieldProblem(field: .login, value: login, rule: Rejection(
                "该用户已关联另一名考评员", "this user already belongs to another examiner")))
        }
        return user.id
    }

    func examinerSummary(_ db: Database, id: Int64) throws -> ExaminerSummary {
        // A session's summary looks up every examiner of every room: prepared statements.
        guard let examiner = try Examiner.fetchOne(db, cached: "SELECT * FROM examiners WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(kind: "考评员", key: String(id))
        }
        let person = try Person.fetchOne(db, cached: "SELECT * FROM persons WHERE id = ?", arguments: [examiner.personId])!
        return ExaminerSummary(
            examiner: examiner, person: person,
            bodyName: try String.fetchOne(db, cached: "SELECT name FROM institutions WHERE id = ?", arguments: [examiner.bodyId]) ?? "",
            ownInstitutionName: try examiner.ownInstitutionId.flatMap {
                try String.fetchOne(db, cached: "SELECT name FROM institutions WHERE id = ?", arguments: [$0])
            },
            login: try examiner.userId.flatMap { try String.fetchOne(db, cached: "SELECT login FROM users WHERE id = ?", arguments: [$0]) },
            qualifications: try ExaminerQualification.fetchAll(db, cached: """
                SELECT * FROM examiner_qualifications WHERE examiner_id = ? ORDER BY coalesce(occupation_code, special_ability_code)
                """, arguments: [id]))
    }
}
