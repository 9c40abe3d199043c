import Foundation
import Testing
import Domain
import PDFTestSupport
import Services
import Store

@Suite("Admission tickets printed (准考证 PDF)")
struct TicketPrintTests {
    /// The two candidates' tickets, in ticket order (陈大文's, 王𠈌's).
    static func tickets(_ world: CertifiedCohort) -> [String] {
        (1...2).map { "2026\(Int(world.sessionId).zeroPadded(5))\($0.zeroPadded(4))" }
    }

    @Test("the session's file: a page per candidate with the masked ID, never the whole one, and each QR to its ticket's address")
    func wholeSession() throws {
        let world = try CertifiedCohort()
        let url = temporaryWorkbook("tickets.pdf")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let printed = try ExamReports(store: world.store).admissionTicketsPDF(
            actor: world.admin, sessionId: world.sessionId, address: try PublicAddress("https://skills.example.gov.cn/")
        ) { try prepared(url) }
        #expect(printed.pages == 2)
        let pages = try PDFReadBack.text(url).components(separatedBy: "\u{0C}")
        let tickets = Self.tickets(world)
        for (page, (person, ticket)) in zip(pages, zip([CertifiedCohort.chen, CertifiedCohort.wang], tickets)) {
            for value in [person.name, Masking.nationalID(person.id), ticket, "中式烹调师", "五级/初级工", "中山市甲烹饪培训学校",
                          "中山市丙职业技能评价中心", "理论一室", "实操考评组", "2026-11-21", "不少于 90 分钟"] {
                #expect(page.contains(value), "the page of \(person.name) lacks \(value)")
            }
        }
        let text = pages.joined()
        for whole in CertifiedCohort.wholeNumbers { #expect(!text.contains(whole)) }
        #expect(try PDFReadBack.qrCodes(url, page: 2) == ["https://skills.example.gov.cn/verify/ticket/\(tickets[1])"])
        #expect(try world.disclosures().isEmpty)
    }

    @Test("one candidate's ticket; a ticket the session does not have is not found and writes nothing")
    func oneCandidate() throws {
        let world = try CertifiedCohort()
        let url = temporaryWorkbook("one.pdf")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let wang = Self.tickets(world)[1]
        let printed = try ExamReports(store: world.store).admissionTicketsPDF(
            actor: world.admin, sessionId: world.sessionId, selection: .ticket(number: wang)) { try prepared(url) }
        #expect(printed.pages == 1)
        let text = try PDFReadBack.text(url)
        #expect(text.contains("王𠈌") && !text.contains("陈大文"))
        #expect(try PDFReadBack.qrCodes(url, page: 1) == ["http://127.0.0.1:8080/verify/ticket/\(wang)"])

        let never = temporaryWorkbook("never.pdf")
        #expect(throws: StoreError.notFound(kind: "场次 \(world.sessionId) 的准考证 admission ticket in session \(world.sessionId)",
                                            key: "2099000010001")) {
            try ExamReports(store: world.store).admissionTicketsPDF(
                actor: world.admin, sessionId: world.sessionId, selection: .ticket(number: "2099000010001")) { try prepared(never) }
        }
        #expect(!FileManager.default.fileExists(atPath: never.path))
    }

    @Test("per institution: the school's candidates; the school's clerk gets her own, and whole IDs only with a recorded reason")
    func perInstitution() throws {
        let world = try CertifiedCohort()
        let url = temporaryWorkbook("school.pdf")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let reports = ExamReports(store: world.store)
        #expect(try reports.admissionTicketsPDF(actor: world.admin, sessionId: world.sessionId,
                                                selection: .institution(id: world.schoolId)) { try prepared(url) }.pages == 2)
        #expect(throws: StoreError.self) {
            try reports.admissionTicketsPDF(actor: world.admin, sessionId: world.sessionId, selection: .institution(id: 9999)) {
                try prepared(url)
            }
        }
        let whole = temporaryWorkbook("whole.pdf")
        defer { try? FileManager.default.removeItem(at: whole.deletingLastPathComponent()) }
        #expect(try reports.admissionTicketsPDF(actor: world.clerk, sessionId: world.sessionId,
                                                disclosure: .whole(reason: "考生本人领取 collected in person")) { try prepared(whole) }.pages == 2)
        #expect(try PDFReadBack.text(whole).contains(CertifiedCohort.wang.id))
        #expect(try world.disclosures().count == 1)
    }

    @Test("a public address that is not an http(s) URL is refused, naming the value")
    func badAddress() {
        for text in ["skills.example.gov.cn", "ftp://skills.example.gov.cn", "https://", "https://x.cn/?a=1"] {
            #expect(throws: PublicAddressError(value: text)) { try PublicAddress(text) }
        }
        #expect((try? PublicAddress("https://x.cn/verify-root/"))?.certificateVerification("A B") == "https://x.cn/verify-root/verify?number=A%20B")
    }
}
