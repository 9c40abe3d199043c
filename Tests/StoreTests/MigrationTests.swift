import Foundation
import Testing
import GRDB
@testable import Store

@Suite struct MigrationTests {
    @Test func migratesAnEmptyFileInWALMode() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("new.sqlite").path

        let store = try Store.open(path: path, clock: .fixed(fixedDay))
        #expect(try store.appliedMigrations() == Migrations.migrator.migrations)
        #expect(try store.isInitialized() == false)
        let mode = try store.rawRead { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")

        // Opening again runs nothing twice.
        let again = try Store.open(path: path, clock: .fixed(fixedDay))
        #expect(try again.appliedMigrations() == Migrations.migrator.migrations)
    }

    /// Shipped migrations never change: the schema each one leaves must match the snapshot taken
    /// when it shipped. A new table or column belongs in a new migration with a new snapshot.
    @Test(arguments: Migrations.migrator.migrations)
    func aShippedMigrationStillBuildsItsSnapshottedSchema(_ migration: String) throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: migration)
        let schema = try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master
                WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                ORDER BY type, name
                """).joined(separator: ";\n") + ";\n"
        }
        let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/schema-\(migration).sql")
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(schema == expected, "the schema after \(migration) differs from Fixtures/schema-\(migration).sql")
    }

    @Test func aFileThatIsNotADatabaseIsRefusedByName() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-db-\(UUID().uuidString).sqlite").path
        try Data("hello, this is a text file, not SQLite".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try Store.open(path: path, clock: .fixed(fixedDay))
        } throws: { error in
            error as? StoreError == .notADatabase(path: path)
        }
    }
}
