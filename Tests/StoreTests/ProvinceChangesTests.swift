import Testing
import Domain
import GRDB
@testable import Store

/// The change log the province push reads: every change of a kept table, in commit order, and
/// nothing for what rolled back.
@Suite struct ProvinceChangesTests {
    @Test func aNewPersonAndItsUpdateAreLoggedAndReadAsTheRowIsNow() throws {
        let world = try World()
        let start = try world.store.lastProvinceChange()
        let registered = try world.store.registerPerson(newPerson(), actor: world.clerkA)
        let id = try #require(registered.person.id)
        try world.store.writer.write { db in
            try db.execute(sql: "UPDATE persons SET name = '陈小文' WHERE id = ?", arguments: [id])
        }
        let batch = try #require(try world.store.provinceChanges(after: start, limit: 100))
        let last = try world.store.lastProvinceChange()
        #expect(batch.after == start && batch.through == last)
        let persons = try #require(batch.tables.first { $0.table.name == "persons" })
        #expect(persons.keys == [id], "two changes of one row: the row is sent once")
        #expect(persons.rows == [[String(id), "440524188001010014", "陈小文", "male", "1880-01-01"]])
        #expect(batch.changes >= 2)
        #expect(try world.store.provinceChanges(after: batch.through, limit: 100) == nil)
        #expect(try world.store.provinceChangesPending(after: start) == batch.changes)
    }

    @Test func aBatchStopsAtItsLimitAndTheNextStartsAfterIt() throws {
        let world = try World()
        let start = try world.store.lastProvinceChange()
        for (index, id) in ["11010519491231002X", "34052419800101001X", "440524188001010014"].enumerated() {
            _ = try world.store.registerPerson(newPerson(id, name: "人\(index)"), actor: world.clerkA)
        }
        let first = try #require(try world.store.provinceChanges(after: start, limit: 2))
        #expect(first.changes == 2 && first.through == start + 2)
        let second = try #require(try world.store.provinceChanges(after: first.through, limit: 100))
        let names = (first.tables + second.tables).filter { $0.table.name == "persons" }.flatMap(\.rows).map { $0[2] }
        #expect(names.contains("人0") && names.contains("人2"))
    }

    @Test func aDeletedRowIsAKeyWithoutARowAndARollbackLogsNothing() throws {
        let world = try World()
        let registered = try world.store.registerPerson(newPerson(), actor: world.clerkA)
        let id = try #require(registered.person.id)
        let before = try world.store.lastProvinceChange()
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try world.store.writer.write { db in
                try db.execute(sql: "UPDATE persons SET name = '不算' WHERE id = ?", arguments: [id])
                throw Refused()
            }
        }
        #expect(try world.store.lastProvinceChange() == before)
        try world.store.writer.write { db in
            try db.execute(sql: "DELETE FROM institution_persons WHERE person_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM persons WHERE id = ?", arguments: [id])
        }
        let batch = try #require(try world.store.provinceChanges(after: before, limit: 100))
        let persons = try #require(batch.tables.first { $0.table.name == "persons" })
        #expect(persons.keys == [id] && persons.rows.isEmpty)
    }

    @Test func theCatalogFingerprintFollowsTheCatalog() throws {
        let world = try World()
        let first = try world.store.catalogFingerprint()
        #expect(first == (try world.store.catalogFingerprint()))
        try world.store.writer.write { db in
            try db.execute(sql: "UPDATE catalog_settings SET value = '6' WHERE key = 'retained_part_months'")
        }
        #expect(try world.store.catalogFingerprint() != first)
    }
}
