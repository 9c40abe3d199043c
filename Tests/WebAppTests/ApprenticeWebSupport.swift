import Foundation
import Testing
import GRDB
import Domain
@testable import Store

/// Apprentices for the apprenticeship pages' tests, on the world's day (2026-11-21):
/// - 甲 school (clerk.a's) recorded 中山市某某酒家 and registered 王二's apprenticeship there,
///   which the bureau filed today (an advance of 5,500 yuan);
/// - 乙 school's apprentice 乙校学徒 is with 中山市乙方制造厂, which clerk.a must never see;
/// - 陈小明 is on file, free to be registered.
/// Certificates of 2026Q4 for the claims: 王二's (甲 school, claimable), 陈小明's (甲 school,
/// revoked) and 乙校学徒's (乙 school).
struct ApprenticeWorld: Sendable {
    let world: WebWorld
    let ownEnterprise: Enterprise
    let otherEnterprise: Enterprise
    let own: Apprenticeship
    let other: Apprenticeship
    var store: Store { world.store }

    static let today = CivilDate(year: 2026, month: 11, day: 21)!
    static let ownCertificate = "S000044000123264000001"
    static let revokedCertificate = "S000044000123264000002"
    static let otherCertificate = "S000044000123264000003"

    init() throws {
        world = try WebWorld()
        let store = world.store
        for (n, name) in [(1, "陈小明"), (2, "王二"), (3, "乙校学徒")] {
            _ = try store.registerPerson(NewPerson(nationalId: Self.id(n), name: name), actor: world.admin)
        }
        ownEnterprise = try store.addEnterprise(creditCode: try CreditCode.parse("91440101MA5CJQ4N59"), name: "中山市某某酒家",
                                                district: "石岐街道", actor: world.clerkA)
        otherEnterprise = try store.addEnterprise(creditCode: try CreditCode.parse("91350100M000100Y43"), name: "中山市乙方制造厂",
                                                  district: "小榄镇", actor: world.admin)
        own = try store.registerApprenticeship(Self.plan(), enterpriseId: ownEnterprise.id!, institutionId: world.schoolA.id!,
                                               nationalId: Self.id(2), actor: world.clerkA)
        _ = try store.fileApprenticeship(id: own.id!, actor: world.admin)
        other = try store.registerApprenticeship(Self.plan(), enterpriseId: otherEnterprise.id!, institutionId: world.schoolB.id!,
                                                 nationalId: Self.id(3), actor: world.admin)
        let body = world.examiner.institutionId!, schoolA = world.schoolA.id!, schoolB = world.schoolB.id!
        let persons = try (1...3).map { try store.person(nationalId: Self.id($0), actor: world.admin).id! }
        try store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO certificates (number, person_id, occupation_code, level, body_id, issued_on, created_at, training_institution_id,
                                          revoked_on, revocation_reason)
                VALUES (?, ?, '4-03-02-01', '4', ?, '2026-10-15', 'now', ?, NULL, NULL),
                       (?, ?, '4-03-02-01', '4', ?, '2026-10-20', 'now', ?, '2026-11-01', '证书信息有误'),
                       (?, ?, '4-03-02-01', '4', ?, '2026-10-16', 'now', ?, NULL, NULL)
                """, arguments: [Self.ownCertificate, persons[1], body, schoolA,
                                 Self.revokedCertificate, persons[0], body, schoolA,
                                 Self.otherCertificate, persons[2], body, schoolB])
        }
    }

    func remove() { world.remove() }

    static func id(_ n: Int) -> NationalID { try! NationalID.parse(CohortWorld.nationalId(n), today: today) }

    /// Two years from 2026-03-01, 中式烹调师 四级.
    static func plan() -> ApprenticeshipPlan {
        ApprenticeshipPlan(occupationCode: "4-03-02-01", targetLevel: .level4, contractStart: CivilDate(year: 2026, month: 3, day: 1)!,
                           contractYears: 3, start: CivilDate(year: 2026, month: 3, day: 1)!, end: CivilDate(year: 2028, month: 3, day: 1)!,
                           enterpriseMentor: "李师傅", institutionMentor: "王老师")
    }

    /// Every field of a valid registration of 陈小明 with 甲 school's enterprise, as the form posts them.
    var validRegistration: [String: String] {
        ["enterprise": String(ownEnterprise.id!), "nationalId": CohortWorld.nationalId(1), "occupation": "4-03-02-01", "level": "4",
         "contractStart": "2026-12-01", "contractYears": "3", "start": "2026-12-01", "end": "2028-12-01",
         "enterpriseMentor": "李师傅", "institutionMentor": "王老师"]
    }

    func apprenticeshipCount() throws -> Int {
        try store.apprenticeships(ApprenticeshipFilter(), actor: world.admin).count
    }

    /// The audit events of `action`, newest first, as login and key.
    func auditEvents(_ action: String) throws -> [String] {
        try store.auditEvents(actor: world.admin, filter: AuditFilter(action: action)).rows.map { "\($0.actorLogin) \($0.entityKey)" }
    }
}
