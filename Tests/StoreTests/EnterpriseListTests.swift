import Testing
import GRDB
import Domain
@testable import Store

/// Each institution's enterprises: those it recorded (or found on file when it came to record
/// them) and those its apprentices are with. The bureau sees them all, examiners none, and
/// another institution's enterprise is, to a clerk, one that does not exist.
@Suite struct EnterpriseListTests {
    @Test func aClerkSeesTheEnterprisesSheRecordedAndThoseHerApprenticesAreWithOnly() throws {
        let w = try ApprenticeshipWorld()  // 甲 school's clerk recorded 中山市某某酒家
        let byBureau = try w.store.addEnterprise(creditCode: try CreditCode.parse("91350100M000100Y43"), name: "局登记企业",
                                                 district: "小榄镇", actor: w.world.admin)
        #expect(try w.store.enterprises(actor: w.world.clerkA).rows.map(\.enterprise.name) == ["中山市某某酒家"])
        #expect(try w.store.enterprises(actor: w.world.clerkB).total == 0)
        #expect(try w.store.enterprises(actor: w.world.admin).total == 2)
        #expect(storeError { _ = try w.store.enterprise(id: w.enterprise.id!, actor: w.world.clerkB) }
                == storeError { _ = try w.store.enterprise(id: 999_999, actor: w.world.clerkB) }.replacingOccurrences(of: "999999", with: String(w.enterprise.id!)))
        #expect(throws: StoreError.self) { try w.store.enterprises(actor: w.world.examiner) }

        // An apprentice of 乙 school with the bureau's enterprise puts it on 乙's list, counted.
        _ = try w.store.registerApprenticeship(ApprenticeshipWorld.plan(), enterpriseId: byBureau.id!, institutionId: w.world.schoolB.id!,
                                               nationalId: chen.nationalId, actor: w.world.admin)
        let listed = try w.store.enterprises(actor: w.world.clerkB).rows
        #expect(listed.map(\.enterprise.name) == ["局登记企业"] && listed.map(\.apprentices) == [1])
        #expect(try w.store.enterprise(id: byBureau.id!, actor: w.world.clerkB).apprentices == 1)
        #expect(try w.store.enterprise(id: byBureau.id!, actor: w.world.admin).apprentices == 1)
        #expect(try w.store.enterprise(id: w.enterprise.id!, actor: w.world.clerkA).apprentices == 0)
    }

    @Test func anEnterpriseAlreadyOnFileJoinsAnotherInstitutionsListOnceAndIsADuplicateOtherwise() throws {
        let w = try ApprenticeshipWorld()
        let code = try CreditCode.parse("91440101MA5CJQ4N59")
        let joined = try w.store.addEnterprise(creditCode: code, name: "另一个名字", district: "小榄镇", actor: w.world.clerkB)
        #expect(joined == w.enterprise, "the record on file, unchanged")
        #expect(try w.store.enterprises(actor: w.world.clerkB).rows.map(\.enterprise.id) == [w.enterprise.id])
        #expect(try w.store.enterprises(actor: w.world.admin).total == 1)
        #expect(storeError { _ = try w.store.addEnterprise(creditCode: code, name: "又一次", district: "小榄镇", actor: w.world.clerkB) }
                .contains("enterprise 91440101MA5CJQ4N59 already exists"))
        #expect(storeError { _ = try w.store.addEnterprise(creditCode: code, name: "又一次", district: "小榄镇", actor: w.world.clerkA) }
                .contains("already exists"))
        #expect(storeError { _ = try w.store.addEnterprise(creditCode: code, name: "又一次", district: "小榄镇", actor: w.world.admin) }
                .contains("already exists"))
        // The same checks as a new record first: a district not in the catalog is refused, nothing listed.
        let w2 = try ApprenticeshipWorld()
        #expect(storeError { _ = try w2.store.addEnterprise(creditCode: code, name: "某", district: "火星", actor: w2.world.clerkB) }
                .contains("is not a district in the catalog"))
        #expect(try w2.store.enterprises(actor: w2.world.clerkB).total == 0)
        let events = try w.store.auditEvents(actor: w.world.admin, filter: AuditFilter(action: "enterprise.list")).rows
        #expect(events.map(\.actorLogin) == [w.world.clerkB.login] && events.map(\.entityKey) == [String(w.enterprise.id!)])
    }

    @Test func enterprisesRecordedBeforeTheListsJoinTheListOfTheInstitutionWhoseUserRecordedThem() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "v9-audit-filters")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO catalog_districts (name, kind, city) VALUES ('石岐街道', 'subdistrict', '中山市');
                INSERT INTO institutions (id, name, kind, district, created_at) VALUES (1, '甲校', 'training', '石岐街道', 'then'),
                                                                                      (2, '乙校', 'training', '石岐街道', 'then');
                INSERT INTO users (id, login, name, role, institution_id, created_at) VALUES (1, 'admin', '管理员', 'bureau', NULL, 'then'),
                                                                                             (2, 'clerk.b', '乙', 'institution', 2, 'then');
                INSERT INTO enterprises (id, credit_code, name, district, created_at) VALUES (7, '91440101MA5CJQ4N59', '乙校的企业', '石岐街道', 'then'),
                                                                                           (8, '91350100M000100Y43', '局的企业', '石岐街道', 'then');
                INSERT INTO audit_events (at, actor_login, actor_role, action, entity, entity_key)
                VALUES ('2026-01-01T00:00:00Z', 'clerk.b', 'institution', 'enterprise.create', 'enterprises', '7'),
                       ('2026-01-02T00:00:00Z', 'admin', 'bureau', 'enterprise.create', 'enterprises', '8');
                """)
        }
        try Migrations.migrator.migrate(queue)
        let listed = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT institution_id, enterprise_id, added_at FROM institution_enterprises")
                .map { "\($0["institution_id"] as Int64) \($0["enterprise_id"] as Int64) \($0["added_at"] as String)" }
        }
        #expect(listed == ["2 7 2026-01-01T00:00:00Z"])
    }
}
