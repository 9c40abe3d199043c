import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
@testable import Store
@testable import WebApp

/// Subsidy claims (以证定补) on the web: the preview of a period (what can be claimed, what is
/// left off and why, the apprentice subsidies of her enterprises), recording the claim as
/// `cert claims --record` does, and the claim sheets read back: her institution's rows only, IDs
/// masked. Another institution's claim is the same 404 as a missing one.
@Suite struct ClaimWebTests {
    static let claimSheet = "以证定补 Claim"
    static let leftOffSheet = "未申领 Left off"

    @Test func thePreviewShowsWhatCanBeClaimedWhatIsLeftOffAndWhyAndTheApprenticeSubsidies() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let empty = try await browser.get("/claims")
            #expect(empty.status == .ok && empty.body.contains("<label for=\"period\">期间") && empty.body.contains("还没有登记的申领"))
            let page = try await browser.get("/claims?period=2026q4")
            #expect(page.status == .ok)
            #expect(page.body.contains("<td>\(ApprenticeWorld.ownCertificate)</td><td>王二</td><td>\(Masking.nationalID(CohortWorld.nationalId(2)))</td>"))
            #expect(page.body.contains("<td>2026-10-15</td><td>2027-10-15</td><td>1,500.00</td>"))
            #expect(page.body.contains("1 本，合计 1,500.00 元"))
            #expect(page.body.contains("<td>\(ApprenticeWorld.revokedCertificate)</td><td>陈小明</td>"))
            #expect(page.body.contains("证书已于 2026-11-01 撤销 <span lang=\"en\">certificate revoked on 2026-11-01</span>"))
            #expect(!page.body.contains(ApprenticeWorld.otherCertificate) && !page.body.contains("乙校"))
            #expect(page.body.contains("中山市某某酒家 91440101MA5CJQ4N59：合计 5,500.00 元"))
            #expect(page.body.contains("备案预付 <span lang=\"en\">advance on filing</span></td><td>2026-11-21</td><td>5,500.00</td>"))
            #expect(!page.body.contains(CohortWorld.nationalId(2)) && !page.body.contains(CohortWorld.nationalId(1)))
            #expect(page.body.contains("<input type=\"hidden\" name=\"period\" value=\"2026Q4\">"))

            let bad = try await browser.get("/claims?period=2026Q5")
            #expect(bad.status == .badRequest && bad.body.contains("id=\"period-error\"") && !bad.body.contains(ApprenticeWorld.ownCertificate))
            // A period with nothing: nothing to record.
            let quiet = try await browser.get("/claims?period=2025")
            #expect(quiet.status == .ok && quiet.body.contains("没有可申领的证书") && !quiet.body.contains("登记申领（"))
        }
        #expect(try w.store.recordedSubsidyClaims(actor: w.world.admin).isEmpty, "a preview records nothing")
    }

    @Test func recordingTheClaimRecordsItOnceWithItsAuditEventAndItsSheetReadsBackMasked() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get("/claims?period=2026Q4")
            let recorded = try await browser.post("/claims", ["period": "2026Q4"])
            #expect(recorded.status == .seeOther)
            let location = try #require(recorded.location)
            let claimId = try #require(try w.store.recordedSubsidyClaims(actor: w.world.admin).first?.id)
            #expect(location == "/claims/\(claimId)?done=recorded")
            let page = try await browser.get(location)
            #expect(page.status == .ok && page.body.contains("申领已登记") && page.body.contains("2026-10-01 至 2026-12-31"))
            #expect(page.body.contains("<td>\(ApprenticeWorld.ownCertificate)</td>") && page.body.contains("1 本，合计 1,500.00 元"))

            // Claimed once: the preview now leaves it off, and recording again is refused beside the period.
            let again = try await browser.get("/claims?period=2026Q4")
            #expect(again.body.contains("已在申领 \(claimId) 中申领") && again.body.contains("没有可申领的证书"))
            #expect(again.body.contains("href=\"/claims/\(claimId)\""))
            try await browser.get("/claims?period=2026Q4")
            let twice = try await browser.post("/claims", ["period": "2026Q4"])
            #expect(twice.status == .badRequest && twice.body.contains("id=\"period-error\"")
                    && twice.body.contains("no certificate of this period can be claimed"))

            let sheet = try await browser.download("/claims/\(claimId)/sheet.xlsx")
            defer { try? FileManager.default.removeItem(at: sheet.file) }
            #expect(sheet.status == .ok)
            #expect(sheet.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"subsidy-claim-\(claimId).xlsx\"; filename*=UTF-8''%E4%BB%A5%E8%AF%81%E5%AE%9A%E8%A1%A5") == true)
            let reader = try XLSXReader(url: sheet.file)
            let claimed = try reader.rows(sheet: Self.claimSheet)
            let lines = claimed.filter { $0.cells.contains { $0.value.hasPrefix("S0000440001232640000") } }
            #expect(lines.count == 1)
            #expect(lines.first?.cells.contains { $0.value == Masking.nationalID(CohortWorld.nationalId(2)) } == true)
            let leftOff = try reader.rows(sheet: Self.leftOffSheet)
            #expect(leftOff.contains { $0.cells.contains { $0.value == ApprenticeWorld.revokedCertificate } })
            for rows in [claimed, leftOff] {
                #expect(!rows.contains { $0.cells.contains { $0.value.contains(ApprenticeWorld.otherCertificate) || $0.value.contains("乙校")
                    || $0.value == CohortWorld.nationalId(1) || $0.value == CohortWorld.nationalId(2) } })
            }
        }
        #expect(try w.auditEvents("cert.claim").count == 1)
        #expect(try w.auditEvents("cert.claim").first?.hasPrefix("clerk.a ") == true)
        #expect(try w.store.recordedSubsidyClaims(actor: w.world.admin).map(\.certificates) == [1])
    }

    @Test func thePreviewSheetAndTheApprenticeClaimSheetHoldHerRowsOnlyMasked() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let preview = try await browser.download("/claims/sheet.xlsx?period=2026Q4")
            defer { try? FileManager.default.removeItem(at: preview.file) }
            #expect(preview.status == .ok && preview.headers[.contentDisposition]?.contains("subsidy-claim-preview-2026Q4.xlsx") == true)
            let claimed = try XLSXReader(url: preview.file).rows(sheet: Self.claimSheet)
            #expect(claimed.contains { $0.cells.contains { $0.value == ApprenticeWorld.ownCertificate } })
            #expect(!claimed.contains { $0.cells.contains { $0.value == ApprenticeWorld.otherCertificate || $0.value == CohortWorld.nationalId(2) } })

            let apprentices = try await browser.download("/claims/apprentices.xlsx?enterprise=\(w.ownEnterprise.id!)&period=2026Q4")
            defer { try? FileManager.default.removeItem(at: apprentices.file) }
            #expect(apprentices.status == .ok)
            #expect(apprentices.headers[.contentDisposition]?.contains("apprentice-claim-91440101MA5CJQ4N59-2026Q4.xlsx") == true)
            let reader = try XLSXReader(url: apprentices.file)
            let rows = try reader.rows(sheet: try #require(reader.sheetNames.first))
            #expect(rows.contains { $0.cells.contains { $0.value == Masking.nationalID(CohortWorld.nationalId(2)) } })
            #expect(!rows.contains { $0.cells.contains { $0.value == CohortWorld.nationalId(2) || $0.value.contains("乙校") } })
        }
        #expect(try w.store.recordedSubsidyClaims(actor: w.world.admin).isEmpty)
    }

    @Test func anotherInstitutionsClaimIsTheSame404AsAMissingOne() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        let period = try Period.parse("2026Q4").range
        let other = try #require(try w.store.subsidyClaim(institutionId: w.world.schoolB.id!, period: period, record: true, actor: w.world.admin).id)
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let page = try await browser.get("/claims/\(other)")
            let missing = try await browser.get("/claims/999999")
            #expect(page.status == .notFound && missing.status == .notFound && page.body == missing.body)
            let sheet = try await browser.get("/claims/\(other)/sheet.xlsx")
            #expect(sheet.status == .notFound && sheet.headers[.contentDisposition] == nil)
            let list = try await browser.get("/claims")
            #expect(list.body.contains("还没有登记的申领") && !list.body.contains("乙家政"))
            // Her own preview does not count the other school's certificate as claimed.
            let preview = try await browser.get("/claims?period=2026Q4")
            #expect(preview.body.contains("1 本，合计 1,500.00 元") && !preview.body.contains("已在申领"))
        }
    }

    @Test func theBureauReadsEveryInstitutionsRecordedClaimsAndClaimsFromTheCommandLine() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        let period = try Period.parse("2026Q4").range
        let claim = try #require(try w.store.subsidyClaim(institutionId: w.world.schoolA.id!, period: period, record: true,
                                                          actor: w.world.clerkA).id)
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/claims?period=2026Q4")
            #expect(page.status == .ok && page.body.contains("skillcert cert claims --institution"))
            #expect(page.body.contains("href=\"/claims/\(claim)\"") && page.body.contains("中山市甲烹饪培训学校"))
            #expect(!page.body.contains("登记申领（"))
            let recorded = try await browser.get("/claims/\(claim)")
            #expect(recorded.status == .ok && recorded.body.contains(ApprenticeWorld.ownCertificate))
            let refused = try await browser.post("/claims", ["period": "2026Q4"])
            #expect(refused.status == .notFound)
        }
        #expect(try w.store.recordedSubsidyClaims(actor: w.world.admin).count == 1)
    }
}
