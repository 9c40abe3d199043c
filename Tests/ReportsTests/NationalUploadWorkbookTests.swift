import Foundation
import Testing
import Domain
import Spreadsheet
import Reports
import Store

/// The national upload read back as the machine that imports it would: one header row, then
/// text cells only.
@Suite struct NationalUploadWorkbookTests {
    static let header = ["姓名", "身份证号", "职业名称", "职业编码", "工种", "等级", "等级代码", "证书编号", "发证日期", "评价机构"]

    func written(_ lines: [CertificateLine]) throws -> (XLSXReader, [XLSXRow], URL) {
        let url = temporaryWorkbookURL("upload")
        try NationalUploadWorkbook.write(lines, to: url)
        let reader = try XLSXReader(url: url)
        let sheet = try #require(reader.sheetNames.first)
        return (reader, try reader.rows(sheet: sheet), url)
    }

    /// Every cell of a row, blanks as "", so that an empty 工种 keeps its place.
    func values(_ rows: [XLSXRow], _ number: Int) -> [String] {
        (0..<Self.header.count).map { rows.row(number)?[column: $0]?.value ?? "" }
    }

    @Test func oneHeaderRowThenTheValidCertificatesWithWholeIDs() throws {
        let fixture = try CertificateFixture()
        let (reader, rows, url) = try written(fixture.lines)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.sheetNames.count == 1)
        #expect(values(rows, 1) == Self.header)
        let chen = fixture.lines[0], li = fixture.lines[2]
        #expect(values(rows, 2) == ["陈大文", ExamSessionFixture.chen.id, "中式烹调师", "4-03-02-01", "", "五级/初级工", "5",
                                    chen.number, "2026-11-21", "中山市丙职业技能评价中心"])
        #expect(values(rows, 3) == ["李四", ExamSessionFixture.li.id, "中式烹调师", "4-03-02-01", "", "五级/初级工", "5",
                                    li.number, "2026-11-21", "中山市丙职业技能评价中心"])
        #expect(rows.row(4) == nil)
        let sheet = try reader.sheetXML(try #require(reader.sheetNames.first))
        #expect(!sheet.contains("<mergeCell"), "no title rows")
        #expect(sheet.contains("<pane ySplit=\"1\""), "the header stays in view for whoever checks the file")
    }

    @Test func theRevokedCertificateIsNotUploaded() throws {
        let fixture = try CertificateFixture()
        let revoked = fixture.lines[1]
        #expect(revoked.revokedOn == "2026-11-21")
        let (reader, _, url) = try written(fixture.lines)
        defer { try? FileManager.default.removeItem(at: url) }
        let text = try reader.allText()
        #expect(!text.contains(revoked.number))
        #expect(!text.contains(ExamSessionFixture.wang.id))
        #expect(!text.contains("王𠈌"))
    }

    @Test func everyCellIsTextSoNoReaderReformatsIt() throws {
        let fixture = try CertificateFixture()
        let (reader, rows, url) = try written(fixture.lines)
        defer { try? FileManager.default.removeItem(at: url) }
        for row in 1...3 {
            for cell in try #require(rows.row(row)).cells where !cell.value.isEmpty {
                #expect(cell.kind == .sharedString, "\(cell.reference)")
                #expect(reader.numberFormat(forStyle: try #require(cell.styleIndex))?.isText == true, "\(cell.reference)")
            }
        }
        // The date stays the text the national system reads, never a day serial.
        #expect(rows.cell("I2")?.kind == .sharedString)
        #expect(rows.value("I2") == "2026-11-21")
        #expect(rows.value("G2") == "5")
    }

    @Test func nothingToUploadLeavesTheHeaderAlone() throws {
        let fixture = try CertificateFixture()
        let (_, rows, url) = try written([fixture.lines[1]])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(values(rows, 1) == Self.header)
        #expect(rows.count == 1)
    }
}
