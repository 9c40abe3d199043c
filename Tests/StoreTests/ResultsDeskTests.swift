import Foundation
import Testing
import GRDB
import Domain
@testable import Store

/// The bureau's reads behind the web's results and certificate pages, and the options the pages
/// added to issuing, listing and uploading certificates.
@Suite struct ResultsDeskTests {
    @Test func theMismatchQueueHoldsUnsettledMismatchesOfHeldSessionsWithBothEntries() throws {
        let r = try ResultsWorld()
        try r.enter(0, "practical", "72")
        try r.enter(0, "practical", "27", by: r.second)
        try r.confirm(0, "theory", "80")
        try r.enter(1, "theory", "60")
        let queue = try r.store.mismatchQueue(actor: r.admin)
        #expect(queue.count == 1)
        let mismatch = try #require(queue.first)
        #expect(mismatch.sessionId == r.session.id && mismatch.ticketNumber == ResultsWorld.tickets[0] && mismatch.part == .practical)
        #expect(mismatch.first.mark == .score(tenths: 720) && mismatch.first.login == "admin" && mismatch.first.source == "manual")
        #expect(mismatch.second.mark == .score(tenths: 270) && mismatch.second.login == "bureau.two")
        #expect(mismatch.name == "陈大文" && mismatch.targetName.contains("中式烹调师"))
        #expect(try r.store.resultsSessions(actor: r.admin).rows.first?.mismatches == 1)

        _ = try r.store.settleMismatch(sessionId: r.session.id!, ticket: ResultsWorld.tickets[0], part: .practical, mark: "72",
                                       reason: "核对", actor: r.admin)
        #expect(try r.store.mismatchQueue(actor: r.admin).isEmpty)
        #expect(try r.store.resultsSessions(actor: r.admin).rows.first?.mismatches == 0)
        #expect(storeError { _ = try r.store.mismatchQueue(actor: r.exams.world.clerkA) }.contains("only bureau users may do this"))
    }

    @Test func theResultsDeskAndItsListsAreTheBureausOnly() throws {
        let r = try ResultLockTests().lockedWorld()
        let id = r.session.id!
        let desk = try r.store.resultsDesk(sessionId: id, actor: r.admin)
        let lockedOn = try #require(try desk.results.summary.session.resultsLockedDay)
        let window = try r.store.catalog().integerSetting(.recheckWindowDays)
        #expect(desk.recheckDeadline == lockedOn.adding(days: window) && desk.certificates == 0)
        #expect(desk.results.candidates.count == 3)
        let row = try #require(try r.store.resultsSessions(actor: r.admin).rows.first)
        #expect(row.session.status == .resultsLocked && row.candidates == 3 && row.openRechecks == 0)
        _ = try r.store.requestRecheck(sessionId: id, ticket: ResultsWorld.tickets[2], reason: "理论差半分", actor: r.admin)
        #expect(try r.store.resultsSessions(actor: r.admin).rows.first?.openRechecks == 1)
        let queued = try #require(try r.store.recheckQueue(actor: r.admin).first)
        #expect(queued.sessionId == id && queued.record.reason == "理论差半分" && queued.record.outcome == nil)
        for actor in [r.exams.world.clerkA] {
            #expect(storeError { _ = try r.store.resultsDesk(sessionId: id, actor: actor) }.contains("only bureau users"))
            #expect(storeError { _ = try r.store.resultsSessions(actor: actor) }.contains("only bureau users"))
            #expect(storeError { _ = try r.store.recheckQueue(actor: actor) }.contains("only bureau users"))
            #expect(storeError { _ = try r.store.certificateChoices(actor: actor) }.contains("only bureau users"))
        }
        #expect(throws: StoreError.self) { try r.store.resultsDesk(sessionId: 999, actor: r.admin) }
    }

    @Test func aPreviewOfAnIssueShowsTheNumbersAndKeepsNothing() throws {
        let r = try ResultLockTests().lockedWorld()
        let preview = try r.store.issueCertificates(sessionId: r.session.id!, preview: true, actor: r.admin)
        #expect(preview.issued.map(\.number) == ["S000044000123265000001"])
        #expect(try r.exams.count("certificates") == 0)
        #expect(try r.store.rawRead { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM certificate_serials") } == 0)
        #expect(try r.store.rawRead { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_events WHERE action = 'cert.issue'") } == 0)
        let issued = try r.store.issueCertificates(sessionId: r.session.id!, actor: r.admin)
        #expect(issued.issued.map(\.number) == preview.issued.map(\.number))
    }

    @Test func certificatesAreFilteredByOccupationLevelBodyAndStatus() throws {
        let (r, issued) = try certifiedWorld()
        let number = issued.issued[0].number
        let body = r.exams.world.body.id!
        func numbers(_ filter: CertificateFilter) throws -> [String] { try r.store.certificates(filter, actor: r.admin).rows.map(\.number) }
        #expect(try numbers(CertificateFilter(occupationCode: "4-03-02-01")) == [number])
        #expect(try numbers(CertificateFilter(occupationCode: "4-03-02-02")).isEmpty)
        #expect(try numbers(CertificateFilter(level: .level5)) == [number])
        #expect(try numbers(CertificateFilter(level: .level4)).isEmpty)
        #expect(try numbers(CertificateFilter(bodyId: body)) == [number])
        #expect(try numbers(CertificateFilter(bodyId: body + 99)).isEmpty)
        #expect(try numbers(CertificateFilter(status: .valid)) == [number])
        #expect(try numbers(CertificateFilter(status: .revoked)).isEmpty)
        _ = try r.store.revokeCertificate(number: number, reason: "冒名顶替", actor: r.admin)
        #expect(try numbers(CertificateFilter(status: .revoked)) == [number])
        #expect(try numbers(CertificateFilter(status: .valid)).isEmpty)
        #expect(try r.store.certificate(number: number, actor: r.admin).revocationReason == "冒名顶替")
        #expect(storeError { _ = try r.store.certificate(number: number, actor: r.exams.world.clerkA) }.contains("only bureau users"))
    }

    @Test func theNationalUploadKeepsTheReasonGivenWithItsPurpose() throws {
        let (r, _) = try certifiedWorld()
        _ = try r.store.nationalUpload(CertificateFilter(), reason: "第四季度报送", actor: r.admin)
        _ = try r.store.nationalUpload(CertificateFilter(), actor: r.admin)
        let reasons = try r.store.rawRead { db in
            try String.fetchAll(db, sql: "SELECT reason FROM audit_events WHERE action = 'person.disclose' ORDER BY id")
        }
        #expect(reasons == ["cert upload: national certificate lookup: 第四季度报送", "cert upload: national certificate lookup"])
    }
}
