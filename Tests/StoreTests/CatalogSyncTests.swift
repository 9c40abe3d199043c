import Testing
import Domain
@testable import Store

@Suite struct CatalogSyncTests {
    @Test func syncReportsEachAddedChangedAndRemovedRowWithBeforeAndAfter() throws {
        let (store, admin) = try initialisedStore()
        var next = sampleCatalog()
        next.trainingSubsidies[0].amount = Money(yuan: 1200)
        next.districts.append(District(name: "古镇镇", kind: "镇", city: "中山市"))
        next.keyGroups = []

        let report = try store.syncCatalog(next, actor: admin)
        #expect(report.changes.count == 3)
        let changed = try #require(report.changes.first { $0.kind == .changed })
        #expect(changed.table == "catalog_training_subsidies")
        #expect(changed.key == "* / 5")
        #expect(changed.before?["amount_fen"] == "100000")
        #expect(changed.after?["amount_fen"] == "120000")
        #expect(report.changes.contains { $0.kind == .added && $0.key == "古镇镇" })
        #expect(report.changes.contains { $0.kind == .removed && $0.key == "graduate" })
        #expect(try store.catalog() == next)

        let event = try #require(try store.auditEvents(actor: admin, entity: "catalog").first)
        #expect(event.action == "catalog.sync")
        #expect(event.after?.contains("\"amount_fen\":\"120000\"") == true)
    }

    @Test func anUnchangedCatalogSyncsToNothingAndLeavesNoAuditEvent() throws {
        let (store, admin) = try initialisedStore()
        let before = try store.auditEvents(actor: admin).count
        #expect(try store.syncCatalog(sampleCatalog(), actor: admin).isEmpty)
        #expect(try store.auditEvents(actor: admin).count == before)
    }

    @Test func aDistrictInUseCannotBeRemovedAndTheWholeSyncIsRefused() throws {
        let world = try World()
        var next = sampleCatalog()
        next.trainingSubsidies[0].amount = Money(yuan: 9999)   // would change, but must not
        next.districts.removeAll { $0.name == "小榄镇" }          // 乙 school is there

        #expect(throws: StoreError.catalogValueInUse(table: "catalog_districts", key: "小榄镇")) {
            try world.store.syncCatalog(next, actor: world.admin)
        }
        #expect(try world.store.catalog() == sampleCatalog())
    }

    @Test func onlyTheBureauSyncsTheCatalog() throws {
        let world = try World()
        #expect {
            try world.store.syncCatalog(sampleCatalog(), actor: world.clerkA)
        } throws: { error in
            guard case StoreError.notPermitted(let action, _, _, let english) = error else { return false }
            return action == "catalog sync" && english.contains("only bureau users")
        }
    }
}
