import Foundation
import Spreadsheet
import Testing

/// Text that looks like a formula, a number or an identifier must reach Excel as text.
@Suite struct TextCellTests {
    static let trickyTexts = [
        "=1+1", "+8613800138000", "0012", "4.40524E+17", "440524188001010014", "44052419800101001X",
        "𠈌", "陈𠈌明", "  陈 明  ", "TRUE", "-5", "@SUM(A1)", "_x0041_", "a\u{1}b", "第一行\n第二行", "A&B <C> \"D\"",
    ]

    @Test(arguments: [false, true])
    func textThatLooksLikeFormulaOrNumberStaysText(constantMemory: Bool) throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory, constantMemory: constantMemory) { workbook in
            let sheet = try workbook.addSheet("名册")
            for (row, text) in Self.trickyTexts.enumerated() {
                try sheet.write(.text(text), row: row, column: 0)
            }
        }
        let rows = try reader.rows(sheet: "名册")
        #expect(rows.count == Self.trickyTexts.count)
        for (row, text) in Self.trickyTexts.enumerated() {
            let cell = try #require(rows[row][column: 0])
            #expect(cell.value == text)
            #expect(cell.kind == (constantMemory ? .inlineString : .sharedString))
            #expect(cell.formula == nil)
        }
        let xml = try reader.rawXML(path: "xl/worksheets/sheet1.xml")
        #expect(!xml.contains("<f>"))
        let expectedType = constantMemory ? "t=\"inlineStr\"" : "t=\"s\""
        #expect(xml.occurrences(of: expectedType) == Self.trickyTexts.count)
        #expect(xml.cellElement("A1")?.contains(expectedType) == true)
    }

    /// Excel keeps a typed "=1+1" as text only while the cell stays untouched: F2 and Enter on it
    /// turn it into a formula unless the cell carries the quote prefix (the hidden apostrophe).
    static let formulaLookalikes = ["=1+1", "+86 138", "-5", "@SUM(A1)"]

    @Test(arguments: [false, true])
    func textThatStartsLikeAFormulaCarriesTheQuotePrefixAndOtherTextDoesNot(constantMemory: Bool) throws {
        let directory = try TemporaryDirectory()
        let texts = Self.formulaLookalikes + ["陈大文"]
        let reader = try roundTrip(directory, constantMemory: constantMemory) { workbook in
            let sheet = try workbook.addSheet("名册")
            let prepared = workbook.cellFormat(.text)
            for (row, text) in texts.enumerated() {
                try sheet.write(.text(text), row: row, column: 0)
                try sheet.write(.text(text), row: row, column: 1, style: .cell)
                try sheet.write(.text(text), row: row, column: 2, format: prepared)
            }
            try sheet.mergeRange(firstRow: texts.count, firstColumn: 0, lastRow: texts.count, lastColumn: 2,
                                 text: "=2024年第三季度 培训统计", style: .title)
        }
        let sheetXML = try reader.rawXML(path: "xl/worksheets/sheet1.xml")
        let formats = StylesXML(try reader.rawXML(path: "xl/styles.xml"))
        let expectedType = constantMemory ? "t=\"inlineStr\"" : "t=\"s\""
        for (row, text) in texts.enumerated() {
            for column in ["A", "B", "C"] {
                let reference = "\(column)\(row + 1)"
                let cell = try #require(sheetXML.cellElement(reference), "\(reference)")
                #expect(cell.contains(expectedType), "\(reference)")
                #expect(try reader.cell(reference, sheet: "名册")?.value == text)
                let format = formats.cellFormat(of: cell)
                #expect(format?.contains("quotePrefix=\"1\"") == Self.formulaLookalikes.contains(text), "\(reference) \(text)")
            }
            // The prefixed variant keeps the look of the style it was asked for.
            let prepared = try #require(sheetXML.cellElement("C\(row + 1)"))
            let styled = try #require(formats.cellFormat(of: prepared))
            #expect(styled.contains("numFmtId=\"49\"") && styled.contains("applyBorder=\"1\""))
        }
        let title = try #require(sheetXML.cellElement("A\(texts.count + 1)"))
        #expect(formats.cellFormat(of: title)?.contains("quotePrefix=\"1\"") == true)
        #expect(try reader.cell("A\(texts.count + 1)", sheet: "名册")?.value == "=2024年第三季度 培训统计")
        // Nothing else of the styles changed: no protection was set on any cell.
        #expect(!formats.xml.contains("<protection"))
        #expect(!formats.xml.contains("applyProtection"))
    }

    @Test func aWorkbookWithoutFormulaLookalikesHasNoQuotePrefix() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("名册")
            let prepared = workbook.cellFormat(.text)
            try sheet.write(.text("陈大文"), row: 0, column: 0, format: prepared)
            try sheet.write(.text("1+1="), row: 1, column: 0, style: .cell)
            try sheet.write(.text(" =1"), row: 2, column: 0)
        }
        #expect(!(try reader.rawXML(path: "xl/styles.xml")).contains("quotePrefix"))
    }

    @Test func nameOutsideBasicPlaneIsStoredAsItsOwnCharacter() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            try workbook.addSheet("Sheet1").write(.text("𠈌"), row: 0, column: 0)
        }
        let strings = try reader.rawXML(path: "xl/sharedStrings.xml")
        #expect(strings.contains("<t>𠈌</t>"))
        #expect(try reader.cell("A1", sheet: "Sheet1")?.value == "𠈌")
    }

    @Test func literalEscapeLookalikeIsProtectedInTheFile() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            try workbook.addSheet("Sheet1").write(.text("_x0041_"), row: 0, column: 0)
        }
        // Excel decodes _x0041_ as "A"; the escaped underscore makes it show the literal text.
        #expect(try reader.rawXML(path: "xl/sharedStrings.xml").contains("<t>_x005F_x0041_</t>"))
    }

    @Test func emptyTextWritesNothingWithoutStyleAndABlankWithOne() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("Sheet1")
            try sheet.write(.text("x"), row: 0, column: 0)
            try sheet.write(.text(""), row: 0, column: 1)
            try sheet.write(.text(""), row: 0, column: 2, style: .cell)
        }
        let xml = try reader.rawXML(path: "xl/worksheets/sheet1.xml")
        #expect(xml.cellElement("B1") == nil)
        let blank = try #require(xml.cellElement("C1"))
        #expect(blank.hasSuffix("/>"))
        #expect(!blank.contains("t=\""))
        #expect(try reader.rows(sheet: "Sheet1").first?.cells.map(\.reference) == ["A1"])
    }

    @Test func textAtExcelsLimitIsWrittenAndOneMoreIsRefused() throws {
        let directory = try TemporaryDirectory()
        let atLimit = String(repeating: "名", count: 32_767)
        var refused: SpreadsheetError?
        var refusedAstral: SpreadsheetError?
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("Sheet1")
            try sheet.write(.text(atLimit), row: 0, column: 0)
            refused = spreadsheetError { try sheet.write(.text(atLimit + "x"), row: 1, column: 0) }
            // 16,384 characters outside the BMP are 32,768 UTF-16 units, which Excel counts.
            refusedAstral = spreadsheetError {
                try sheet.write(.text(String(repeating: "𠈌", count: 16_384)), row: 2, column: 0)
            }
        }
        #expect(try reader.cell("A1", sheet: "Sheet1")?.value == atLimit)
        let error = try #require(refused)
        guard case let .cellRejected(sheet, cell, operation, reason) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(sheet == "Sheet1" && cell == "A2" && operation == .writeText)
        #expect(reason.english == "String exceeds Excel's limit of 32,767 characters.")
        #expect(reason.libraryCode == 21)
        #expect(error.description.hasPrefix("工作表 \"Sheet1\" 单元格 A2 写入文本失败"))
        #expect(error.description.hasSuffix("String exceeds Excel's limit of 32,767 characters."))
        #expect(refusedAstral != nil)
        #expect(try reader.rows(sheet: "Sheet1").count == 1)
    }

    @Test func mergedTitleKeepsItsText() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            try workbook.addSheet("Sheet1").mergeRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 5,
                                                       text: "=2024年第三季度 培训统计", style: .title)
        }
        let cell = try #require(try reader.cell("A1", sheet: "Sheet1"))
        #expect(cell.value == "=2024年第三季度 培训统计")
        #expect(cell.kind == .sharedString)
        #expect(try reader.rawXML(path: "xl/worksheets/sheet1.xml")
            .contains("<mergeCells count=\"1\"><mergeCell ref=\"A1:F1\"/></mergeCells>"))
    }
}
