import Foundation
import Testing
import GRDB
import Domain
import Reports
import Spreadsheet
import Store
@testable import Province

/// Two cities pushed into one province: a person certified in both for the same occupation and
/// level is found twice over (一人多证), and her registration in the second city after passing in
/// the first (重复考证); the report masks her ID; `status` shows both cities.
@Suite struct ProvinceDuplicateTests {
    /// A certificate of a city with what the checks compare.
    struct Held {
        let personId: Int64
        let nationalId: String
        let name: String
        let number: String
        let occupation: String
        let level: String
        let examDate: String
        let ticket: String
    }

    static func certificates(_ path: String) throws -> [Held] {
        try CityFixture.query(path) { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, p.national_id, p.name, c.number, c.occupation_code, c.level, s.exam_date, g.ticket_number
                FROM certificates c JOIN persons p ON p.id = c.person_id
                JOIN exam_sessions s ON s.id = c.session_id JOIN exam_registrations g ON g.id = c.registration_id
                WHERE c.revoked_on IS NULL AND c.occupation_code IS NOT NULL ORDER BY c.id
                """).map { Held(personId: $0[0], nationalId: $0[1], name: $0[2], number: $0[3], occupation: $0[4],
                                level: $0[5], examDate: $0[6], ticket: $0[7]) }
        }
    }

    @Test func aPersonCertifiedInTwoCitiesIsFoundByBothChecks() async throws {
        let (database, _) = try await ProvinceServer.freshDatabase()
        let zhongshan = try CityFixture.copy(CityFixture.zhongshan)
        let dongguan = try CityFixture.copy(CityFixture.dongguan)

        // Two different cities' people: nobody is in both.
        _ = try await ProvincePush(store: zhongshan.store, city: try CityCode("4420"), database: database).run()
        _ = try await ProvincePush(store: dongguan.store, city: try CityCode("4419"), database: database).run()
        #expect(try await database.duplicateCertificates() == [])
        #expect(try await database.repeatRegistrations() == [])

        // She passed in Zhongshan, moved to Dongguan, sat the same occupation and level again there
        // later and was certified again: in Dongguan's records she is the person who held that
        // certificate (the one fixture no operation makes: a national ID already known elsewhere).
        let first = try Self.certificates(zhongshan.path)
        let second = try Self.certificates(dongguan.path)
        let pair = try #require(first.lazy.compactMap { a in
            second.first { b in b.occupation == a.occupation && b.level == a.level && b.examDate > a.examDate }.map { (a, $0) }
        }.first, "the two tiny years hold a certificate of the same occupation and level from a later exam")
        let (passed, again) = pair
        try CityFixture.query(dongguan.path) { db in
            try db.execute(sql: "UPDATE persons SET national_id = ?, name = ? WHERE id = ?",
                           arguments: [passed.nationalId, passed.name, again.personId])
        }
        let update = try await ProvincePush(store: dongguan.store, city: try CityCode("4419"), database: database).run()
        #expect(update.changes == 1, "only her record travels")

        let duplicates = try await database.duplicateCertificates()
        #expect(duplicates.map(\.number).sorted() == [passed.number, again.number].sorted())
        #expect(Set(duplicates.map(\.group)) == [1] && Set(duplicates.map(\.city)) == ["4420", "4419"])
        #expect(duplicates.allSatisfy { $0.nationalId == passed.nationalId && $0.occupationOrItem == passed.occupation })
        let repeats = try await database.repeatRegistrations()
        #expect(repeats.contains(RepeatRegistrationLine(
            nationalId: passed.nationalId, name: passed.name, occupationOrItem: passed.occupation, level: passed.level,
            passedCity: "4420", certificateNumber: passed.number, passedOn: passed.examDate, city: "4419",
            ticketNumber: again.ticket, examDate: again.examDate)), "\(repeats)")
        #expect(repeats.allSatisfy { $0.nationalId == passed.nationalId && $0.city == "4419" && $0.passedCity == "4420" })

        // Revoked in Dongguan: one valid certificate is left, and no duplicate.
        let admin = try dongguan.store.user(login: try dongguan.store.administratorLogin())
        _ = try dongguan.store.revokeCertificate(number: again.number, reason: "重复发证", actor: admin)
        _ = try await ProvincePush(store: dongguan.store, city: try CityCode("4419"), database: database).run()
        #expect(try await database.duplicateCertificates() == [])

        // The report the province downloads: both sheets, her ID masked.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-province-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("duplicates.xlsx")
        try ProvinceDuplicatesWorkbook.write(duplicates: duplicates, repeats: repeats, writtenOn: CityFixture.today, to: url)
        let reader = try XLSXReader(url: url)
        #expect(reader.sheetNames == ["一人多证 Duplicate certificates", "重复考证 Repeat exams"])
        let text = try reader.sheetNames.flatMap { try reader.rows(sheet: $0) }.flatMap(\.cells).map(\.value).joined(separator: "|")
        #expect(text.contains(Masking.nationalID(passed.nationalId)) && !text.contains(passed.nationalId))
        #expect(text.contains(passed.number) && text.contains(again.number) && text.contains(again.ticket))

        // Status: both cities, every change pushed, their counts.
        let status = try await database.status()
        #expect(status.map(\.city) == ["4419", "4420"])
        for (entry, city) in zip(status, [dongguan, zhongshan]) {
            let last = try city.store.lastProvinceChange()
            #expect(entry.pushedThrough == last && entry.cityLastChange == last)
            let persons = try CityFixture.query(city.path) { try Int64.fetchOne($0, sql: "SELECT count(*) FROM persons") }
            #expect(entry.counts["persons"] == persons)
            #expect(entry.lastPushAt != nil && entry.catalogVersion != nil)
        }
    }
}
