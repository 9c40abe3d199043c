import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import PDFTestSupport
import Services
@testable import Store
@testable import WebApp

/// Candidate self-service (考生自助查询, issue 18 point 5): no account, national ID + name + ticket
/// or certificate number, posted with the page's token; that person's records only, marks after
/// the lock only, one answer for any wrong field, the limits of /verify, no whole ID anywhere.
@Suite(.serialized) struct CandidateWebTests {
    static let noMatch = "没有与所填身份证号、姓名和号码相符的考生记录"

    /// Every page body the test saw, to check at the end that no whole ID was on any of them.
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var bodies: [String] = []
        @discardableResult
        func keep(_ page: Browser.Page) -> Browser.Page { lock.withLock { bodies.append(page.body) }; return page }
        func expectNoWholeID(sourceLocation: SourceLocation = #_sourceLocation) {
            for body in lock.withLock({ bodies }) {
                for whole in ExamWorld.wholeIds { #expect(!body.contains(whole), "a page shows \(whole)", sourceLocation: sourceLocation) }
            }
        }
    }

    func lookUp(_ browser: Browser, id: String, name: String, number: String, seen: Seen) async throws -> Browser.Page {
        seen.keep(try await browser.get("/candidate"))
        return seen.keep(try await browser.post("/candidate", ["id": id, "name": name, "number": number]))
    }

    @Test func theTicketsQRAddressOpensTheFormWithTheNumberAndNothingAboutThePerson() async throws {
        let exam = try ExamWorld(through: .registered)
        defer { exam.remove() }
        let wang = try exam.ticket(of: ExamWorld.wang.name)
        try await exam.world.withBrowser { browser in
            let page = try await browser.get("/verify/ticket/\(wang)")
            #expect(page.status == .ok)
            #expect(page.body.contains("考生自助查询") && page.body.contains("form method=\"post\" action=\"/candidate\""))
            #expect(page.body.contains("name=\"number\" value=\"\(wang)\""))
            for hidden in [ExamWorld.wang.name, "中式烹调师", "理论一室", "中山市甲烹饪培训学校", Masking.nationalID(ExamWorld.wang.id)] {
                #expect(!page.body.contains(hidden), "the QR page shows \(hidden) before the ID and name")
            }
            // Each field has its label; the ID is never filled in again.
            for field in ["id", "name", "number"] { #expect(page.body.contains("<label for=\"\(field)\"")) }
            #expect(try await browser.get("/candidate").status == .ok)
            #expect(try await browser.get("/audit").location == "/signin")
        }
    }

    @Test func theRightThreeShowTheirRegistrationButMarksOnlyAfterTheLock() async throws {
        let exam = try ExamWorld(through: .marked)
        defer { exam.remove() }
        let wang = try exam.ticket(of: ExamWorld.wang.name)
        let seen = Seen()
        try await exam.world.withBrowser { browser in
            let before = try await lookUp(browser, id: ExamWorld.wang.id, name: ExamWorld.wang.name, number: wang, seen: seen)
            #expect(before.status == .ok)
            for shown in [ExamWorld.wang.name, Masking.nationalID(ExamWorld.wang.id), wang, "2026-11-21", "中式烹调师 五级/初级工",
                          "中山市丙职业技能评价中心", "中山市甲烹饪培训学校", "理论一室", "实操考评组", "已考试",
                          "成绩锁定公布后在此显示", "/candidate/ticket.pdf?ticket=\(wang)"] {
                #expect(before.body.contains(shown), "the answer lacks \(shown)")
            }
            for hidden in ["不合格", "考核未通过", "复核", "成绩 <span lang=\"en\">Mark", ExamWorld.chen.name, ExamWorld.li.name] {
                #expect(!before.body.contains(hidden), "before the lock the page shows \(hidden)")
            }
            #expect(before.headers[.cacheControl] == "private, no-store")
        }
        _ = try exam.store.lockResults(sessionId: exam.sessionId, actor: exam.world.admin)
        try await exam.world.withBrowser { browser in
            let after = try await lookUp(browser, id: ExamWorld.wang.id, name: ExamWorld.wang.name, number: wang, seen: seen)
            for shown in ["理论知识", "55", "不合格", "操作技能", "80", "考核未通过", "成绩已锁定",
                          // the window runs from the lock (2026-11-21) for the catalog's days
                          "申请复核", "中山市甲烹饪培训学校 或人社局"] {
                #expect(after.body.contains(shown), "after the lock the page lacks \(shown)")
            }
            #expect(!after.body.contains("成绩锁定公布后在此显示"))
            #expect(!after.body.contains(ExamWorld.chen.name) && !after.body.contains(ExamWorld.li.name))
        }
        seen.expectNoWholeID()
    }

    @Test func aCertificateNumberOpensItTooAndTheCertificateIsShown() async throws {
        let exam = try ExamWorld(through: .certified)
        defer { exam.remove() }
        let number = try exam.certificate(of: ExamWorld.chen.name)
        let seen = Seen()
        try await exam.world.withBrowser { browser in
            let page = try await lookUp(browser, id: ExamWorld.chen.id, name: ExamWorld.chen.name, number: number.lowercased(), seen: seen)
            for shown in [number, "有效", "2026-11-21", "考核合格", "80", try exam.ticket(of: ExamWorld.chen.name)] {
                #expect(page.body.contains(shown), "the answer lacks \(shown)")
            }
            #expect(!page.body.contains(ExamWorld.wang.name))
        }
        seen.expectNoWholeID()
    }

    @Test func aWrongIDNameOrNumberGivesOneAnswerThatNamesNoField() async throws {
        let exam = try ExamWorld(through: .certified)
        defer { exam.remove() }
        let wang = try exam.ticket(of: ExamWorld.wang.name)
        let chen = try exam.ticket(of: ExamWorld.chen.name)
        let seen = Seen()
        try await exam.world.withBrowser { browser in
            let answers = [
                // wrong name, another person's ID, another person's ticket, a certificate not theirs, an ID nobody has
                try await lookUp(browser, id: ExamWorld.wang.id, name: "王某", number: wang, seen: seen),
                try await lookUp(browser, id: ExamWorld.chen.id, name: ExamWorld.wang.name, number: wang, seen: seen),
                try await lookUp(browser, id: ExamWorld.wang.id, name: ExamWorld.wang.name, number: chen, seen: seen),
                try await lookUp(browser, id: ExamWorld.wang.id, name: ExamWorld.wang.name,
                                 number: try exam.certificate(of: ExamWorld.chen.name), seen: seen),
                try await lookUp(browser, id: "110105194912310038", name: ExamWorld.wang.name, number: wang, seen: seen),
            ]
            // The same page but for what was typed back into the form.
            let shapes = Set(answers.map { $0.body.replacing(/value="[^"]*"/, with: "value=\"\"") })
            #expect(shapes.count == 1)
            for answer in answers {
                #expect(answer.status == .ok)
                #expect(answer.body.contains(Self.noMatch) && answer.body.contains("No candidate record matches"))
                for hidden in ["中式烹调师 五级", "理论一室", "准考证号 <span lang=\"en\">Ticket", Masking.nationalID(ExamWorld.wang.id)] {
                    #expect(!answer.body.contains(hidden))
                }
            }
            // Input nobody could match is told as such: an ID that is no ID, a blank field.
            let malformed = seen.keep(try await browser.post("/candidate", ["id": "110105194912310039", "name": "王𠈌", "number": wang]))
            #expect(malformed.status == .badRequest && malformed.body.contains("身份证号无效") && !malformed.body.contains(Self.noMatch))
            let hostile = seen.keep(try await browser.post("/candidate", ["id": ExamWorld.wang.id, "name": "<script>alert(1)</script>", "number": wang]))
            #expect(hostile.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !hostile.body.contains("<script>alert(1)"))
        }
        // Each lookup recorded, its outcome only.
        let lookups = try exam.auditEvents("candidate.lookup.public")
        #expect(lookups.count == 6)
        #expect(lookups.allSatisfy { $0.actorLogin == "public" && $0.entityKey.isEmpty })
        for event in lookups {
            let kept = "\(event.after ?? "")\(event.before ?? "")\(event.reason ?? "")"
            for personal in [ExamWorld.wang.name, ExamWorld.chen.id, ExamWorld.wang.id, wang, chen, "王某", "127.0.0.1"] {
                #expect(!kept.contains(personal))
            }
        }
        // The ID travels in the body of a POST: neither the address nor the log line holds it.
        for line in exam.world.log.lines { for whole in ExamWorld.wholeIds { #expect(!line.contains(whole)) } }
        seen.expectNoWholeID()
    }

    @Test func lookupsBeyondTheLimitAreRefusedTogetherWithVerifyAndEveryAnswerTakesTheFloor() async throws {
        let exam = try ExamWorld(through: .registered)
        defer { exam.remove() }
        let wang = try exam.ticket(of: ExamWorld.wang.name)
        let seen = Seen()
        try await exam.world.withBrowser { browser in
            seen.keep(try await browser.get("/candidate"))
            for index in 0..<WebApp.publicLookupLimit.lookups {
                let started = ContinuousClock.now
                let answer = seen.keep(try await browser.post("/candidate", [
                    "id": ExamWorld.wang.id, "name": index % 2 == 0 ? ExamWorld.wang.name : "王某", "number": wang]))
                #expect(answer.status == .ok)
                #expect(ContinuousClock.now - started >= WebApp.publicAnswerFloor)
            }
            let refused = seen.keep(try await browser.post("/candidate", ["id": ExamWorld.wang.id, "name": ExamWorld.wang.name, "number": wang]))
            #expect(refused.status == .tooManyRequests)
            #expect(refused.body.contains("查询次数过多") && refused.body.contains("Too many lookups from this address"))
            #expect(!refused.body.contains("理论一室") && !refused.body.contains(Self.noMatch))
            // The same budget as the certificate page's: moving there gives no more tries.
            try await browser.get("/verify")
            #expect(try await browser.post("/verify", ["number": "S000044000123265000001", "name": "王𠈌"]).status == .tooManyRequests)
        }
        #expect(try exam.auditEvents("candidate.lookup.public").count == WebApp.publicLookupLimit.lookups)
        seen.expectNoWholeID()
    }

    @Test func aLookupWithoutThePagesTokenIsRefused() async throws {
        let exam = try ExamWorld(through: .registered)
        defer { exam.remove() }
        let wang = try exam.ticket(of: ExamWorld.wang.name)
        try await exam.world.withBrowser { browser in
            try await browser.get("/candidate")
            let refused = try await browser.post("/candidate", ["id": ExamWorld.wang.id, "name": ExamWorld.wang.name, "number": wang],
                                                 token: .none)
            #expect(refused.status != .ok && !refused.body.contains("理论一室"))
            // Nor is the lookup a GET with the ID in the address.
            #expect(try await browser.get("/candidate?id=\(ExamWorld.wang.id)&name=x&number=\(wang)").body.contains("理论一室") == false)
        }
        #expect(try exam.auditEvents("candidate.lookup.public").isEmpty)
    }

    @Test func theTicketPDFIsOnlyThatCandidatesOwnMaskedWithItsQRAddress() async throws {
        let exam = try ExamWorld(through: .registered)
        defer { exam.remove() }
        let wang = try exam.ticket(of: ExamWorld.wang.name)
        let chen = try exam.ticket(of: ExamWorld.chen.name)
        try await exam.world.withPublicBrowser { browser in
            // Without a lookup first: back to the form.
            #expect(try await browser.get("/candidate/ticket.pdf?ticket=\(wang)").location == "/candidate")
            try await browser.get("/candidate")
            _ = try await browser.post("/candidate", ["id": ExamWorld.wang.id, "name": ExamWorld.wang.name, "number": wang])
            let pdf = try await browser.download("/candidate/ticket.pdf?ticket=\(wang)")
            defer { try? FileManager.default.removeItem(at: pdf.file) }
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(TicketPDFWebTests.savedName(pdf.headers[.contentDisposition] ?? "") == "准考证-\(wang).pdf")
            #expect(try PDFReadBack.pageCount(pdf.file) == 1)
            let text = try PDFReadBack.text(pdf.file)
            for value in [ExamWorld.wang.name, Masking.nationalID(ExamWorld.wang.id), wang, "中式烹调师", "五级/初级工", "中山市甲烹饪培训学校",
                          "中山市丙职业技能评价中心", "理论一室", "实操考评组", "2026-11-21"] {
                #expect(text.contains(value), "the ticket lacks \(value)")
            }
            for other in ExamWorld.wholeIds + [ExamWorld.chen.name, ExamWorld.li.name] { #expect(!text.contains(other)) }
            #expect(try PDFReadBack.qrCodes(pdf.file, page: 1) == ["https://skills.example.gov.cn/verify/ticket/\(wang)"])
            // Someone else's ticket, with her grant: not found.
            #expect(try await browser.download("/candidate/ticket.pdf?ticket=\(chen)").status == .notFound)
        }
    }
}
