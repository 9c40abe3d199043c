import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
@testable import Store
@testable import WebApp

/// The bureau's certificate pages: issuing with a preview, the list and its filters, one
/// certificate, revoking and reissuing, the roster and the national upload. Serialized:
/// downloads check that no temporary file is left behind.
@Suite(.serialized) struct CertificateWebTests {
    static let first = "S000044000123264000001"
    static let second = "S000044000123264000002"

    @Test func issuingShowsHowManyAndWhichNumbersThenIssuesThem() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            // Before the lock: the Store's refusal, nothing issued.
            let early = try await browser.get("/certificates/issue/\(r.id)")
            #expect(early.status == .badRequest && early.body.contains("成绩尚未锁定"))
            try r.settleAndLock()
            let preview = try await browser.get("/certificates/issue/\(r.id)")
            #expect(preview.status == .ok)
            #expect(rowWith(preview.body, Self.first).contains("<td>陈一</td><td>\(ResultsWorld.masked(1))</td>"))
            #expect(rowWith(preview.body, Self.second).contains(ResultsWorld.escapedHostile))
            #expect(!preview.body.contains("钱五") && !preview.body.contains(CohortWorld.nationalId(1)))
            #expect(preview.body.contains("确认发证（2 本）"))
            #expect(try r.store.certificates(CertificateFilter(sessionId: r.id), actor: r.admin).rows.isEmpty, "a preview issues nothing")
            #expect(try r.audited("cert.issue").isEmpty)

            let issued = try await browser.post("/certificates/issue/\(r.id)", [:])
            #expect(issued.status == .seeOther && issued.location == "/certificates?session=\(r.id)&done=issued&count=2")
            let list = try await browser.get(issued.location!)
            #expect(list.body.contains("已发证") && list.body.contains(Self.first) && list.body.contains(Self.second))
            // Issued once: a second look has nothing to issue.
            let again = try await browser.get("/certificates/issue/\(r.id)")
            #expect(again.body.contains("没有需要发证的合格考生") && !again.body.contains("确认发证"))
        }
        let lines = try r.store.certificates(CertificateFilter(sessionId: r.id), actor: r.admin).rows
        #expect(lines.map(\.number) == [Self.first, Self.second])
        #expect(lines.map(\.name) == ["陈一", ResultsWorld.hostile])
        #expect(try r.audited("cert.issue").count == 2)
    }

    @Test func theListFiltersByPeriodOccupationLevelBodyAndStatus() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        _ = try r.certify()
        _ = try r.store.revokeCertificate(number: Self.second, reason: "测试", actor: r.admin)
        let body = try r.store.institution("中山市丙职业技能评价中心", actor: r.admin).id!
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let all = try await browser.get("/certificates")
            #expect(all.status == .ok && all.body.contains(Self.first) && all.body.contains(Self.second))
            #expect(all.body.contains(ResultsWorld.escapedHostile) && !all.body.contains(ResultsWorld.hostile))
            #expect(all.body.contains(ResultsWorld.masked(1)) && !all.body.contains(CohortWorld.nationalId(1)))
            #expect(all.body.contains("<label for=\"period\">") && all.body.contains("<label for=\"status\">"))
            func shown(_ query: String) async throws -> [String] {
                let page = try await browser.get("/certificates?" + query)
                #expect(page.status == .ok, "\(query)")
                return [Self.first, Self.second].filter { page.body.contains($0) }
            }
            #expect(try await shown("period=2026Q4") == [Self.first, Self.second])
            #expect(try await shown("period=2026Q3").isEmpty)
            #expect(try await shown("period=2025").isEmpty)
            #expect(try await shown("occupation=4-03-02-01&level=4") == [Self.first, Self.second])
            #expect(try await shown("level=5").isEmpty)
            #expect(try await shown("occupation=4-03-02-02").isEmpty)
            #expect(try await shown("body=\(body)") == [Self.first, Self.second])
            #expect(try await shown("body=\(body + 100)").isEmpty)
            #expect(try await shown("status=valid") == [Self.first])
            #expect(try await shown("status=revoked") == [Self.second])
            #expect(try await shown("status=revoked&period=2026") == [Self.second])
            // The filter is kept in the form, the links and the downloads.
            let filtered = try await browser.get("/certificates?status=revoked&level=4")
            #expect(filtered.body.contains("<option value=\"revoked\" selected>") && filtered.body.contains("<option value=\"4\" selected>"))
            #expect(filtered.body.contains("href=\"/certificates.xlsx?level=4&amp;status=revoked\""))

            let refused = try await browser.get("/certificates?period=2026Q5")
            #expect(refused.status == .badRequest && refused.body.contains("id=\"period-error\"") && refused.body.contains("value=\"2026Q5\""))
        }
    }

    @Test func theExportHoldsEveryRowOfTheFilterMasked() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        _ = try r.certify()
        let before = try DownloadWebTests.leftovers()
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let all = try await browser.download("/certificates.xlsx?period=2026Q4")
            defer { try? FileManager.default.removeItem(at: all.file) }
            #expect(all.status == .ok && all.headers[.contentDisposition]?.contains("certificates.xlsx") == true)
            let rows = try XLSXRows(all.file, sheet: "证书 Certificates")
            let chen = try #require(rows.first { $0.contains(Self.first) })
            #expect(chen.contains("陈一|\(ResultsWorld.masked(1))|中式烹调师") && chen.contains("2026-11-21") && chen.contains("有效 valid"))
            #expect(rows.contains { $0.contains(Self.second) && $0.contains(ResultsWorld.hostile) })
            #expect(!rows.joined().contains(CohortWorld.nationalId(1)))
            let none = try await browser.download("/certificates.xlsx?status=revoked")
            defer { try? FileManager.default.removeItem(at: none.file) }
            #expect(!(try XLSXRows(none.file, sheet: "证书 Certificates")).joined().contains(Self.first))
        }
        #expect(try await DownloadWebTests.leftovers(since: before).isEmpty)
        #expect(try r.audited("person.disclose").isEmpty)
    }

    @Test func aCertificateIsRevokedAndReissuedWithReasons() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        _ = try r.certify()
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/certificates/\(Self.second)")
            #expect(page.status == .ok && page.body.contains(ResultsWorld.escapedHostile) && page.body.contains(ResultsWorld.masked(2)))
            #expect(!page.body.contains(CohortWorld.nationalId(2)) && page.body.contains("有效 valid"))
            #expect(page.body.contains("href=\"/certificates/\(Self.second)/revoke\""))

            // Reissue: the reason is chosen and the note written, each refused at its field.
            try await browser.get("/certificates/\(Self.first)/reissue")
            let noWhy = try await browser.post("/certificates/\(Self.first)/reissue", ["why": "", "note": "登报"])
            #expect(noWhy.status == .badRequest && noWhy.body.contains("id=\"why-error\""))
            let noNote = try await browser.post("/certificates/\(Self.first)/reissue", ["why": "lost", "note": " "])
            #expect(noNote.status == .badRequest && noNote.body.contains("id=\"note-error\"") && noNote.body.contains("字段 说明"))
            let reissued = try await browser.post("/certificates/\(Self.first)/reissue", ["why": "lost", "note": "已登报声明作废"])
            #expect(reissued.status == .seeOther && reissued.location == "/certificates/\(Self.first)?done=reissued")

            // Revoke: a blank reason is refused at the field.
            let form = try await browser.get("/certificates/\(Self.second)/revoke")
            #expect(form.body.contains("<label for=\"reason\">"))
            let blank = try await browser.post("/certificates/\(Self.second)/revoke", ["reason": ""])
            #expect(blank.status == .badRequest && blank.body.contains("id=\"reason-error\"") && blank.body.contains("字段 理由"))
            #expect(try r.store.certificate(number: Self.second, actor: r.admin).revokedOn == nil)
            let revoked = try await browser.post("/certificates/\(Self.second)/revoke", ["reason": "以欺骗手段取得 <i>"])
            #expect(revoked.status == .seeOther && revoked.location == "/certificates/\(Self.second)?done=revoked")
            let after = try await browser.get("/certificates/\(Self.second)?done=revoked")
            #expect(after.body.contains("证书已撤销") && after.body.contains("以欺骗手段取得 &lt;i&gt;"))
            #expect(!after.body.contains("href=\"/certificates/\(Self.second)/revoke\""))
            // Its history: the revocation (who, reason escaped) above the issue, the ID masked there too.
            let history = try #require(after.body.components(separatedBy: "id=\"history-title\"").last)
            let revocation = try #require(history.range(of: "<td>cert.revoke</td>")), issue = try #require(history.range(of: "<td>cert.issue</td>"))
            #expect(revocation.lowerBound < issue.lowerBound && history.contains("以欺骗手段取得 &lt;i&gt;") && history.contains("admin"))
            #expect(!after.body.contains(CohortWorld.nationalId(2)))
            // Revoked: neither revoked again nor reissued.
            #expect(try await browser.get("/certificates/\(Self.second)/reissue").body.contains("已撤销的证书不能补发"))
            try await browser.get("/certificates/\(Self.second)")
            let twice = try await browser.post("/certificates/\(Self.second)/revoke", ["reason": "再次"])
            #expect(twice.status == .badRequest)
        }
        let revoked = try r.store.certificate(number: Self.second, actor: r.admin)
        #expect(revoked.revokedOn == "2026-11-21" && revoked.revocationReason == "以欺骗手段取得 <i>")
        #expect(try r.store.certificate(number: Self.first, actor: r.admin).reissues == 1)
        #expect(try r.audited("cert.revoke").map(\.reason) == ["以欺骗手段取得 <i>"])
        #expect(try r.audited("cert.reissue").map(\.reason) == ["已登报声明作废"])
    }

    @Test func theRosterIsMaskedAndWholeOnlyWithAReasonForTheSameFilter() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        _ = try r.certify()
        _ = try r.store.revokeCertificate(number: Self.second, reason: "测试", actor: r.admin)
        let before = try DownloadWebTests.leftovers()
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let masked = try await browser.download("/certificates/roster?status=valid")
            defer { try? FileManager.default.removeItem(at: masked.file) }
            #expect(masked.status == .ok && masked.headers[.contentDisposition]?.contains("certificate-roster.xlsx") == true)
            let rows = try XLSXRows(masked.file, sheet: "证书名册 Certificates")
            #expect(rows.contains { $0.contains(Self.first) && $0.contains("陈一") && $0.contains(ResultsWorld.masked(1)) })
            #expect(!rows.joined().contains(Self.second), "the filter holds")
            #expect(!rows.joined().contains(CohortWorld.nationalId(1)))

            let form = try await browser.get("/certificates/roster/whole?status=valid")
            #expect(form.body.contains("name=\"status\" value=\"valid\"") && form.body.contains("<label for=\"reason\">"))
            let blank = try await browser.post("/certificates/roster/whole", ["status": "valid", "reason": " "])
            #expect(blank.status == .badRequest && blank.headers[.contentDisposition] == nil && blank.body.contains("id=\"reason-error\""))
            #expect(blank.body.contains("name=\"status\" value=\"valid\""), "the filter is kept")
            let whole = try await browser.downloadPosted("/certificates/roster/whole", ["status": "valid", "reason": "省厅核对持证人"])
            defer { try? FileManager.default.removeItem(at: whole.file) }
            let wholeRows = try XLSXRows(whole.file, sheet: "证书名册 Certificates")
            #expect(wholeRows.joined().contains(CohortWorld.nationalId(1)) && !wholeRows.joined().contains(Self.second))
        }
        #expect(try await DownloadWebTests.leftovers(since: before).isEmpty)
        let event = try #require(try r.audited("person.disclose").first)
        #expect(event.reason == "省厅核对持证人" && event.actorLogin == "admin")
    }

    @Test func theNationalUploadNeedsAReasonHoldsValidCertificatesWholeAndIsAudited() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        _ = try r.certify()
        _ = try r.store.revokeCertificate(number: Self.second, reason: "测试", actor: r.admin)
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let form = try await browser.get("/certificates/upload?period=2026Q4")
            #expect(form.status == .ok && form.body.contains("<dd>1</dd>") && form.body.contains("name=\"period\" value=\"2026Q4\""))
            let blank = try await browser.post("/certificates/upload", ["period": "2026Q4", "reason": ""])
            #expect(blank.status == .badRequest && blank.headers[.contentDisposition] == nil)
            #expect(blank.body.contains("id=\"reason-error\"") && blank.body.contains("字段 理由"))
            #expect(try r.audited("person.disclose").isEmpty)
            let badPeriod = try await browser.post("/certificates/upload", ["period": "2026Q9", "reason": "x"])
            #expect(badPeriod.status == .badRequest && badPeriod.headers[.contentDisposition] == nil)

            try await browser.get("/certificates/upload?period=2026Q4")
            let upload = try await browser.downloadPosted("/certificates/upload", ["period": "2026Q4", "reason": "第四季度报送"])
            defer { try? FileManager.default.removeItem(at: upload.file) }
            #expect(upload.status == .ok && upload.headers[.contentDisposition]?.contains("national-upload.xlsx") == true)
            let rows = try XLSXRows(upload.file, sheet: "证书信息")
            #expect(rows.contains { $0.contains(Self.first) && $0.contains(CohortWorld.nationalId(1)) && $0.contains("陈一") })
            #expect(!rows.joined().contains(Self.second), "revoked certificates are not uploaded")
        }
        let event = try #require(try r.audited("person.disclose").first)
        #expect(event.reason?.contains("第四季度报送") == true && event.actorLogin == "admin")
        #expect(try r.audited("person.disclose").count == 1)
    }
}
