import Foundation
import Testing
import Domain
import Intake
import GRDB
@testable import Store

/// The running totals the statistics read (trainees per class, key group and completion date;
/// valid certificates per class, institutions, target and issue date) are kept by triggers in
/// the transactions that change the records: after every kind of change they equal a recount
/// from the records, a refused import leaves them as they were, and the migration fills them
/// for a database that had records before it.
@Suite struct StatisticsTotalsTests {
    static func expectAgreement(_ fixture: QuarterlyFixture, after step: String) throws {
        let disagreements = try fixture.store.statisticsTotalsDisagreements(actor: fixture.admin)
        #expect(disagreements.isEmpty, "after \(step): \(disagreements)")
    }

    static func figure(_ fixture: QuarterlyFixture, _ figure: QuarterlyFigure, _ quarter: Period.Quarter = .q4) throws -> QuarterAndYear {
        try fixture.store.quarterlyStatistics(year: 2026, quarter: quarter, district: nil, actor: fixture.admin).total(figure)
    }

    static func trainee(_ id: String, _ name: String, _ groups: [String] = []) throws -> TraineeCandidate {
        TraineeCandidate(nationalId: try NationalID.parse(id, today: ExamSessionFixture.today), name: name,
                         education: "senior-secondary", householdType: "urban", keyGroups: groups)
    }

    /// A national ID with its check character (GB 11643: ISO 7064 MOD 11-2) after 17 digits.
    static func validID(body: String) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    @Test func theTotalsEqualARecountAfterRevocationReissueWithdrawalAndImports() throws {
        let fixture = try QuarterlyFixture()
        let (store, admin) = (fixture.store, fixture.admin)
        try Self.expectAgreement(fixture, after: "the fixture's year (enrolments, completions, a withdrawal, certificates)")
        // The fixture's figures, as the workbook tests pin them: 7 trained over the year, 2 certificates.
        #expect(try Self.figure(fixture, .trained) == QuarterAndYear(quarter: 1, yearToDate: 7))
        #expect(try Self.figure(fixture, .certificates) == QuarterAndYear(quarter: 1, yearToDate: 2))

        // Revocation: the certificate leaves the figure of its issue date's quarter.
        let certificates = try store.certificates(CertificateFilter(), actor: admin).rows
        let first = try #require(certificates.first { $0.issuedOn == "2026-03-31" })
        _ = try store.revokeCertificate(number: first.number, reason: "材料造假", actor: admin)
        try Self.expectAgreement(fixture, after: "a revocation")
        #expect(try Self.figure(fixture, .certificates) == QuarterAndYear(quarter: 1, yearToDate: 1))
        #expect(try Self.figure(fixture, .certificates, .q1) == QuarterAndYear(quarter: 0, yearToDate: 0))

        // A reissue keeps the certificate and its number: nothing changes.
        let second = try #require(certificates.first { $0.number != first.number })
        _ = try store.reissueCertificate(number: second.number, reason: .lost, note: "本人遗失", actor: admin)
        try Self.expectAgreement(fixture, after: "a reissue")
        #expect(try Self.figure(fixture, .certificates) == QuarterAndYear(quarter: 1, yearToDate: 1))

        // An import that is refused as a whole (class C holds 10; the eleventh row is over) leaves the totals alone.
        let classC = try #require(try store.cohorts(actor: admin).rows.first { $0.cohort.name == "2026年第1期电工（五级）" }).cohort
        let clerk = try #require(try store.users(actor: admin).rows.first { $0.login == "clerk.b" })
        let newcomers = try (0..<10).map { index in
            try Self.trainee(Self.validID(body: "44052419960501\(100 + index)"), "新学员\(index)", index % 2 == 0 ? ["rural", "veteran"] : [])
        }
        let refused = try store.importTrainees(cohortId: classC.id!, fileName: "too-many.csv", format: "CSV UTF-8", mode: .allOrNothing,
                                               actor: clerk) { session in
            for (index, trainee) in newcomers.enumerated() { _ = try session.add(trainee, row: index + 2) }
        }
        #expect(!refused.committed)
        try Self.expectAgreement(fixture, after: "a refused import")
        #expect(try Self.figure(fixture, .trained) == QuarterAndYear(quarter: 1, yearToDate: 7))

        // The same list with the valid rows kept: nine join class C, with their key groups.
        let accepted = try store.importTrainees(cohortId: classC.id!, fileName: "list.csv", format: "CSV UTF-8", mode: .acceptValid,
                                                actor: clerk) { session in
            for (index, trainee) in newcomers.enumerated() { _ = try session.add(trainee, row: index + 2) }
        }
        #expect(accepted.committed && accepted.rejected == 1)
        try Self.expectAgreement(fixture, after: "an import with key groups")
        #expect(try Self.figure(fixture, .trained) == QuarterAndYear(quarter: 10, yearToDate: 16))

        // Withdrawals: a trainee with key groups and one without leave the figure.
        _ = try store.withdrawTrainee(cohortId: classC.id!, nationalId: newcomers[0].nationalId, reason: "工作调动", actor: clerk)
        _ = try store.withdrawTrainee(cohortId: classC.id!, nationalId: newcomers[1].nationalId, reason: "个人原因", actor: clerk)
        try Self.expectAgreement(fixture, after: "two withdrawals")
        #expect(try Self.figure(fixture, .trained) == QuarterAndYear(quarter: 8, yearToDate: 14))

    }

    @Test func theMigrationFillsTheTotalsOfADatabaseThatHadRecordsBeforeIt() throws {
        let fixture = try QuarterlyFixture()
        let before = try fixture.store.quarterlyStatistics(year: 2026, quarter: .q4, district: nil, actor: fixture.admin)
        // As a database of the previous release: no totals, no triggers, the migration not run.
        try fixture.store.writer.write { db in
            let objects = try Row.fetchAll(db, sql: "SELECT type, name FROM sqlite_master WHERE name LIKE 'statistics_%' ORDER BY type = 'table'")
            #expect(objects.count == 21, "the migration's 4 tables, 1 view and 16 triggers")
            for object in objects {
                try db.execute(sql: "DROP \(object["type"] as String) \(object["name"] as String)")
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v13-statistics-running-totals'")
        }
        try Migrations.migrator.migrate(fixture.store.writer)
        try Self.expectAgreement(fixture, after: "the migration")
        let after = try fixture.store.quarterlyStatistics(year: 2026, quarter: .q4, district: nil, actor: fixture.admin)
        #expect(after.lines == before.lines)
        #expect(after.keyGroups == before.keyGroups)
    }

    @Test func onlyTheBureauChecksTheTotals() throws {
        let fixture = try QuarterlyFixture()
        let clerk = try #require(try fixture.store.users(actor: fixture.admin).rows.first { $0.login == "clerk.a" })
        #expect(throws: StoreError.self) { try fixture.store.statisticsTotalsDisagreements(actor: clerk) }
    }
}
