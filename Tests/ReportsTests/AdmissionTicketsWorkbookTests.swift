import Foundation
import Testing
import Domain
import Spreadsheet
import Store
import Reports

/// The 准考证 list read back as the evaluation body printing tickets from it would see it.
@Suite struct AdmissionTicketsWorkbookTests {
    static let sheet = "准考证 Admission tickets"

    func written(_ sheets: ExamSessionSheets, unmasked: Bool = false) throws -> (XLSXReader, [XLSXRow], URL) {
        let url = temporaryWorkbookURL("tickets")
        try AdmissionTicketsWorkbook.write(sheets, unmasked: unmasked, to: url)
        let reader = try XLSXReader(url: url)
        return (reader, try reader.rows(sheet: Self.sheet), url)
    }

    @Test func everyCandidateIsListedInTicketOrderWithARoomAndSeatInEveryPart() throws {
        let fixture = try ExamSessionFixture()
        let (_, rows, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.row(3)?.cells.map(\.value) == [
            "准考证号 Ticket", "姓名 Name", "性别 Sex", "身份证号 National ID", "培训机构 Institution",
            "理论知识 考场 Theory room", "理论知识 座位 Theory seat", "操作技能 考场 Practical room", "操作技能 座位 Practical seat",
            "考试日期 Exam date",
        ])
        #expect(rows.row(4)?.cells.map(\.value) == [
            fixture.ticket(1), "陈大文", "男", "440524********0014", "中山市甲烹饪培训学校", "理论一室", "1", "实操考评组", "1", "46347",
        ])
        #expect(rows.row(5)?.cells.map(\.value) == [
            fixture.ticket(2), "王𠈌", "女", "110105********002X", "中山市甲烹饪培训学校", "理论一室", "2", "实操考评组", "2", "46347",
        ])
        // The first theory room seats two, so the third candidate sits in the second.
        #expect(rows.row(6)?.cells.map(\.value) == [
            fixture.ticket(3), "李四", "男", "340524********001X", "个人报名 Self-applied", "理论二室/东楼", "1", "实操考评组", "3", "46347",
        ])
        #expect(rows.row(7) == nil)
    }

    @Test func ticketsAreTextSeatsNumbersAndTheExamDateADate() throws {
        let fixture = try ExamSessionFixture()
        let (reader, rows, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        let ticket = try #require(rows.cell("A4"))
        #expect(ticket.kind == .sharedString)
        #expect(reader.numberFormat(forStyle: try #require(ticket.styleIndex))?.isText == true)
        #expect(rows.cell("G4")?.kind == .number)
        let date = try #require(rows.cell("J4"))
        #expect(date.kind == .date && date.value == "46347")
    }

    @Test func idsAreMaskedEverywhereInTheFileUnlessAskedForWhole() throws {
        let fixture = try ExamSessionFixture()
        let (masked, maskedRows, maskedURL) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: maskedURL) }
        let text = try masked.allText()
        #expect(ExamSessionFixture.wholeIDs.filter { text.contains($0) }.isEmpty)
        #expect(maskedRows.value("A2")?.contains("请妥善保管") == false)

        let (_, rows, url) = try written(try fixture.sheets(), unmasked: true)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("D4") == ExamSessionFixture.chen.id)
        #expect(rows.value("D5") == ExamSessionFixture.wang.id)
        #expect(rows.value("A2")?.contains("请妥善保管") == true)
    }

    @Test func theTitleNamesBodyTargetAndDateOverEveryColumn() throws {
        let fixture = try ExamSessionFixture()
        let (reader, rows, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("A1") == "中山市丙职业技能评价中心 中式烹调师 五级/初级工 准考证 考试日期 2026-11-21")
        let details = try #require(rows.value("A2"))
        for part in ["场次 Session \(fixture.sessionId)", "理论知识（不少于 90 分钟）", "操作技能（不少于 60 分钟）", "3 人"] {
            #expect(details.contains(part), "\(part)")
        }
        let sheet = try reader.sheetXML(Self.sheet)
        #expect(sheet.contains("<mergeCell ref=\"A1:J1\"/>") && sheet.contains("<mergeCell ref=\"A2:J2\"/>"))
    }

    @Test func theListIsPrintReadyWithItsHeaderFrozen() throws {
        let fixture = try ExamSessionFixture()
        let (reader, _, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try reader.sheetXML(Self.sheet)
        #expect(sheet.contains("<pane ySplit=\"3\""))
        #expect(sheet.contains("orientation=\"landscape\"") && sheet.contains("paperSize=\"9\""))
        #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>") && sheet.contains("fitToHeight=\"0\""))
        #expect(sheet.contains("<autoFilter ref=\"A3:J6\"/>"))
        #expect(try reader.rawXML(path: "xl/workbook.xml").contains("'准考证 Admission tickets'!$1:$3"))
    }

    @Test func anInstitutionsListHoldsOnlyItsOwnCandidates() throws {
        let fixture = try ExamSessionFixture()
        let (_, rows, url) = try written(try fixture.clerkSheets())
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.filter { $0.number > 3 }.compactMap { $0.cells.first?.value } == [fixture.ticket(1), fixture.ticket(2)])
        #expect(rows.value("A2")?.contains("2 人") == true)
    }
}
