import Foundation
import Testing
import Domain
@testable import Store

/// The server keeps the catalog it read between pages (`CatalogCache`). The catalog changes by
/// `skillcert catalog sync`, a process of its own on the same file: the next page must show it.
@Suite struct CatalogCacheTests {
    @Test func aSyncByAnotherProcessIsSeenByTheServersNextRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-catalog-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("city.sqlite").path
        let world = try World(path: path)
        let server = world.store
        #expect(try server.catalog() == sampleCatalog())
        #expect(try server.cohortFormChoices(actor: world.clerkA).catalog == sampleCatalog())

        var next = sampleCatalog()
        next.projects[0].nameZh = "粤菜师傅工程"
        next.occupations.append(Occupation(code: "4-10-01-05", name: "养老护理员", projectCode: "nanyue", levels: [.level5, .level4]))
        let cli = try Store.open(path: path, clock: .fixed(fixedDay))
        #expect(try cli.syncCatalog(next, actor: world.admin).changes.count == 2)

        #expect(try server.catalog() == next)
        #expect(try server.cohortFormChoices(actor: world.clerkA).catalog == next)
        #expect(try server.catalog(actor: world.admin) == next)
    }

    @Test func theCatalogIsReadAgainOnlyWhenASyncRecordsANewVersion() throws {
        let world = try World()
        let store = world.store, admin = world.admin
        #expect(try store.catalog() == sampleCatalog())
        // An edit of the tables without a sync's audit event (SkillCert makes none) is not read:
        // the catalog comes from the cache while no new version is recorded.
        try store.rawWrite { db in try db.execute(sql: "UPDATE catalog_projects SET name_zh = '改过' WHERE code = 'yuecai'") }
        #expect(try store.catalog() == sampleCatalog())

        // A refused sync records nothing and changes nothing.
        var refused = sampleCatalog()
        refused.districts.removeAll { $0.name == "小榄镇" }   // 乙 school is there
        #expect(throws: StoreError.self) { try store.syncCatalog(refused, actor: admin) }
        #expect(try store.catalog() == sampleCatalog())

        var next = sampleCatalog()
        next.keyGroups = []
        _ = try store.syncCatalog(next, actor: admin)
        #expect(try store.catalog() == next)
    }
}
