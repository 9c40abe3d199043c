import Foundation
import Testing
import GRDB
import Domain
import Store
import PostgresNIO
@testable import Province

/// A city's records pushed into the province database: everything on the first push, only what
/// changed after, revocations included, and the province's schema set up once.
@Suite struct ProvincePushTests {
    @Test func aFirstPushSendsEveryRecordAndASecondSendsNothing() async throws {
        let (database, _) = try await ProvinceServer.freshDatabase()
        let city = try CityFixture.copy(CityFixture.zhongshan)
        let first = try await ProvincePush(store: city.store, city: try CityCode("4420"), database: database, batchSize: 100).run()
        #expect(first.from == 0)
        #expect(first.through == (try city.store.lastProvinceChange()))
        #expect(first.batches > 1, "a tiny year is still several batches of 100 changes")
        let cityRows = try CityFixture.rows(city.path)
        #expect((cityRows["certificates"]?.count ?? 0) > 0 && (cityRows["persons"]?.count ?? 0) > 40)
        #expect(try await ProvinceServer.rows(database, city: "4420") == cityRows)

        let again = try await ProvincePush(store: city.store, city: try CityCode("4420"), database: database).run()
        #expect(again.changes == 0 && again.batches == 0 && again.from == first.through)
        #expect(try await ProvinceServer.rows(database, city: "4420") == cityRows)
    }

    @Test func aRevocationReachesTheProvinceAndItsVerification() async throws {
        let (database, _) = try await ProvinceServer.freshDatabase()
        let city = try CityFixture.copy(CityFixture.zhongshan)
        let code = try CityCode("4420")
        _ = try await ProvincePush(store: city.store, city: code, database: database).run()
        let (number, name, nationalId) = try CityFixture.query(city.path) { db in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT c.number, p.name, p.national_id FROM certificates c JOIN persons p ON p.id = c.person_id
                WHERE c.revoked_on IS NULL ORDER BY c.id LIMIT 1
                """))
            return (row[0] as String, row[1] as String, row[2] as String)
        }
        guard case .valid(let facts) = try await database.verify(number: number.lowercased(), name: name, nationalId: nil) else {
            Issue.record("a valid certificate of the city is valid in the province")
            return
        }
        #expect(facts.city == "4420" && facts.number == number && !facts.body.isEmpty)
        #expect(try await database.verify(number: number, name: name + "甲", nationalId: nil) == .noMatch)
        #expect(try await database.verify(number: number, name: name, nationalId: "110105194912310021") == .noMatch)
        #expect(try await database.verify(number: "Y000044000000265000001", name: name, nationalId: nil) == .noMatch)
        if case .unusable = try await database.verify(number: " ", name: name, nationalId: nil) {} else {
            Issue.record("a blank number is refused, not answered")
        }

        let admin = try city.store.user(login: try city.store.administratorLogin())
        _ = try city.store.revokeCertificate(number: number, reason: "材料造假", actor: admin)
        let update = try await ProvincePush(store: city.store, city: code, database: database).run()
        #expect(update.batches == 1 && update.changes >= 1 && update.changes <= 3, "only the revocation travels: \(update.changes)")
        let answer = try await database.verify(number: number, name: name, nationalId: nationalId)
        guard case .revoked(_, let on, let reason) = answer else {
            Issue.record("the revocation is seen by the province: \(answer)")
            return
        }
        #expect(on == CityFixture.today.description && reason == "材料造假")
        #expect(try await ProvinceServer.rows(database, city: "4420") == (try CityFixture.rows(city.path)))
    }

    @Test func initialisingTwiceChangesNothingAndAPushBeforeInitSaysWhatToDo() async throws {
        let (database, url) = try await ProvinceServer.freshDatabase(initialise: false)
        let city = try CityFixture.copy(CityFixture.zhongshan)
        await #expect(throws: ProvinceError.notInitialised(address: database.address.description)) {
            try await ProvincePush(store: city.store, city: try CityCode("4420"), database: database).run()
        }
        #expect(try await database.initialise() == ProvinceSchema.migrations.map(\.name))
        #expect(try await database.initialise() == [])
        #expect(url.contains("province_"))
        // Every column the city sends has a place in the province's tables.
        let columns = try await database.withConnection { connection in
            var found: Set<String> = []
            let rows = try await connection.query("""
                SELECT table_name::text, column_name::text FROM information_schema.columns WHERE table_schema = 'public'
                """, logger: ProvinceDatabase.logger)
            for try await (table, column) in rows.decode((String, String).self) { found.insert("\(table).\(column)") }
            return found
        }
        for table in ProvinceTable.all {
            for column in ["city_code"] + table.columns { #expect(columns.contains("\(table.name).\(column)")) }
        }
    }

    /// A province database set up by the first version (p1 only) and fed by it: a push refused
    /// until `province init` brings it up to date, then the city's records complete there,
    /// key groups, claims and advances included.
    @Test func anOlderProvinceDatabaseIsRefusedUntilInitBringsItUpToDate() async throws {
        let (database, _) = try await ProvinceServer.freshDatabase()
        try await database.withConnection { connection in
            for statement in ["DROP TABLE enrolment_key_groups", "DROP TABLE subsidy_claims", "DROP TABLE subsidy_claim_lines",
                              "ALTER TABLE apprenticeships DROP COLUMN advance_fen", "DROP INDEX enrolments_cohort",
                              "DROP INDEX exam_registrations_session", "DELETE FROM province_migrations WHERE name = 'p2-statistics'"] {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: ProvinceDatabase.logger)
            }
        }
        let city = try CityFixture.copy(CityFixture.zhongshan)
        let refused = ProvinceError.outdated(address: database.address.description, missing: ["p2-statistics"])
        await #expect(throws: refused) {
            try await ProvincePush(store: city.store, city: try CityCode("4420"), database: database).run()
        }
        #expect(refused.english.contains("run skillcert province init") && refused.chinese.contains("不是最新"))
        #expect(try await database.initialise() == ["p2-statistics"])
        _ = try await ProvincePush(store: city.store, city: try CityCode("4420"), database: database).run()
        let rows = try await ProvinceServer.rows(database, city: "4420")
        #expect(rows == (try CityFixture.rows(city.path)))
        #expect(!(rows["enrolment_key_groups"] ?? []).isEmpty && !(rows["subsidy_claim_lines"] ?? []).isEmpty)
    }

    @Test func badAddressesAndCityCodesAreRefusedInBothLanguages() throws {
        #expect(throws: ProvinceError.self) { try ProvinceAddress("mysql://x@y/z") }
        #expect(throws: ProvinceError.badCityCode("44200")) { try CityCode("44200") }
        #expect(ProvinceError.badCityCode("ab").chinese.contains("GB/T 2260"))
        #expect(ProvinceError.badCityCode("ab").english.contains("four digits"))
        let address = try ProvinceAddress("postgres://skillcert:secret@127.0.0.1:5433/province")
        #expect(!address.description.contains("secret"), "a password is never shown")
    }
}
