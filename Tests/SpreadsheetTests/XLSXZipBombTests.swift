import Foundation
import Spreadsheet
import Testing

/// A few kilobytes that inflate to gigabytes are refused, whatever size the archive declares,
/// and never inflated past the limit.
@Suite struct XLSXZipBombTests {
    static let sheetPart = "xl/worksheets/sheet1.xml"

    /// A workbook with one sheet (and shared strings, when given) around `sheet`.
    static func workbook(sheet: HandZip.Entry, sharedStrings: HandZip.Entry? = nil) -> [UInt8] {
        var relationships = """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
            Target="worksheets/sheet1.xml"/>
            """
        if sharedStrings != nil {
            relationships += """
                <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
                Target="sharedStrings.xml"/>
                """
        }
        relationships += "</Relationships>"
        return HandZip.bytes([
            .stored("[Content_Types].xml", MinimalPackage.contentTypes),
            .stored("_rels/.rels", MinimalPackage.rootRelationships()),
            .stored("xl/workbook.xml", """
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>
                """),
            .stored("xl/_rels/workbook.xml.rels", relationships),
            sheet,
        ] + (sharedStrings.map { [$0] } ?? []))
    }

    /// 1 + 258 × 4,000 = 1,032,001 bytes of spaces from 6.5 kB, declared as 1,000 bytes.
    static let lyingEntry = HandZip.Entry(path: sheetPart, method: 8, payload: HandZip.spaces(matches: 4_000),
                                          declaredSize: 1_000, crc: 0)

    @Test func aSheetDeclaringFourGigabytesIsRefusedBeforeAnythingIsInflated() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("bomb.xlsx")
        let sheet = HandZip.Entry(path: Self.sheetPart, method: 8, payload: HandZip.spaces(matches: 10), declaredSize: 0xFFFF_FFFE, crc: 0)
        try Data(Self.workbook(sheet: sheet)).write(to: url)
        let reader = try XLSXReader(url: url)
        let error = spreadsheetError { _ = try reader.rows(sheet: "名单") }
        #expect(error == .partTooLarge(path: url.path, part: Self.sheetPart, limitBytes: 1 << 30))
        #expect(error?.chinese == "文件 \(url.path) 中的 \(Self.sheetPart) 解压后超过 1 GiB 的上限，不是正常的工作簿（可能是恶意构造的“压缩炸弹”），未读取")
        #expect(error?.english == "File \(url.path): part \(Self.sheetPart) inflates to more than the limit of 1 GiB; "
            + "this is no ordinary workbook (it may be a maliciously built “zip bomb”) and was not read")
    }

    @Test func aSheetThatInflatesPastTheLimitIsStoppedThereWhateverItDeclares() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("lying.xlsx")
        try Data(Self.workbook(sheet: Self.lyingEntry)).write(to: url)
        #expect(HandZip.spaces(matches: 4_000).count < 7_000)
        let limited = try XLSXReader(url: url, limits: XLSXReadLimits(sheetPartBytes: 64 << 10, partBytes: 64 << 10))
        #expect(spreadsheetError { _ = try limited.rows(sheet: "名单") }
            == .partTooLarge(path: url.path, part: Self.sheetPart, limitBytes: 64 << 10))
        // Under a limit it fits in, the same part inflates whole and fails on its checksum instead.
        let roomy = try XLSXReader(url: url, limits: XLSXReadLimits(sheetPartBytes: 2 << 20, partBytes: 64 << 10))
        guard case .corruptArchive? = spreadsheetError({ _ = try roomy.rows(sheet: "名单") }) else {
            Issue.record("expected the checksum to fail once the whole part was inflated")
            return
        }
    }

    @Test func aPartReadIntoMemoryHasItsOwnLimit() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("strings.xlsx")
        let strings = HandZip.Entry(path: "xl/sharedStrings.xml", method: 8, payload: HandZip.spaces(matches: 4_000),
                                    declaredSize: 1_000, crc: 0)
        try Data(Self.workbook(sheet: .stored(Self.sheetPart, "<worksheet><sheetData/></worksheet>"), sharedStrings: strings))
            .write(to: url)
        #expect(spreadsheetError { _ = try XLSXReader(url: url, limits: XLSXReadLimits(sheetPartBytes: 1 << 30, partBytes: 64 << 10)) }
            == .partTooLarge(path: url.path, part: "xl/sharedStrings.xml", limitBytes: 64 << 10))
    }

    @Test func aHandBuiltWorkbookWithinTheLimitsReads() throws {
        let directory = try TemporaryDirectory()
        let url = directory.file("fine.xlsx")
        let sheet = """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            <row r="1"><c r="A1" t="inlineStr"><is><t>身份证号</t></is></c></row></sheetData></worksheet>
            """
        try Data(Self.workbook(sheet: .stored(Self.sheetPart, sheet))).write(to: url)
        let reader = try XLSXReader(url: url, limits: XLSXReadLimits(sheetPartBytes: 1 << 10, partBytes: 1 << 10))
        #expect(try reader.values(sheet: "名单") == ["A1": "身份证号"])
    }
}
