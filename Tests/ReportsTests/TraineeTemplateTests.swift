import Foundation
import Testing
import Domain
import Spreadsheet
import Reports

/// The import template read back as a clerk opening it in Excel would meet it.
@Suite struct TraineeTemplateTests {
    static let catalog = Catalog(
        keyGroups: [
            KeyGroup(code: "graduate", nameZh: "高校毕业生", nameEn: "college graduates"),
            KeyGroup(code: "rural", nameZh: "农村劳动力", nameEn: "rural labour"),
            KeyGroup(code: "veteran", nameZh: "退役军人", nameEn: "veterans"),
            KeyGroup(code: "disabled", nameZh: "残疾人", nameEn: "people with disabilities"),
            KeyGroup(code: "hardship", nameZh: "就业困难人员", nameEn: "people with employment difficulties"),
            KeyGroup(code: "poverty", nameZh: "脱贫人口", nameEn: "people lifted out of poverty"),
        ],
        educationLevels: [
            CatalogChoice(code: "junior-or-below", nameZh: "初中及以下", nameEn: "junior secondary or below"),
            CatalogChoice(code: "senior-secondary", nameZh: "高中/中专/技校", nameEn: "senior secondary or technical school"),
            CatalogChoice(code: "junior-college", nameZh: "大专", nameEn: "junior college"),
            CatalogChoice(code: "bachelor", nameZh: "本科", nameEn: "bachelor"),
            CatalogChoice(code: "postgraduate", nameZh: "研究生及以上", nameEn: "postgraduate"),
        ],
        householdTypes: [
            CatalogChoice(code: "urban", nameZh: "城镇", nameEn: "urban"),
            CatalogChoice(code: "rural", nameZh: "农村", nameEn: "rural"),
        ])

    func written(_ catalog: Catalog = Self.catalog) throws -> (XLSXReader, WorkbookXML, URL) {
        let url = temporaryWorkbookURL("template")
        try TraineeTemplate.write(catalog, to: url)
        let reader = try XLSXReader(url: url)
        return (reader, try WorkbookXML(reader), url)
    }

    @Test func theHeaderIsWhatTheImporterRecognisesInTemplateOrder() throws {
        let (reader, xml, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.visibleSheetNames == ["学员名单 Trainees", "填写说明 Instructions"])
        let rows = try reader.rows(sheet: "学员名单 Trainees")
        let header = try #require(rows.row(1))
        #expect(header.cells.map(\.value) == [
            ListField.nationalId.header, ListField.name.header, ListField.phone.header,
            ListField.education.header, ListField.householdType.header, ListField.keyGroups.header,
        ])
        #expect(header.cells.map(\.value).first == "身份证号 National ID")
        let style = try #require(header.cells.first?.styleIndex)
        #expect(xml.isBold(style: style))
        #expect(xml.fillColor(ofStyle: style) == "FFD9E1F2")
        let sheet = try xml.sheet(1)
        #expect(sheet.contains("<pane ySplit=\"2\" topLeftCell=\"A3\""))
    }

    @Test func theNotesRowIsSkippableAndExplainsEveryColumnInBothLanguages() throws {
        let (reader, _, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        let notes = try #require(try reader.rows(sheet: "学员名单 Trainees").row(2))
        #expect(notes.cells.count == 6)
        let first = try #require(notes.cells.first?.value)
        #expect(first.hasPrefix("【说明"))
        // Whichever column a clerk moves to the front, the row still starts with the marker.
        #expect(notes.cells.allSatisfy { $0.value.hasPrefix("【说明】") })
        #expect(first.contains("18 位") && first.contains("文本格式") && first.contains("National ID: 18 characters"))
        #expect(notes[column: 2]?.value.contains("11 位手机号") == true)
        #expect(notes[column: 2]?.value.contains("11-digit mobile") == true)
        #expect(notes[column: 3]?.value.contains("从下拉列表选择") == true)
        #expect(notes[column: 3]?.value.contains("Pick from the list") == true)
        #expect(notes[column: 5]?.value.contains("、") == true)
        #expect(notes[column: 5]?.value.contains("One or more") == true)
    }

    @Test func idAndPhoneColumnsAreTextBeforeAnythingIsTyped() throws {
        let (reader, xml, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try xml.sheet(1)
        for column in [0, 2] {
            let style = try #require(WorkbookXML.columnStyle(column, in: sheet), "column \(column) has no format")
            #expect(reader.numberFormat(forStyle: style)?.isText == true)
        }
        // The name column is left alone: only the digit columns need protecting.
        let nameStyle = WorkbookXML.columnStyle(1, in: sheet)
        #expect(nameStyle.flatMap { reader.numberFormat(forStyle: $0)?.isText } != true)
    }

    @Test func closedFieldsOfferTheCatalogNamesAndKeyGroupsDoNotBlockSeveralGroups() throws {
        let (_, xml, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try xml.sheet(1)
        let education = try #require(WorkbookXML.validation(sqref: "D3:D2002", in: sheet))
        #expect(education.contains("type=\"list\""))
        #expect(education.contains("<formula1>\"初中及以下,高中/中专/技校,大专,本科,研究生及以上\"</formula1>"))
        #expect(education.contains("errorStyle=\"warning\""))
        let household = try #require(WorkbookXML.validation(sqref: "E3:E2002", in: sheet))
        #expect(household.contains("<formula1>\"城镇,农村\"</formula1>"))
        let groups = try #require(WorkbookXML.validation(sqref: "F3:F2002", in: sheet))
        #expect(groups.contains("<formula1>\"高校毕业生,农村劳动力,退役军人,残疾人,就业困难人员,脱贫人口\"</formula1>"))
        #expect(groups.contains("errorStyle=\"information\"") || groups.contains("errorStyle=\"warning\""))
        #expect(!groups.contains("errorStyle=\"stop\""))
        #expect(sheet.components(separatedBy: "<dataValidation ").count - 1 == 3)
    }

    @Test func aClosedListTheCatalogLacksGetsNoDropDownAndANoteToLeaveItEmpty() throws {
        var catalog = Self.catalog
        catalog.educationLevels = []
        let (reader, xml, url) = try written(catalog)
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try xml.sheet(1)
        #expect(WorkbookXML.validation(sqref: "D3:D2002", in: sheet) == nil)
        #expect(WorkbookXML.validation(sqref: "E3:E2002", in: sheet) != nil)
        let notes = try #require(try reader.rows(sheet: "学员名单 Trainees").row(2))
        #expect(notes[column: 3]?.value.contains("请留空") == true)
    }

    @Test func theInstructionsCoverCSVEncodingsAllOrNothingAndAcceptValid() throws {
        let (reader, _, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        let text = try reader.rows(sheet: "填写说明 Instructions").flatMap(\.cells).map(\.value).joined(separator: "\n")
        #expect(text.contains("GB18030") && text.contains("UTF-8"))
        #expect(text.contains("整份名单都不导入") && text.contains("nothing is imported"))
        #expect(text.contains("只导入合格行") && text.contains("accept the valid rows"))
        // Interface-neutral: the workbook is handed out by the command line and the web alike.
        #expect(!text.contains("--"))
        #expect(text.contains(ListField.keyGroups.header))
    }

    @Test func bothSheetsPrintLikeEveryListing() throws {
        let (reader, xml, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        for number in [1, 2] {
            let sheet = try xml.sheet(number)
            #expect(sheet.contains("orientation=\"landscape\""))
            #expect(sheet.contains("fitToHeight=\"0\""))
            #expect(sheet.contains("<oddFooter>&amp;C&amp;P / &amp;N</oddFooter>"))
        }
        let workbook = try reader.rawXML(path: "xl/workbook.xml")
        #expect(workbook.contains("'学员名单 Trainees'!$1:$2"))
    }
}
