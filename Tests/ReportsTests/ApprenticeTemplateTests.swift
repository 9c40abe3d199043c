import Foundation
import Testing
import Domain
import Spreadsheet
import Reports

/// The apprentice list template read back as a clerk opening it in Excel would meet it.
@Suite struct ApprenticeTemplateTests {
    static let catalog = Catalog(
        occupations: [
            Occupation(code: "4-03-02-01", name: "中式烹调师", projectCode: "yuecai", levels: SkillLevel.nationalLevels),
            Occupation(code: "4-10-01-06", name: "家政服务员", projectCode: "nanyue", levels: [.level5, .level4, .level3, .level2]),
            // Offers no level an apprenticeship may target: left out of the drop-down.
            Occupation(code: "9-99-99-99", name: "只有五级的职业", projectCode: "yuecai", levels: [.level5]),
        ],
        settings: [CatalogSetting(key: "apprentice_max_years", value: "3", note: "")])

    @Test func theHeaderNotesTextColumnsAndDropDownsAreWhatTheImporterReads() throws {
        let url = temporaryWorkbookURL("apprentice-template")
        defer { try? FileManager.default.removeItem(at: url) }
        try ApprenticeTemplate.write(Self.catalog, to: url)
        let reader = try XLSXReader(url: url)
        let xml = try WorkbookXML(reader)
        #expect(reader.visibleSheetNames == ["学徒名单 Apprentices", "填写说明 Instructions"])
        let rows = try reader.rows(sheet: "学徒名单 Apprentices")
        let header = try #require(rows.row(1)).cells.map(\.value)
        #expect(header == ApprenticeTemplate.fields.map(\.header))
        #expect(header.prefix(3) == ["企业统一社会信用代码 Enterprise credit code", "身份证号 National ID", "姓名 Name"])
        // Every column the importer requires is in the template.
        #expect(Set(ApprenticeTemplate.fields).isSuperset(of: [.enterprise, .nationalId, .name, .occupation, .targetLevel,
                                                                .contractStart, .contractYears, .apprenticeStart, .apprenticeEnd,
                                                                .enterpriseMentor, .institutionMentor]))
        let notes = try #require(rows.row(2)).cells
        #expect(notes.count == header.count && notes.allSatisfy { $0.value.hasPrefix("【说明】") })
        #expect(notes[9].value.contains("培养期超过 2 年时必填") && notes[9].value.contains("over two years"))

        let sheet = try xml.sheet(1)
        // Credit code, ID and the three dates are text; the name is not.
        for column in [0, 1, 5, 7, 8] {
            let style = try #require(WorkbookXML.columnStyle(column, in: sheet), "column \(column) has no format")
            #expect(reader.numberFormat(forStyle: style)?.isText == true)
        }
        #expect(WorkbookXML.columnStyle(2, in: sheet).flatMap { reader.numberFormat(forStyle: $0)?.isText } != true)
        let occupations = try #require(WorkbookXML.validation(sqref: "D3:D502", in: sheet))
        #expect(occupations.contains("<formula1>\"中式烹调师,家政服务员\"</formula1>") && occupations.contains("errorStyle=\"warning\""))
        let levels = try #require(WorkbookXML.validation(sqref: "E3:E502", in: sheet))
        #expect(levels.contains("<formula1>\"四级/中级工,三级/高级工,二级/技师,一级/高级技师\"</formula1>"))
        #expect(sheet.contains("<pane ySplit=\"2\" topLeftCell=\"A3\""))

        let instructions = try reader.rows(sheet: "填写说明 Instructions").flatMap(\.cells).map(\.value).joined(separator: "\n")
        #expect(instructions.contains("说明理由后最长 3 年") && instructions.contains("up to 3 with a reason"))
        #expect(instructions.contains("GB18030") && instructions.contains("nobody is registered"))
    }
}
