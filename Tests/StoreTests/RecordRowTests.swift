import Testing
import GRDB
import Domain
@testable import Store

/// The records pages read most are decoded column by column (`init(row:)`) instead of through
/// `Decodable`: each must still hold every column of its row, in the property that column names.
/// The comparison goes through the records' own encoding (`Encodable`, snake-case columns), which
/// does not use `init(row:)`.
@Suite struct RecordRowTests {
    static func columns(_ row: Row) -> [String: DatabaseValue] {
        Dictionary(uniqueKeysWithValues: row.map { ($0.0, $0.1) })
    }

    @Test func aRecordReadColumnByColumnHoldsEveryColumnOfItsRow() throws {
        let t = try TrainingWorld()
        _ = try t.store.createCohort(TrainingWorld.plan(name: "2026年第1期特色项目", target: .specialAbility(code: "YC01")),
                                     institutionId: t.world.schoolA.id!, actor: t.world.admin)
        try t.store.rawRead { db in
            let cohorts = try Row.fetchAll(db, sql: "SELECT * FROM cohorts")
            #expect(cohorts.count == 2)
            for row in cohorts { #expect(try Cohort(row: row).databaseDictionary == Self.columns(row)) }
            let institutions = try Row.fetchAll(db, sql: "SELECT * FROM institutions")
            #expect(institutions.count == 3)
            for row in institutions { #expect(try Institution(row: row).databaseDictionary == Self.columns(row)) }
            let users = try Row.fetchAll(db, sql: "SELECT * FROM users")
            #expect(users.count >= 4)
            for row in users { #expect(try User(row: row).databaseDictionary == Self.columns(row)) }
            let events = try Row.fetchAll(db, sql: "SELECT * FROM audit_events")
            #expect(!events.isEmpty)
            for row in events { #expect(try AuditEvent(row: row).databaseDictionary == Self.columns(row)) }
        }
    }
}
