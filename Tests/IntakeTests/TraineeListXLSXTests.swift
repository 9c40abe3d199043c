import Domain
import Foundation
import Intake
import Spreadsheet
import Testing

@Suite("Trainee lists: .xlsx workbooks")
struct TraineeListXLSXTests {
    let today = CivilDate(year: 2026, month: 3, day: 1)!
    let catalog = Catalog(
        keyGroups: [KeyGroup(code: "veteran", nameZh: "退役军人", nameEn: "veterans")],
        educationLevels: [CatalogChoice(code: "bachelor", nameZh: "本科", nameEn: "bachelor")],
        householdTypes: [CatalogChoice(code: "rural", nameZh: "农村", nameEn: "rural")])

    /// 440524188001010014 as Excel holds it once typed into a General cell: a double, which keeps 15
    /// to 17 significant digits, never the 18 of an ID. (Converted at run time: the literal would
    /// be rounded by the compiler, with a warning.)
    static let idAsNumber = Double(440_524_188_001_010_014 as Int)

    /// A list as the template lays it out: a title, the bilingual header on row 2, the notes row,
    /// then trainees; one ID typed into a General cell (a number) and one into a text cell.
    private func templateList(in directory: ListDirectory, name: String = "名单.xlsx") throws -> URL {
        try directory.workbook(name) { workbook in
            let sheet = try workbook.addSheet("学员名单")
            try sheet.mergeRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: 5, text: "2026年第一期培训班学员名单")
            try sheet.writeRow([.text("序号 No."), .text("身份证号 National ID"), .text("姓名 Name"), .text("手机号码 Mobile phone"),
                                .text("文化程度 Education"), .text("户籍类型 Household type"), .text("重点群体 Key groups")], row: 1)
            try sheet.write(.text("【说明】身份证号与手机号码列为文本格式；文化程度、户籍类型请从下拉列表选择"), row: 2, column: 0)
            try sheet.writeRow([.integer(1), .text("440524188001010014"), .text("王𠈌"), .integer(13_800_138_000),
                                .text("本科"), .text("农村"), .text("退役军人")], row: 3)
            try sheet.writeRow([.integer(2), .number(Self.idAsNumber), .text("李四"), .text("13900139000")], row: 4)
            // Row 6 left empty; the last trainee on row 7 with a phone typed as text.
            try sheet.writeRow([.integer(3), .text("11010519491231002X"), .text("赵六"), .text("13700137000")], row: 6)
        }
    }

    @Test func theTemplateLayoutIsReadWithSheetRowNumbers() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try templateList(in: directory))
        #expect(reader.formatDescription == "xlsx sheet 学员名单")
        #expect(reader.sheetName == "学员名单")
        #expect(reader.headerRowNumber == 2)
        #expect(reader.columns == [.nationalId: 1, .name: 2, .phone: 3, .education: 4, .householdType: 5, .keyGroups: 6])
        #expect(reader.ignoredColumns == ["序号 No."])
        let rows = try rows(of: reader)
        #expect(rows.map(\.number) == [4, 5, 7])
        #expect(rows[0].cells == ["1", "440524188001010014", "王𠈌", "13800138000", "本科", "农村", "退役军人"])
        #expect(rows[0].fields[.nationalId] == CellText("440524188001010014"))
        #expect(rows[0].fields[.name] == CellText("王𠈌"))
        // A number cell: whole numbers up to 15 digits read as Excel shows them, without ".0".
        #expect(rows[0].fields[.phone] == CellText("13800138000", storedAsNumber: true))
        #expect(rows[2].fields[.phone] == CellText("13700137000"))
        // Cells are dense and padded to the header's width.
        #expect(rows[1].cells.count == 7)
    }

    @Test func anIDStoredAsANumberIsFlaggedAndRefusedWithTheExcelExplanation() throws {
        let directory = try ListDirectory()
        let rows = try rows(of: try traineeList(try templateList(in: directory)))
        let numeric = try #require(rows[1].fields[.nationalId])
        #expect(numeric.storedAsNumber)
        // The stored value is kept: Excel has already lost the last digits of the 18.
        // (libxlsxwriter writes 16 significant digits, here 4.4052418800101E+17.)
        #expect(numeric.text == "4.4052418800101E+17")
        #expect(Double(numeric.text) == Self.idAsNumber)
        let rules = TraineeRowRules(catalog: catalog)
        let refused = rules.check(rows[1].fields, today: today)
        #expect(refused.candidate == nil)
        #expect(refused.issues == [ListFieldIssue(field: .nationalId, value: numeric.text, rule: Rejection(
            "身份证号被 Excel 当作数字保存（显示为 \(numeric.text)），末几位已丢失、无法还原；请把身份证号列设置为“文本”格式，重新录入身份证号后再导入",
            "Excel stored the national ID as a number (shown as \(numeric.text)), so its last digits are lost and cannot be recovered; "
                + "format the column as text, enter the IDs again and import the file again"))])

        let accepted = try #require(rules.check(rows[0].fields, today: today).candidate)
        #expect(accepted.nationalId.value == "440524188001010014")
        #expect(accepted.name == "王𠈌")
        #expect(accepted.phone == "13800138000")
        #expect(accepted.education == "bachelor")
        #expect(accepted.householdType == "rural")
        #expect(accepted.keyGroups == ["veteran"])
    }

    @Test func numberCellsReadAsExcelShowsThem() throws {
        let directory = try ListDirectory()
        let url = try directory.workbook("hours.xlsx") { workbook in
            let sheet = try workbook.addSheet("出勤")
            try sheet.writeRow([.text("身份证号"), .text("学时")], row: 0)
            try sheet.writeRow([.text("440524188001010014"), .number(12.5)], row: 1)
            try sheet.writeRow([.text("11010519491231002X"), .integer(8)], row: 2)
            try sheet.writeRow([.text("34052419800101001X"), .formulaNumber("0.1+0.2", cached: 0.1 + 0.2)], row: 3)
            try sheet.writeRow([.text("440524188001010014"), .boolean(true)], row: 4)
        }
        let reader = try TraineeListReader(url: url, required: [.nationalId, .hours], optional: [])
        let hours = try rows(of: reader).map { $0.fields[.hours] }
        #expect(hours == [CellText("12.5", storedAsNumber: true), CellText("8", storedAsNumber: true),
                          CellText("0.3", storedAsNumber: true), CellText("TRUE")])
        let entry = try #require(AttendanceRowRules.check(try rows(of: reader)[0].fields, today: today).entry)
        #expect(entry.hours == Hours(tenths: 125))
    }

    @Test func theFirstVisibleSheetIsReadUnlessOneIsNamed() throws {
        let directory = try ListDirectory()
        let url = try directory.workbook("two.xlsx") { workbook in
            let first = try workbook.addSheet("第一期")
            try first.writeRow([.text("身份证号"), .text("姓名")], row: 0)
            try first.writeRow([.text("440524188001010014"), .text("张三")], row: 1)
            let second = try workbook.addSheet("Second Cohort")
            try second.writeRow([.text("Name"), .text("National ID")], row: 2)
            try second.writeRow([.text("李四"), .text("11010519491231002X")], row: 3)
        }
        #expect(try rows(of: try traineeList(url)).map { $0.text(.name) } == ["张三"])
        let named = try traineeList(url, sheet: "Second Cohort")
        #expect(named.formatDescription == "xlsx sheet Second Cohort")
        #expect(try rows(of: named).map(\.number) == [4])
        // Excel's sheet names ignore case, and so does the reader.
        #expect(try traineeList(url, sheet: "second cohort").sheetName == "Second Cohort")
    }

    @Test func aWorkbookNamedCSVIsStillAWorkbook() throws {
        let directory = try ListDirectory()
        let workbook = try templateList(in: directory)
        let renamed = directory.file("名单.csv")
        try FileManager.default.moveItem(at: workbook, to: renamed)
        let reader = try traineeList(renamed)
        #expect(reader.formatDescription == "xlsx sheet 学员名单")
        #expect(try rows(of: reader).count == 3)
    }
}
