import Foundation
import Spreadsheet
import Testing

@Suite struct DataValidationTests {
    static let occupations = (1...50).map { "职业工种名称第\($0)号（含等级说明）" }

    /// The `<dataValidation …>…</dataValidation>` elements of a worksheet part.
    static func validations(in xml: String) -> [String] {
        xml.components(separatedBy: "<dataValidation ").dropFirst().map {
            "<dataValidation " + ($0.components(separatedBy: "</dataValidation>").first ?? "")
        }
    }

    @Test func shortListIsStoredInline() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("报名表")
            try sheet.addListValidation(firstRow: 1, firstColumn: 2, lastRow: 100, lastColumn: 2,
                                        values: ["五级", "四级", "三级", "二级", "一级"],
                                        prompt: ValidationMessage(title: "申报等级", text: "请从列表中选择"),
                                        error: ValidationMessage(title: "等级无效", text: "只能填写五级至一级"))
        }
        let validations = Self.validations(in: try reader.rawXML(path: "xl/worksheets/sheet1.xml"))
        #expect(validations.count == 1)
        let validation = try #require(validations.first)
        #expect(validation.contains("type=\"list\""))
        #expect(validation.contains("sqref=\"C2:C101\""))
        #expect(validation.contains("<formula1>\"五级,四级,三级,二级,一级\"</formula1>"))
        #expect(validation.contains("promptTitle=\"申报等级\"") && validation.contains("errorTitle=\"等级无效\""))
        #expect(reader.sheetNames == ["报名表"])
    }

    @Test func longListGoesToTheHiddenListSheet() throws {
        let directory = try TemporaryDirectory()
        #expect(Self.occupations.joined(separator: ",").count > 255)
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("报名表")
            try sheet.addListValidation(firstRow: 1, firstColumn: 3, lastRow: 500, lastColumn: 3,
                                        values: Self.occupations)
        }
        let validation = try #require(Self.validations(in: try reader.rawXML(path: "xl/worksheets/sheet1.xml")).first)
        #expect(validation.contains("type=\"list\""))
        #expect(validation.contains("<formula1>_lists!$A$1:$A$50</formula1>"))
        #expect(try reader.rawXML(path: "xl/workbook.xml")
            .contains("<sheet name=\"_lists\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"))
        #expect(reader.visibleSheetNames == ["报名表"])
        let stored = try reader.rows(sheet: "_lists").map { try #require($0[column: 0]).value }
        #expect(stored == Self.occupations)
    }

    @Test func eachDistinctLongListGetsOneColumnAndRepeatsShareIt() throws {
        let directory = try TemporaryDirectory()
        let districts = (1...40).map { "广东省某市第\($0)行政区" }
        let reader = try roundTrip(directory) { workbook in
            let first = try workbook.addSheet("报名表")
            let second = try workbook.addSheet("补考")
            try first.addListValidation(firstRow: 1, firstColumn: 0, lastRow: 9, lastColumn: 0, values: Self.occupations)
            try first.addListValidation(firstRow: 1, firstColumn: 1, lastRow: 9, lastColumn: 1, values: districts)
            try second.addListValidation(firstRow: 1, firstColumn: 0, lastRow: 9, lastColumn: 0, values: Self.occupations)
        }
        let first = try reader.rawXML(path: "xl/worksheets/sheet1.xml")
        #expect(first.contains("<formula1>_lists!$A$1:$A$50</formula1>"))
        #expect(first.contains("<formula1>_lists!$B$1:$B$40</formula1>"))
        #expect(try reader.rawXML(path: "xl/worksheets/sheet2.xml").contains("<formula1>_lists!$A$1:$A$50</formula1>"))
        let lists = try reader.rows(sheet: "_lists")
        #expect(lists.count == 50)
        #expect(lists.compactMap { $0[column: 1]?.value } == districts)
        #expect(reader.sheetNames.filter { $0 == "_lists" }.count == 1)
    }

    @Test func chineseListUnder255CharactersButOver255BytesUsesTheHiddenSheet() throws {
        // 60 × 2 characters + 59 commas = 179 characters but 419 UTF-8 bytes: inline, this list
        // overflows a buffer inside libxlsxwriter 1.1.4 and aborts the process.
        let names = (0..<60).map { _ in "电工" }
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            try workbook.addSheet("Sheet1").addListValidation(firstRow: 0, firstColumn: 0, lastRow: 9, lastColumn: 0,
                                                              values: names)
        }
        #expect(try reader.rawXML(path: "xl/worksheets/sheet1.xml").contains("<formula1>_lists!$A$1:$A$60</formula1>"))
    }

    @Test func valuesWithCommasOrQuotesUseTheHiddenSheet() throws {
        let directory = try TemporaryDirectory()
        let values = ["焊工,电焊", "他说\"好\"", "普通"]
        let reader = try roundTrip(directory) { workbook in
            try workbook.addSheet("Sheet1").addListValidation(firstRow: 0, firstColumn: 0, lastRow: 9, lastColumn: 0,
                                                              values: values)
        }
        #expect(try reader.rawXML(path: "xl/worksheets/sheet1.xml").contains("<formula1>_lists!$A$1:$A$3</formula1>"))
        #expect(try reader.rows(sheet: "_lists").compactMap { $0[column: 0]?.value } == values)
    }

    @Test func longListWorksInConstantMemoryMode() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory, constantMemory: true) { workbook in
            let sheet = try workbook.addSheet("Sheet1")
            try sheet.addListValidation(firstRow: 1, firstColumn: 0, lastRow: 9, lastColumn: 0, values: Self.occupations)
            try sheet.addListValidation(firstRow: 1, firstColumn: 1, lastRow: 9, lastColumn: 1,
                                        values: Array(Self.occupations.reversed()))
            for row in 0..<10 { try sheet.write(.text("行\(row)"), row: row, column: 2) }
        }
        let lists = try reader.rows(sheet: "_lists")
        #expect(lists.compactMap { $0[column: 0]?.value } == Self.occupations)
        #expect(lists.compactMap { $0[column: 1]?.value } == Self.occupations.reversed())
        #expect(lists.first?.cells.first?.kind == .inlineString)
    }

    @Test func numberRangesAreValidated() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("Sheet1")
            try sheet.addIntegerValidation(firstRow: 1, firstColumn: 0, lastRow: 50, lastColumn: 0, min: 16, max: 65)
            try sheet.addDecimalValidation(firstRow: 1, firstColumn: 1, lastRow: 50, lastColumn: 1, min: 0, max: 100,
                                           error: ValidationMessage(title: "成绩", text: "成绩应在 0–100 之间"))
        }
        let validations = Self.validations(in: try reader.rawXML(path: "xl/worksheets/sheet1.xml"))
        #expect(validations.count == 2)
        #expect(validations.contains { $0.contains("type=\"whole\"") && $0.contains("<formula1>16</formula1><formula2>65</formula2>") })
        #expect(validations.contains { $0.contains("type=\"decimal\"") && $0.contains("<formula2>100</formula2>") })
    }

    @Test func emptyListAndReversedBoundsAreRefused() throws {
        let directory = try TemporaryDirectory()
        let workbook = try Workbook(path: directory.file("book.xlsx").path)
        let sheet = try workbook.addSheet("Sheet1")
        #expect(spreadsheetError {
            try sheet.addListValidation(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 0, values: [])
        } != nil)
        #expect(spreadsheetError {
            try sheet.addIntegerValidation(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 0, min: 5, max: 1)
        } != nil)
        let longTitle = spreadsheetError {
            try sheet.addListValidation(firstRow: 0, firstColumn: 0, lastRow: 1, lastColumn: 0, values: ["a"],
                                        prompt: ValidationMessage(title: String(repeating: "题", count: 33), text: ""))
        }
        #expect(longTitle?.english.contains("Parameter exceeds Excel's limit of 32 characters.") == true)
        try workbook.close()
    }
}
