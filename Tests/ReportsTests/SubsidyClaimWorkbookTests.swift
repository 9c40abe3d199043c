import Foundation
import Testing
import Domain
import Spreadsheet
import Reports
// Expired and rateless certificates need a later clock and a catalog without the rate, which
// one fixture cannot give: one test builds a claim from real lines with the internal initialisers.
@testable import Store

/// The 以证定补 claim sheet read back as the institution signing it and the bureau checking it
/// would see it.
@Suite struct SubsidyClaimWorkbookTests {
    static let claimSheet = "以证定补 Claim"
    static let leftOffSheet = "未申领 Left off"

    func written(_ claim: SubsidyClaim, unmasked: Bool = false) throws -> (XLSXReader, URL) {
        let url = temporaryWorkbookURL("claim")
        try SubsidyClaimWorkbook.write(claim, unmasked: unmasked, to: url)
        return (try XLSXReader(url: url), url)
    }

    func values(_ rows: [XLSXRow], _ number: Int) -> [String] {
        rows.row(number)?.cells.compactMap { $0.value.isEmpty ? nil : $0.value } ?? []
    }

    @Test func aRecordedClaimNamesTheInstitutionPeriodClaimAndDate() throws {
        let fixture = try CertificateFixture()
        let claim = try fixture.claim(record: true)
        let id = try #require(claim.id)
        let (reader, url) = try written(claim)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.visibleSheetNames == [Self.claimSheet, Self.leftOffSheet])
        let rows = try reader.rows(sheet: Self.claimSheet)
        #expect(rows.value("A1") == "中山市甲烹饪培训学校 以证定补培训补贴申领表")
        let details = try #require(rows.value("A2"))
        for part in ["申领期间 Period 2026-11-01 至 2026-11-30", "申领编号 Claim No. \(id)", "申领日期 Claimed on 2026-11-21",
                     "证书 Certificates 1 本", "合计 Total 1,000.00 元"] {
            #expect(details.contains(part), "\(part)")
        }
        #expect(!details.contains("预览"))
        #expect(values(rows, 3) == ["序号 No.", "证书编号 Certificate No.", "姓名 Name", "身份证号 National ID", "职业 Occupation",
                                    "等级 Level", "发证日期 Issued on", "申领截止 Claimable until", "补贴金额（元） Amount (yuan)"])
    }

    @Test func eachClaimedCertificateHasItsAmountInYuanAndTheTotalIsASum() throws {
        let fixture = try CertificateFixture()
        let (reader, url) = try written(try fixture.claim(record: true))
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.claimSheet)
        // Only 陈大文: 王𠈌's certificate is revoked and 李四 did not train at the school.
        #expect(values(rows, 4) == ["1", fixture.lines[0].number, "陈大文", "440524********0014", "中式烹调师", "五级/初级工",
                                    "46347", "46712", "1000"])
        #expect(rows.cell("B4")?.kind == .sharedString)
        for reference in ["G4", "H4"] {
            let date = try #require(rows.cell(reference))
            #expect(date.kind == .date, "\(reference)")
        }
        let amount = try #require(rows.cell("I4"))
        #expect(amount.kind == .number)
        #expect(reader.numberFormat(forStyle: try #require(amount.styleIndex))?.code == "#,##0.00")

        #expect(rows.value("A5") == "合计 Total")
        #expect(rows.cell("B5")?.formula == "COUNTA(B4:B4)")
        #expect(rows.value("B5") == "1")
        let total = try #require(rows.cell("I5"))
        #expect(total.formula == "SUM(I4:I4)")
        #expect(total.value == "1000")
        #expect(reader.numberFormat(forStyle: try #require(total.styleIndex))?.code == "#,##0.00")
    }

    @Test func aSignatureBlockFollowsTheTotal() throws {
        let fixture = try CertificateFixture()
        let (reader, url) = try written(try fixture.claim(record: true))
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.claimSheet)
        #expect(rows.row(6) == nil)
        #expect(values(rows, 7) == ["培训机构（盖章）：", "机构负责人：", "经办人：", "日期："])
        #expect(values(rows, 8) == ["人社局审核意见：", "审核人：", "日期："])
        let sheet = try reader.sheetXML(Self.claimSheet)
        #expect(sheet.contains("<mergeCell ref=\"D7:E7\"/>"))
    }

    @Test func theLeftOffSheetGivesTheRevokedCertificateAndWhy() throws {
        let fixture = try CertificateFixture()
        let (reader, url) = try written(try fixture.claim(record: true))
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.leftOffSheet)
        #expect(rows.value("A1") == "中山市甲烹饪培训学校 2026-11-01 至 2026-11-30 未申领证书 Certificates left off")
        #expect(values(rows, 2) == ["证书编号 Certificate No.", "姓名 Name", "身份证号 National ID", "职业/项目 Occupation/item",
                                    "发证日期 Issued on", "原因", "Reason"])
        #expect(values(rows, 3) == [fixture.lines[1].number, "王𠈌", "110105********002X", "中式烹调师 五级/初级工", "46347",
                                    "证书已于 2026-11-21 撤销", "certificate revoked on 2026-11-21"])
        #expect(rows.row(4) == nil)
    }

    @Test func aPreviewAfterTheClaimSaysSoAndLeavesTheClaimedCertificateOff() throws {
        let fixture = try CertificateFixture()
        let recorded = try #require(try fixture.claim(record: true).id)
        let preview = try fixture.claim(record: false)
        let (reader, url) = try written(preview)
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.claimSheet)
        #expect(rows.value("A1") == "中山市甲烹饪培训学校 以证定补培训补贴申领表（预览）")
        #expect(rows.value("A2")?.contains("预览，未登记 Preview, not recorded") == true)
        #expect(values(rows, 4).isEmpty, "nothing left to claim")
        #expect(rows.cell("I5")?.formula == "SUM(I4:I4)")
        #expect(rows.value("I5") == "0")
        #expect(rows.value("B5") == "0")

        let leftOff = try reader.rows(sheet: Self.leftOffSheet)
        #expect(values(leftOff, 3).first == fixture.lines[0].number)
        #expect(Array(values(leftOff, 3).suffix(2)) == ["已在申领 \(recorded) 中申领", "already claimed in claim \(recorded)"])
        #expect(Array(values(leftOff, 4).suffix(2)) == ["证书已于 2026-11-21 撤销", "certificate revoked on 2026-11-21"])
    }

    @Test func amountsInFenAreShownExactlyInYuanAndEveryReasonIsNamed() throws {
        let fixture = try CertificateFixture()
        let real = try fixture.claim(record: false)
        let chen = fixture.lines[0], li = fixture.lines[2]
        let claim = SubsidyClaim(
            id: nil, institution: real.institution, period: real.period, claimedOn: "2026-11-21",
            lines: [ClaimLine(certificate: chen, amount: Money(fen: 123_456), claimableUntil: "2027-11-21"),
                    ClaimLine(certificate: li, amount: Money(fen: 5), claimableUntil: "2027-11-21"),
                    ClaimLine(certificate: chen, amount: Money(yuan: 1_000), claimableUntil: "2027-11-21")],
            leftOff: [UnclaimableCertificate(certificate: li, reason: .expired(claimableUntil: "2026-10-31")),
                      UnclaimableCertificate(certificate: chen, reason: .noRate)])
        let (reader, url) = try written(claim)
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.claimSheet)
        #expect(["I4", "I5", "I6"].map { rows.value($0) } == ["1234.56", "0.05", "1000"])
        #expect(rows.cell("I7")?.formula == "SUM(I4:I6)")
        #expect(rows.value("I7") == "2234.61")
        #expect(rows.value("A2")?.contains("合计 Total 2,234.61 元") == true)

        let leftOff = try reader.rows(sheet: Self.leftOffSheet)
        #expect(Array(values(leftOff, 3).suffix(2)) == ["已过申领期限（2026-10-31 截止）", "past the claim deadline (2026-10-31)"])
        #expect(Array(values(leftOff, 4).suffix(2)) == ["目录中没有该职业、等级的补贴标准",
                                                        "the catalog has no subsidy rate for this occupation and level"])
    }

    @Test func nothingLeftOffSaysSo() throws {
        let fixture = try CertificateFixture()
        let real = try fixture.claim(record: false)
        let claim = SubsidyClaim(id: nil, institution: real.institution, period: real.period, claimedOn: real.claimedOn,
                                 lines: [], leftOff: [])
        let (reader, url) = try written(claim)
        defer { try? FileManager.default.removeItem(at: url) }
        let leftOff = try reader.rows(sheet: Self.leftOffSheet)
        #expect(values(leftOff, 3) == ["无 None"])
    }

    @Test func idsAreMaskedOnBothSheetsUnlessAskedForWholeWithAWarning() throws {
        let fixture = try CertificateFixture()
        let claim = try fixture.claim(record: true)
        let (masked, maskedURL) = try written(claim)
        defer { try? FileManager.default.removeItem(at: maskedURL) }
        let text = try masked.allText()
        #expect(ExamSessionFixture.wholeIDs.filter { text.contains($0) }.isEmpty)

        let (reader, url) = try written(claim, unmasked: true)
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.claimSheet)
        #expect(rows.value("D4") == ExamSessionFixture.chen.id)
        #expect(rows.value("A2")?.contains("请妥善保管") == true)
        #expect(try reader.rows(sheet: Self.leftOffSheet).value("C3") == ExamSessionFixture.wang.id)
    }

    @Test func bothSheetsPrintLandscapeOnePageWideWithTheirHeadersOnEveryPage() throws {
        let fixture = try CertificateFixture()
        let (reader, url) = try written(try fixture.claim(record: true))
        defer { try? FileManager.default.removeItem(at: url) }
        let workbook = try reader.rawXML(path: "xl/workbook.xml")
        for (name, header) in [(Self.claimSheet, 3), (Self.leftOffSheet, 2)] {
            let sheet = try reader.sheetXML(name)
            #expect(sheet.contains("orientation=\"landscape\"") && sheet.contains("paperSize=\"9\""), "\(name)")
            #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>") && sheet.contains("fitToHeight=\"0\""), "\(name)")
            #expect(sheet.contains("<pane ySplit=\"\(header)\""), "\(name)")
            #expect(workbook.contains("'\(name)'!$1:$\(header)"), "\(name)")
        }
    }
}
