import Domain
import Store

/// What `DemoYear.build` leaves: the database, its administrator, and what it holds.
public struct DemoYearResult {
    public let store: Store
    public let admin: User
    public let plan: DemoPlan
    public let counts: DemoCounts
    /// The first class of the year, and the session that shows one of everything that can
    /// happen to results (a mismatch, an absence, an amendment, a re-check): their rosters show
    /// what the year looks like.
    public let firstCohortId: Int64?
    public let sampleSessionId: Int64?
}

/// Builds a realistic year of records for a district (or a city) by driving the Store's own
/// operations, as the bureau, the institutions' clerks and the data-entry staff would, on a
/// clock that moves through the year: every record obeys the rules users meet. Deterministic:
/// the same plan gives the same database.
public enum DemoYear {
    /// Builds the year into the store `open` returns for the demo's clock. `progress` hears a
    /// line per phase and per quarter.
    public static func build(plan: DemoPlan, catalog: Catalog, open: (Clock) throws -> Store,
                             progress: @escaping (String) -> Void) throws -> DemoYearResult {
        let builder = try DemoYearBuilder(plan: plan, catalog: catalog, open: open, progress: progress)
        try builder.run()
        return DemoYearResult(store: builder.store, admin: builder.admin, plan: plan, counts: builder.counts,
                              firstCohortId: builder.firstCohortId,
                              sampleSessionId: builder.showcaseSessionId ?? builder.firstSessionId)
    }
}

/// A class of the level above, planned but not yet opened: it waits for holders of the level below.
struct AwaitingClass {
    let kind: ClassKind
    let school: DemoInstitution
    let serial: Int
    let size: Int
}

/// One participant who acts in the Store: an institution with its clerk.
struct DemoInstitution {
    let institution: Institution
    let clerk: User
    let project: String
    var id: Int64 { institution.id! }
}

/// The work of building one year; `run` does it in date order.
final class DemoYearBuilder {
    let plan: DemoPlan
    let catalog: Catalog
    let clock: SimulatedClock
    let store: Store
    let admin: User
    let progress: (String) -> Void
    let agenda: DemoAgenda
    var counts = DemoCounts()
    var random: DemoRandom
    var identities: DemoIdentities

    /// Two bureau data-entry users: every mark is entered by both.
    var entryOne: User!
    var entryTwo: User!
    var schools: [String: [DemoInstitution]] = [:]
    var bodies: [String: Institution] = [:]
    var examiners: [String: [Int64]] = [:]
    var enterprises: [(enterprise: Enterprise, partner: DemoInstitution)] = []
    var classes: [ClassRun] = []
    var sessionsPlanned = 0
    var firstCohortId: Int64?
    var firstSessionId: Int64?
    /// The first session of the year shows one of everything that can happen to results.
    var firstSessionClaimed = false
    var showcaseSessionId: Int64?
    var firstIssuanceClaimed = false
    /// National IDs of earlier years' people kept for this year's apprenticeships.
    var apprenticePool: [String] = []
    /// National IDs of earlier years' people kept for the session the year ends with, held and awaiting marks.
    var awaitingMarksCandidates: [String] = []
    /// Apprenticeships begun last year, by the national ID of the apprentice.
    var carriedOver: [String: Int64] = [:]
    /// Where each of last year's apprentices trains this year, by national ID.
    var carriedOverSchools: [String: (school: DemoInstitution, kind: ClassKind)] = [:]

    /// Serials of the classes of the year, by school and class title.
    var classSerials: [String: Int] = [:]
    /// Classes of the level above (三级) waiting for enough holders of the level below, in plan order.
    var awaitingHolders: [AwaitingClass] = []
    /// This year's holders of a 四级 certificate not yet in a 三级 class, by occupation code.
    var holderPool: [String: [String]] = [:]

    var yearStart: CivilDate { CivilDate(year: plan.year, month: 1, day: 1)! }
    var yearEnd: CivilDate { CivilDate(year: plan.year, month: 12, day: 31)! }

    init(plan: DemoPlan, catalog: Catalog, open: (Clock) throws -> Store, progress: @escaping (String) -> Void) throws {
        self.plan = plan
        self.catalog = catalog
        self.progress = progress
        let setUp = CivilDate(year: plan.year - 1, month: 12, day: 1)!
        clock = SimulatedClock(setUp)
        agenda = DemoAgenda(from: setUp)
        random = DemoRandom(seed: plan.seed)
        identities = DemoIdentities(seed: plan.seed &+ 1, today: setUp)
        store = try open(clock.clock)
        admin = try store.initialize(catalog: catalog)
    }

    func run() throws {
        progress("1/3 准备 Set-up: \(plan.year - 1)-12 起用系统 the system goes live: institutions, users, examiners, enterprises")
        try setUpParticipants()
        try DemoAccounts.setPasswords(store: store, admin: admin)
        progress("2/3 往年人员 People on file from earlier years: \(plan.earlierPersons)")
        agenda.on(CivilDate(year: plan.year - 1, month: 12, day: 15)!) { try self.loadEarlierPersons() }
        agenda.on(CivilDate(year: plan.year - 1, month: 12, day: 20)!) { try self.carryOverApprenticeships() }
        agenda.on(CivilDate(year: plan.year, month: 1, day: 2)!) { self.planTheYear() }
        scheduleSessionAwaitingMarks()
        progress("3/3 \(plan.year) 年 The year, quarter by quarter:")
        var quarter = 0
        while let day = agenda.nextDay {
            let dayQuarter = day.year < plan.year ? 0 : (day.month - 1) / 3 + 1
            while quarter < dayQuarter {
                if quarter > 0 { reportQuarter(quarter) }
                quarter += 1
            }
            clock.advance(to: day)
            try agenda.doNext()
        }
        while quarter < 4 {
            if quarter > 0 { reportQuarter(quarter) }
            quarter += 1
        }
        reportQuarter(4)
        clock.advance(to: yearEnd)
        try openNextYearsSessions()
    }

    private func reportQuarter(_ quarter: Int) {
        progress("  \(plan.year)Q\(quarter) 累计 to date: 培训班 classes \(counts.totalCohorts) · 学员 trainees \(counts.totalEnrolments) · "
                 + "结业 completed \(counts.completions) · 场次 sessions \(counts.sessions) · 报名 candidates \(counts.registrations) · "
                 + "证书 certificates \(counts.certificates) · 学徒 apprentices \(counts.apprenticesRegistered)")
    }

    // MARK: Set-up

    private func setUpParticipants() throws {
        entryOne = try store.addUser(login: "entry.one", name: "录入员甲", role: .bureau, institutionId: nil, actor: admin)
        entryTwo = try store.addUser(login: "entry.two", name: "录入员乙", role: .bureau, institutionId: nil, actor: admin)
        for (project, names) in DemoYearBuilder.schoolNames {
            for (index, (name, district)) in names.enumerated() {
                let code = identities.creditCode()
                let institution = try store.addInstitution(NewInstitution(
                    name: name, kind: project == "jigong" ? .school : .training, creditCode: code,
                    district: district, contactPerson: String(identities.name(female: index % 2 == 0).prefix(1)) + "老师",
                    contactPhone: identities.phone()), actor: admin)
                let clerk = try store.addUser(login: "clerk.\(project).\(index + 1)", name: identities.name(female: index % 2 == 1),
                                              role: .institution, institutionId: institution.id, actor: admin)
                schools[project, default: []].append(DemoInstitution(institution: institution, clerk: clerk, project: project))
            }
        }
        for (index, (project, name, district)) in DemoYearBuilder.bodyNames.enumerated() {
            let body = try store.addInstitution(NewInstitution(
                name: name, kind: .evaluation, creditCode: identities.creditCode(), district: district,
                issuer: try CertificateIssuer(bodyKind: .socialOrganisation, bodyCode: 0, provinceCode: "44", siteSequence: 201 + index)),
                actor: admin)
            bodies[project] = body
            let qualifications = qualificationsOf(project)
            var ids: [Int64] = []
            for number in 0..<plan.examinersPerBody {
                let person = identities.newPerson(ages: 32...60)
                // The 粤菜师傅 body's first two examiners sign in: the demo's examiner accounts, who
                // key the same panel's marks (blind double entry) of the session the year ends with.
                var login: String?
                if project == "yuecai" && number < DemoAccount.examinerLogins.count {
                    login = try store.addUser(login: DemoAccount.examinerLogins[number], name: person.name, role: .examiner,
                                              institutionId: body.id, actor: admin).login
                }
                let examiner = try store.addExaminer(NewExaminer(person: person, bodyId: body.id!, userLogin: login,
                                                                 qualifications: qualifications), actor: admin)
                ids.append(examiner.examiner.id!)
                counts.personsOnFile += 1
            }
            examiners[project] = ids
        }
        let projects = DemoPlan.projects
        for index in 0..<plan.enterprises {
            let project = projects[index % projects.count]
            let partners = schools[project]!
            let partner = partners[(index / projects.count) % partners.count]
            let district = identities.pick(catalog.districts).name
            let name = "中山市\(identities.pick(DemoYearBuilder.enterpriseWords[project]!))\(index + 1)号\(identities.pick(DemoYearBuilder.enterpriseKinds[project]!))"
            let enterprise = try store.addEnterprise(creditCode: identities.creditCode(), name: name, district: district, actor: admin)
            enterprises.append((enterprise, partner))
            counts.enterprises += 1
        }
    }

    /// What a body's examiners may assess: every occupation of its project up to the highest
    /// level its classes train for (四级 at least), and its special-ability items.
    private func qualificationsOf(_ project: String) -> [CertificationTarget] {
        var targets: [CertificationTarget] = []
        var highest: [String: SkillLevel] = [:]
        var order: [String] = []
        for kind in DemoPlan.kinds(project) {
            switch kind.target {
            case .occupation(let code, let level):
                if highest[code] == nil { order.append(code) }
                highest[code] = max(highest[code] ?? .level4, level)
            case .specialAbility:
                if !targets.contains(kind.target) { targets.append(kind.target) }
            }
        }
        return order.map { CertificationTarget.occupation(code: $0, level: highest[$0]!) } + targets
    }

    /// The people earlier years left on file, loaded in one bulk registration; some of them
    /// become this year's apprentices.
    private func loadEarlierPersons() throws {
        let total = plan.earlierPersons
        let keep = plan.apprentices + plan.carriedOverApprentices
        var pool: [String] = []
        let summary = try store.importPersons(source: "往年培训与鉴定记录 earlier years' records", actor: admin) { session in
            var made = 0
            while made < total {
                var batch: [NewPerson] = []
                batch.reserveCapacity(min(4096, total - made))
                while batch.count < 4096 && made < total {
                    let person = self.identities.newPerson(ages: 19...60)
                    if pool.count < keep {
                        pool.append(person.nationalId.value)
                    } else if self.awaitingMarksCandidates.count < DemoYearBuilder.awaitingMarksCandidates {
                        self.awaitingMarksCandidates.append(person.nationalId.value)
                    }
                    batch.append(person)
                    made += 1
                }
                _ = try session.add(batch)
            }
        }
        guard summary.committed, summary.registered == total else {
            throw DemoError.refused(step: "person import", chinese: "往年人员未能全部登记（\(summary.registered)/\(total)）",
                                    english: "not every earlier person was registered (\(summary.registered) of \(total))")
        }
        counts.personsOnFile += summary.registered
        apprenticePool = pool
    }

    static let schoolNames: [(String, [(String, String)])] = [
        ("yuecai", [("中山市粤菜师傅培训学校", "石岐街道"), ("中山市烹饪技术职业培训中心", "东区街道"), ("小榄镇粤菜师傅实训基地", "小榄镇")]),
        ("nanyue", [("中山市南粤家政职业培训中心", "西区街道"), ("中山市巾帼家政服务培训学校", "南区街道"),
                    ("坦洲镇康养护理职业培训学校", "坦洲镇"), ("古镇镇家政服务培训中心", "古镇镇")]),
        ("jigong", [("中山市技师学院", "五桂山街道"), ("中山市工贸技工学校", "中山港街道"), ("中山市东凤技工学校", "东凤镇")]),
    ]

    static let bodyNames: [(String, String, String)] = [
        ("yuecai", "中山市粤菜师傅职业技能评价站", "石岐街道"),
        ("nanyue", "中山市南粤家政职业技能评价中心", "西区街道"),
        ("jigong", "中山市技工院校职业技能等级认定中心", "五桂山街道"),
    ]

    static let enterpriseWords: [String: [String]] = [
        "yuecai": ["悦来", "金湾", "岐江", "福满楼", "香山"], "nanyue": ["安心", "康乐", "贴心", "颐年", "好帮手"],
        "jigong": ["精工", "华达", "明阳", "东方", "恒力"],
    ]
    static let enterpriseKinds: [String: [String]] = [
        "yuecai": ["酒家有限公司", "餐饮管理有限公司", "酒店有限公司"], "nanyue": ["家政服务有限公司", "养老服务有限公司", "护理院有限公司"],
        "jigong": ["电器有限公司", "机械制造有限公司", "五金制品有限公司"],
    ]
}

extension DemoYearBuilder {
    /// A national ID the demo keeps as text, typed again for the Store's operations.
    func typedID(_ text: String) throws -> NationalID { try NationalID.parse(text, today: clock.day) }
}
