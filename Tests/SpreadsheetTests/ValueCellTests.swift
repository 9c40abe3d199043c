import Foundation
import Spreadsheet
import Testing

@Suite struct ValueCellTests {
    @Test func numbersAreStoredAsNumbers() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("Sheet1")
            try sheet.writeRow([.number(3.5), .integer(42), .integer(-999_999_999_999_999), .number(0.125)], row: 0)
        }
        let xml = try reader.rawXML(path: "xl/worksheets/sheet1.xml")
        #expect(xml.cellElement("A1") == "<c r=\"A1\"><v>3.5</v></c>")
        #expect(xml.cellElement("B1") == "<c r=\"B1\"><v>42</v></c>")
        let row = try #require(try reader.rows(sheet: "Sheet1").first)
        #expect(row.cells.map(\.kind) == [.number, .number, .number, .number])
        #expect(row.cells.map(\.value) == ["3.5", "42", "-999999999999999", "0.125"])
    }

    @Test func formulaKeepsItsTextAndCachedResult() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("Sheet1")
            try sheet.writeRow([.integer(10), .integer(20), .integer(30)], row: 1, startColumn: 1)
            try sheet.write(.formulaNumber("=SUM(B2:B4)", cached: 60), row: 4, column: 1)
            try sheet.write(.formulaText("=IF(B5>50,\"达标\",\"未达标\")", cached: "达标"), row: 5, column: 1)
        }
        let xml = try reader.rawXML(path: "xl/worksheets/sheet1.xml")
        #expect(xml.cellElement("B5") == "<c r=\"B5\"><f>SUM(B2:B4)</f><v>60</v></c>")
        let textFormula = try #require(xml.cellElement("B6"))
        #expect(textFormula.contains("t=\"str\""))
        #expect(textFormula.contains("<v>达标</v>"))

        let sum = try #require(try reader.cell("B5", sheet: "Sheet1"))
        #expect(sum.formula == "SUM(B2:B4)" && sum.value == "60" && sum.kind == .number)
        let label = try #require(try reader.cell("B6", sheet: "Sheet1"))
        #expect(label.kind == .formulaString && label.value == "达标")
        #expect(label.formula == "IF(B5>50,\"达标\",\"未达标\")")
    }

    @Test func dateIsASerialWithADateFormat() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("Sheet1")
            try sheet.write(.date(year: 2024, month: 7, day: 1), row: 0, column: 0)
            try sheet.write(.date(year: 1900, month: 1, day: 1), row: 1, column: 0)
            try sheet.write(.date(year: 1900, month: 3, day: 1), row: 2, column: 0)
            try sheet.write(.date(year: 2000, month: 2, day: 29), row: 3, column: 0,
                            style: CellStyle(bold: true))
        }
        let cells = try reader.rows(sheet: "Sheet1").compactMap { $0[column: 0] }
        #expect(cells.map(\.value) == ["45474", "1", "61", "36585"])
        #expect(cells.allSatisfy { $0.kind == .date })
        for cell in cells {
            let style = try #require(cell.styleIndex)
            let format = try #require(reader.numberFormat(forStyle: style))
            #expect(format.isDate)
            #expect(format.code == "yyyy-mm-dd")
        }
        #expect(try reader.rawXML(path: "xl/styles.xml").contains("formatCode=\"yyyy-mm-dd\""))
    }

    @Test func booleanIsStoredAsBoolean() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            try workbook.addSheet("Sheet1").writeRow([.boolean(true), .boolean(false)], row: 0)
        }
        #expect(try reader.rawXML(path: "xl/worksheets/sheet1.xml").cellElement("A1") == "<c r=\"A1\" t=\"b\"><v>1</v></c>")
        #expect(try reader.rows(sheet: "Sheet1").first?.cells.map(\.value) == ["1", "0"])
        #expect(try reader.cell("B1", sheet: "Sheet1")?.kind == .boolean)
    }

    @Test func valuesExcelCannotHoldFaithfullyAreRefused() throws {
        let directory = try TemporaryDirectory()
        let workbook = try Workbook(path: directory.file("book.xlsx").path)
        let sheet = try workbook.addSheet("Sheet1")
        let refusals: [(CellValue, String)] = [
            (.integer(440_524_188_001_010_014), "15 significant digits"),
            (.integer(Int.min), "15 significant digits"),
            (.number(.nan), "not finite"),
            (.number(.infinity), "not finite"),
            (.formulaNumber("=1/0", cached: .nan), "not finite"),
            (.date(year: 2023, month: 2, day: 29), "not a valid date"),
            (.date(year: 1899, month: 12, day: 31), "not a valid date"),
            (.text("a\u{0}b"), "NUL"),
        ]
        for (value, expected) in refusals {
            let error = spreadsheetError { try sheet.write(value, row: 0, column: 0) }
            #expect(error?.english.contains(expected) == true, "\(value)")
        }
        try workbook.close()
        #expect(try XLSXReader(url: directory.file("book.xlsx")).rows(sheet: "Sheet1").isEmpty)
    }

    @Test func cellsOutsideTheSheetAreRefusedWithTheLibraryMessage() throws {
        let directory = try TemporaryDirectory()
        let workbook = try Workbook(path: directory.file("book.xlsx").path)
        let sheet = try workbook.addSheet("Sheet1")
        for (row, column) in [(1_048_576, 0), (0, 16_384), (-1, 0), (0, -3)] {
            let error = spreadsheetError { try sheet.write(.integer(1), row: row, column: column) }
            guard case let .cellRejected(_, _, _, reason)? = error else {
                Issue.record("expected cellRejected for row \(row) column \(column), got \(String(describing: error))")
                continue
            }
            #expect(reason.english == "Worksheet row or column index out of range.")
        }
        try sheet.write(.integer(1), row: 1_048_575, column: 16_383)
        try workbook.close()
        #expect(try XLSXReader(url: directory.file("book.xlsx")).cell("XFD1048576", sheet: "Sheet1")?.value == "1")
    }
}
