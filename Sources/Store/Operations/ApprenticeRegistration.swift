import GRDB
import Domain

/// Why one registration (登记) is refused. `apprentice register` and `apprentice import` check a
/// registration with the same `checkRegistration`, and differ only in how they report: the one
/// as a `StoreError`, the other as the issues of a row.
enum RegistrationRefusal: Equatable {
    case noEnterprise(key: String)
    /// The training party is not a training institution or technical school (e.g. an evaluation body).
    case notTrainingParty(institution: Institution)
    case noPerson(nationalId: String)
    /// The row's name is not the one on file for the ID.
    case otherName(given: String)
    case plan(ApprenticeshipPlan.Issue)
    /// The person already has an apprenticeship registered, filed or in training.
    case underWay(nationalId: String)

    /// What `apprentice register` throws for the refusals of one registration: the first one, or
    /// every broken plan rule at once when that comes first.
    static func storeError(_ refusals: [RegistrationRefusal]) -> StoreError? {
        guard let first = refusals.first else { return nil }
        switch first {
        case .noEnterprise(let key): return .notFound(kind: "企业", key: key)
        case .notTrainingParty(let institution):
            return .invalid(FieldProblem(field: .institution, value: institution.name, rule: notTrainingPartyRule(institution)))
        case .noPerson(let id): return .notFound(kind: "人员", key: Masking.nationalID(id))
        case .otherName(let given): return .invalid(FieldProblem(field: .name, value: given, rule: otherNameRule))
        case .plan:
            return .invalidFields(refusals.compactMap { refusal in
                guard case .plan(let issue) = refusal else { return nil }
                return FieldProblem(field: issue.field, value: issue.value, rule: issue.rule)
            })
        case .underWay(let id): return .conflict(reasonZh: underWayRule(id).chinese, reasonEn: underWayRule(id).english)
        }
    }

    /// The refusal as an issue of a list's row, on the column that holds the value.
    var rowIssue: ImportRowIssue {
        switch self {
        case .noEnterprise(let key):
            ImportRowIssue(field: .enterprise, value: key, rule: Rejection(
                "没有此企业的记录，请先登记企业", "no such enterprise on file: record the enterprise first"))
        case .notTrainingParty(let institution):
            ImportRowIssue(field: .institution, value: institution.name, rule: Self.notTrainingPartyRule(institution))
        case .noPerson(let id):
            ImportRowIssue(field: .nationalId, value: id, rule: Rejection(
                "没有此人的记录，请先登记人员（逐人登记或导入培训班名单）",
                "no such person on file: register the person first (one by one, or through a cohort's list)"))
        case .otherName(let given):
            ImportRowIssue(field: .name, value: given, rule: Self.otherNameRule)
        case .plan(let issue):
            ImportRowIssue(field: ApprenticeshipPlan.listField(for: issue.field), value: issue.value, rule: issue.rule)
        case .underWay(let id):
            ImportRowIssue(field: .nationalId, value: id, rule: Self.underWayRule(id))
        }
    }

    static let otherNameRule = Rejection("该身份证号已以另一个姓名登记，请核对姓名和身份证号",
                                         "this national ID is registered under another name; check the name and the ID")

    static func notTrainingPartyRule(_ institution: Institution) -> Rejection {
        Rejection("学徒培养的培训方须为培训机构或技工院校，\(institution.name) 是\(institution.kind.chineseName)",
                  "the training party of an apprenticeship must be a training institution or a technical school; \(institution.name) is \(institution.kind.englishArticleName)")
    }

    static func underWayRule(_ nationalId: String) -> Rejection {
        Rejection("\(Masking.nationalID(nationalId)) 已有进行中的学徒培养",
                  "\(Masking.nationalID(nationalId)) already has an apprenticeship under way")
    }
}

extension Store {
    /// Institutions and the bureau register apprentices; examiners do not.
    func requireRegistrar(_ actor: User, to action: String) throws {
        guard actor.role != .examiner else {
            throw StoreError.notPermitted(action: action, reasonZh: "考评员不登记学徒", reasonEn: "examiners do not register apprentices")
        }
    }

    /// An enterprise by SkillCert id or credit code.
    static func findEnterprise(_ db: Database, key: String) throws -> Enterprise? {
        let key = key.trimmingWhitespace().uppercased()
        return try Int64(key).flatMap { try Enterprise.fetchOne(db, key: $0) }
            ?? Enterprise.filter(Column("credit_code") == key).fetchOne(db)
    }

    /// Every rule a registration breaks against the records and the catalog: the enterprise and
    /// the person on file (under `name`, when one is given), a training party that trains (when
    /// it is known), the plan's rules, and no other apprenticeship of the person under way. Scope
    /// is the caller's to check.
    func checkRegistration(_ db: Database, _ plan: ApprenticeshipPlan, enterprise key: String, institutionId: Int64?, nationalId: String,
                           name: String?, catalog: Catalog) throws -> (enterprise: Enterprise?, person: Person?, refusals: [RegistrationRefusal]) {
        var refusals: [RegistrationRefusal] = []
        let enterprise = try Store.findEnterprise(db, key: key)
        if enterprise == nil { refusals.append(.noEnterprise(key: key)) }
        if let institutionId, let refusal = try trainingPartyRefusal(db, institutionId: institutionId) { refusals.append(refusal) }
        let person = try Person.filter(Column("national_id") == nationalId).fetchOne(db)
        if let person {
            if let name, name != person.name { refusals.append(.otherName(given: name)) }
        } else {
            refusals.append(.noPerson(nationalId: nationalId))
        }
        refusals += plan.issues(against: catalog).map(RegistrationRefusal.plan)
        if let person, try Apprenticeship.filter(Column("person_id") == person.id!)
            .filter(["registered", "filed", "in-training"].contains(Column("status"))).fetchCount(db) > 0 {
            refusals.append(.underWay(nationalId: nationalId))
        }
        return (enterprise, person, refusals)
    }

    /// The refusal of an institution that cannot be an apprenticeship's training party: only
    /// training institutions and technical schools train apprentices, never an evaluation body,
    /// whose examiners would then assess their own apprentices.
    func trainingPartyRefusal(_ db: Database, institutionId: Int64) throws -> RegistrationRefusal? {
        guard let institution = try Institution.fetchOne(db, key: institutionId) else {
            throw StoreError.notFound(kind: "机构", key: String(institutionId))
        }
        return institution.kind.trainsApprentices ? nil : .notTrainingParty(institution: institution)
    }

    /// Writes a checked registration and its audit event.
    func insertApprenticeship(_ db: Database, _ plan: ApprenticeshipPlan, enterpriseId: Int64, institutionId: Int64, personId: Int64,
                              actor: User) throws -> Apprenticeship {
        var apprenticeship = Apprenticeship(
            id: nil, enterpriseId: enterpriseId, institutionId: institutionId, personId: personId, occupationCode: plan.occupationCode,
            targetLevel: plan.targetLevel.code, contractStart: plan.contractStart.description, contractYears: plan.contractYears,
            startDate: plan.start.description, endDate: plan.end.description, extensionReason: plan.extensionReason?.trimmingWhitespace(),
            enterpriseMentor: plan.enterpriseMentor.trimmingWhitespace(), institutionMentor: plan.institutionMentor.trimmingWhitespace(),
            status: .registered, filedOn: nil, advanceFen: nil, trainingStartedOn: nil, completedOn: nil, certificateId: nil,
            terminatedOn: nil, terminationReason: nil, createdAt: clock.timestamp())
        try apprenticeship.insert(db)
        try audit(db, actor: actor, action: "apprentice.register", entity: "apprenticeships", key: String(apprenticeship.id!),
                  after: apprenticeship)
        return apprenticeship
    }
}
