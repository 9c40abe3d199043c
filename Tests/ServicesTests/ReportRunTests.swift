import Foundation
import Testing
import Domain
import Store
@testable import Services

/// The report and roster runs: read through the Store, record the disclosure, write through
/// Reports; the workbook read back shows what the run says it wrote.
@Suite struct ReportRunTests {
    let world: CertifiedCohort
    init() throws { world = try CertifiedCohort() }

    @Test func aCohortRosterIsWrittenMaskedByDefault() throws {
        let url = temporaryWorkbook("roster.xlsx")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let written = try TrainingReports(store: world.store).cohortRoster(actor: world.clerk, cohortId: world.cohortId) { try prepared(url) }
        #expect(written == WrittenWorkbook(file: url, lines: 2))
        let text = try workbookText(url)
        #expect(text.contains("陈大文") && text.contains("440524********0014") && text.contains("138****8000"))
        for whole in CertifiedCohort.wholeNumbers { #expect(!text.contains(whole), "\(whole)") }
        #expect(try world.disclosures().isEmpty)
    }

    @Test func aRosterWithWholeValuesRecordsTheReason() throws {
        let url = temporaryWorkbook("whole.xlsx")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        _ = try TrainingReports(store: world.store).cohortRoster(actor: world.clerk, cohortId: world.cohortId,
                                                                 disclosure: .whole(reason: "报送人社局核对")) { try prepared(url) }
        let text = try workbookText(url)
        for whole in CertifiedCohort.wholeNumbers { #expect(text.contains(whole), "\(whole)") }
        let event = try #require(try world.disclosures().first)
        #expect(event.reason == "报送人社局核对" && event.entityKey == "2 persons" && event.actorLogin == "clerk.a")
    }

    /// Every run that can show whole values refuses a blank reason before it reads, records or
    /// asks where to write.
    @Test func aBlankReasonWritesNothingAndRecordsNothing() throws {
        let store = world.store, actor = world.admin, blank = Disclosure.whole(reason: " ")
        let year = try #require(DateRange(start: CivilDate(year: 2026, month: 1, day: 1)!, end: CivilDate(year: 2026, month: 12, day: 31)!))
        var asked = 0
        let destination: ReportDestination = {
            asked += 1
            return temporaryWorkbook("never.xlsx")
        }
        let runs: [() throws -> Any] = [
            { try TrainingReports(store: store).cohortRoster(actor: actor, cohortId: world.cohortId, disclosure: blank, to: destination) },
            { try ExamReports(store: store).sessionSheet(.signIn, actor: actor, sessionId: world.sessionId, disclosure: blank, to: destination) },
            { try ExamReports(store: store).resultsRoster(actor: actor, sessionId: world.sessionId, disclosure: blank, to: destination) },
            { try CertificateReports(store: store).roster(actor: actor, filter: CertificateFilter(), title: "", disclosure: blank,
                                                          to: destination) },
            { try CertificateReports(store: store).subsidyClaim(actor: actor, institutionId: world.schoolId, period: year, record: true,
                                                                disclosure: blank, to: destination) },
            { try ApprenticeReports(store: store).roster(actor: actor, disclosure: blank, to: destination) },
            { try ApprenticeReports(store: store).filingList(actor: actor, period: .year(2026), periodLabel: "2026", disclosure: blank,
                                                             to: destination) },
        ]
        let before = try store.auditEvents(actor: actor, page: .all).total
        for run in runs {
            #expect(throws: DisclosureError.reasonMissing(value: " ")) { _ = try run() }
        }
        #expect(asked == 0)
        #expect(try store.auditEvents(actor: actor, page: .all).total == before, "the claim was not recorded either")
    }

    @Test func theStreamedCertificateRosterKnowsWhoseIDsItShowedWhole() throws {
        let url = temporaryWorkbook("certificates.xlsx")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let reports = CertificateReports(store: world.store)
        let written = try reports.roster(actor: world.admin, filter: CertificateFilter(sessionId: world.sessionId), title: "考试场次 1",
                                         disclosure: .whole(reason: "核对证书")) { try prepared(url) }
        #expect(written.lines == 2)
        let text = try workbookText(url)
        #expect(text.contains("\(world.certificates[0].number)|陈大文|男|\(CertifiedCohort.chen.id)"))
        let event = try #require(try world.disclosures().first)
        #expect(event.reason == "核对证书" && event.entityKey == "2 persons")

        // A roster the Store refuses leaves no file that would look complete.
        let refused = temporaryWorkbook("refused.xlsx")
        defer { try? FileManager.default.removeItem(at: refused.deletingLastPathComponent()) }
        #expect(throws: StoreError.self) {
            _ = try reports.roster(actor: world.examiner, filter: CertificateFilter(), title: "", to: { try prepared(refused) })
        }
        #expect(!FileManager.default.fileExists(atPath: refused.path))
    }

    @Test func aRefusedReadNeverAsksWhereToWrite() throws {
        var asked = false
        #expect(throws: StoreError.self) {
            _ = try TrainingReports(store: world.store).cohortRoster(actor: world.examiner, cohortId: world.cohortId) {
                asked = true
                return temporaryWorkbook("never.xlsx")
            }
        }
        #expect(!asked)
    }

    @Test func theSessionSheetsAndResultsRosterAreWrittenMasked() throws {
        let folder = temporaryWorkbook("x").deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reports = ExamReports(store: world.store)
        for sheet in ExamReports.SessionSheet.allCases {
            let url = folder.appendingPathComponent("\(sheet).xlsx")
            let written = try reports.sessionSheet(sheet, actor: world.admin, sessionId: world.sessionId) { try prepared(url) }
            #expect(written.lines == 2)
            let text = try workbookText(url)
            #expect(text.contains("陈大文") && text.contains("王𠈌"), "\(sheet)")
            for whole in CertifiedCohort.wholeNumbers { #expect(!text.contains(whole), "\(sheet): \(whole)") }
        }
        let results = folder.appendingPathComponent("results.xlsx")
        #expect(try reports.resultsRoster(actor: world.admin, sessionId: world.sessionId) { try prepared(results) }.lines == 2)
        #expect(try workbookText(results).contains("440524********0014"))
        #expect(try world.disclosures().isEmpty)
    }

    @Test func theSubsidyClaimAndNationalUploadSayWhatTheyWrote() throws {
        let folder = temporaryWorkbook("x").deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reports = CertificateReports(store: world.store)
        let year = try #require(DateRange(start: CivilDate(year: 2026, month: 1, day: 1)!, end: CivilDate(year: 2026, month: 12, day: 31)!))
        let preview = try reports.subsidyClaim(actor: world.clerk, institutionId: world.schoolId, period: year, record: false) {
            try prepared(folder.appendingPathComponent("claim.xlsx"))
        }
        #expect(preview.claimId == nil && preview.certificates == 2 && preview.leftOff == 0)
        #expect(preview.total.fen > 0)
        #expect(try workbookText(preview.file).contains("440524********0014"))

        let upload = try reports.nationalUpload(actor: world.admin, filter: CertificateFilter(sessionId: world.sessionId)) {
            try prepared(folder.appendingPathComponent("upload.xlsx"))
        }
        #expect(upload.lines == 2)
        // The upload carries whole IDs by its nature; the Store records it as a disclosure.
        #expect(try workbookText(upload.file).contains(CertifiedCohort.chen.id))
        #expect(try world.disclosures().count == 1)
    }

    @Test func theQuarterlyReportAndCatalogWorkbooksAreWritten() throws {
        let folder = temporaryWorkbook("x").deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: folder) }
        let quarterly = try StatisticsReports(store: world.store).quarterly(actor: world.admin, year: 2026, quarter: .q4) {
            try prepared(folder.appendingPathComponent("q.xlsx"))
        }
        #expect(quarterly.period == .quarter(2026, .q4))
        #expect(quarterly.certificates == QuarterAndYear(quarter: 2, yearToDate: 2))
        #expect(FileManager.default.fileExists(atPath: quarterly.file.path))

        let workbooks = CatalogWorkbooks(store: world.store)
        let template = try workbooks.traineeTemplate(actor: world.clerk) { try prepared(folder.appendingPathComponent("t.xlsx")) }
        #expect(try workbookText(template).contains("身份证号"))
        _ = try world.store.setUserActive(login: "clerk.a", active: false, actor: world.admin)
        #expect(throws: StoreError.userDisabled(login: "clerk.a")) {
            _ = try workbooks.export(actor: world.clerk) { try prepared(folder.appendingPathComponent("c.xlsx")) }
        }
    }
}
