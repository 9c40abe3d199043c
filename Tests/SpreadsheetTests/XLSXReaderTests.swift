import Foundation
import Spreadsheet
import Testing

@Suite struct XLSXReaderErrorTests {
    func openError(_ url: URL) -> SpreadsheetError? {
        spreadsheetError { _ = try XLSXReader(url: url) }
    }

    @Test func missingFile() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("缺失.xlsx")
        #expect(openError(url) == .fileNotFound(path: url.path))
        #expect(openError(url)?.description == "文件 \(url.path) 不存在\nFile \(url.path) does not exist")
    }

    @Test func directoryIsNotReadableAsAWorkbook() throws {
        let directory = try TemporaryDirectory()
        guard case .fileUnreadable? = openError(directory.url) else {
            Issue.record("a directory should be reported as unreadable")
            return
        }
    }

    @Test func textFileRenamedToXLSXIsNotASpreadsheet() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("名单.xlsx")
        try Data("姓名,身份证号\n张三,440524188001010014\n".utf8).write(to: url)
        #expect(openError(url) == .notASpreadsheet(path: url.path, looksLikeLegacyXLS: false))
        let empty = directory.file("empty.xlsx")
        try Data().write(to: empty)
        #expect(openError(empty) == .notASpreadsheet(path: empty.path, looksLikeLegacyXLS: false))
    }

    @Test func legacyXLSIsRecognised() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("old.xlsx")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: url)
        let error = openError(url)
        #expect(error == .notASpreadsheet(path: url.path, looksLikeLegacyXLS: true))
        #expect(error?.chinese.contains("另存为 .xlsx") == true)
    }

    @Test func zipWithoutWorkbookIsNotAnXLSX() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("archive.xlsx")
        try StoredZip.data([("readme.txt", "hello"), ("data/list.csv", "a,b")]).write(to: url)
        #expect(openError(url) == .notAnXLSX(path: url.path, missingPart: "xl/workbook.xml"))
    }

    @Test func truncatedWorkbookIsCorrupt() throws {
        let directory = try TemporaryDirectory()
        let complete = directory.file("complete.xlsx")
        let workbook = try Workbook(path: complete.path)
        let sheet = try workbook.addSheet("Sheet1")
        for row in 0..<500 { try sheet.write(.text("第\(row)行 \(row * 7919)"), row: row, column: 0) }
        try workbook.close()
        let bytes = try Data(contentsOf: complete)
        let truncated = directory.file("truncated.xlsx")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        guard case let .corruptArchive(path, _)? = openError(truncated) else {
            Issue.record("expected corruptArchive, got \(String(describing: openError(truncated)))")
            return
        }
        #expect(path == truncated.path)
    }

    @Test func damagedPartIsCorruptWhenRead() throws {
        let directory = try TemporaryDirectory()
        let sheetXML = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
            + "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>"
        var bytes = try StoredZip.data(ForeignPackage.files(sheet: sheetXML))
        // Flip a byte inside the stored sheet so that its checksum no longer matches.
        let marker = try #require(bytes.range(of: Data("<v>1</v>".utf8)))
        bytes[marker.lowerBound + 3] = UInt8(ascii: "7")
        let url = directory.file("damaged.xlsx")
        try bytes.write(to: url)
        let reader = try XLSXReader(url: url)
        let error = spreadsheetError { _ = try reader.rows(sheet: "数据") }
        guard case .corruptArchive? = error else {
            Issue.record("expected corruptArchive, got \(String(describing: error))")
            return
        }
    }

    @Test func missingSheetListsTheSheetsThatExist() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            _ = try workbook.addSheet("名册")
            _ = try workbook.addSheet("统计")
        }
        let error = spreadsheetError { _ = try reader.rows(sheet: "Sheet1") }
        #expect(error == .sheetNotFound(path: reader.url.path, name: "Sheet1", available: ["名册", "统计"]))
        #expect(error?.english.hasSuffix("has no sheet named \"Sheet1\"; sheets present: \"名册\", \"统计\"") == true)
        #expect(throws: SpreadsheetError.self) { try reader.forEachRow(sheet: "统计 ") { _ in } }
    }

    @Test func malformedSheetXMLIsReported() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("bad.xlsx")
        try StoredZip.data(ForeignPackage.files(sheet: "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></row>"))
            .write(to: url)
        let error = spreadsheetError { _ = try XLSXReader(url: url).rows(sheet: "数据") }
        guard case let .malformedPart(_, part, _)? = error else {
            Issue.record("expected malformedPart, got \(String(describing: error))")
            return
        }
        #expect(part == "xl/worksheets/data.xml")
    }

    @Test func sharedStringIndexBeyondTheTableIsReported() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("bad-index.xlsx")
        let sheet = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>"
        try StoredZip.data(ForeignPackage.files(sheet: sheet)).write(to: url)
        let error = spreadsheetError { _ = try XLSXReader(url: url).rows(sheet: "数据") }
        #expect(error?.english.contains("cell A1 refers to shared string \"99\"") == true)
    }
}

/// A workbook as another generator might write it: `x:` prefixes, parts not named sheetN.xml,
/// absolute relationship targets, rich text, phonetic guides, inline strings and errors.
enum ForeignPackage {
    static let sharedStrings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
          <x:si><x:t>姓名</x:t></x:si>
          <x:si><x:r><x:rPr><x:b/></x:rPr><x:t>张</x:t></x:r><x:r><x:t xml:space="preserve"> 三 </x:t></x:r>\
        <x:rPh sb="0" eb="1"><x:t>チョウ</x:t></x:rPh></x:si>
          <x:si><x:t>A&amp;B &lt;C&gt; &#x2020C;</x:t></x:si>
          <x:si><x:t>line_x000D_end _x005F_x0041_</x:t></x:si>
        </x:sst>
        """

    static let styles = """
        <?xml version="1.0" encoding="UTF-8"?>
        <x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
          <x:numFmts count="3">
            <x:numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
            <x:numFmt numFmtId="165" formatCode="[Red]#,##0.00;&quot;欠&quot;0.00"/>
            <x:numFmt numFmtId="166" formatCode="[h]:mm"/>
          </x:numFmts>
          <x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs>
          <x:cellXfs count="7">
            <x:xf numFmtId="0"/><x:xf numFmtId="164"/><x:xf numFmtId="165"/><x:xf numFmtId="49"/>
            <x:xf numFmtId="14"/><x:xf numFmtId="31"/><x:xf numFmtId="166"/>
          </x:cellXfs>
        </x:styleSheet>
        """

    static let sheet = """
        <?xml version="1.0" encoding="UTF-8"?>
        <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
          <x:sheetData>
            <x:row r="2">
              <x:c r="A2" t="s"><x:v>0</x:v></x:c>
              <x:c r="C2" t="s" s="3"><x:v>1</x:v></x:c>
              <x:c t="inlineStr"><x:is><x:t xml:space="preserve">  0012  </x:t></x:is></x:c>
              <x:c r="F2" t="inlineStr"><x:is><x:r><x:t>富</x:t></x:r><x:r><x:t>文本</x:t></x:r></x:is></x:c>
            </x:row>
            <x:row r="3" ht="30" customHeight="1"><x:c r="B3" s="2"/></x:row>
            <x:row>
              <x:c r="A4" s="1"><x:v>45474</x:v></x:c>
              <x:c r="B4" s="2"><x:v>-12.5</x:v></x:c>
              <x:c r="C4" t="e"><x:v>#DIV/0!</x:v></x:c>
              <x:c r="D4" t="b"><x:v>1</x:v></x:c>
              <x:c r="E4" t="str"><x:f>A2&amp;"先生"</x:f><x:v>姓名先生</x:v></x:c>
              <x:c r="F4"><x:f t="shared" ref="F4:F5" si="0">B4*2</x:f><x:v>-25</x:v></x:c>
              <x:c r="AA4" t="s"><x:v>2</x:v></x:c>
              <x:c r="AB4" t="s"><x:v>3</x:v></x:c>
            </x:row>
            <x:row r="5"><x:c r="F5"><x:f t="shared" si="0"/><x:v>0</x:v></x:c></x:row>
          </x:sheetData>
        </x:worksheet>
        """

    static func files(sheet: String = sheet) -> [(path: String, contents: String)] {
        [
            ("[Content_Types].xml", MinimalPackage.contentTypes),
            ("_rels/.rels", MinimalPackage.rootRelationships(workbookTarget: "/xl/workbook.xml")),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <x:workbookPr date1904="1"/><x:sheets>\
                <x:sheet name="数据" sheetId="7" rel:id="rIdData"/>\
                <x:sheet name="Hidden &amp; Old" sheetId="3" state="veryHidden" rel:id="rIdOld"/>\
                </x:sheets></x:workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rIdOld" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/old.xml"/>\
                <Relationship Id="rIdData" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/>\
                <Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings/shared.xml"/>\
                <Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="./styles.xml"/>\
                </Relationships>
                """),
            ("xl/worksheets/data.xml", sheet),
            ("xl/worksheets/old.xml", "<worksheet><sheetData/></worksheet>"),
            ("xl/strings/shared.xml", sharedStrings),
            ("xl/styles.xml", styles),
        ]
    }
}

@Suite struct XLSXReaderPackageTests {
    func foreignReader(_ directory: TemporaryDirectory) throws -> XLSXReader {
        let url = directory.file("foreign.xlsx")
        try StoredZip.data(ForeignPackage.files()).write(to: url)
        return try XLSXReader(url: url)
    }

    @Test func sheetsAreFoundThroughRelationshipsInWorkbookOrder() throws {
        let directory = try TemporaryDirectory()
        let reader = try foreignReader(directory)
        #expect(reader.sheetNames == ["数据", "Hidden & Old"])
        #expect(reader.visibleSheetNames == ["数据"])
        #expect(reader.usesDate1904System)
        #expect(try reader.rows(sheet: "Hidden & Old").isEmpty)
    }

    @Test func cellsReadAsStoredWithPrefixesRichTextAndInlineStrings() throws {
        let directory = try TemporaryDirectory()
        let rows = try foreignReader(directory).rows(sheet: "数据")
        // Row 3 holds only a styled empty cell and is not reported.
        #expect(rows.map(\.number) == [2, 4, 5])

        let second = rows[0].cells
        #expect(second.map(\.reference) == ["A2", "C2", "D2", "F2"])
        #expect(second.map(\.value) == ["姓名", "张 三 ", "  0012  ", "富文本"])
        #expect(second.map(\.kind) == [.sharedString, .sharedString, .inlineString, .inlineString])
        #expect(second[2].columnIndex == 3 && second[2].rowNumber == 2)
        #expect(second[1].styleIndex == 3)

        let fourth = rows[1]
        #expect(fourth[column: 0]?.kind == .date && fourth[column: 0]?.value == "45474")
        #expect(fourth[column: 1]?.kind == .number && fourth[column: 1]?.value == "-12.5")
        #expect(fourth[column: 2]?.kind == .error && fourth[column: 2]?.value == "#DIV/0!")
        #expect(fourth[column: 3]?.kind == .boolean && fourth[column: 3]?.value == "1")
        let formula = try #require(fourth[column: 4])
        #expect(formula.kind == .formulaString && formula.value == "姓名先生" && formula.formula == "A2&\"先生\"")
        #expect(fourth[column: 5]?.formula == "B4*2" && fourth[column: 5]?.value == "-25")
        #expect(fourth[column: 26]?.reference == "AA4" && fourth[column: 26]?.value == "A&B <C> 𠈌")
        #expect(fourth[column: 27]?.value == "line\rend _x0041_")
        #expect(rows[2][column: 5]?.formula == "")
    }

    @Test func numberFormatsTellDatesAndTextApart() throws {
        let directory = try TemporaryDirectory()
        let reader = try foreignReader(directory)
        let general = try #require(reader.numberFormat(forStyle: 0))
        #expect(general.code == "General" && !general.isDate && !general.isText)
        let chineseDate = try #require(reader.numberFormat(forStyle: 1))
        #expect(chineseDate.id == 164 && chineseDate.isDate && chineseDate.code == "yyyy\"年\"m\"月\"d\"日\"")
        let money = try #require(reader.numberFormat(forStyle: 2))
        #expect(!money.isDate && !money.isText)
        #expect(reader.numberFormat(forStyle: 3)?.isText == true)
        #expect(reader.numberFormat(forStyle: 4)?.isDate == true)
        let localeDate = try #require(reader.numberFormat(forStyle: 5))
        #expect(localeDate.isDate && localeDate.code == nil)
        #expect(reader.numberFormat(forStyle: 6)?.isDate == true)
        #expect(reader.numberFormat(forStyle: 7) == nil)
    }

    @Test func rawXMLGivesAnyPart() throws {
        let directory = try TemporaryDirectory()
        let reader = try foreignReader(directory)
        #expect(try reader.rawXML(path: "xl/worksheets/data.xml").contains("<x:sheetData>"))
        #expect(try reader.rawXML(path: "/XL/Workbook.xml").contains("rel:id=\"rIdData\""))
        #expect(throws: SpreadsheetError.self) { try reader.rawXML(path: "xl/worksheets/sheet1.xml") }
    }

    @Test func streamingStopsWhenTheCallerThrows() throws {
        struct Enough: Error {}
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("Sheet1")
            for row in 0..<1_000 { try sheet.write(.integer(row), row: row, column: 0) }
        }
        var seen: [Int] = []
        #expect(throws: Enough.self) {
            try reader.forEachRow(sheet: "Sheet1") { row in
                seen.append(row.number)
                if row.number == 3 { throw Enough() }
            }
        }
        #expect(seen == [1, 2, 3])
        #expect(try reader.rows(sheet: "Sheet1").count == 1_000)
    }
}
