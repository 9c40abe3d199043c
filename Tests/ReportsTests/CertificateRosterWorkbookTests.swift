import Foundation
import Testing
import Domain
import Spreadsheet
import Reports
import Store

/// The 证书名册 read back as the bureau filing it would see it.
@Suite struct CertificateRosterWorkbookTests {
    static let sheet = "证书名册 Certificates"

    func written(_ lines: [CertificateLine], unmasked: Bool = false) throws -> (XLSXReader, [XLSXRow], URL) {
        let url = temporaryWorkbookURL("certificates")
        try CertificateRosterWorkbook.write(lines, title: "考试场次 7", unmasked: unmasked, to: url)
        let reader = try XLSXReader(url: url)
        return (reader, try reader.rows(sheet: Self.sheet), url)
    }

    func values(_ rows: [XLSXRow], _ number: Int) -> [String] {
        rows.row(number)?.cells.compactMap { $0.value.isEmpty ? nil : $0.value } ?? []
    }

    @Test func theTitleSaysWhatItCoversAndTheHeaderIsBilingual() throws {
        let fixture = try CertificateFixture()
        let (reader, rows, url) = try written(fixture.lines)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.visibleSheetNames == [Self.sheet])
        #expect(rows.value("A1") == "考试场次 7 证书名册")
        let details = try #require(rows.value("A2"))
        #expect(details.contains("已撤销证书的编号不再使用") && details.contains("补发（遗失、损毁）不改变证书编号"))
        #expect(values(rows, 3) == [
            "序号 No.", "证书编号 Certificate No.", "姓名 Name", "性别 Sex", "身份证号 National ID", "职业/项目 Occupation/item",
            "等级 Level", "发证日期 Issued on", "评价机构 Evaluation body", "培训机构 Training institution", "状态 Status",
            "补发次数 Reissues",
        ])
    }

    @Test func eachCertificateHasItsLineInNumberOrderWithItsStatusAndReissues() throws {
        let fixture = try CertificateFixture()
        let (_, rows, url) = try written(fixture.lines)
        defer { try? FileManager.default.removeItem(at: url) }
        let numbers = fixture.lines.map(\.number)
        // The first number of body S0000, province 44, site 000123, 2026, level 5: leading zeros kept.
        #expect(numbers.first == "S000044000123265000001")
        #expect(values(rows, 4) == ["1", numbers[0], "陈大文", "男", "440524********0014", "中式烹调师", "五级/初级工", "46347",
                                    "中山市丙职业技能评价中心", "中山市甲烹饪培训学校", "有效", "1"])
        #expect(values(rows, 5) == ["2", numbers[1], "王𠈌", "女", "110105********002X", "中式烹调师", "五级/初级工", "46347",
                                    "中山市丙职业技能评价中心", "中山市甲烹饪培训学校",
                                    "已撤销（2026-11-21）：\(CertificateFixture.revocationReason)", "0"])
        #expect(values(rows, 6) == ["3", numbers[2], "李四", "男", "340524********001X", "中式烹调师", "五级/初级工", "46347",
                                    "中山市丙职业技能评价中心", "个人报名 Self-applied", "有效", "0"])
    }

    @Test func numbersAndIDsAreTextAndTheIssueDateIsADate() throws {
        let fixture = try CertificateFixture()
        let (reader, rows, url) = try written(fixture.lines)
        defer { try? FileManager.default.removeItem(at: url) }
        for reference in ["B4", "E4"] {
            let cell = try #require(rows.cell(reference))
            // Stored inline: the roster is written in constant-memory mode, which keeps no string table.
            #expect(cell.kind == .inlineString, "\(reference)")
            #expect(reader.numberFormat(forStyle: try #require(cell.styleIndex))?.isText == true, "\(reference)")
        }
        let issued = try #require(rows.cell("H4"))
        #expect(issued.kind == .date)
        #expect(issued.value == "46347", "2026-11-21")
        #expect(reader.numberFormat(forStyle: try #require(issued.styleIndex))?.code == "yyyy-mm-dd")
        #expect(rows.cell("L4")?.kind == .number)
    }

    @Test func theTotalsCountAllAndValidCertificatesByFormulaWithCachedValues() throws {
        let fixture = try CertificateFixture()
        let (reader, rows, url) = try written(fixture.lines)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("A7") == "合计 Total")
        let all = try #require(rows.cell("B7"))
        #expect(all.formula == "COUNTA(B4:B6)")
        #expect(all.value == "3")
        #expect(reader.numberFormat(forStyle: try #require(all.styleIndex))?.code == "0\" 本\"")
        let valid = try #require(rows.cell("K7"))
        #expect(valid.formula == "COUNTIF(K4:K6,\"有效\")")
        #expect(valid.value == "2", "王𠈌's certificate is revoked")
        #expect(rows.row(8) == nil)
    }

    @Test func anEmptyRosterStillHasValidTotals() throws {
        let (_, rows, url) = try written([])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(values(rows, 4).isEmpty)
        #expect(rows.cell("B5")?.formula == "COUNTA(B4:B4)")
        #expect(rows.value("B5") == "0")
        #expect(rows.cell("K5")?.formula == "COUNTIF(K4:K4,\"有效\")")
        #expect(rows.value("K5") == "0")
    }

    @Test func idsAreMaskedEverywhereUnlessAskedForWholeWithAWarning() throws {
        let fixture = try CertificateFixture()
        let (masked, _, maskedURL) = try written(fixture.lines)
        defer { try? FileManager.default.removeItem(at: maskedURL) }
        let text = try masked.allText()
        #expect(ExamSessionFixture.wholeIDs.filter { text.contains($0) }.isEmpty)
        #expect(!text.contains("请妥善保管"))

        let (_, rows, url) = try written(fixture.lines, unmasked: true)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect([4, 5, 6].map { rows.value("E\($0)") } == ExamSessionFixture.wholeIDs)
        #expect(rows.value("A2")?.contains("请妥善保管") == true)
        #expect(rows.value("A3") == "序号 No.", "the warning stays in the details line")
    }

    @Test func aRosterStreamedFromTheStoreReadsBackAsTheListedOne() throws {
        let fixture = try CertificateFixture()
        let (_, listed, listedURL) = try written(fixture.lines)
        defer { try? FileManager.default.removeItem(at: listedURL) }
        for unmasked in [false, true] {
            let url = temporaryWorkbookURL("streamed")
            defer { try? FileManager.default.removeItem(at: url) }
            let roster = try CertificateRosterWorkbook.Writer(title: "考试场次 7", unmasked: unmasked, to: url)
            var persons: [Int64] = []
            try fixture.session.store.eachCertificate(CertificateFilter(sessionId: fixture.session.sessionId),
                                                      actor: fixture.session.admin) { line in
                persons.append(line.personId)
                try roster.append(line)
            }
            try roster.finish()
            #expect((roster.count, roster.validCount) == (3, 2))
            #expect(persons == fixture.lines.map(\.personId))
            let rows = try XLSXReader(url: url).rows(sheet: Self.sheet)
            if unmasked {
                #expect([4, 5, 6].map { rows.value("E\($0)") } == ExamSessionFixture.wholeIDs)
            } else {
                #expect((1...8).map { values(rows, $0) } == (1...8).map { values(listed, $0) })
                #expect(["B7", "K7"].map { rows.cell($0)?.formula } == ["COUNTA(B4:B6)", "COUNTIF(K4:K6,\"有效\")"])
                #expect(["B7", "K7"].map { rows.value($0) } == ["3", "2"])
            }
        }
    }

    @Test func aLongRosterKeepsEveryLineInOrderAndCountsThemAll() throws {
        let fixture = try CertificateFixture()
        let url = temporaryWorkbookURL("long")
        defer { try? FileManager.default.removeItem(at: url) }
        let roster = try CertificateRosterWorkbook.Writer(title: "2026", unmasked: false, to: url)
        let repeats = 1_000
        for _ in 0..<repeats {
            for line in fixture.lines { try roster.append(line) }
        }
        try roster.finish()
        let rows = try XLSXReader(url: url).rows(sheet: Self.sheet)
        let last = 3 + 3 * repeats
        #expect(rows.count == last + 1)
        #expect(values(rows, last)[0] == String(3 * repeats))
        #expect(values(rows, last)[1] == fixture.lines[2].number)
        #expect(values(rows, last)[4] == "340524********001X")
        #expect(rows.cell("B\(last + 1)")?.formula == "COUNTA(B4:B\(last))")
        #expect(rows.value("B\(last + 1)") == String(3 * repeats))
        #expect(rows.value("K\(last + 1)") == String(2 * repeats))
        let text = try XLSXReader(url: url).allText()
        #expect(ExamSessionFixture.wholeIDs.filter { text.contains($0) }.isEmpty)
    }

    @Test func theRosterPrintsLandscapeOnePageWideWithItsHeaderOnEveryPage() throws {
        let fixture = try CertificateFixture()
        let (reader, _, url) = try written(fixture.lines)
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try reader.sheetXML(Self.sheet)
        #expect(sheet.contains("orientation=\"landscape\"") && sheet.contains("paperSize=\"9\""))
        #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>") && sheet.contains("fitToHeight=\"0\""))
        #expect(sheet.contains("<pane ySplit=\"3\""))
        #expect(sheet.contains("<autoFilter ref=\"A3:L6\"/>"))
        #expect(sheet.contains("<mergeCell ref=\"A1:L1\"/>"))
        #expect(try reader.rawXML(path: "xl/workbook.xml").contains("'\(Self.sheet)'!$1:$3"))
    }
}
