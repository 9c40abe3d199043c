import Testing
import GRDB
import Domain
@testable import Store

@Suite struct UserTests {
    @Test func rolesMustFitTheirInstitution() throws {
        let world = try World()
        #expect {
            try world.store.addUser(login: "x", name: "X", role: .examiner, institutionId: world.schoolA.id, actor: world.admin)
        } throws: { error in
            guard case StoreError.invalid(let problem) = error else { return false }
            return problem.english == "field institution, value \"中山市甲烹饪培训学校\": an examiner belongs to an evaluation body"
        }
        #expect(throws: StoreError.self) {
            try world.store.addUser(login: "y", name: "Y", role: .institution, institutionId: world.body.id, actor: world.admin)
        }
        #expect(throws: StoreError.self) {
            try world.store.addUser(login: "z", name: "Z", role: .institution, institutionId: nil, actor: world.admin)
        }
        #expect(throws: StoreError.duplicate(kind: "用户", key: "clerk.a")) {
            try world.store.addUser(login: "clerk.a", name: "again", role: .institution, institutionId: world.schoolA.id, actor: world.admin)
        }
        #expect(throws: StoreError.self) {
            try world.store.addUser(login: "has space", name: "S", role: .bureau, institutionId: nil, actor: world.admin)
        }
    }

    @Test func onlyTheBureauAddsUsers() throws {
        let world = try World()
        #expect(throws: StoreError.self) {
            try world.store.addUser(login: "new", name: "N", role: .institution, institutionId: world.schoolA.id, actor: world.clerkA)
        }
    }

    @Test func aDisabledUserCanNoLongerAct() throws {
        let world = try World()
        _ = try world.store.setUserActive(login: "clerk.a", active: false, actor: world.admin)
        #expect(throws: StoreError.userDisabled(login: "clerk.a")) {
            try world.store.registerPerson(newPerson(), actor: world.clerkA)
        }
        #expect(throws: StoreError.userDisabled(login: "clerk.a")) { try world.store.user(login: "clerk.a") }
        #expect(try world.store.persons(actor: world.admin).isEmpty)
    }

    @Test func nobodyDisablesThemselves() throws {
        let world = try World()
        #expect(throws: StoreError.self) { try world.store.setUserActive(login: "admin", active: false, actor: world.admin) }
    }

    @Test func theAuditTrailCannotBeEditedEvenWithSQL() throws {
        let world = try World()
        #expect(throws: DatabaseError.self) { try world.store.rawWrite { db in try db.execute(sql: "UPDATE audit_events SET actor_login = 'nobody'") } }
        #expect(throws: DatabaseError.self) { try world.store.rawWrite { db in try db.execute(sql: "DELETE FROM audit_events") } }
        #expect(try world.store.auditEvents(actor: world.admin).allSatisfy { $0.actorLogin != "nobody" })
    }

    @Test func onlyTheBureauReadsTheAuditTrail() throws {
        let world = try World()
        #expect(throws: StoreError.self) { try world.store.auditEvents(actor: world.clerkA) }
    }
}
