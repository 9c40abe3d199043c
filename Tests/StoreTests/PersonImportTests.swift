import Testing
import GRDB
import Domain
@testable import Store

@Suite struct PersonImportTests {
    @Test func theBureauRegistersManyPersonsAtOnceWithOneAuditEvent() throws {
        let world = try World()
        _ = try world.store.registerPerson(newPerson(), actor: world.admin)
        let summary = try world.store.importPersons(source: "往年记录", actor: world.admin) { session in
            let fresh = try session.add([newPerson("11010519491231002X", name: "王𠈌"), newPerson("34052419800101001X", name: "李四")])
            let known = try session.add(newPerson())
            #expect(fresh == [.registered, .registered] && known == .alreadyOnFile)
        }
        #expect(summary.committed && summary.registered == 2 && summary.alreadyOnFile == 1)
        #expect(try world.store.person(nationalId: nationalID("11010519491231002X"), actor: world.admin).name == "王𠈌")
        let events = try world.store.auditEvents(actor: world.admin, entity: "persons").filter { $0.action == "person.import" }
        #expect(events.count == 1 && events[0].after?.contains("\"registered\":2") == true)
    }

    @Test func aKnownIDUnderAnotherNameRefusesTheWholeLoad() throws {
        let world = try World()
        _ = try world.store.registerPerson(newPerson(), actor: world.admin)
        let summary = try world.store.importPersons(source: "往年记录", actor: world.admin) { session in
            let outcomes = try session.add([newPerson("11010519491231002X", name: "王𠈌"), newPerson(name: "陈小文")])
            #expect(outcomes[0] == .registered)
            guard case .rejected(let rule) = outcomes[1] else { Issue.record("not rejected"); return }
            #expect(rule.english == "this national ID is registered under another name; check the name and the ID")
        }
        #expect(!summary.committed && summary.rejected == 1)
        #expect(throws: StoreError.self) { try world.store.person(nationalId: nationalID("11010519491231002X"), actor: world.admin) }
    }

    @Test func onlyTheBureauLoadsPersonsInBulk() throws {
        let world = try World()
        #expect(throws: StoreError.self) {
            try world.store.importPersons(source: "x", actor: world.clerkA) { session in _ = try session.add([newPerson()]) }
        }
        #expect(try world.store.persons(actor: world.admin).isEmpty)
    }
}
