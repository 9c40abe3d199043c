import Foundation
import Testing
import Domain
import Intake
import Spreadsheet
@testable import Reports

/// The catalog workbook read back as a user opening it in Excel would see it.
@Suite struct CatalogWorkbookTests {
    static let catalogDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Catalog")

    func writtenWorkbook() throws -> (XLSXReader, Catalog, URL) {
        let catalog = try #require(CatalogReader.load(Self.catalogDirectory).catalog)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString).xlsx")
        try CatalogWorkbook.write(catalog, to: url)
        return (try XLSXReader(url: url), catalog, url)
    }

    @Test func everyCatalogFileHasItsSheetAfterTheOverview() throws {
        let (reader, _, url) = try writtenWorkbook()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.visibleSheetNames == [
            "概览 Overview", "项目 Projects", "职业 Occupations", "专项能力 Special abilities", "考试科目 Exam parts",
            "申报条件 Eligibility", "培训补贴 Training subsidy", "学徒补贴 Apprentice subsidy", "镇街 Districts",
            "重点群体 Key groups", "年度目标 Targets", "设置 Settings",
        ])
    }

    @Test func theOverviewCountsRowsWithATotalFormula() throws {
        let (reader, catalog, url) = try writtenWorkbook()
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: "概览 Overview")
        #expect(rows[0][column: 0]?.value == "SkillCert 目录 Catalog")
        let occupations = try #require(rows.first { $0[column: 0]?.value == "职业 Occupations" })
        #expect(occupations[column: 1]?.kind == .number)
        #expect(occupations[column: 1]?.value == String(catalog.occupations.count))
        let total = try #require(rows.first { $0[column: 0]?.value == "合计 total" })
        #expect(total[column: 1]?.formula == "SUM(B3:B13)")
        let expected = catalog.projects.count + catalog.occupations.count + catalog.specialAbilities.count
            + catalog.examParts.count + catalog.eligibilityRoutes.count + catalog.trainingSubsidies.count
            + catalog.apprenticeSubsidies.count + catalog.districts.count + catalog.keyGroups.count
            + catalog.targets.count + catalog.settings.count
        #expect(total[column: 1]?.value == String(expected))
        #expect(rows.contains { $0[column: 0]?.value.contains("养老护理员") == true })
    }

    @Test func occupationCodesAreTextAndTheProjectColumnHasADropDown() throws {
        let (reader, catalog, url) = try writtenWorkbook()
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: "职业 Occupations")
        #expect(rows[1][column: 0]?.value == "职业编码 code")
        let chef = try #require(rows.first { $0[column: 1]?.value == "中式烹调师" })
        let code = try #require(chef[column: 0])
        #expect(code.value == "4-03-02-01")
        #expect(code.kind == .sharedString || code.kind == .inlineString)
        #expect(reader.numberFormat(forStyle: try #require(code.styleIndex))?.isText == true)
        #expect(chef[column: 4]?.value == "5|4|3|2|1")
        #expect(rows.count == 2 + catalog.occupations.count)

        let xml = try reader.rawXML(path: "xl/worksheets/sheet3.xml")
        #expect(xml.contains("<dataValidation type=\"list\""))
        #expect(xml.contains("yuecai,nanyue,jigong"))
        #expect(xml.contains("<pane ySplit=\"2\""))
        #expect(xml.contains("<autoFilter ref=\"A2:G13\""))
        #expect(xml.contains("orientation=\"landscape\""))
        #expect(xml.contains("fitToHeight=\"0\""))
    }

    @Test func moneyIsANumberInYuanWithTwoDecimals() throws {
        let (reader, _, url) = try writtenWorkbook()
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: "学徒补贴 Apprentice subsidy")
        let intermediate = try #require(rows.first { $0[column: 0]?.value == "四级/中级工" })
        let amount = try #require(intermediate[column: 1])
        #expect(amount.kind == .number)
        #expect(amount.value == "5500")
        #expect(reader.numberFormat(forStyle: try #require(amount.styleIndex))?.code == "#,##0.00")
    }

    @Test func theTargetsSheetHasABarChartOverTheTargets() throws {
        let (reader, _, url) = try writtenWorkbook()
        defer { try? FileManager.default.removeItem(at: url) }
        let chart = try reader.rawXML(path: "xl/charts/chart1.xml")
        #expect(chart.contains("<c:barChart>"))
        #expect(chart.contains("'年度目标 Targets'!$E$3:$E$8"))
        #expect(chart.contains("'年度目标 Targets'!$C$3:$D$8"))
        let workbook = try reader.rawXML(path: "xl/workbook.xml")
        #expect(workbook.contains("_xlnm.Print_Titles"))
    }

    @Test func anUnwritableFolderIsAnErrorNotACrash() throws {
        let catalog = try #require(CatalogReader.load(Self.catalogDirectory).catalog)
        let url = URL(fileURLWithPath: "/nonexistent-folder-\(UUID().uuidString)/catalog.xlsx")
        #expect(throws: SpreadsheetError.self) { try CatalogWorkbook.write(catalog, to: url) }
    }
}
