import Testing
import Domain
@testable import Store

@Suite struct InitializationTests {
    @Test func initialiseCreatesTheAdministratorAndLoadsTheCatalog() throws {
        let (store, admin) = try initialisedStore()
        #expect(admin.role == .bureau)
        #expect(admin.login == "admin")
        #expect(try store.administratorLogin() == "admin")
        #expect(try store.catalog() == sampleCatalog())

        let events = try store.auditEvents(actor: admin)
        #expect(events.map(\.action) == ["catalog.load", "user.create"])
        #expect(events.allSatisfy { $0.actorLogin == "admin" && $0.at == "2026-11-21T04:00:00Z" })
    }

    @Test func aSecondInitialiseIsRefusedAndChangesNothing() throws {
        let (store, admin) = try initialisedStore()
        var other = sampleCatalog()
        other.districts.append(District(name: "古镇镇", kind: "镇", city: "中山市"))
        #expect(throws: StoreError.alreadyInitialized(path: ":memory:")) {
            try store.initialize(catalog: other, adminLogin: "admin2")
        }
        #expect(try store.catalog() == sampleCatalog())
        #expect(try store.users(actor: admin).map(\.login) == ["admin"])
    }

    @Test func anUninitialisedDatabaseRefusesEveryUser() throws {
        let store = try Store.inMemory(clock: .fixed(fixedDay))
        #expect(throws: StoreError.notInitialized(path: ":memory:")) { try store.user(login: "admin") }
    }

    @Test func theCatalogRoundTripsThroughTheDatabaseExactly() throws {
        let (store, _) = try initialisedStore()
        let catalog = try store.catalog()
        #expect(catalog.occupations[1].subTrades == ["母婴护理员", "家务服务员"])
        #expect(catalog.occupations[1].levels == [.level5, .level4, .level3, .level2])
        #expect(catalog.eligibilityRoutes[0].occupationCode == nil)
        #expect(catalog.trainingSubsidies[1].amount == Money(fen: 150_000))
        #expect(catalog.examParts[2].scope == .specialAbility)
    }
}
