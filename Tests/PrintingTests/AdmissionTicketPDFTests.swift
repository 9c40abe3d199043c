import Foundation
import Testing
import Domain
import PDFTestSupport
@testable import Printing

@Suite("Admission tickets as PDF")
struct AdmissionTicketPDFTests {
    static let wang = AdmissionTicket(
        ticketNumber: "2026120700012", name: "王𠈌", sex: "女", nationalId: "110105********002X", occupation: "中式烹调师",
        level: "五级/初级工", subTrade: nil, institution: "中山市甲烹饪培训学校", body: "中山市丙职业技能评价中心",
        examDate: "2026-12-07",
        sittings: [.init(part: .theory, room: "第一理论考场", seat: 7, minimumMinutes: 90),
                   .init(part: .practical, room: "实操一组", seat: 3, minimumMinutes: 60)],
        verificationURL: "http://127.0.0.1:8080/verify/ticket/2026120700012")
    static let chen = AdmissionTicket(
        ticketNumber: "2026120700013", name: "陈大文", sex: "男", nationalId: "440524********0014", occupation: "家政服务员",
        level: "四级/中级工", subTrade: "母婴护理员", institution: nil, body: "中山市丙职业技能评价中心", examDate: "2026-12-07",
        sittings: [.init(part: .theory, room: "第二理论考场", seat: 12, minimumMinutes: 90)],
        verificationURL: "https://skills.example.gov.cn/verify/ticket/2026120700013")

    @Test("one page per candidate, every field printed, the rare character as it is")
    func everyField() throws {
        let url = temporaryPDF("tickets")
        defer { try? FileManager.default.removeItem(at: url) }
        try AdmissionTicketPDF.write([Self.wang, Self.chen], title: "准考证", to: url)

        #expect(try PDFReadBack.pageCount(url) == 2)
        let pages = try PDFReadBack.text(url).components(separatedBy: "\u{0C}")
        let first = pages[0], second = pages[1]
        for value in ["准考证", "2026120700012", "王𠈌", "女", "110105********002X", "中式烹调师", "五级/初级工",
                      "中山市甲烹饪培训学校", "中山市丙职业技能评价中心", "理论知识", "第一理论考场", "7", "操作技能", "实操一组",
                      "2026-12-07", "不少于 90 分钟", "不少于 60 分钟", "照片", "考场规则", "http://127.0.0.1:8080/verify/ticket/2026120700012"] {
            #expect(first.contains(value), "page 1 lacks \(value)")
        }
        for value in ["2026120700013", "陈大文", "家政服务员（母婴护理员）", "四级/中级工", "个人报名", "第二理论考场", "12"] {
            #expect(second.contains(value), "page 2 lacks \(value)")
        }
        #expect(!second.contains("王𠈌"))
    }

    @Test("each page's QR code holds that ticket's verification address")
    func qrCodes() throws {
        let url = temporaryPDF("tickets")
        defer { try? FileManager.default.removeItem(at: url) }
        try AdmissionTicketPDF.write([Self.wang, Self.chen], title: "准考证", to: url)
        #expect(try PDFReadBack.qrCodes(url, page: 1) == ["http://127.0.0.1:8080/verify/ticket/2026120700012"])
        #expect(try PDFReadBack.qrCodes(url, page: 2) == ["https://skills.example.gov.cn/verify/ticket/2026120700013"])
    }

    @Test("the CJK fonts are embedded, so the print shop needs none")
    func fontsEmbedded() throws {
        let url = temporaryPDF("tickets")
        defer { try? FileManager.default.removeItem(at: url) }
        try AdmissionTicketPDF.write([Self.wang], title: "准考证", to: url)
        let fonts = try PDFReadBack.fonts(url)
        #expect(fonts.contains { $0.contains("NotoSansCJK") })
        #expect(fonts.contains { $0.contains("NotoSerifCJK") })
        // pdffonts' "emb" column: every font embedded.
        #expect(!fonts.isEmpty && fonts.allSatisfy { $0.split(separator: " ", omittingEmptySubsequences: true).contains("yes") })
    }

    @Test("a folder that does not exist is an error naming the file")
    func unwritable() {
        let url = URL(fileURLWithPath: "/nonexistent-folder/tickets.pdf")
        #expect(throws: PrintingError.self) { try AdmissionTicketPDF.write([Self.wang], title: "准考证", to: url) }
        do {
            try AdmissionTicketPDF.write([Self.wang], title: "准考证", to: url)
        } catch {
            #expect(error.chinese.contains("/nonexistent-folder/tickets.pdf"))
            #expect(error.english.contains("cannot write the PDF file"))
        }
    }

    @Test("a QR code of a few hundred characters encodes; one beyond the format's capacity is refused")
    func qrCapacity() throws {
        #expect(try QRCode(String(repeating: "a", count: 300)).size > 21)
        #expect(throws: PrintingError.self) { try QRCode(String(repeating: "a", count: 4000)) }
    }
}
