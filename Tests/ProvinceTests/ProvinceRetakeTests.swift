import Foundation
import Synchronization
import Testing
import GRDB
import Domain
import Reports
import Spreadsheet
import Store
@testable import Province

/// A retake (补考) in the province's figures. The province has no exam seating, so it judges a
/// retake from the marks: the parts sat in it, and for a part not sat, an earlier pass of the same
/// person, occupation and level kept within the catalog's retention months (DOMAIN.md: "A failed
/// part can be retaken on its own (补考); how long a passed part is kept is set by the catalog").
/// A city candidate fails one part, retakes it alone later in the quarter and passes: the
/// province counts her as her city does, and its workbook stays the sum of the cities' own.
@Suite struct ProvinceRetakeTests {
    /// The day a city's copy thinks it is, moved by the test as the retake goes on.
    final class MovingDay: Sendable {
        let day = Mutex(CityFixture.today)
        var clock: Clock { Clock { Clock.fixed(self.day.withLock { $0 }).now() } }
        func move(to day: CivilDate) { self.day.withLock { $0 = day } }
    }

    /// A first sitting in a locked session of a two-part exam with one part passed and one
    /// failed, and no certificate for it: who retakes, what, where and with whom.
    struct FailedSitting {
        let nationalId: String
        let sessionId: Int64
        let examDate: CivilDate
        let bodyId: Int64
        let target: CertificationTarget
        let failedPart: ExamPart
        let examinersByPart: [ExamPart: [Int64]]
    }

    /// Failed and passed by the pass marks of the city's catalog (a national level's exam parts
    /// are scoped by the level).
    static func failedSitting(_ path: String) throws -> FailedSitting {
        try CityFixture.query(path) { db in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT p.national_id, s.id AS session_id, s.exam_date, s.body_id, s.occupation_code, s.level, g.id AS registration_id
                FROM exam_registrations g
                JOIN exam_sessions s ON s.id = g.session_id
                JOIN persons p ON p.id = g.person_id
                WHERE s.status = 'results-locked' AND g.retake_of IS NULL AND s.level IN ('5', '4', '3')
                  AND (SELECT count(*) FROM part_marks m JOIN catalog_exam_parts r ON r.scope = s.level AND r.part = m.part
                       WHERE m.registration_id = g.id AND m.mark GLOB '[0-9]*' AND CAST(m.mark AS REAL) < r.pass_mark) = 1
                  AND (SELECT count(*) FROM part_marks m JOIN catalog_exam_parts r ON r.scope = s.level AND r.part = m.part
                       WHERE m.registration_id = g.id AND m.mark GLOB '[0-9]*' AND CAST(m.mark AS REAL) >= r.pass_mark) = 1
                  AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.person_id = g.person_id
                                  AND c.occupation_code = s.occupation_code AND c.level = s.level)
                ORDER BY s.exam_date DESC, g.id LIMIT 1
                """), "the tiny city year has a candidate who failed one part of two")
            let failed: String = try #require(try String.fetchOne(db, sql: """
                SELECT m.part FROM part_marks m JOIN catalog_exam_parts r ON r.scope = ? AND r.part = m.part
                WHERE m.registration_id = ? AND CAST(m.mark AS REAL) < r.pass_mark
                """, arguments: [row["level"] as String, row["registration_id"] as Int64]))
            var examiners: [ExamPart: [Int64]] = [:]
            for assignment in try Row.fetchAll(db, sql: """
                SELECT r.part, x.examiner_id FROM exam_rooms r JOIN exam_room_examiners x ON x.room_id = r.id
                WHERE r.session_id = ? ORDER BY x.examiner_id
                """, arguments: [row["session_id"] as Int64]) {
                examiners[try #require(ExamPart(rawValue: assignment["part"])), default: []].append(assignment["examiner_id"])
            }
            return FailedSitting(
                nationalId: row["national_id"], sessionId: row["session_id"],
                examDate: try CivilDate.parse(row["exam_date"] as String), bodyId: row["body_id"],
                target: try #require(CertificationTarget(occupationCode: row["occupation_code"], levelCode: row["level"], specialAbilityCode: nil)),
                failedPart: try #require(ExamPart(rawValue: failed)), examinersByPart: examiners)
        }
    }

    /// The retake, through the operations a bureau uses: a session late in the fourth quarter,
    /// the candidate registered as a retake (only the failed part), marked twice, locked, certified;
    /// `beforeLocking` runs between the marks and the lock.
    static func retake(_ sitting: FailedSitting, mark: String, in store: Store, clock day: MovingDay,
                       beforeLocking: () throws -> Void = {}) throws {
        let admin = try store.user(login: try store.administratorLogin())
        let bureau = try #require(try store.users(actor: admin).rows.first { $0.role == .bureau && $0.login != admin.login })
        day.move(to: CivilDate(year: 2026, month: 12, day: 21)!)
        let examDay = retakeDay
        let summary = try store.createExamSession(ExamSessionPlan(
            target: sitting.target, examDate: examDay,
            rooms: [ExamRoomPlan(name: "理论补考室", part: .theory, seats: 10), ExamRoomPlan(name: "实操补考组", part: .practical, seats: 10)]),
            bodyId: sitting.bodyId, actor: admin)
        let session = try #require(summary.session.id)
        _ = try store.moveExamSession(id: session, to: .open, actor: admin)
        let registered = try store.registerCandidate(sessionId: session, nationalId: try NationalID.parse(sitting.nationalId, today: CityFixture.today),
                                                     declaration: CandidateDeclaration(declaredYears: 2), retake: true, actor: admin)
        #expect(registered.candidates.count == 1)
        _ = try store.assignExaminers(sessionId: session, roomName: "理论补考室", examinerIds: try #require(sitting.examinersByPart[.theory]), actor: admin)
        _ = try store.assignExaminers(sessionId: session, roomName: "实操补考组", examinerIds: try #require(sitting.examinersByPart[.practical]), actor: admin)
        _ = try store.moveExamSession(id: session, to: .closed, actor: admin)
        day.move(to: examDay)
        _ = try store.holdExamSession(id: session, actor: admin)
        let candidate = try #require(try store.sessionResults(id: session, actor: admin).candidates.first)
        #expect(candidate.isRetake)
        for user in [admin, bureau] {
            _ = try store.enterScore(sessionId: session, ScoreLine(ticket: candidate.ticketNumber, part: sitting.failedPart.rawValue, mark: mark), actor: user)
        }
        try beforeLocking()
        day.move(to: CivilDate(year: 2026, month: 12, day: 29)!)
        _ = try store.lockResults(sessionId: session, actor: admin)
        _ = try store.issueCertificates(sessionId: session, actor: admin)
    }

    /// The retake session's exam day, late in the fourth quarter.
    static let retakeDay = CivilDate(year: 2026, month: 12, day: 28)!

    /// Every nonzero figure of every line, for comparing a city's own statistics with the
    /// province's line for that city.
    static func figures(_ statistics: QuarterlyStatistics) -> [StatisticsKey: [QuarterlyFigure: QuarterAndYear]] {
        statistics.lines.mapValues { $0.filter { $0.value != .zero } }.filter { !$0.value.isEmpty }
    }

    @Test func aRetakePassedWithAKeptPartCountsInTheProvinceAsInItsCity() async throws {
        let (database, _) = try await ProvinceServer.freshDatabase()
        let day = MovingDay()
        let zhongshan = try CityFixture.copy(CityFixture.zhongshan, clock: day.clock)
        let dongguan = try CityFixture.copy(CityFixture.dongguan)
        let sitting = try Self.failedSitting(zhongshan.path)
        let admin = try zhongshan.store.user(login: try zhongshan.store.administratorLogin())
        let before = try zhongshan.store.quarterlyStatistics(year: 2026, quarter: .q4, district: nil, actor: admin)
        try Self.retake(sitting, mark: "65", in: zhongshan.store, clock: day)

        // The city counts her: one more candidate, result, pass and certificate in the quarter.
        let after = try zhongshan.store.quarterlyStatistics(year: 2026, quarter: .q4, district: nil, actor: admin)
        for figure in [QuarterlyFigure.candidates, .resultsPublished, .passed, .certificates] {
            #expect(after.total(figure).quarter == before.total(figure).quarter + 1, "the city counts the retake in \(figure)")
            #expect(after.total(figure).yearToDate == before.total(figure).yearToDate + 1, "the city counts the retake in \(figure)")
        }

        // Each city's own workbook and its push; the province's workbook over both.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-province-retake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var own: [String: (statistics: QuarterlyStatistics, workbook: XLSXReader)] = [:]
        for (code, city) in [("4420", zhongshan), ("4419", dongguan)] {
            let cityAdmin = try city.store.user(login: try city.store.administratorLogin())
            let statistics = try city.store.quarterlyStatistics(year: 2026, quarter: .q4, district: nil, actor: cityAdmin)
            let url = folder.appendingPathComponent("city-\(code).xlsx")
            try QuarterlyWorkbook.write(statistics, to: url)
            own[code] = (statistics, try XLSXReader(url: url))
            _ = try await ProvincePush(store: city.store, city: try CityCode(code), database: database).run()
        }
        let catalog = try zhongshan.store.catalog()
        let province = try await database.quarterlyStatistics(year: 2026, quarter: .q4, catalog: catalog, writtenOn: CityFixture.today)

        // Line by line and figure by figure, the province's lines of each city are the city's own:
        // the retake counted in the same line, as a candidate, a published result and a pass.
        for city in province.cities {
            let mine = try #require(own[city.city]).statistics
            #expect(Self.figures(city.statistics) == Self.figures(mine), "city \(city.city): the province counts as the city")
        }
        let retakeLine = { (statistics: QuarterlyStatistics) in statistics.total(.passed) { $0.target == sitting.target } }
        let provinceZhongshan = try #require(province.cities.first { $0.city == "4420" }).statistics
        #expect(retakeLine(provinceZhongshan) == retakeLine(after), "her occupation and level: the city's passes")

        // The workbook: every sheet the sum of the cities' own read back, the pass rate included.
        let url = folder.appendingPathComponent("province.xlsx")
        try QuarterlyWorkbook.write(province.province, byCity: province.cities.map {
            QuarterlyCityFigures(code: $0.city, name: CityNames.name($0.city), statistics: $0.statistics)
        }, to: url)
        try ProvinceQuarterlyTests.expectEverySheetIsTheSumOf([try #require(own["4420"]).workbook, try #require(own["4419"]).workbook],
                                                               province: try XLSXReader(url: url))
    }

    /// The other way: her retake passes the part she sat, but the part she kept has fallen out of
    /// the retention window by the time the results are locked (the bureau shortened the window
    /// in the catalog after she registered). Her city counts no pass, so neither may the province:
    /// a province that kept the part regardless of the window would count one.
    @Test func aRetakeWhoseKeptPartLapsedIsNoPassInTheProvinceNorItsCity() async throws {
        let (database, _) = try await ProvinceServer.freshDatabase()
        let day = MovingDay()
        let zhongshan = try CityFixture.copy(CityFixture.zhongshan, clock: day.clock)
        let sitting = try Self.failedSitting(zhongshan.path)
        let admin = try zhongshan.store.user(login: try zhongshan.store.administratorLogin())
        let months = 1
        try #require(!PassRule.isRetained(passedOn: sitting.examDate, on: Self.retakeDay, months: months),
                     "the first sitting (\(sitting.examDate)) is more than \(months) month before the retake")
        let before = try zhongshan.store.quarterlyStatistics(year: 2026, quarter: .q4, district: nil, actor: admin)
        try Self.retake(sitting, mark: "65", in: zhongshan.store, clock: day) {
            var shorter = try zhongshan.store.catalog()
            let key = CatalogSettingKey.retainedPartMonths.rawValue
            try #require(shorter.settings.contains { $0.key == key })
            shorter.settings = shorter.settings.map { $0.key == key ? CatalogSetting(key: key, value: String(months), note: $0.note) : $0 }
            _ = try zhongshan.store.syncCatalog(shorter, actor: admin)
        }

        // The city: one more candidate, but no pass and no certificate.
        let after = try zhongshan.store.quarterlyStatistics(year: 2026, quarter: .q4, district: nil, actor: admin)
        #expect(after.total(.candidates).quarter == before.total(.candidates).quarter + 1)
        for figure in [QuarterlyFigure.passed, .certificates] {
            #expect(after.total(figure).quarter == before.total(figure).quarter, "the city does not count the lapsed retake in \(figure)")
        }

        // The province, judging by the same catalog, counts as the city.
        _ = try await ProvincePush(store: zhongshan.store, city: try CityCode("4420"), database: database).run()
        let catalog = try zhongshan.store.catalog()
        #expect(catalog.integerSetting(.retainedPartMonths) == months)
        let province = try await database.quarterlyStatistics(year: 2026, quarter: .q4, catalog: catalog, writtenOn: CityFixture.today)
        let provinceZhongshan = try #require(province.cities.first { $0.city == "4420" }).statistics
        #expect(Self.figures(provinceZhongshan) == Self.figures(after), "the province counts as the city")
        let retakeLine = { (statistics: QuarterlyStatistics) in statistics.total(.passed) { $0.target == sitting.target } }
        #expect(retakeLine(provinceZhongshan) == retakeLine(after), "her occupation and level: the city's passes, the lapsed retake not among them")
    }
}
