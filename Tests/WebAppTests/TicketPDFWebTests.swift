import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import PDFTestSupport
import Services
@testable import Store
@testable import WebApp

/// Admission tickets as PDF from the web (issue 18 point 2): the clerk's own candidates of a
/// session, per candidate and as one file; the bureau's per session and per institution; masked,
/// whole IDs only for a reason that is audited; read back with pdftotext and zbar.
@Suite(.serialized) struct TicketPDFWebTests {
    /// The Chinese name a browser saves a download under (`filename*`).
    static func savedName(_ disposition: String) -> String? {
        disposition.components(separatedBy: "filename*=UTF-8''").dropFirst().first?.removingPercentEncoding
    }

    func path(_ exam: ExamWorld, _ query: String = "") -> String { "/sessions/\(exam.sessionId)/tickets.pdf\(query)" }

    @Test func signedOutIsSentToSignInAndAnExaminerIsRefused() async throws {
        let exam = try ExamWorld(through: .registered)
        defer { exam.remove() }
        try await exam.world.withBrowser { browser in
            #expect(try await browser.get(path(exam)).location == "/signin")
            try await browser.signInFirstTime("exam.1")
            let refused = try await browser.get(path(exam))
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("准考证由培训机构和人社局打印"))
        }
    }

    @Test func theClerksFileHasHerCandidatesEachFieldMaskedAndEachQRToItsTicketsAddress() async throws {
        let exam = try ExamWorld(through: .registered)
        defer { exam.remove() }
        let tickets = try exam.tickets()
        let own = tickets.filter { $0.1 != ExamWorld.li.name }
        try await exam.world.withPublicBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let download = try await browser.download(path(exam))
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/pdf")
            let disposition = try #require(download.headers[.contentDisposition])
            #expect(disposition.contains("filename=\"tickets-session-\(exam.sessionId).pdf\""))
            #expect(Self.savedName(disposition) == "准考证-2026-11-21-中式烹调师 五级·初级工.pdf")
            #expect(try PDFReadBack.pageCount(download.file) == 2)
            let pages = try PDFReadBack.text(download.file).components(separatedBy: "\u{0C}")
            for (index, (ticket, name)) in own.enumerated() {
                let person = name == ExamWorld.chen.name ? ExamWorld.chen : ExamWorld.wang
                for value in [name, Masking.nationalID(person.id), ticket, "中式烹调师", "五级/初级工", "中山市甲烹饪培训学校",
                              "中山市丙职业技能评价中心", "理论一室", "实操考评组", "2026-11-21"] {
                    #expect(pages[index].contains(value), "the page of \(name) lacks \(value)")
                }
                #expect(try PDFReadBack.qrCodes(download.file, page: index + 1) == ["https://skills.example.gov.cn/verify/ticket/\(ticket)"])
            }
            let text = pages.joined()
            #expect(!text.contains(ExamWorld.li.name), "another school's candidate is not hers")
            for whole in ExamWorld.wholeIds { #expect(!text.contains(whole)) }

            // One candidate's ticket, from the link beside it.
            let wang = try exam.ticket(of: ExamWorld.wang.name)
            let one = try await browser.download(path(exam, "?ticket=\(wang)"))
            defer { try? FileManager.default.removeItem(at: one.file) }
            #expect(one.status == .ok && (one.headers[.contentDisposition] ?? "").contains("ticket-\(wang).pdf"))
            #expect(try PDFReadBack.pageCount(one.file) == 1)
            let oneText = try PDFReadBack.text(one.file)
            #expect(oneText.contains(ExamWorld.wang.name) && !oneText.contains(ExamWorld.chen.name))
            #expect(try PDFReadBack.qrCodes(one.file, page: 1) == ["https://skills.example.gov.cn/verify/ticket/\(wang)"])

            // Another school's candidate, another school, a session that is not there: nothing to download.
            let li = try exam.ticket(of: ExamWorld.li.name)
            for other in [path(exam, "?ticket=\(li)"), path(exam, "?institution=\(exam.world.schoolB.id!)"), path(exam, "?institution=x"),
                          "/sessions/999/tickets.pdf", path(exam, "?ticket=\(li)").replacingOccurrences(of: "?", with: "/whole?")] {
                #expect(try await browser.get(other).status == .notFound, "\(other)")
            }
        }
        #expect(try exam.auditEvents("person.disclose").isEmpty, "a masked download discloses nobody")
    }

    @Test func theClerksPagesLinkThePDFBesideTheWorkbook() async throws {
        let exam = try ExamWorld(through: .registered)
        defer { exam.remove() }
        let wang = try exam.ticket(of: ExamWorld.wang.name)
        try await exam.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let cohort = try await browser.get("/cohorts/\(exam.cohortId)")
            #expect(cohort.body.contains("href=\"/sessions/\(exam.sessionId)/tickets\""))
            #expect(cohort.body.contains("href=\"/sessions/\(exam.sessionId)/tickets.pdf\""))
            let registration = try await browser.get("/cohorts/\(exam.cohortId)/sessions/\(exam.sessionId)/register")
            #expect(registration.body.contains("href=\"/sessions/\(exam.sessionId)/tickets.pdf\""))
            #expect(registration.body.contains("href=\"/sessions/\(exam.sessionId)/tickets.pdf?ticket=\(wang)\""))
        }
    }

    @Test func wholeIDsOnlyWithAReasonThatIsAudited() async throws {
        let exam = try ExamWorld(through: .registered)
        defer { exam.remove() }
        let wang = try exam.ticket(of: ExamWorld.wang.name)
        try await exam.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let form = try await browser.get(path(exam, "?ticket=\(wang)").replacingOccurrences(of: "?", with: "/whole?"))
            #expect(form.status == .ok)
            // The form keeps the query: it posts for this ticket and offers this ticket masked.
            #expect(form.body.contains("action=\"/sessions/\(exam.sessionId)/tickets.pdf/whole?ticket=\(wang)\""))
            #expect(form.body.contains("href=\"/sessions/\(exam.sessionId)/tickets.pdf?ticket=\(wang)\""))
            let blank = try await browser.post(path(exam, "/whole?ticket=\(wang)"), ["reason": "  "])
            #expect(blank.status == .badRequest && blank.body.contains("显示完整的身份证号和手机号须说明理由"))
            let forged = try await browser.post(path(exam, "/whole?ticket=\(wang)"), ["reason": "x"], token: .none)
            #expect(forged.status != .ok)
            #expect(try exam.auditEvents("person.disclose").isEmpty)

            try await browser.get(path(exam, "/whole?ticket=\(wang)"))
            let whole = try await browser.downloadPosted(path(exam, "/whole?ticket=\(wang)"), ["reason": "考生本人领取 collected in person"])
            defer { try? FileManager.default.removeItem(at: whole.file) }
            #expect(whole.status == .ok)
            let text = try PDFReadBack.text(whole.file)
            #expect(text.contains(ExamWorld.wang.id) && !text.contains(ExamWorld.chen.id))
        }
        let events = try exam.auditEvents("person.disclose")
        #expect(events.count == 1)
        #expect(events.first?.actorLogin == "clerk.a" && events.first?.reason == "考生本人领取 collected in person")
    }

    @Test func theBureauPrintsTheSessionAndEachInstitution() async throws {
        let exam = try ExamWorld(through: .registered)
        defer { exam.remove() }
        try await exam.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let all = try await browser.download(path(exam))
            defer { try? FileManager.default.removeItem(at: all.file) }
            #expect(all.status == .ok)
            #expect(try PDFReadBack.pageCount(all.file) == 3)
            #expect(try PDFReadBack.text(all.file).contains(ExamWorld.li.name))
            // The server's own address when no public one was given.
            let li = try exam.ticket(of: ExamWorld.li.name)
            #expect(try PDFReadBack.qrCodes(all.file, page: 3).first?.hasSuffix("/verify/ticket/\(li)") == true)

            let school = try await browser.download(path(exam, "?institution=\(exam.world.schoolB.id!)"))
            defer { try? FileManager.default.removeItem(at: school.file) }
            #expect(school.status == .ok)
            #expect(try PDFReadBack.pageCount(school.file) == 1)
            let disposition = school.headers[.contentDisposition] ?? ""
            #expect(disposition.contains("tickets-session-\(exam.sessionId)-institution-\(exam.world.schoolB.id!).pdf"))
            #expect(Self.savedName(disposition) == "准考证-2026-11-21-中式烹调师 五级·初级工-中山市乙家政培训中心.pdf")
            let text = try PDFReadBack.text(school.file)
            #expect(text.contains(ExamWorld.li.name) && !text.contains(ExamWorld.wang.name) && !text.contains(ExamWorld.li.id))
            #expect(try await browser.get(path(exam, "?institution=9999")).status == .notFound)
        }
    }
}
