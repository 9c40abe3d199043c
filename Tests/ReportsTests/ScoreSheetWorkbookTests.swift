import Foundation
import Testing
import Domain
import Spreadsheet
import Store
import Reports

/// The 评分表 read back as the examiners filling it and the results import reading it would see it.
@Suite struct ScoreSheetWorkbookTests {
    static let headers = [
        "准考证号 Ticket", "姓名 Name", "身份证号 National ID", "科目 Part", "成绩 Score", "缺考/违纪 Absent/Breach", "考评员签名 Examiner",
    ]

    func written(_ sheets: ExamSessionSheets, unmasked: Bool = false) throws -> (XLSXReader, URL) {
        let url = temporaryWorkbookURL("scores")
        try ScoreSheetWorkbook.write(sheets, unmasked: unmasked, to: url)
        return (try XLSXReader(url: url), url)
    }

    @Test func everyRoomHasASheetWithExactlyTheHeadersTheImportReads() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.visibleSheetNames == ["理论一室", "理论二室_东楼", "实操考评组"])
        for name in reader.visibleSheetNames {
            #expect(try reader.rows(sheet: name).row(4)?.cells.map(\.value) == Self.headers, "\(name)")
        }
    }

    @Test func theTitleRowsNameSessionRoomPartAndMarksAndSayHowToFillIn() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: "理论一室")
        #expect(rows.value("A1") == "理论一室 评分表 Score sheet")
        let details = try #require(rows.value("A2"))
        for part in ["场次 Session \(fixture.sessionId)", "考场 Room 理论一室", "科目 Part 理论知识 theory", "满分 Max score 100",
                     "合格线 Pass mark 60", "2026-11-21"] {
            #expect(details.contains(part), "\(part)")
        }
        let notes = try #require(rows.value("A3"))
        #expect(notes.contains("一位小数") && notes.contains("成绩留空") && notes.contains("缺考"))
        #expect(notes.contains("one decimal") && notes.contains("leave the score blank"))
    }

    @Test func eachCandidateOfTheRoomHasALineWithTicketAndPartAsTextAndBlanksToFill() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        let theory = try reader.rows(sheet: "理论一室")
        #expect(theory.row(5)?.cells.compactMap { $0.value.isEmpty ? nil : $0.value }
            == [fixture.ticket(1), "陈大文", "440524********0014", "theory"])
        #expect(theory.row(6)?.cells.compactMap { $0.value.isEmpty ? nil : $0.value }
            == [fixture.ticket(2), "王𠈌", "110105********002X", "theory"])
        #expect(theory.row(7) == nil)
        for reference in ["A5", "D5"] {
            let cell = try #require(theory.cell(reference))
            #expect(cell.kind == .sharedString, "\(reference)")
            #expect(reader.numberFormat(forStyle: try #require(cell.styleIndex))?.isText == true, "\(reference)")
        }
        #expect(theory.value("E5") == nil && theory.value("F5") == nil && theory.value("G5") == nil)
        // A blank cell is not a value the reader returns; its style is in the XML.
        let scoreCell = try #require(try reader.sheetXML("理论一室").components(separatedBy: "<c r=\"E5\"").dropFirst().first)
        let scoreStyle = try #require(WorkbookXML.attribute("s", of: scoreCell).flatMap(Int.init))
        #expect(reader.numberFormat(forStyle: scoreStyle)?.code == "0.0")

        let practical = try reader.rows(sheet: "实操考评组")
        #expect([5, 6, 7].map { practical.value("A\($0)") } == [fixture.ticket(1), fixture.ticket(2), fixture.ticket(3)])
        #expect([5, 6, 7].map { practical.value("D\($0)") } == ["practical", "practical", "practical"])
        #expect(try reader.rows(sheet: "理论二室_东楼").value("B5") == "李四")
    }

    @Test func scoresAreValidatedAsDecimalsUpToTheMaxAndOutcomesAsTheTwoChoices() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try reader.sheetXML("理论一室")
        let score = try #require(WorkbookXML.validation(sqref: "E5:E6", in: sheet))
        #expect(score.contains("type=\"decimal\""))
        #expect(score.contains("<formula1>0</formula1><formula2>100</formula2>"))
        #expect(!score.contains("operator="), "between is the default operator")
        let outcome = try #require(WorkbookXML.validation(sqref: "F5:F6", in: sheet))
        #expect(outcome.contains("type=\"list\"") && outcome.contains("<formula1>\"缺考,违纪\"</formula1>"))
        // The one-candidate room validates its one line.
        let second = try reader.sheetXML("理论二室_东楼")
        #expect(WorkbookXML.validation(sqref: "E5", in: second)?.contains("type=\"decimal\"") == true)
    }

    @Test func idsAreMaskedEverywhereUnlessAskedForWhole() throws {
        let fixture = try ExamSessionFixture()
        let (masked, maskedURL) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: maskedURL) }
        let text = try masked.allText()
        #expect(ExamSessionFixture.wholeIDs.filter { text.contains($0) }.isEmpty)

        let (reader, url) = try written(try fixture.sheets(), unmasked: true)
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: "实操考评组")
        #expect([5, 6, 7].map { rows.value("C\($0)") } == ExamSessionFixture.wholeIDs)
        #expect(rows.value("A2")?.contains("请妥善保管") == true)
        // The warning line pushes nothing down: the header stays on row 4 for the import.
        #expect(rows.row(4)?.cells.map(\.value) == Self.headers)
    }

    @Test func everyRoomPrintsOnePageWideWithTitleNotesAndHeaderRepeated() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try fixture.sheets())
        defer { try? FileManager.default.removeItem(at: url) }
        let workbook = try reader.rawXML(path: "xl/workbook.xml")
        for name in reader.visibleSheetNames {
            let sheet = try reader.sheetXML(name)
            #expect(sheet.contains("paperSize=\"9\"") && sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "\(name)")
            #expect(sheet.contains("<pane ySplit=\"4\""), "\(name)")
            #expect(workbook.contains("'\(name)'!$1:$4"), "\(name)")
        }
    }
}
