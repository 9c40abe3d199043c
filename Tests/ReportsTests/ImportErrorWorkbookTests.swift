import Foundation
import Testing
import Domain
import Spreadsheet
import Reports

/// The error workbook read back as the clerk who must fix it would see it.
@Suite struct ImportErrorWorkbookTests {
    static let header = ["身份证号 National ID", "姓名 Name", "手机号码 Mobile phone", "重点群体 Key groups"]
    static let sheet = "错误行 Rejected rows"

    static let report = ImportErrorReport(sourceFile: "第3期学员名单.xlsx", header: header, rows: [
        ImportErrorRow(rowNumber: 5, cells: ["440524188001010014", "=1+1", "13800138000", "高校毕业生"], issues: [
            ImportErrorIssue(column: 1, chinese: "姓名含有不允许的字符“=”", english: "the name contains the character \"=\""),
            ImportErrorIssue(column: 3, chinese: "不是目录中的重点群体", english: "not a key group of the catalog"),
        ]),
        ImportErrorRow(rowNumber: 9, cells: ["4.40524E+17", "张𠈌", "0013800138000", ""], issues: [
            ImportErrorIssue(column: 0, chinese: "身份证号被 Excel 当作数字保存", english: "Excel stored the national ID as a number"),
        ]),
        ImportErrorRow(rowNumber: 12, cells: ["11010519491231002X", "李四", "13912345678", ""], issues: [
            ImportErrorIssue(column: nil, chinese: "与第 7 行重复", english: "duplicates row 7"),
        ]),
    ])

    func written(_ report: ImportErrorReport = Self.report, masked: Bool = false) throws -> (XLSXReader, [XLSXRow], URL) {
        let url = temporaryWorkbookURL("errors")
        try ImportErrorWorkbook.write(report, masked: masked, to: url)
        let reader = try XLSXReader(url: url)
        return (reader, try reader.rows(sheet: Self.sheet), url)
    }

    @Test func theTitleNamesTheFileAndTheCountAndTheHeaderWrapsTheFilesOwn() throws {
        let (reader, rows, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.visibleSheetNames == [Self.sheet])
        let title = try #require(rows.value("A1"))
        #expect(title.contains("第3期学员名单.xlsx") && title.contains("3 行") && title.contains("3 rejected rows"))
        #expect(rows.row(2)?.cells.map(\.value) == ["原行号 Row"] + Self.header + ["原因 Reason"])
    }

    @Test func cellsComeBackAsTextExactlyAsGivenUnderTheirRowNumbers() throws {
        let (_, rows, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.map(\.number) == [1, 2, 3, 4, 5])
        #expect(rows.value("A3") == "5" && rows.value("A4") == "9" && rows.value("A5") == "12")
        #expect(rows.cell("A3")?.kind == .number)
        let id = try #require(rows.cell("B3"))
        #expect(id.value == "440524188001010014")
        #expect(id.kind == .inlineString || id.kind == .sharedString)
        let formulaLike = try #require(rows.cell("C3"))
        #expect(formulaLike.value == "=1+1")
        #expect(formulaLike.formula == nil)
        #expect(formulaLike.kind == .inlineString || formulaLike.kind == .sharedString)
        #expect(rows.value("B4") == "4.40524E+17")
        #expect(rows.value("C4") == "张𠈌")
        #expect(rows.value("D4") == "0013800138000")
        #expect(rows.value("B5") == "11010519491231002X")
    }

    @Test func theReasonListsEveryIssueInBothLanguagesOnePerLine() throws {
        let (_, rows, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        let reason = try #require(rows.value("F3"))
        #expect(reason == "姓名含有不允许的字符“=” / the name contains the character \"=\"\n不是目录中的重点群体 / not a key group of the catalog")
        #expect(rows.value("F5") == "与第 7 行重复 / duplicates row 7")
    }

    @Test func theCellsAtFaultAreHighlightedAndRowLevelIssuesHighlightTheReason() throws {
        let (reader, rows, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        let xml = try WorkbookXML(reader)
        func fill(_ reference: String) throws -> String? {
            xml.fillColor(ofStyle: try #require(rows.cell(reference)?.styleIndex, "\(reference) has no style"))
        }
        let bad = "FFFFC7CE"
        #expect(try fill("C3") == bad)     // the name "=1+1"
        #expect(try fill("E3") == bad)     // the key group
        #expect(try fill("B3") == nil)     // the ID of that row is fine
        #expect(try fill("D3") == nil)
        #expect(try fill("F3") == nil)     // every issue there names its cell
        #expect(try fill("B4") == bad)
        #expect(try fill("C4") == nil)
        #expect(try fill("F5") == bad)     // a duplicate is the whole row's fault
        #expect(try fill("B5") == nil && fill("C5") == nil)
        // Highlighted or not, a cell the clerk retypes stays text.
        for reference in ["B3", "C3", "B4"] {
            let style = try #require(rows.cell(reference)?.styleIndex)
            #expect(reader.numberFormat(forStyle: style)?.isText == true, "\(reference)")
        }
    }

    @Test func theFileColumnsAreTextFormattedSoTheSheetCanBeFixedAndImportedAgain() throws {
        let (reader, _, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try reader.rawXML(path: "xl/worksheets/sheet1.xml")
        for column in 1...4 {
            let style = try #require(WorkbookXML.columnStyle(column, in: sheet), "column \(column)")
            #expect(reader.numberFormat(forStyle: style)?.isText == true)
        }
        #expect(sheet.contains("<pane xSplit=\"1\" ySplit=\"2\""))
        #expect(sheet.contains("<autoFilter ref=\"A2:F5\""))
        #expect(sheet.contains("orientation=\"landscape\"") && sheet.contains("fitToHeight=\"0\""))
        #expect(try reader.rawXML(path: "xl/workbook.xml").contains("'错误行 Rejected rows'!$1:$2"))
    }

    @Test func raggedRowsBadCharactersAndStrayColumnsStillWrite() throws {
        let report = ImportErrorReport(sourceFile: "list.csv", header: ["身份证号", "姓名"], rows: [
            ImportErrorRow(rowNumber: 2, cells: ["440524188001010014"], issues: [
                ImportErrorIssue(column: 1, chinese: "缺少姓名", english: "the name is missing"),
            ]),
            ImportErrorRow(rowNumber: 3, cells: ["1", "王\u{0}五", "多出的一格"], issues: [
                ImportErrorIssue(column: 7, chinese: "列不存在", english: "no such column"),
            ]),
        ])
        let (reader, rows, url) = try written(report)
        defer { try? FileManager.default.removeItem(at: url) }
        let xml = try WorkbookXML(reader)
        #expect(rows.row(2)?.cells.map(\.value) == ["原行号 Row", "身份证号", "姓名", "原因 Reason"])
        #expect(rows.value("C4") == "王\u{FFFD}五")
        #expect(rows.value("D4") == "多出的一格")
        #expect(rows.value("E4") == "列不存在 / no such column")
        // The missing name is a blank but highlighted cell; a column that does not exist falls
        // back to the reason.
        let sheet = try xml.sheet(1)
        let blankName = try #require(sheet.components(separatedBy: "<c r=\"C3\" s=\"").dropFirst().first?
            .components(separatedBy: "\"").first.flatMap(Int.init))
        #expect(xml.fillColor(ofStyle: blankName) == "FFFFC7CE")
        #expect(xml.fillColor(ofStyle: try #require(rows.cell("E4")?.styleIndex)) == "FFFFC7CE")
    }

    @Test func anEmptyReportStillHasItsHeader() throws {
        let (_, rows, url) = try written(ImportErrorReport(sourceFile: "empty.csv", header: Self.header))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("A1")?.contains("0 行") == true)
        #expect(rows.row(2)?.cells.count == 6)
        #expect(rows.count == 2)
    }

    @Test func aHundredThousandRejectedRowsWriteAndReadBack() throws {
        let count = 100_000
        let rows = (0..<count).map { index in
            ImportErrorRow(rowNumber: index + 2,
                           cells: [String(format: "4405241880%08d", index), "学员\(index)", "138\(String(format: "%08d", index))", ""],
                           issues: [ImportErrorIssue(column: 0, chinese: "身份证号校验位错误", english: "the check character is wrong")])
        }
        let url = temporaryWorkbookURL("errors-large")
        defer { try? FileManager.default.removeItem(at: url) }
        try ImportErrorWorkbook.write(ImportErrorReport(sourceFile: "big.csv", header: Self.header, rows: rows), to: url)
        let reader = try XLSXReader(url: url)
        var rowCount = 0
        var first: XLSXRow?
        var last: XLSXRow?
        try reader.forEachRow(sheet: Self.sheet) { row in
            rowCount += 1
            if first == nil { first = row }
            last = row
        }
        #expect(rowCount == count + 2)
        let final = try #require(last)
        #expect(final.number == count + 2)
        #expect(final[column: 0]?.value == String(count + 1))
        #expect(final[column: 1]?.value == "440524188000099999")
        #expect(final[column: 2]?.value == "学员99999")
        #expect(final[column: 3]?.value == "13800099999")
        #expect(final[column: 5]?.value == "身份证号校验位错误 / the check character is wrong")
        #expect(first?[column: 0]?.value.contains("100000 行") == true)
    }

    @Test func anUnwritableFolderIsAnError() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/errors.xlsx")
        #expect(throws: SpreadsheetError.self) { try ImportErrorWorkbook.write(Self.report, to: url) }
    }

    /// The report with its ID column (A) and phone column (C) named, as an import hands it over.
    static var personalReport: ImportErrorReport {
        var report = report
        report.nationalIdColumn = 0
        report.phoneColumn = 2
        return report
    }

    @Test func maskedTheIDAndPhoneCellsAreMaskedAndNothingElse() throws {
        let (_, rows, url) = try written(Self.personalReport, masked: true)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("B3") == "440524********0014" && rows.value("B5") == "110105********002X")
        #expect(rows.value("B4") == Masking.nationalID("4.40524E+17") && rows.value("B4") != "4.40524E+17")
        #expect(rows.value("D3") == "138****8000" && rows.value("D5") == "139****5678")
        #expect(rows.value("D4") != "0013800138000")
        #expect(rows.value("C3") == "=1+1" && rows.value("C4") == "张𠈌" && rows.value("E3") == "高校毕业生")
        #expect(rows.value("F5") == "与第 7 行重复 / duplicates row 7")
        let texts = rows.flatMap { $0.cells.map(\.value) }
        for whole in ["440524188001010014", "11010519491231002X", "13800138000", "13912345678"] {
            #expect(!texts.contains { $0.contains(whole) }, "\(whole) appears")
        }
        let title = try #require(rows.value("A1"))
        #expect(title.contains("已遮蔽") && title.contains("masked") && title.contains("3 rejected rows"))
    }

    @Test func asGivenByDefaultEvenWhenTheColumnsAreNamed() throws {
        let (_, rows, url) = try written(Self.personalReport)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("B3") == "440524188001010014" && rows.value("D3") == "13800138000")
        #expect(rows.value("B5") == "11010519491231002X" && rows.value("D4") == "0013800138000")
        #expect(rows.value("A1")?.contains("已遮蔽") == false)
    }
}
