import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
@testable import Store
@testable import WebApp

/// The bureau's results pages: the sessions, the mismatch queue and its settle form, the lock,
/// amendments, re-checks and the results roster. Serialized: downloads check that no temporary
/// file is left behind.
@Suite(.serialized) struct ResultsWebTests {
    /// Every page of results and certificates, for the refusals that hold on all of them.
    static func pages(_ r: ResultsWorld, number: String = "S000044000123264000001") -> [String] {
        let id = r.id, ticket = r.ticket(1)
        return ["/results", "/results/\(id)", "/results/\(id)/lock", "/results/\(id)/amend", "/results/\(id)/rechecks/new",
                "/results/\(id)/roster", "/results/\(id)/roster/whole", "/mismatches", "/mismatches/\(id)/\(ticket)/practical",
                "/rechecks", "/rechecks/\(id)/\(ticket)", "/certificates", "/certificates.xlsx", "/certificates/roster",
                "/certificates/roster/whole", "/certificates/upload", "/certificates/issue/\(id)", "/certificates/\(number)",
                "/certificates/\(number)/revoke", "/certificates/\(number)/reissue"]
    }

    /// Every form of results and certificates, with fields that would be accepted.
    static func posts(_ r: ResultsWorld, number: String = "S000044000123264000001") -> [(String, [String: String])] {
        let id = r.id, ticket = r.ticket(1)
        return [
            ("/mismatches/\(id)/\(ticket)/practical", ["mark": "85", "reason": "核对"]),
            ("/results/\(id)/lock", [:]),
            ("/results/\(id)/amend", ["ticket": ticket, "part": "theory", "mark": "81", "reason": "合分"]),
            ("/results/\(id)/rechecks/new", ["ticket": ticket, "reason": "申请"]),
            ("/results/\(id)/roster/whole", ["reason": "核对"]),
            ("/rechecks/\(id)/\(ticket)", ["outcome": "unchanged", "note": "无误"]),
            ("/certificates/issue/\(id)", [:]),
            ("/certificates/roster/whole", ["reason": "核对"]),
            ("/certificates/upload", ["reason": "报送"]),
            ("/certificates/\(number)/revoke", ["reason": "撤销"]),
            ("/certificates/\(number)/reissue", ["why": "lost", "note": "遗失"]),
        ]
    }

    @Test func aSignedOutBrowserIsSentToSignInForEveryPageAndForm() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            for path in Self.pages(r) {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
            for (path, fields) in Self.posts(r) {
                let page = try await browser.post(path, fields, token: .given("x"))
                #expect(page.status == .seeOther && page.location == "/signin", "POST \(path)")
            }
        }
        #expect(try r.store.sessionResults(id: r.id, actor: r.admin).settledMismatches.isEmpty)
    }

    @Test func aClerkAndAnExaminerAreRefusedEveryPageAndFormWithTheStoresReason() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        let certificates = try r.certify()
        let number = certificates[0].number
        for login in ["clerk.a", "exam.1"] {
            try await r.world.withBrowser { browser in
                try await browser.signInFirstTime(login)
                for path in Self.pages(r, number: number) {
                    let page = try await browser.get(path)
                    #expect(page.status == .forbidden, "\(login) GET \(path)")
                    #expect(page.headers[.contentDisposition] == nil)
                }
                #expect(try await browser.get("/results/999").status == .forbidden, "refused before the record is looked for")
                try await browser.get("/")
                for (path, fields) in Self.posts(r, number: number) {
                    let page = try await browser.post(path, fields)
                    #expect(page.status == .forbidden, "\(login) POST \(path)")
                    #expect(page.headers[.contentDisposition] == nil)
                }
            }
        }
        let line = try r.store.certificate(number: number, actor: r.admin)
        #expect(line.revokedOn == nil && line.reissues == 0)
        #expect(try r.store.sessionResults(id: r.id, actor: r.admin).amendments.isEmpty)
        #expect(try r.audited("person.disclose").isEmpty)
    }

    @Test func theMenuOffersTheBureauItsResultsAndNobodyElse() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let home = try await browser.get("/")
            for href in ["/results", "/mismatches", "/rechecks", "/certificates"] { #expect(home.body.contains("href=\"\(href)\""), "\(href)") }
        }
        for login in ["clerk.a", "exam.1"] {
            try await r.world.withBrowser { browser in
                try await browser.signInFirstTime(login)
                let home = try await browser.get("/")
                for href in ["/results", "/mismatches", "/rechecks", "/certificates"] {
                    #expect(!home.body.contains("href=\"\(href)\""), "\(login) \(href)")
                }
            }
        }
    }

    @Test func missingRecordsAreNotFound() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            for path in ["/results/999", "/results/999/lock", "/results/999/amend", "/results/999/rechecks/new", "/results/999/roster",
                         "/results/999/roster/whole", "/results/x", "/mismatches/999/\(r.ticket(1))/practical",
                         "/mismatches/\(r.id)/\(r.ticket(2))/practical", "/mismatches/\(r.id)/\(r.ticket(1))/review",
                         "/rechecks/\(r.id)/\(r.ticket(1))", "/rechecks/999/x", "/certificates/issue/999",
                         "/certificates/S000044000123264999999", "/certificates/S000044000123264999999/revoke",
                         "/certificates/S000044000123264999999/reissue"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "GET \(path)")
                #expect(page.body.contains("找不到"))
            }
            let posted = try await browser.post("/mismatches/\(r.id)/\(r.ticket(2))/practical", ["mark": "75", "reason": "x"])
            #expect(posted.status == .notFound)
            #expect(try await browser.post("/results/999/lock", [:]).status == .notFound)
            #expect(try await browser.post("/certificates/S000044000123264999999/revoke", ["reason": "x"]).status == .notFound)
        }
    }

    @Test func everyFormRefusesAPostWithoutItsToken() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        try r.settleAndLock()
        let issued = try r.store.issueCertificates(sessionId: r.id, actor: r.admin).issued
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            for (path, fields) in Self.posts(r, number: issued[0].number) {
                let page = try await browser.post(path, fields, token: .none)
                #expect(page.status == .forbidden && page.body.contains("表单已失效"), "POST \(path)")
                #expect(page.headers[.contentDisposition] == nil)
            }
        }
        let line = try r.store.certificate(number: issued[0].number, actor: r.admin)
        #expect(line.revokedOn == nil && line.reissues == 0)
        #expect(try r.store.sessionResults(id: r.id, actor: r.admin).amendments.isEmpty)
        #expect(try r.store.sessionResults(id: r.id, actor: r.admin).rechecks.isEmpty)
        #expect(try r.audited("person.disclose").isEmpty)
    }

    @Test func theBureauSettlesAMismatchFromTheQueueWithAReason() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        let path = "/mismatches/\(r.id)/\(r.ticket(1))/practical"
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let list = try await browser.get("/results")
            #expect(list.status == .ok)
            let row = rowWith(list.body, "href=\"/results/\(r.id)\"")
            #expect(row.contains("已考试") && row.contains(">3<") && row.contains("<a href=\"/mismatches\">1</a>"))

            let queue = try await browser.get("/mismatches")
            #expect(queue.status == .ok)
            let line = rowWith(queue.body, "陈一")
            #expect(line.contains("<td>85 · ") && line.contains("（admin）"))
            #expect(line.contains("58 · 乙科员（bureau.b）") && line.contains("href=\"\(path)\""))
            #expect(!queue.body.contains("钱五"), "only the mismatch is queued")

            let form = try await browser.get(path)
            #expect(form.status == .ok)
            #expect(form.body.contains("第一次录入 First entry") && form.body.contains("<td>85</td>") && form.body.contains("<td>58</td>"))
            #expect(form.body.contains("<label for=\"mark\">") && form.body.contains("<label for=\"reason\">"))

            // A blank reason: refused beside the field, the mark typed kept, nothing settled.
            let refused = try await browser.post(path, ["mark": "85", "reason": "  "])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("id=\"reason-error\"") && refused.body.contains("字段 理由"))
            #expect(refused.body.contains("value=\"85\""))
            // A mark out of range: refused at the mark.
            let outOfRange = try await browser.post(path, ["mark": "101", "reason": "核对"])
            #expect(outOfRange.status == .badRequest && outOfRange.body.contains("id=\"mark-error\""))
            #expect(try r.store.sessionResults(id: r.id, actor: r.admin).settledMismatches.isEmpty)

            let settled = try await browser.post(path, ["mark": "85", "reason": "核对原始评分表 <b>"])
            #expect(settled.status == .seeOther && settled.location == "/results/\(r.id)?done=settled")
            let page = try await browser.get("/results/\(r.id)?done=settled")
            #expect(page.body.contains("已处理不一致") && page.body.contains("核对原始评分表 &lt;b&gt;"))
            #expect(page.body.contains(ResultsWorld.escapedHostile) && !page.body.contains(ResultsWorld.hostile))
            #expect(try await browser.get("/mismatches").body.contains("没有待处理的不一致"))
            #expect(try await browser.get(path).status == .notFound, "settled: no longer waiting")
        }
        let results = try r.store.sessionResults(id: r.id, actor: r.admin)
        let settled = try #require(results.settledMismatches.first)
        #expect(settled.ticketNumber == r.ticket(1) && settled.settled == .score(tenths: 850) && settled.reason == "核对原始评分表 <b>")
        #expect(settled.first == .score(tenths: 850) && settled.second == .score(tenths: 580) && settled.settledBy == "admin")
        #expect(results.candidates[0].standing(.practical) == .final(.score(tenths: 850), passed: true))
        let event = try #require(try r.audited("results.settle").first)
        #expect(event.reason == "核对原始评分表 <b>" && event.actorLogin == "admin")
    }

    @Test func theLockIsConfirmedRefusedWhileMarksArePendingAndFinal() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            // Pending: the page names what waits and offers no button; a post is refused naming it.
            let pending = try await browser.get("/results/\(r.id)/lock")
            #expect(pending.status == .ok && pending.body.contains("两次录入不一致（85 / 58）") && !pending.body.contains("确认锁定"))
            try await browser.get("/results/\(r.id)")
            let refused = try await browser.post("/results/\(r.id)/lock", [:])
            #expect(refused.status == .badRequest && refused.body.contains("还有 1 项成绩未确定"))
            #expect(try r.store.examSession(id: r.id, actor: r.admin).session.status == .held)

            _ = try r.store.settleMismatch(sessionId: r.id, ticket: r.ticket(1), part: .practical, mark: "85", reason: "核对", actor: r.admin)
            let confirm = try await browser.get("/results/\(r.id)/lock")
            #expect(confirm.body.contains("确认锁定") && confirm.body.contains("3 / 2 / 0"))
            let locked = try await browser.post("/results/\(r.id)/lock", [:])
            #expect(locked.status == .seeOther && locked.location == "/results/\(r.id)?done=locked")
            let page = try await browser.get("/results/\(r.id)?done=locked")
            #expect(page.body.contains("成绩已锁定并公布") && page.body.contains("href=\"/certificates/issue/\(r.id)\""))
            #expect(!page.body.contains("href=\"/results/\(r.id)/lock\""))
            // After the lock nothing is settled or locked again; only amendments change a mark.
            let again = try await browser.get("/results/\(r.id)/lock")
            #expect(again.body.contains("不能锁定") && !again.body.contains("确认锁定"))
            #expect(try await browser.post("/results/\(r.id)/lock", [:]).status == .badRequest)
        }
        let session = try r.store.examSession(id: r.id, actor: r.admin).session
        #expect(session.status == .resultsLocked && session.resultsLockedOn == "2026-11-21")
        #expect(try r.audited("results.lock").count == 1)
    }

    @Test func anAmendmentNeedsAReasonAndShowsBeforeAndAfter() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let early = try await browser.get("/results/\(r.id)/amend")
            #expect(early.body.contains("成绩尚未锁定") && !early.body.contains("<form method=\"post\" action=\"/results/\(r.id)/amend\""))
            try r.settleAndLock()
            let form = try await browser.get("/results/\(r.id)/amend")
            #expect(form.body.contains("<label for=\"ticket\">") && form.body.contains(ResultsWorld.escapedHostile))
            let fields = ["ticket": r.ticket(2), "part": "theory", "mark": "72"]
            let refused = try await browser.post("/results/\(r.id)/amend", fields.merging(["reason": ""]) { a, _ in a })
            #expect(refused.status == .badRequest && refused.body.contains("id=\"reason-error\"") && refused.body.contains("value=\"72\""))
            let same = try await browser.post("/results/\(r.id)/amend", ["ticket": r.ticket(2), "part": "theory", "mark": "70", "reason": "x"])
            #expect(same.status == .badRequest && same.body.contains("id=\"mark-error\"") && same.body.contains("无需更正"))
            let amended = try await browser.post("/results/\(r.id)/amend", fields.merging(["reason": "合分有误"]) { a, _ in a })
            #expect(amended.status == .seeOther && amended.location == "/results/\(r.id)?done=amended")
            let page = try await browser.get("/results/\(r.id)?done=amended")
            let row = rowWith(page.body.components(separatedBy: "id=\"amendments\"")[1], r.ticket(2))
            #expect(row.contains("<td>70</td><td>72</td><td>合分有误") && row.contains(ResultsWorld.escapedHostile))
        }
        let amendment = try #require(try r.store.sessionResults(id: r.id, actor: r.admin).amendments.first)
        #expect(amendment.before == .score(tenths: 700) && amendment.after == .score(tenths: 720) && amendment.reason == "合分有误")
        #expect(try r.audited("results.amend").first?.reason == "合分有误")
    }

    @Test func reChecksAreRecordedWithinTheWindowAndDecided() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        try r.settleAndLock()
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let form = try await browser.get("/results/\(r.id)/rechecks/new")
            #expect(form.body.contains("2026-12-06 前") && form.body.contains("<label for=\"reason\">"))
            let blank = try await browser.post("/results/\(r.id)/rechecks/new", ["ticket": r.ticket(3), "reason": " "])
            #expect(blank.status == .badRequest && blank.body.contains("id=\"reason-error\""))
            let recorded = try await browser.post("/results/\(r.id)/rechecks/new", ["ticket": r.ticket(3), "reason": "实操分数偏低"])
            #expect(recorded.status == .seeOther && recorded.location == "/results/\(r.id)?done=recheck-requested")
            try await browser.get("/results/\(r.id)/rechecks/new")
            let twice = try await browser.post("/results/\(r.id)/rechecks/new", ["ticket": r.ticket(3), "reason": "再次"])
            #expect(twice.status == .badRequest && twice.body.contains("id=\"ticket-error\""))

            let queue = try await browser.get("/rechecks")
            let row = rowWith(queue.body, "钱五")
            #expect(row.contains("实操分数偏低") && row.contains("待复核") && row.contains("href=\"/rechecks/\(r.id)/\(r.ticket(3))\""))

            let decide = try await browser.get("/rechecks/\(r.id)/\(r.ticket(3))")
            #expect(decide.body.contains("<label for=\"outcome\">") && decide.body.contains("<label for=\"note\">"))
            let noNote = try await browser.post("/rechecks/\(r.id)/\(r.ticket(3))", ["outcome": "unchanged", "note": ""])
            #expect(noNote.status == .badRequest && noNote.body.contains("id=\"note-error\"") && noNote.body.contains("字段 说明"))
            let noOutcome = try await browser.post("/rechecks/\(r.id)/\(r.ticket(3))", ["outcome": "", "note": "x"])
            #expect(noOutcome.status == .badRequest && noOutcome.body.contains("id=\"outcome-error\""))
            let noPart = try await browser.post("/rechecks/\(r.id)/\(r.ticket(3))", ["outcome": "amended", "part": "", "mark": "62", "note": "x"])
            #expect(noPart.status == .badRequest && noPart.body.contains("id=\"part-error\""))
            let decided = try await browser.post("/rechecks/\(r.id)/\(r.ticket(3))", ["outcome": "amended", "part": "practical",
                                                                                       "mark": "62", "note": "漏计一题"])
            #expect(decided.status == .seeOther && decided.location == "/results/\(r.id)?done=recheck-decided")
            let after = try await browser.get("/rechecks")
            #expect(rowWith(after.body, "钱五").contains("已更正 amended") && !after.body.contains("href=\"/rechecks/\(r.id)/"))
            let done = try await browser.get("/rechecks/\(r.id)/\(r.ticket(3))")
            #expect(done.body.contains("已有结论") && !done.body.contains("记录结论"))
        }
        let results = try r.store.sessionResults(id: r.id, actor: r.admin)
        #expect(results.rechecks.first?.outcome == "amended" && results.rechecks.first?.note == "漏计一题")
        #expect(results.amendments.first?.fromRecheck == true && results.amendments.first?.after == .score(tenths: 620))
        #expect(try r.audited("results.recheck-request").first?.reason == "实操分数偏低")
        #expect(try r.audited("results.recheck-decide").first?.reason == "漏计一题")

        // Past the window (15 days after the lock): no form, and a request is refused at the ticket.
        r.world.clock.advance(minutes: 16 * 24 * 60)
        try await r.world.withBrowser { browser in
            try await browser.signIn("admin", WebWorld.ownPassword)
            let closed = try await browser.get("/results/\(r.id)/rechecks/new")
            #expect(closed.body.contains("已于 2026-12-06 截止") && !closed.body.contains("<label for=\"reason\">"))
            let late = try await browser.post("/results/\(r.id)/rechecks/new", ["ticket": r.ticket(1), "reason": "迟到"])
            // The form is gone: the Store's refusal is shown above where it was.
            #expect(late.status == .badRequest && late.body.contains("复核申请须在成绩公布（2026-11-21）后 15 天内提出"))
            #expect(try r.store.sessionResults(id: r.id, actor: r.admin).rechecks.count == 1)
        }
    }

    @Test func theResultsRosterIsMaskedAndWholeOnlyWithAReason() async throws {
        let r = try ResultsWorld()
        defer { r.remove() }
        try r.settleAndLock()
        let before = try DownloadWebTests.leftovers()
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let masked = try await browser.download("/results/\(r.id)/roster")
            defer { try? FileManager.default.removeItem(at: masked.file) }
            #expect(masked.status == .ok && masked.headers[.contentDisposition]?.contains("results-session-\(r.id).xlsx") == true)
            let rows = try XLSXRows(masked.file, sheet: "成绩册 Results")
            let chen = try #require(rows.first { $0.contains("陈一") })
            #expect(chen.contains(r.ticket(1)) && chen.contains(ResultsWorld.masked(1)) && chen.contains("80") && chen.contains("85"))
            #expect(rows.contains { $0.contains(ResultsWorld.hostile) }, "a name is written as it is")
            #expect(!rows.joined().contains(CohortWorld.nationalId(1)))

            let form = try await browser.get("/results/\(r.id)/roster/whole")
            #expect(form.body.contains("<label for=\"reason\">"))
            let blank = try await browser.post("/results/\(r.id)/roster/whole", ["reason": ""])
            #expect(blank.status == .badRequest && blank.headers[.contentDisposition] == nil && blank.body.contains("id=\"reason-error\""))
            let whole = try await browser.downloadPosted("/results/\(r.id)/roster/whole", ["reason": "省厅核对"])
            defer { try? FileManager.default.removeItem(at: whole.file) }
            #expect(try XLSXRows(whole.file, sheet: "成绩册 Results").joined().contains(CohortWorld.nationalId(1)))
        }
        #expect(try await DownloadWebTests.leftovers(since: before).isEmpty)
        #expect(try r.audited("person.disclose").map(\.reason) == ["省厅核对"])
    }
}

/// The rows of a workbook's sheet, each its cells' values joined by `|`.
func XLSXRows(_ file: URL, sheet: String) throws -> [String] {
    try XLSXReader(url: file).rows(sheet: sheet).map { $0.cells.map(\.value).joined(separator: "|") }
}

/// The `<tr>` of a page's table that holds `text` anywhere in it.
func rowWith(_ body: String, _ text: String) -> String {
    body.components(separatedBy: "<tr>").dropFirst().first { $0.contains(text) } ?? ""
}
