import Foundation
import Testing
import Domain
import Spreadsheet
import Store
@testable import Reports

/// The 签到表 read back as the invigilators of each room would print and use it.
@Suite struct SignInSheetWorkbookTests {
    func written(_ sheets: ExamSessionSheets, unmasked: Bool = false) throws -> (XLSXReader, URL) {
        let url = temporaryWorkbookURL("sign-in")
        try SignInSheetWorkbook.write(sheets, unmasked: unmasked, to: url)
        return (try XLSXReader(url: url), url)
    }

    @Test func everyRoomHasItsOwnSheetNamedAfterItAsExcelAllows() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.visibleSheetNames == ["理论一室", "理论二室_东楼", "实操考评组"])
        #expect(try reader.rows(sheet: "理论二室_东楼").value("A1") == "理论二室/东楼 考生签到表 Sign-in sheet")
    }

    @Test func eachRoomListsItsCandidatesInSeatOrderWithBlankSignatureCells() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        let theory = try reader.rows(sheet: "理论一室")
        #expect(theory.row(3)?.cells.map(\.value) == [
            "座位号 Seat", "准考证号 Ticket", "姓名 Name", "身份证号 National ID", "签名 Signature", "备注 Notes",
        ])
        #expect(theory.row(4)?.cells.compactMap { $0.value.isEmpty ? nil : $0.value }
            == ["1", fixture.ticket(1), "陈大文", "440524********0014"])
        #expect(theory.row(5)?.cells.compactMap { $0.value.isEmpty ? nil : $0.value }
            == ["2", fixture.ticket(2), "王𠈌", "110105********002X"])
        #expect(theory.value("E4") == nil && theory.value("F4") == nil)
        #expect(theory.cell("B4")?.kind == .sharedString)

        let second = try reader.rows(sheet: "理论二室_东楼")
        #expect(second.value("C4") == "李四" && second.value("A4") == "1")
        let practical = try reader.rows(sheet: "实操考评组")
        #expect([4, 5, 6].map { practical.value("C\($0)") } == ["陈大文", "王𠈌", "李四"])
        #expect([4, 5, 6].map { practical.value("A\($0)") } == ["1", "2", "3"])
    }

    @Test func theTitleLinesNameSessionRoomPartAndDate() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: "实操考评组")
        #expect(rows.value("A1") == "实操考评组 考生签到表 Sign-in sheet")
        let details = try #require(rows.value("A2"))
        for part in ["中山市丙职业技能评价中心 中式烹调师 五级/初级工", "场次 Session \(fixture.sessionId)", "考场 Room 实操考评组",
                     "科目 Part 操作技能 practical", "2026-11-21"] {
            #expect(details.contains(part), "\(part)")
        }
    }

    @Test func rowsAreTallEnoughToSign() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try reader.sheetXML("理论一室")
        for row in [4, 5] {
            #expect(sheet.contains("<row r=\"\(row)\" spans=\"1:6\" ht=\"30\" customHeight=\"1\">"), "row \(row)")
        }
    }

    @Test func aStaffBlockCountsTheCandidatesAndNamesWhoSigns() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        let theory = try reader.rows(sheet: "理论一室")
        #expect(theory.value("A7") == "应考人数 Candidates")
        #expect(theory.cell("C7")?.formula == "COUNTA(C4:C5)" && theory.value("C7") == "2")
        #expect(theory.value("D7") == "实到人数 Present")
        #expect(theory.value("A9") == "监考员 Invigilator：张监考" && theory.value("A10") == "监考员 Invigilator：刘监考")
        #expect(theory.value("D9")?.hasPrefix("签名 Signature：") == true)

        let practical = try reader.rows(sheet: "实操考评组")
        #expect(practical.value("C8") == "3")
        #expect(practical.value("A10") == "考评员 Examiner：黄考评")
        // Nobody is assigned to the second theory room yet: a line to write the name in by hand.
        let second = try reader.rows(sheet: "理论二室_东楼")
        #expect(second.value("A8") == "监考员 Invigilator：")
    }

    @Test func idsAreMaskedEverywhereUnlessAskedForWhole() throws {
        let fixture = try ExamSessionFixture()
        let (masked, maskedURL) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: maskedURL) }
        let text = try masked.allText()
        #expect(ExamSessionFixture.wholeIDs.filter { text.contains($0) }.isEmpty)

        let (reader, url) = try written(try fixture.sheets(), unmasked: true)
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: "理论二室_东楼")
        #expect(rows.value("D4") == ExamSessionFixture.li.id)
        #expect(rows.value("A2")?.contains("请妥善保管") == true)
    }

    @Test func everyRoomPrintsUprightOnePageWideWithItsHeaderRepeated() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        let workbook = try reader.rawXML(path: "xl/workbook.xml")
        for name in reader.visibleSheetNames {
            let sheet = try reader.sheetXML(name)
            #expect(sheet.contains("orientation=\"portrait\"") && sheet.contains("paperSize=\"9\""), "\(name)")
            #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "\(name)")
            #expect(sheet.contains("<pane ySplit=\"3\""), "\(name)")
            #expect(workbook.contains("'\(name)'!$1:$3"), "\(name)")
        }
    }

    @Test func anInstitutionGetsANoteInsteadOfRoomSheets() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.clerkSheets())
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.visibleSheetNames == ["说明 Note"])
        #expect(try reader.rows(sheet: "说明 Note").value("A1")?.contains("准考证") == true)
    }

    @Test func sheetNamesAreShortenedMendedAndKeptApart() {
        let long = String(repeating: "理论", count: 20)
        let names = SheetName.safe(["实操[A]组:上午*?", long, long, "理论一室", "理论一室", "HISTORY", "'引号'", "///", "𠈌" + long, " '' "])
        #expect(names[0] == "实操_A_组_上午__")
        #expect(names[1] == String(long.prefix(31)))
        #expect(names[2] == String(long.prefix(27)) + " (2)")
        #expect(names[3] == "理论一室" && names[4] == "理论一室 (2)")
        #expect(names[5] == "HISTORY (2)")
        #expect(names[6] == "引号")
        #expect(names[7] == "___")
        // 𠈌 takes two of Excel's 31 units.
        #expect(names[8] == "𠈌" + String(long.prefix(29)))
        #expect(names[9] == "Sheet")
        #expect(names.allSatisfy { $0.utf16.count <= 31 })
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
    }
}
