import Foundation
import Domain
@testable import Store

/// A small catalog with the shape of the real one, built in code so that Store tests do not
/// depend on the catalog files.
func sampleCatalog() -> Catalog {
    Catalog(
        projects: [
            Project(code: "yuecai", nameZh: "粤菜师傅", nameEn: "Cantonese chef"),
            Project(code: "nanyue", nameZh: "南粤家政", nameEn: "domestic service"),
        ],
        occupations: [
            Occupation(code: "4-03-02-01", name: "中式烹调师", projectCode: "yuecai", levels: SkillLevel.nationalLevels),
            Occupation(code: "4-10-01-06", name: "家政服务员", projectCode: "nanyue", strand: "居家",
                       levels: [.level5, .level4, .level3, .level2], subTrades: ["母婴护理员", "家务服务员"]),
        ],
        specialAbilities: [SpecialAbility(code: "YC01", name: "广东烧味制作", projectCode: "yuecai")],
        examParts: [
            ExamPartRule(scope: .level(.level5), part: .theory, minimumMinutes: 90),
            ExamPartRule(scope: .level(.level5), part: .practical, minimumMinutes: 60),
            ExamPartRule(scope: .specialAbility, part: .practical, minimumMinutes: 60),
            ExamPartRule(scope: .level(.level4), part: .theory, minimumMinutes: 90),
            ExamPartRule(scope: .level(.level4), part: .practical, minimumMinutes: 60),
            ExamPartRule(scope: .level(.level2), part: .theory, minimumMinutes: 90),
            ExamPartRule(scope: .level(.level2), part: .practical, minimumMinutes: 60),
            ExamPartRule(scope: .level(.level2), part: .review),
        ],
        eligibilityRoutes: [
            EligibilityRoute(level: .level5, routeCode: "5A", minimumYears: 1, descriptionZh: "累计从事本职业工作1年"),
            EligibilityRoute(level: .level4, routeCode: "4A", requiredCertificate: .level5, minimumYears: 4,
                             descriptionZh: "取得五级证书后从事本职业工作4年"),
        ],
        trainingSubsidies: [
            TrainingSubsidyRate(level: .level5, amount: Money(yuan: 1000)),
            TrainingSubsidyRate(level: .level4, amount: Money(yuan: 1500)),
        ],
        apprenticeSubsidies: [ApprenticeSubsidyRate(level: .level4, amountPerYear: Money(yuan: 5500))],
        districts: [
            District(name: "石岐街道", kind: "街道", city: "中山市"),
            District(name: "小榄镇", kind: "镇", city: "中山市"),
        ],
        keyGroups: [KeyGroup(code: "graduate", nameZh: "高校毕业生", nameEn: "college graduates")],
        targets: [YearlyTarget(year: 2026, projectCode: "yuecai", metric: .classes, value: 8)],
        settings: [
            CatalogSetting(key: "retained_part_months", value: "12", note: ""),
            CatalogSetting(key: "completion_share_percent", value: "80", note: ""),
        ],
        educationLevels: [CatalogChoice(code: "junior-college", nameZh: "大专", nameEn: "junior college")],
        householdTypes: [CatalogChoice(code: "rural", nameZh: "农村", nameEn: "rural")]
    )
}

let fixedDay = CivilDate(year: 2026, month: 11, day: 21)!

/// An initialised store and its administrator: in memory, or in the file at `path`.
func initialisedStore(path: String? = nil) throws -> (Store, User) {
    let store = try path.map { path throws in try Store.open(path: path, clock: .fixed(fixedDay)) } ?? Store.inMemory(clock: .fixed(fixedDay))
    let admin = try store.initialize(catalog: sampleCatalog())
    return (store, admin)
}

/// Two training institutions, each with a clerk, plus an evaluation body with an examiner.
struct World {
    let store: Store
    let admin: User
    let schoolA: Institution
    let schoolB: Institution
    let body: Institution
    let clerkA: User
    let clerkB: User
    let examiner: User

    init(path: String? = nil) throws {
        let (store, admin) = try initialisedStore(path: path)
        try self.init(store: store, admin: admin)
    }

    /// The same world in a store the test opened itself and initialised.
    init(store: Store, admin: User) throws {
        self.store = store
        self.admin = admin
        schoolA = try store.addInstitution(NewInstitution(name: "中山市甲烹饪培训学校", kind: .training, district: "石岐街道"), actor: admin)
        schoolB = try store.addInstitution(NewInstitution(name: "中山市乙家政培训中心", kind: .training, district: "小榄镇"), actor: admin)
        body = try store.addInstitution(NewInstitution(
            name: "中山市丙职业技能评价中心", kind: .evaluation, district: "石岐街道",
            issuer: try CertificateIssuer(bodyKind: .socialOrganisation, bodyCode: 0, provinceCode: "44", siteSequence: 123)), actor: admin)
        clerkA = try store.addUser(login: "clerk.a", name: "甲经办", role: .institution, institutionId: schoolA.id, actor: admin)
        clerkB = try store.addUser(login: "clerk.b", name: "乙经办", role: .institution, institutionId: schoolB.id, actor: admin)
        examiner = try store.addUser(login: "exam.1", name: "考评员一", role: .examiner, institutionId: body.id, actor: admin)
    }
}

func newPerson(_ id: String = "440524188001010014", name: String = "陈大文", phone: String? = "13800138000") -> NewPerson {
    NewPerson(nationalId: nationalID(id), name: name, phone: phone.map(mobile))
}

/// A national ID a test writes out, typed as the Store takes it: tests name well-formed IDs only
/// (a malformed one is Domain's to refuse, and its tests do).
func nationalID(_ text: String) -> NationalID {
    try! NationalID.parse(text, today: CivilDate(year: 9999, month: 12, day: 31)!)
}

/// A mobile number a test writes out, typed as the Store takes it.
func mobile(_ text: String) -> MobilePhone { try! MobilePhone.parse(text) }

extension Store {
    /// Raw access for tests that must look beneath the API (schema, triggers).
    func rawRead<T>(_ body: (GRDB.Database) throws -> T) throws -> T { try writer.read(body) }
    func rawWrite<T>(_ body: (GRDB.Database) throws -> T) throws -> T { try writer.write(body) }
}

import GRDB

/// Counts the statements a database connection runs.
final class StatementCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    func reset() { lock.withLock { count = 0 } }
    var value: Int { lock.withLock { count } }
}

/// The statements a database connection runs, as SQL with their arguments written in.
final class StatementRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [String] = []
    func add(_ sql: String) { lock.withLock { recorded.append(sql) } }
    var statements: [String] { lock.withLock { recorded } }
}
