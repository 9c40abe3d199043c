import Testing
import Domain
@testable import Store

@Suite struct InstitutionTests {
    @Test func theBureauRegistersAnInstitutionAndTheAuditTrailKeepsIt() throws {
        let world = try World()
        let events = try world.store.auditEvents(actor: world.admin, entity: "institutions", key: String(world.schoolA.id!))
        #expect(events.count == 1)
        #expect(events[0].action == "institution.create")
        #expect(events[0].before == nil)
        #expect(events[0].after?.contains("中山市甲烹饪培训学校") == true)
    }

    @Test func anUnknownDistrictIsRefusedNamingTheFieldAndValue() throws {
        let (store, admin) = try initialisedStore()
        #expect {
            try store.addInstitution(NewInstitution(name: "某学校", kind: .training, district: "天河区"), actor: admin)
        } throws: { error in
            guard case StoreError.invalid(let problem) = error else { return false }
            return problem.field == .district && problem.value == "天河区" && problem.english.contains("not a district in the catalog")
        }
        #expect(try store.institutions(actor: admin).isEmpty)
    }

    @Test func duplicateNamesAndIncompleteEvaluationBodiesAreRefused() throws {
        let world = try World()
        #expect(throws: StoreError.duplicate(kind: "机构", key: "中山市甲烹饪培训学校")) {
            try world.store.addInstitution(NewInstitution(name: "中山市甲烹饪培训学校", kind: .school, district: "小榄镇"), actor: world.admin)
        }
        #expect {
            try world.store.addInstitution(NewInstitution(name: "评价中心二", kind: .evaluation, district: "小榄镇"), actor: world.admin)
        } throws: { error in
            guard case StoreError.invalid(let problem) = error else { return false }
            return problem.english.contains("body kind (Y/S), body code, province code and site sequence")
        }
    }

    @Test func anInstitutionUserCannotRegisterInstitutions() throws {
        let world = try World()
        #expect(throws: StoreError.self) {
            try world.store.addInstitution(NewInstitution(name: "新学校", kind: .training, district: "小榄镇"), actor: world.clerkA)
        }
        #expect(try world.store.institutions(actor: world.admin).count == 3)
    }

    @Test func anInstitutionUserChangesItsOwnContactDetailsWithBeforeAndAfterAudited() throws {
        let world = try World()
        let updated = try world.store.updateInstitution(
            id: world.schoolA.id!, InstitutionChanges(contactPerson: "李老师", contactPhone: "0760-88881234"), actor: world.clerkA)
        #expect(updated.contactPerson == "李老师")
        let event = try #require(try world.store.auditEvents(actor: world.admin, entity: "institutions").first)
        #expect(event.action == "institution.update")
        #expect(event.actorLogin == "clerk.a")
        #expect(event.before?.contains("李老师") == false)
        #expect(event.after?.contains("李老师") == true)
    }

    @Test func anInstitutionUserCannotChangeAnotherInstitution() throws {
        let world = try World()
        // To another institution's clerk it is an institution that does not exist.
        #expect(throws: StoreError.notFound(kind: "机构", key: String(world.schoolB.id!))) {
            try world.store.updateInstitution(id: world.schoolB.id!, InstitutionChanges(contactPerson: "冒名"), actor: world.clerkA)
        }
        #expect(try world.store.institution(String(world.schoolB.id!), actor: world.admin).contactPerson == nil)
        #expect(try world.store.auditEvents(actor: world.admin).allSatisfy { $0.action != "institution.update" })
    }

    @Test func anInstitutionUserCannotRenameItself() throws {
        let world = try World()
        #expect(throws: StoreError.self) {
            try world.store.updateInstitution(id: world.schoolA.id!, InstitutionChanges(name: "改名学校"), actor: world.clerkA)
        }
        #expect(try world.store.institution(String(world.schoolA.id!), actor: world.admin).name == "中山市甲烹饪培训学校")
    }

    @Test func listingsAreScoped() throws {
        let world = try World()
        #expect(try world.store.institutions(actor: world.admin).count == 3)
        #expect(try world.store.institutions(actor: world.clerkA).map(\.name) == ["中山市甲烹饪培训学校"])
        #expect(try world.store.institutions(actor: world.admin, kind: .evaluation).map(\.name) == ["中山市丙职业技能评价中心"])
        #expect(throws: StoreError.self) { try world.store.institution(String(world.schoolB.id!), actor: world.clerkA) }
    }
}
