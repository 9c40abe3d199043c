import Foundation
import Testing
import GRDB
import Domain
import Store
@testable import Province

/// The city's change log (`province_changes`) does not grow forever: a push drops the changes
/// the province has confirmed, and only after PostgreSQL committed the transaction that moved
/// the province's mark past them.
@Suite struct ProvinceTrimTests {
    static func logged(_ path: String) throws -> (count: Int, lowest: Int64?) {
        try CityFixture.query(path) { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM province_changes") ?? 0,
             try Int64.fetchOne(db, sql: "SELECT min(seq) FROM province_changes"))
        }
    }

    struct Stopped: Error {}

    @Test func aPushDropsWhatTheProvinceConfirmedAndAStopBeforeTheDropStaysExact() async throws {
        let (database, _) = try await ProvinceServer.freshDatabase()
        let city = try CityFixture.copy(CityFixture.zhongshan)
        let code = try CityCode("4420")
        let last = try city.store.lastProvinceChange()
        let all = try Self.logged(city.path).count
        #expect(all > 200 && last > 200)

        // Stopped right after the first batch committed and before the city dropped it, as a kill
        // there would: the province holds the batch, the city still logs every change.
        let stopped = await #expect(throws: ProvinceError.self) {
            _ = try await ProvincePush(store: city.store, city: code, database: database, batchSize: 100).run { _ in throw Stopped() }
        }
        #expect(stopped?.english.contains("Stopped") == true)
        let mark = try #require(try await ProvinceServer.mark(database, city: "4420"))
        #expect(mark > 0 && mark < last)
        #expect(try Self.logged(city.path).count == all, "nothing is dropped before the drop's own turn")
        let unsent = try CityFixture.query(city.path) { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM province_changes WHERE seq > ?", arguments: [mark]) ?? 0
        }

        // The run again: sends the rest once, and the city's log ends empty (its last position kept).
        let outcome = try await ProvincePush(store: city.store, city: code, database: database, batchSize: 100).run()
        #expect(outcome.from == mark && outcome.through == last)
        #expect(outcome.changes == unsent, "each change once: nothing twice, nothing lost")
        #expect(try Self.logged(city.path).count == 0, "the log holds nothing already sent")
        #expect(try city.store.lastProvinceChange() == last)
        #expect(try city.store.provinceChangesTrimmedThrough() == last)
        #expect(try await ProvinceServer.rows(database, city: "4420") == (try CityFixture.rows(city.path)))

        // The city works on: only the new changes are logged, sent and then dropped.
        let admin = try city.store.user(login: try city.store.administratorLogin())
        let number = try #require(try CityFixture.query(city.path) { db in
            try String.fetchOne(db, sql: "SELECT number FROM certificates WHERE revoked_on IS NULL ORDER BY id LIMIT 1")
        })
        _ = try city.store.revokeCertificate(number: number, reason: "材料造假", actor: admin)
        let pending = try Self.logged(city.path)
        #expect(pending.count >= 1 && (pending.lowest ?? 0) > last)
        let update = try await ProvincePush(store: city.store, city: code, database: database).run()
        #expect(update.from == last && update.changes == pending.count)
        #expect(try Self.logged(city.path).count == 0)
        #expect(try await ProvinceServer.rows(database, city: "4420") == (try CityFixture.rows(city.path)))

        // Another (new) province database cannot be fed from a log the city dropped: refused,
        // saying why in both languages, and that database is left as it was.
        let (other, _) = try await ProvinceServer.freshDatabase()
        let expected = ProvinceError.changesDropped(city: "4420", address: other.address.description, provinceHolds: 0,
                                                    cityDropped: try city.store.lastProvinceChange())
        await #expect(throws: expected) {
            _ = try await ProvincePush(store: city.store, city: code, database: other).run()
        }
        #expect(expected.chinese.contains("无法补齐") && expected.english.contains("cannot be sent again"))
        #expect(try await ProvinceServer.mark(other, city: "4420") == nil)
    }

}
