import Foundation
import Spreadsheet
import Testing

/// Inputs the fuzzer (scripts/fuzz.sh xlsx) found to crash the reader, kept as they were found
/// (cut down to the byte that mattered): each must now be refused with an error.
@Suite struct XLSXReaderFuzzFindingsTests {
    /// A workbook whose parts are the given bytes, the rest minimal.
    func workbook(sheet: [UInt8]? = nil, styles: [UInt8]? = nil, in directory: TemporaryDirectory) throws -> URL {
        var entries: [HandZip.Entry] = [
            .stored("[Content_Types].xml", MinimalPackage.contentTypes),
            .stored("_rels/.rels", MinimalPackage.rootRelationships()),
            .stored("xl/workbook.xml", """
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """),
            .stored("xl/_rels/workbook.xml.rels", """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
                Target="worksheets/sheet1.xml"/>\
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
                Target="styles.xml"/></Relationships>
                """),
            .stored("xl/worksheets/sheet1.xml", bytes: sheet ?? Array("<worksheet><sheetData/></worksheet>".utf8)),
        ]
        if let styles { entries.append(.stored("xl/styles.xml", bytes: styles)) }
        let url = directory.file("found.xlsx")
        try Data(HandZip.bytes(entries)).write(to: url)
        return url
    }

    /// Found in styles.xml: `borderI\xE4="0"`. Foundation's XMLParser force-unwraps the
    /// attribute's name as UTF-8 and stopped the process.
    @Test func anAttributeNameThatIsNotUTF8() throws {
        let directory = try TemporaryDirectory()
        let styles = Self.bytes("<styleSheet><cellXfs><xf borderI", 0xE4, "=\"0\"/></cellXfs></styleSheet>")
        let url = try workbook(styles: styles, in: directory)
        #expect(spreadsheetError { _ = try XLSXReader(url: url) }
            == .malformedPart(path: url.path, part: "xl/styles.xml", detail: "not UTF-8 text (byte 33)"))
    }

    /// The same in a sheet, which is streamed: an element name, a comment, a cut last character.
    static let badSheets: [(sheet: [UInt8], badByte: Int)] = [
        (bytes("<worksheet><sheetData><row r=\"1\"><c", 0xE4, " r=\"A1\"/></row></sheetData></worksheet>"), 36),
        (bytes("<worksheet><!-- ", 0xE4, " --><sheetData/></worksheet>"), 17),
        (bytes("<worksheet><sheetData/></worksheet>", 0xE4, "") + [0xB8], 36),
    ]

    static func bytes(_ before: String, _ bad: UInt8, _ after: String) -> [UInt8] {
        Array(before.utf8) + [bad] + Array(after.utf8)
    }

    @Test(arguments: badSheets)
    func aSheetThatIsNotUTF8(_ sheet: [UInt8], _ badByte: Int) throws {
        let directory = try TemporaryDirectory()
        let url = try workbook(sheet: sheet, in: directory)
        let reader = try XLSXReader(url: url)
        #expect(spreadsheetError { _ = try reader.rows(sheet: "Sheet1") }
            == .malformedPart(path: url.path, part: "xl/worksheets/sheet1.xml", detail: "not UTF-8 text (byte \(badByte))"))
    }

    /// A long sheet of Chinese text is inflated in many chunks, which cut its characters apart.
    @Test func chineseTextCutByChunksIsStillUTF8() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("名单")
            for row in 0..<3_000 { try sheet.write(.text("王𠈌第\(row)行"), row: row, column: 0) }
        }
        #expect(try reader.rows(sheet: "名单").count == 3_000)
    }

    @Test func aUTF16PartIsLeftToTheXMLParser() throws {
        let directory = try TemporaryDirectory()
        let xml = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>姓名</t></is></c></row></sheetData></worksheet>"
        let utf16 = [UInt8]([0xFF, 0xFE]) + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let url = try workbook(sheet: utf16, in: directory)
        #expect(try XLSXReader(url: url).values(sheet: "Sheet1") == ["A1": "姓名"])
    }
}
