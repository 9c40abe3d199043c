import GRDB
import Domain

/// How an apprenticeship's subsidy stands: what it earns, what was advanced, what is due or owed back.
public struct ApprenticeshipMoney: Sendable, Equatable {
    public let yearlyRate: Money
    public let plannedMonths: Int
    /// Months trained so far, or in all once completed or terminated.
    public let monthsTrained: Int
    public let advance: Money?
    /// The remainder due on completion with a certificate.
    public let due: Money
    /// An advance beyond what a terminated apprenticeship earned.
    public let owedBack: Money
}

extension Store {
    /// Records an enterprise (bureau or institution users) and puts it on the recording
    /// institution's list. A pilot credit code that fails its check is accepted with its warning
    /// kept. An enterprise already on file is refused as a duplicate, except to an institution
    /// that does not have it on its list yet: another institution recorded it first, and this
    /// one now works with it too, so it joins this institution's list as it is on file.
    public func addEnterprise(creditCode: CreditCodeParse, name: String, district: String, actor: User) throws(StoreError) -> Enterprise {
        try write { db in
            let actor = try currentActor(db, actor)
            guard actor.role != .examiner else {
                throw StoreError.notPermitted(action: "enterprise add", reasonZh: "考评员不登记企业", reasonEn: "examiners do not record enterprises")
            }
            try Store.checkDistrict(db, district)
            let code = creditCode.code.description
            let enterpriseName = try Store.requiredText(name, field: .enterpriseName)
            if let onFile = try Enterprise.filter(Column("credit_code") == code).fetchOne(db) {
                guard let institutionId = actor.institutionId, try !Store.enterpriseIsListed(db, onFile.id!, institutionId: institutionId) else {
                    throw StoreError.duplicate(kind: "企业", key: code)
                }
                try listEnterprise(db, onFile.id!, institutionId: institutionId)
                try audit(db, actor: actor, action: "enterprise.list", entity: "enterprises", key: String(onFile.id!),
                          after: ["institution_id": String(institutionId)])
                return onFile
            }
            var enterprise = Enterprise(id: nil, creditCode: code, creditCodeWarning: creditCode.warnings.first.map { $0.english },
                                        name: enterpriseName, district: district.trimmingWhitespace(), createdAt: clock.timestamp())
            try enterprise.insert(db)
            if let institutionId = actor.institutionId { try listEnterprise(db, enterprise.id!, institutionId: institutionId) }
            try audit(db, actor: actor, action: "enterprise.create", entity: "enterprises", key: String(enterprise.id!), after: enterprise)
            return enterprise
        }
    }

    /// An enterprise by id or credit code.
    public func enterprise(_ idOrCode: String, actor: User) throws(StoreError) -> Enterprise {
        try read { db in
            _ = try currentActor(db, actor)
            guard let found = try Store.findEnterprise(db, key: idOrCode) else {
                throw StoreError.notFound(kind: "企业", key: idOrCode.trimmingWhitespace().uppercased())
            }
            return found
        }
    }

    /// Registers (登记) an apprenticeship: an institution for apprentices it trains, or the bureau.
    public func registerApprenticeship(_ plan: ApprenticeshipPlan, enterpriseId: Int64, institutionId: Int64, nationalId: NationalID,
                                       actor: User) throws(StoreError) -> Apprenticeship {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireRegistrar(actor, to: "apprentice register")
            try requireVisible(actor, institutionId: institutionId, orNotFound: "机构", key: String(institutionId))
            let checked = try checkRegistration(db, plan, enterprise: String(enterpriseId), institutionId: institutionId,
                                                nationalId: nationalId.value, name: nil, catalog: try Catalog.fetch(db))
            if let refused = RegistrationRefusal.storeError(checked.refusals) { throw refused }
            return try insertApprenticeship(db, plan, enterpriseId: enterpriseId, institutionId: institutionId,
                                            personId: checked.person!.id!, actor: actor)
        }
    }

    /// Files (备案) an apprenticeship (bureau), fixing the advance share of its planned subsidy.
    public func fileApprenticeship(id: Int64, actor: User) throws(StoreError) -> Apprenticeship {
        try change(id: id, to: .filed, actor: actor) { db, apprenticeship in
            apprenticeship.filedOn = self.clock.today.description
            apprenticeship.advanceFen = try Store.subsidy(of: apprenticeship, catalog: try Catalog.fetch(db))
                .advance(plannedMonths: try Store.plannedMonths(apprenticeship)).fen
        }
    }

    /// Records that training has started (the bureau, or the institution for its own apprentices).
    public func startApprenticeship(id: Int64, actor: User) throws(StoreError) -> Apprenticeship {
        try change(id: id, to: .inTraining, actor: actor) { _, apprenticeship in
            apprenticeship.trainingStartedOn = self.clock.today.description
        }
    }

    /// Completes (结业) an apprenticeship (bureau) with the certificate the apprentice obtained in
    /// the target occupation, at the target level or higher.
    public func completeApprenticeship(id: Int64, certificateNumber: String, actor: User) throws(StoreError) -> Apprenticeship {
        try change(id: id, to: .completed, actor: actor) { db, apprenticeship in
            let number = certificateNumber.trimmingWhitespace().uppercased()
            guard let row = try Row.fetchOne(db, cached: """
                SELECT id, person_id, occupation_code, level, revoked_on FROM certificates WHERE number = ?
                """, arguments: [number]) else {
                throw StoreError.notFound(kind: "证书", key: number)
            }
            let level = (row["level"] as String?).flatMap { try? SkillLevel.parse($0) }
            let target = try? apprenticeship.targetSkillLevel
            guard (row["person_id"] as Int64) == apprenticeship.personId, (row["occupation_code"] as String?) == apprenticeship.occupationCode,
                  let level, let target, level >= target, (row["revoked_on"] as String?) == nil else {
                throw StoreError.invalid(FieldProblem(field: .certificateNumber, value: number, rule: Rejection(
                    "须为该学徒本人、目标职业、目标等级或以上的有效证书",
                    "must be a valid certificate of this apprentice in the target occupation, at the target level or higher")))
            }
            apprenticeship.certificateId = row["id"]
            apprenticeship.completedOn = self.clock.today.description
        }
    }

    /// Terminates an apprenticeship (bureau) on a date, with a reason.
    public func terminateApprenticeship(id: Int64, on date: CivilDate, reason: String, actor: User) throws(StoreError) -> Apprenticeship {
        try change(id: id, to: .terminated, actor: actor) { _, apprenticeship in
            guard date <= self.clock.today, date.description >= apprenticeship.startDate else {
                throw StoreError.invalid(FieldProblem(field: .terminationDate, value: date.description, rule: Rejection(
                    "终止日期应在培养开始（\(apprenticeship.startDate)）之后、今天（\(self.clock.today)）之前",
                    "the termination date must fall between the start (\(apprenticeship.startDate)) and today (\(self.clock.today))")))
            }
            apprenticeship.terminationReason = try Store.requiredText(reason, field: .reason)
            apprenticeship.terminatedOn = date.description
        }
    }

    /// The subsidy of an apprenticeship as it stands today.
    public func apprenticeshipMoney(id: Int64, actor: User) throws(StoreError) -> ApprenticeshipMoney {
        try read { db in
            let actor = try currentActor(db, actor)
            guard let apprenticeship = try Apprenticeship.fetchOne(db, key: id) else {
                throw StoreError.notFound(kind: "学徒培养", key: String(id))
            }
            try requireVisible(actor, institutionId: apprenticeship.institutionId, orNotFound: "学徒培养", key: String(id))
            return try money(of: apprenticeship, catalog: try Catalog.fetch(db))
        }
    }

    /// Whether a user of `role` may move an apprenticeship on to `target`: the bureau takes every
    /// step; an institution only starts the training of its own apprentices; an examiner none
    /// (they assess, even where their evaluation body was once recorded as the training party).
    public static func mayMoveApprenticeship(_ role: Role, to target: ApprenticeshipStatus) -> Bool {
        switch role {
        case .bureau: true
        case .institution: target == .inTraining
        case .examiner: false
        }
    }

    /// Refuses `actor` a move to `target` they may not make. The role comes first, before any
    /// look-up: refused after it, the answer would tell which ids exist.
    func requireMayMoveApprenticeship(_ actor: User, to target: ApprenticeshipStatus) throws {
        guard !Self.mayMoveApprenticeship(actor.role, to: target) else { return }
        guard target == .inTraining else { return try requireBureau(actor, to: "apprentice \(target.rawValue)") }
        throw StoreError.notPermitted(action: "apprentice \(target.rawValue)", reasonZh: "考评员不办理学徒培养",
                                      reasonEn: "examiners do not handle apprenticeships")
    }

    private func change(id: Int64, to target: ApprenticeshipStatus, actor: User,
                        _ update: (Database, inout Apprenticeship) throws -> Void) throws(StoreError) -> Apprenticeship {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireMayMoveApprenticeship(actor, to: target)
            guard var apprenticeship = try Apprenticeship.fetchOne(db, key: id) else {
                throw StoreError.notFound(kind: "学徒培养", key: String(id))
            }
            try requireVisible(actor, institutionId: apprenticeship.institutionId, orNotFound: "学徒培养", key: String(id))
            let before = apprenticeship
            do throws(Rejection) {
                try apprenticeship.status.transition(to: target)
            } catch {
                throw StoreError.invalid(FieldProblem(field: .status, value: before.status.rawValue, rule: error))
            }
            try update(db, &apprenticeship)
            try apprenticeship.update(db)
            try audit(db, actor: actor, action: "apprentice.\(target.rawValue)", entity: "apprenticeships", key: String(id),
                      before: before, after: apprenticeship)
            return apprenticeship
        }
    }

    private static func subsidy(of apprenticeship: Apprenticeship, catalog: Catalog) throws -> ApprenticeSubsidy {
        guard let level = try? apprenticeship.targetSkillLevel, let rate = catalog.apprenticeSubsidy(level: level) else {
            throw StoreError.invalid(FieldProblem(field: .level, value: apprenticeship.targetLevel, rule: Rejection(
                "目录中没有该等级的学徒补贴标准", "the catalog has no apprentice subsidy rate for this level")))
        }
        return ApprenticeSubsidy(yearlyRate: rate, advancePercent: catalog.integerSetting(.apprenticeAdvancePercent))
    }

    private static func plannedMonths(_ apprenticeship: Apprenticeship) throws -> Int {
        ApprenticeSubsidy.wholeMonths(from: try apprenticeship.startDay, to: try apprenticeship.endDay)
    }

    func money(of apprenticeship: Apprenticeship, catalog: Catalog) throws -> ApprenticeshipMoney {
        let subsidy = try Store.subsidy(of: apprenticeship, catalog: catalog)
        let start = try apprenticeship.startDay, end = try apprenticeship.endDay
        let until: CivilDate
        switch apprenticeship.status {
        case .completed: until = end
        case .terminated: until = try apprenticeship.terminatedDay!
        default: until = min(clock.today, end)
        }
        let months = ApprenticeSubsidy.wholeMonths(from: start, to: until)
        let advance = apprenticeship.advanceFen.map { Money(fen: $0) }
        let settled = apprenticeship.status == .completed || apprenticeship.status == .terminated
        let (due, owed) = settled
            ? subsidy.settlement(monthsTrained: months, advancePaid: advance ?? .zero, completedWithCertificate: apprenticeship.status == .completed)
            : (Money.zero, Money.zero)
        return ApprenticeshipMoney(yearlyRate: subsidy.yearlyRate, plannedMonths: ApprenticeSubsidy.wholeMonths(from: start, to: end),
                                   monthsTrained: months, advance: advance, due: due, owedBack: owed)
    }
}

/// An apprenticeship as rosters and filing lists show it; personal data whole (reports mask it).
public struct ApprenticeshipLine: Sendable, Equatable {
    public let apprenticeship: Apprenticeship
    public let enterpriseName: String
    public let creditCode: String
    public let institutionName: String
    public let name: String
    public let nationalId: String
    public let occupationName: String
    public let money: ApprenticeshipMoney
}

/// Which apprenticeships a roster covers; every filter given must hold.
public struct ApprenticeshipFilter: Sendable, Equatable {
    public var enterpriseId: Int64?
    /// Filed (备案) within these days: the bureau's filing list.
    public var filed: DateRange?

    public init(enterpriseId: Int64? = nil, filed: DateRange? = nil) {
        self.enterpriseId = enterpriseId
        self.filed = filed
    }
}

extension Store {
    /// Apprenticeships within the actor's scope (all for the bureau, its own for an institution), by id.
    public func apprenticeships(_ filter: ApprenticeshipFilter, actor: User) throws(StoreError) -> [ApprenticeshipLine] {
        try read { db in
            let actor = try currentActor(db, actor)
            var request = Apprenticeship.order(Column("id"))
            switch actor.role {
            case .bureau: break
            case .institution: request = request.filter(Column("institution_id") == actor.institutionId)
            case .examiner:
                throw StoreError.notPermitted(action: "apprentice roster", reasonZh: "考评员不查看学徒名册", reasonEn: "examiners do not see apprentice rosters")
            }
            if let enterprise = filter.enterpriseId { request = request.filter(Column("enterprise_id") == enterprise) }
            if let filed = filter.filed {
                request = request.filter(Column("filed_on") >= filed.start.description && Column("filed_on") <= filed.end.description)
            }
            let catalog = try Catalog.fetch(db)
            return try request.fetchAll(db).map { try apprenticeshipLine(db, $0, catalog: catalog) }
        }
    }

    /// An apprenticeship with its enterprise, institution, person and subsidy, as lines show it.
    func apprenticeshipLine(_ db: Database, _ apprenticeship: Apprenticeship, catalog: Catalog) throws -> ApprenticeshipLine {
        let enterprise = try Enterprise.fetchOne(db, key: apprenticeship.enterpriseId)!
        let person = try Person.fetchOne(db, key: apprenticeship.personId)!
        return ApprenticeshipLine(
            apprenticeship: apprenticeship, enterpriseName: enterprise.name, creditCode: enterprise.creditCode,
            institutionName: try String.fetchOne(db, cached: "SELECT name FROM institutions WHERE id = ?",
                                                 arguments: [apprenticeship.institutionId]) ?? "",
            name: person.name, nationalId: person.nationalId,
            occupationName: catalog.occupation(code: apprenticeship.occupationCode)?.name ?? apprenticeship.occupationCode,
            money: try money(of: apprenticeship, catalog: catalog))
    }
}

/// One payment of an enterprise's apprenticeship subsidy claim.
public struct ApprenticeClaimLine: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The advance granted on filing (备案).
        case advance
        /// The rest of what the months earned, on completion with a certificate.
        case remainder
        /// An advance beyond what a terminated apprenticeship earned: a negative amount.
        case owedBack = "owed-back"
    }

    public let line: ApprenticeshipLine
    public let kind: Kind
    /// The filing, completion or termination date that puts it in the period.
    public let on: String
    /// Negative for money owed back.
    public let amount: Money
}

/// What an enterprise's apprenticeships are owed (or owe) for the events of a period.
public struct ApprenticeClaim: Sendable, Equatable {
    public let enterprise: Enterprise
    public let period: DateRange
    public let lines: [ApprenticeClaimLine]

    public var total: Money { Money(fen: lines.reduce(0) { $0 + $1.amount.fen }) }
}

extension Store {
    /// The claim sheet of an enterprise for a period: the advances of apprenticeships filed in it,
    /// the remainders of those completed in it and the advances owed back by those terminated in it.
    public func apprenticeClaim(enterpriseId: Int64, period: DateRange, actor: User) throws(StoreError) -> ApprenticeClaim {
        let lines = try apprenticeships(ApprenticeshipFilter(enterpriseId: enterpriseId), actor: actor)
        let enterprise = try read { db in try Enterprise.fetchOne(db, key: enterpriseId) }
        guard let enterprise else { throw StoreError.notFound(kind: "企业", key: String(enterpriseId)) }
        var claim: [ApprenticeClaimLine] = []
        for line in lines {
            for item in Self.claimItems(of: line.apprenticeship, money: line.money, in: period) {
                claim.append(ApprenticeClaimLine(line: line, kind: item.kind, on: item.on, amount: item.amount))
            }
        }
        return ApprenticeClaim(enterprise: enterprise, period: period, lines: claim.sorted { ($0.on, $0.line.apprenticeship.id ?? 0) < ($1.on, $1.line.apprenticeship.id ?? 0) })
    }

    /// What an apprenticeship claims in `period`, the rule every claim sheet and list shares: the
    /// advance if it was filed in it, the remainder if it was completed in it, the advance owed
    /// back (negative) if it was terminated in it.
    static func claimItems(of a: Apprenticeship, money: ApprenticeshipMoney,
                           in period: DateRange) -> [(kind: ApprenticeClaimLine.Kind, on: String, amount: Money)] {
        func within(_ date: String?) -> String? {
            guard let date, let day = try? CivilDate.parse(date), period.contains(day) else { return nil }
            return date
        }
        var items: [(kind: ApprenticeClaimLine.Kind, on: String, amount: Money)] = []
        if let filed = within(a.filedOn), let advance = money.advance {
            items.append((.advance, filed, advance))
        }
        if let completed = within(a.completedOn), money.due.fen > 0 {
            items.append((.remainder, completed, money.due))
        }
        if let terminated = within(a.terminatedOn), money.owedBack.fen > 0 {
            items.append((.owedBack, terminated, Money(fen: -money.owedBack.fen)))
        }
        return items
    }
}
