import Foundation
import Testing
import Spreadsheet
@testable import Reports

/// Any listing as a workbook, read back as a user opening the download would see it.
@Suite struct ListingWorkbookTests {
    static let columns = [ListingWorkbook.Column("姓名 Name"), ListingWorkbook.Column("身份证号 National ID"),
                          ListingWorkbook.Column("学时 Hours", .integer), ListingWorkbook.Column("备注 Note")]

    func written(_ rows: [[ListingWorkbook.Cell]], rowsPerSheet: Int? = nil) throws -> (XLSXReader, URL) {
        let url = temporaryWorkbookURL("listing")
        let workbook = try ListingWorkbook(title: "学员 Trainees", details: ["筛选 Filter：镇街 石岐街道"], sheetName: "学员 Trainees",
                                           columns: Self.columns, to: url, rowsPerSheet: rowsPerSheet)
        for row in rows { try workbook.append(row) }
        #expect(workbook.count == rows.count)
        try workbook.finish()
        return (try XLSXReader(url: url), url)
    }

    @Test func titleFilterLineHeaderAndRowsWithTheHeaderFrozenAndFilterButtons() throws {
        let (reader, url) = try written([
            [.text("陈大文"), .text("440524********0014"), .integer(80), .text(nil)],
            [.text("王𠈌"), .text("110105********002X"), .integer(nil), .text("补考")],
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.sheetNames == ["学员 Trainees"])
        let rows = try reader.rows(sheet: "学员 Trainees")
        #expect(rows.value("A1") == "学员 Trainees")
        #expect(rows.value("A2") == "筛选 Filter：镇街 石岐街道")
        #expect(rows.row(3)?.cells.map(\.value) == ["姓名 Name", "身份证号 National ID", "学时 Hours", "备注 Note"])
        #expect(rows.row(4)?.cells.map(\.value) == ["陈大文", "440524********0014", "80"])
        #expect(rows.cell("C4")?.kind == .number)
        #expect(rows.cell("B5")?.kind == .inlineString && rows.value("B5") == "110105********002X")
        #expect(rows.value("C5") == nil && rows.value("D5") == "补考")
        let sheet = try WorkbookXML(reader).sheet(1)
        #expect(sheet.contains("<pane ySplit=\"3\""))
        #expect(sheet.contains("<autoFilter ref=\"A3:D5\"/>"))
        #expect(sheet.contains("<mergeCell ref=\"A1:D1\"/>"))
    }

    @Test func columnsAreAsWideAsTheirTextsWithinBounds() throws {
        let long = String(repeating: "很长的备注", count: 40)
        let (reader, url) = try written([[.text("欧阳大文"), .text("440524********0014"), .integer(8), .text(long)]])
        defer { try? FileManager.default.removeItem(at: url) }
        let cols = WorkbookXML.elements("col", in: WorkbookXML.section("cols", of: try WorkbookXML(reader).sheet(1)))
        let widths = cols.compactMap { WorkbookXML.attribute("width", of: $0).flatMap(Double.init) }
        try #require(widths.count == 4)
        // 欧阳大文 is 8 units wide (a Chinese character takes two) and the ID 18; the header
        // "National" decides the ID column no more than its widest word; the note stops at 60.
        #expect(widths[0] >= 10 && widths[0] < 12, "\(widths)")
        #expect(widths[1] >= 20 && widths[1] < 22, "\(widths)")
        #expect(widths[2] >= 8 && widths[2] < 10, "\(widths)")
        #expect(widths[3] >= 60 && widths[3] < 61, "\(widths)")
    }

    @Test func textThatLooksLikeAFormulaStaysTextWithTheQuotePrefix() throws {
        let (reader, url) = try written([[.text("=HYPERLINK(\"http://x\")"), .text("+8613800138000"), .integer(1), .text("-1")]])
        defer { try? FileManager.default.removeItem(at: url) }
        let xml = try WorkbookXML(reader)
        let formats = WorkbookXML.elements("xf", in: WorkbookXML.section("cellXfs", of: xml.styles))
        let rows = try reader.rows(sheet: "学员 Trainees")
        for reference in ["A4", "B4", "D4"] {
            let cell = try #require(rows.cell(reference))
            #expect(cell.formula == nil && cell.kind == .inlineString, "\(reference)")
            #expect(formats[try #require(cell.styleIndex)].contains("quotePrefix=\"1\""), "\(reference)")
        }
        #expect(rows.value("A4") == "=HYPERLINK(\"http://x\")")
    }

    @Test func aTextLongerThanACellIsCutWithANoteAndANulDropped() throws {
        let long = String(repeating: "审", count: 40_000)
        let (reader, url) = try written([[.text("陈\u{0}大文"), .text(nil), .integer(nil), .text(long)]])
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: "学员 Trainees")
        #expect(rows.value("A4") == "陈大文")
        let cut = try #require(rows.value("D4"))
        #expect(cut.hasSuffix("…（已截断 cut）") && cut.utf16.count == 32_767)
    }

    @Test func aListingLongerThanASheetGoesOnInTheNextUnderTheSameHead() throws {
        let people = (1...7).map { (number: Int) in [ListingWorkbook.Cell.text("学员\(number)"), .text(nil), .integer(number), .text(nil)] }
        let (reader, url) = try written(people, rowsPerSheet: 3)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.sheetNames == ["学员 Trainees", "学员 Trainees (2)", "学员 Trainees (3)"])
        let third = try reader.rows(sheet: "学员 Trainees (3)")
        #expect(third.value("A1") == "学员 Trainees（续 3 continued）")
        #expect(third.row(3)?.cells.map(\.value) == ["姓名 Name", "身份证号 National ID", "学时 Hours", "备注 Note"])
        #expect(third.value("A4") == "学员7" && third.row(5) == nil)
        let counts = try reader.sheetNames.map { try reader.rows(sheet: $0).count - 3 }
        #expect(counts == [3, 3, 1])
        #expect(try WorkbookXML(reader).sheet(3).contains("<autoFilter ref=\"A3:D4\"/>"))
    }

    @Test func anEmptyListingStillHasItsHeadAndOneRowOfGrid() throws {
        let (reader, url) = try written([])
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: "学员 Trainees")
        #expect(rows.row(3)?.cells.map(\.value) == ["姓名 Name", "身份证号 National ID", "学时 Hours", "备注 Note"])
        #expect(try WorkbookXML(reader).sheet(1).contains("<autoFilter ref=\"A3:D4\"/>"))
    }

    @Test func aListingAbandonedHalfWayLeavesNoFile() throws {
        let url = temporaryWorkbookURL("listing")
        let workbook = try ListingWorkbook(title: "学员", sheetName: "学员", columns: Self.columns, to: url)
        for _ in 0..<300 { try workbook.append([.text("陈大文")]) }
        workbook.abandon()
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
