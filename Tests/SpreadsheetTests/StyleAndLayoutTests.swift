import Foundation
import Spreadsheet
import Testing

@Suite struct StyleAndLayoutTests {
    @Test func eachDistinctStyleBecomesOneFormat() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("Sheet1")
            for row in 0..<200 {
                try sheet.write(.text("姓名\(row)"), row: row, column: 0, style: .cell)
                try sheet.write(.number(Double(row) * 1.5), row: row, column: 1, style: .money)
                try sheet.write(.number(0.5), row: row, column: 2, style: .money.with { $0.bold = true })
            }
        }
        let styles = try reader.rawXML(path: "xl/styles.xml")
        // The default format plus the three styles used, however many cells use them.
        #expect(styles.contains("<cellXfs count=\"4\">"))
        let money = try #require(try reader.cell("B2", sheet: "Sheet1")?.styleIndex)
        #expect(try reader.cell("B200", sheet: "Sheet1")?.styleIndex == money)
        #expect(reader.numberFormat(forStyle: money)?.code == "#,##0.00")
        #expect(reader.numberFormat(forStyle: money)?.isDate == false)
    }

    @Test func textStyleIsReportedAsTextFormat() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("Sheet1")
            try sheet.write(.text("440524188001010014"), row: 0, column: 0, style: .text)
            try sheet.write(.number(0.25), row: 0, column: 1, style: .percent)
        }
        let id = try #require(try reader.cell("A1", sheet: "Sheet1"))
        let idStyle = try #require(id.styleIndex)
        let format = try #require(reader.numberFormat(forStyle: idStyle))
        #expect(format.isText && format.id == 49 && format.code == "@")
        let percent = try #require(try reader.cell("B1", sheet: "Sheet1")?.styleIndex)
        #expect(reader.numberFormat(forStyle: percent)?.code == "0.0%")
        #expect(reader.numberFormat(forStyle: percent)?.isText == false)
        #expect(reader.numberFormat(forStyle: 999) == nil)
    }

    @Test func headerStyleCarriesBoldBorderFillAndWrap() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            try workbook.addSheet("Sheet1").write(.text("身份证号"), row: 0, column: 0, style: .header)
        }
        let styles = try reader.rawXML(path: "xl/styles.xml")
        #expect(styles.contains("<b/>"))
        #expect(styles.contains("<left style=\"thin\">"))
        #expect(styles.contains("rgb=\"FFD9E1F2\""))
        #expect(styles.contains("wrapText=\"1\""))
        #expect(styles.contains("horizontal=\"center\""))
    }

    @Test func paneFilterWidthsHeightsAndVisibilityReachTheFile() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let roster = try workbook.addSheet("名册")
            let notes = try workbook.addSheet("说明")
            let archive = try workbook.addSheet("Archive")
            try roster.writeRow([.text("姓名"), .text("身份证号"), .text("等级")], row: 0, style: .header)
            try roster.freezePanes(row: 1, column: 0)
            try roster.autofilter(firstRow: 0, firstColumn: 0, lastRow: 20, lastColumn: 2)
            try roster.setColumnWidth(0, width: 12)
            try roster.setColumnWidth(1, 2, width: 22.5, style: .text)
            try roster.setColumnWidth(5, width: 8, hidden: true)
            try roster.setRowHeight(0, height: 30)
            try notes.activate()
            try archive.hide()
        }
        let sheet = try reader.rawXML(path: "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<autoFilter ref=\"A1:C21\"/>"))
        #expect(sheet.contains("<col min=\"1\" max=\"1\" width=\"12.7109375\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<col min=\"2\" max=\"3\" width=\"23.28515625\" style=\""))
        #expect(sheet.contains("<col min=\"6\" max=\"6\" width=\"8.7109375\" hidden=\"1\" customWidth=\"1\"/>"))
        #expect(sheet.contains("<row r=\"1\" spans=\"1:3\" ht=\"30\" customHeight=\"1\">"))
        let workbook = try reader.rawXML(path: "xl/workbook.xml")
        #expect(workbook.contains("activeTab=\"1\""))
        #expect(workbook.contains("<sheet name=\"Archive\" sheetId=\"3\" state=\"hidden\" r:id=\"rId3\"/>"))
        #expect(reader.sheetNames == ["名册", "说明", "Archive"])
        #expect(reader.visibleSheetNames == ["名册", "说明"])
    }

    @Test func rangesOutsideTheSheetAreRefused() throws {
        let directory = try TemporaryDirectory()
        let workbook = try Workbook(path: directory.file("book.xlsx").path)
        let sheet = try workbook.addSheet("Sheet1")
        let attempts: [(String, () throws -> Void)] = [
            ("merge", {
                try sheet.mergeRange(firstRow: 0, firstColumn: 3, lastRow: 0, lastColumn: 1, text: "x") }),
            ("filter", {
                try sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: 1_048_576, lastColumn: 1) }),
            ("width", { try sheet.setColumnWidth(16_384, width: 10) }),
            ("negative width", { try sheet.setColumnWidth(0, width: -1) }),
            ("height", { try sheet.setRowHeight(-1, height: 20) }),
            ("panes", { try sheet.freezePanes(row: 0, column: 20_000) }),
        ]
        for (name, attempt) in attempts {
            guard case let .sheetOperationRejected(sheetName, _, _, _)? = spreadsheetError(attempt) else {
                Issue.record("\(name) was not refused")
                continue
            }
            #expect(sheetName == "Sheet1")
        }
        try workbook.close()
    }

    @Test func singleCellMergeIsRefusedWithTheLibraryMessage() throws {
        let directory = try TemporaryDirectory()
        let workbook = try Workbook(path: directory.file("book.xlsx").path)
        let sheet = try workbook.addSheet("Sheet1")
        let error = spreadsheetError {
            try sheet.mergeRange(firstRow: 2, firstColumn: 2, lastRow: 2, lastColumn: 2, text: "x")
        }
        guard case let .sheetOperationRejected(_, range, operation, reason)? = error else {
            Issue.record("expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(range == "C3:C3" && operation == .mergeRange)
        #expect(reason.libraryCode != nil)
        try workbook.close()
    }
}
