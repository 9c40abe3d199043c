import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
@testable import Store
@testable import WebApp

extension Browser {
    /// A form posted for a download, with the last page's `_csrf`: the file as the browser saves it.
    func downloadPosted(_ path: String, _ fields: [String: String]) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, file: URL) {
        var all = fields
        if let formToken { all["_csrf"] = formToken }
        var headers: HTTPFields = [:]
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = all.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.value)" }
            .joined(separator: "&")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-downloaded-\(UUID().uuidString).xlsx")
        try Data(response.body.readableBytesView).write(to: file)
        return (response.status, response.headers, file)
    }
}

/// Every text of a workbook's sheet, for what it holds and what it must not.
func workbookTexts(_ file: URL, sheet: String) throws -> [String] {
    try XLSXReader(url: file).rows(sheet: sheet).flatMap { $0.cells.map(\.value) }
}

/// The workbooks a clerk takes away (her class's roster, her candidates' admission tickets),
/// masked by default, under their Chinese names; whole IDs only with a reason she types, which
/// the audit trail keeps for the bureau. Serialized: the downloads check that no temporary file
/// is left behind.
@Suite(.serialized) struct WholeIDDownloadWebTests {
    /// 陈一 and 王二 of school 甲, and 乙's 钱五, registered for the session.
    static func registered() throws -> RegistrationWorld {
        let r = try RegistrationWorld()
        _ = try r.store.registerClassTrainees(sessionId: r.session.id!, cohortId: r.done.id!, chosen: [
            try r.place(1): CandidateDeclaration(declaredYears: 6), try r.place(2): CandidateDeclaration(declaredYears: 7),
        ], actor: r.world.clerkA)
        _ = try r.store.registerClassTrainees(sessionId: r.session.id!, cohortId: r.others.id!, chosen: [
            try r.place(5): CandidateDeclaration(declaredYears: 8),
        ], actor: r.world.admin)
        return r
    }

    @Test func theTicketsAreHerCandidatesOnlyMaskedUnderAChineseName() async throws {
        let r = try Self.registered()
        defer { r.remove() }
        let before = try DownloadWebTests.leftovers()
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let download = try await browser.download(r.ticketsPath)
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"tickets-session-\(r.session.id!).xlsx\"; "
                    + "filename*=UTF-8''%E5%87%86%E8%80%83%E8%AF%81-2026-12-15-%E4%B8%AD%E5%BC%8F%E7%83%B9%E8%B0%83%E5%B8%88%20"
                    + "%E5%9B%9B%E7%BA%A7%C2%B7%E4%B8%AD%E7%BA%A7%E5%B7%A5.xlsx", "准考证-2026-12-15-中式烹调师 四级·中级工.xlsx")
            let texts = try workbookTexts(download.file, sheet: "准考证 Admission tickets")
            #expect(texts.contains("陈一") && texts.contains("王二") && !texts.contains("钱五"))
            #expect(texts.contains(RegistrationWorld.masked(1)) && texts.contains(RegistrationWorld.masked(2)))
            #expect(!texts.contains { $0.contains(CohortWorld.nationalId(1)) || $0.contains(CohortWorld.nationalId(2)) })
            #expect(texts.contains("2026000010001") && texts.contains("2026000010002") && !texts.contains("2026000010003"))
        }
        try await r.world.withBrowser { browser in
            // The bureau has every candidate.
            try await browser.signInFirstTime("admin")
            let download = try await browser.download(r.ticketsPath)
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(try workbookTexts(download.file, sheet: "准考证 Admission tickets").contains("钱五"))
        }
        #expect(try await DownloadWebTests.leftovers(since: before).isEmpty)
        #expect(try r.auditCount("person.disclose") == 0, "a masked download discloses nobody")
    }

    @Test func aSessionWithNoneOfHerCandidatesHasNoTicketsForHer() async throws {
        let r = try RegistrationWorld()
        defer { r.remove() }
        _ = try r.store.registerClassTrainees(sessionId: r.session.id!, cohortId: r.others.id!,
                                              chosen: [try r.place(5): CandidateDeclaration(declaredYears: 8)], actor: r.world.admin)
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            for path in [r.ticketsPath, r.ticketsPath + "/whole", "/sessions/999/tickets"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound && page.headers[.contentDisposition] == nil, "\(path)")
            }
        }
    }

    @Test func wholeIDsNeedAReasonAreAuditedAndTheBureauSeesTheEvent() async throws {
        let r = try Self.registered()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let form = try await browser.get(r.ticketsPath + "/whole")
            #expect(form.status == .ok)
            #expect(form.body.contains("<label for=\"reason\">理由") && form.body.contains("action=\"\(r.ticketsPath)/whole\""))
            #expect(form.body.contains("name=\"_csrf\""))

            // Blank or missing: the form again, naming the field and the rule; no file.
            for fields in [["reason": "   "], [:]] {
                let refused = try await browser.post(r.ticketsPath + "/whole", fields)
                #expect(refused.status == .badRequest && refused.headers[.contentDisposition] == nil)
                #expect(refused.body.contains("字段 理由，值 &quot;") && refused.body.contains("显示完整的身份证号和手机号须说明理由"))
                #expect(refused.body.contains("whole national IDs and phone numbers are shown only with a reason"))
            }
            #expect(try r.auditCount("person.disclose") == 0)

            try await browser.get(r.ticketsPath + "/whole")
            let whole = try await browser.downloadPosted(r.ticketsPath + "/whole", ["reason": "考点核验考生身份 <script>"])
            defer { try? FileManager.default.removeItem(at: whole.file) }
            #expect(whole.status == .ok && whole.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let texts = try workbookTexts(whole.file, sheet: "准考证 Admission tickets")
            #expect(texts.contains(CohortWorld.nationalId(1)) && texts.contains(CohortWorld.nationalId(2)))
            #expect(!texts.contains(CohortWorld.nationalId(5)) && !texts.contains("钱五"))
        }
        let event = try #require(try r.audited("person.disclose").first)
        #expect(event.actorLogin == "clerk.a" && event.reason == "考点核验考生身份 <script>")
        #expect(try r.audited("person.disclose").count == 1)
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let audit = try await browser.get("/audit?action=person.disclose")
            #expect(audit.body.contains("clerk.a") && audit.body.contains("考点核验考生身份 &lt;script&gt;"))
        }
    }

    @Test func theRosterIsMaskedAndWholeOnlyWithAReason() async throws {
        let r = try Self.registered()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let roster = try await browser.download("/cohorts/\(r.done.id!)/roster")
            defer { try? FileManager.default.removeItem(at: roster.file) }
            #expect(roster.status == .ok)
            #expect(roster.headers[.contentDisposition]
                    == DownloadName(chinese: "花名册-{{x}}<b>九月班<·b>", ascii: "roster-cohort-\(r.done.id!)").contentDisposition,
                    "the class's name, its slash no folder")
            #expect(roster.headers[.contentDisposition]?.contains("filename*=UTF-8''%E8%8A%B1%E5%90%8D%E5%86%8C-%7B%7Bx%7D%7D%3Cb%3E") == true)
            let masked = try workbookTexts(roster.file, sheet: "花名册 Roster")
            #expect(masked.contains("陈一") && masked.contains("赵四") && masked.contains(RegistrationWorld.masked(4)))
            #expect(!masked.contains { $0.contains(CohortWorld.nationalId(1)) })

            try await browser.get("/cohorts/\(r.done.id!)/roster/whole")
            let refused = try await browser.post("/cohorts/\(r.done.id!)/roster/whole", ["reason": ""])
            #expect(refused.status == .badRequest && refused.headers[.contentDisposition] == nil)
            let whole = try await browser.downloadPosted("/cohorts/\(r.done.id!)/roster/whole", ["reason": "报送人社局补贴审核"])
            defer { try? FileManager.default.removeItem(at: whole.file) }
            #expect(whole.status == .ok)
            #expect(try workbookTexts(whole.file, sheet: "花名册 Roster").contains(CohortWorld.nationalId(4)))
        }
        let reasons = try r.audited("person.disclose").filter { $0.actorLogin == "clerk.a" }.map(\.reason)
        #expect(reasons == ["报送人社局补贴审核"])
    }
}
