import Domain
import Foundation
import Intake
import Spreadsheet
import Testing

@Suite("Apprentice lists: CSV and .xlsx, headers in either language, cells checked")
struct ApprenticeListTests {
    let today = CivilDate(year: 2026, month: 11, day: 21)!
    let catalog = Catalog(occupations: [
        Occupation(code: "4-03-02-01", name: "中式烹调师", projectCode: "yuecai", levels: SkillLevel.nationalLevels),
    ])

    static let chineseHeader = "序号,企业统一社会信用代码,身份证号,姓名,职业,目标等级,劳动合同起始日期,合同年限,学徒开始日期,学徒结束日期,延长理由,企业导师,院校导师"
    static let chenRow = "1,91440101MA5CJQ4N59,440524188001010014,陈大文,中式烹调师,四级/中级工,2026-09-01,3,2026-09-01,2028-09-01,,李师傅,王老师"

    private func check(_ row: ListRow) -> ApprenticeRowCheck {
        ApprenticeRowRules(catalog: catalog).check(row.fields, today: today)
    }

    @Test func aUTF8ListWithChineseHeadersGivesThePlanOfEachRow() throws {
        let directory = try ListDirectory()
        let list = try ApprenticeListReader.read(try directory.write("学徒.csv", "\(Self.chineseHeader)\n\(Self.chenRow)\n"))
        #expect(list.formatDescription == "CSV UTF-8")
        #expect(list.ignoredColumns == ["序号"])
        #expect(list.columns[.enterprise] == 1 && list.columns[.institutionMentor] == 12 && list.columns[.extensionReason] == 10)
        #expect(list.columns[.institution] == nil)
        #expect(list.rows.map(\.number) == [2])
        let candidate = try #require(check(list.rows[0]).candidate)
        #expect(candidate.enterprise == "91440101MA5CJQ4N59")
        #expect(candidate.nationalId.value == "440524188001010014" && candidate.name == "陈大文")
        #expect(candidate.institution == nil)
        #expect(candidate.plan == ApprenticeshipPlan(
            occupationCode: "4-03-02-01", targetLevel: .level4, contractStart: CivilDate(year: 2026, month: 9, day: 1)!, contractYears: 3,
            start: CivilDate(year: 2026, month: 9, day: 1)!, end: CivilDate(year: 2028, month: 9, day: 1)!,
            enterpriseMentor: "李师傅", institutionMentor: "王老师"))
    }

    @Test func aGB18030ListWithEnglishHeadersIsReadAndARareNameSurvives() throws {
        let text = """
            Enterprise ID,National ID,Name,Occupation code,Level,Contract start,Contract years,Start,End,Extension reason,Enterprise mentor,School mentor,Institution
            7,11010519491231002X,王𠈌,4-03-02-01,technician,20260901,3年,2026/09/01,2029/03/01,技师培养周期长,李师傅,王老师,甲学校
            """
        let directory = try ListDirectory()
        let list = try ApprenticeListReader.read(try directory.write("apprentices.csv", bytes: try encoded(text, as: "GB18030")))
        #expect(list.formatDescription == "CSV GB18030")
        #expect(list.ignoredColumns.isEmpty)
        let candidate = try #require(check(list.rows[0]).candidate)
        #expect(candidate.enterprise == "7" && candidate.name == "王𠈌" && candidate.institution == "甲学校")
        #expect(candidate.plan.targetLevel == .level2 && candidate.plan.contractYears == 3)
        #expect(candidate.plan.contractStart == CivilDate(year: 2026, month: 9, day: 1)!)
        #expect(candidate.plan.end == CivilDate(year: 2029, month: 3, day: 1)! && candidate.plan.extensionReason == "技师培养周期长")
    }

    @Test func anXLSXListReadsDateCellsAsDatesAndRefusesAnIDStoredAsANumber() throws {
        let directory = try ListDirectory()
        let url = try directory.workbook("学徒.xlsx") { workbook in
            let sheet = try workbook.addSheet("学徒名单")
            try sheet.write(.text("2026年学徒登记名单"), row: 0, column: 0)
            try sheet.writeRow(ApprenticeListReader.required.map { .text($0.header) }, row: 1)
            // Dates typed into date cells, contract years as a number: as Excel keeps them.
            try sheet.writeRow([.text("91440101MA5CJQ4N59"), .text("440524188001010014"), .text("陈大文"), .text("中式烹调师"), .text("4"),
                                .date(year: 2026, month: 9, day: 1), .integer(3), .date(year: 2026, month: 9, day: 1),
                                .date(year: 2028, month: 9, day: 1), .text("李师傅"), .text("王老师")], row: 2)
            try sheet.writeRow([.text("91440101MA5CJQ4N59"), .number(Double(440_524_188_001_010_014 as Int)), .text("李四"),
                                .text("中式烹调师"), .text("4"), .text("2026-09-01"), .text("3"), .text("2026-09-01"),
                                .text("2028-09-01"), .text("李师傅"), .text("王老师")], row: 3)
        }
        let list = try ApprenticeListReader.read(url)
        #expect(list.formatDescription == "xlsx sheet 学徒名单")
        #expect(list.rows.map(\.number) == [3, 4])
        #expect(list.rows[0].fields[.contractStart] == CellText("2026-09-01", storedAsNumber: true))
        let candidate = try #require(check(list.rows[0]).candidate)
        #expect(candidate.plan.end == CivilDate(year: 2028, month: 9, day: 1)! && candidate.plan.contractYears == 3)
        let refused = check(list.rows[1])
        #expect(refused.candidate == nil)
        #expect(refused.issues.map(\.field) == [.nationalId])
        #expect(refused.issues[0].rule.english.contains("Excel stored the national ID as a number"))
    }

    @Test func everyBadCellOfARowIsReportedWithItsRule() throws {
        let directory = try ListDirectory()
        let row = "2,91440101MA5CJQ4N5,110105194912310021,,烤鸭师,九级,2026-02-30,三年,2026-09-01,,,李师傅,"
        let list = try ApprenticeListReader.read(try directory.write("bad.csv", "\(Self.chineseHeader)\n\(row)\n"))
        let issues = check(list.rows[0]).issues
        #expect(issues.map(\.field) == [.enterprise, .nationalId, .name, .occupation, .targetLevel, .contractStart, .contractYears,
                                        .apprenticeEnd, .institutionMentor])
        #expect(issues.first { $0.field == .occupation }?.rule.english == "is not an occupation of the catalog (code or name)")
        #expect(issues.first { $0.field == .contractStart }?.rule.english == "no such date in the calendar")
        #expect(issues.first { $0.field == .contractYears }?.value == "三年")
        #expect(issues.first { $0.field == .apprenticeEnd }?.rule == Rejection("必须填写", "is required"))
    }

    /// The apprentice's name and both mentors' names, the enterprise's code and the ID: a
    /// character nobody can see is refused in each of them, named with its position.
    @Test func hiddenCharactersInNamesCodesAndIDsAreNamed() throws {
        let directory = try ListDirectory()
        let row = "1,91440101MA5CJQ4N59\u{200B},44052418800101001\u{FEFF}4,陈\u{200D}大文,中式烹调师,四级/中级工,2026-09-01,3,"
            + "2026-09-01,2028-09-01,,李\u{202E}师傅,王老师\u{00AD}"
        let list = try ApprenticeListReader.read(try directory.write("hidden.csv", "\(Self.chineseHeader)\n\(row)\n"))
        let issues = check(list.rows[0]).issues
        #expect(issues.map(\.field) == [.enterprise, .nationalId, .name, .enterpriseMentor, .institutionMentor])
        #expect(issues.map { $0.rule.english.components(separatedBy: " (").first ?? "" } == [
            "character 19 of the unified social credit code is the invisible character U+200B",
            "character 18 of the national ID is the invisible character U+FEFF",
            "character 2 of the name is the invisible character U+200D",
            "character 2 of the enterprise mentor is the invisible character U+202E",
            "character 4 of the institution mentor is the invisible character U+00AD",
        ])
    }

    @Test func aListWithoutAMentorColumnIsRefusedBeforeAnyRow() throws {
        let directory = try ListDirectory()
        let header = Self.chineseHeader.replacingOccurrences(of: ",院校导师", with: "")
        let error = intakeError(try directory.write("short.csv", "\(header)\n\(Self.chenRow)\n"),
                                required: ApprenticeListReader.required, optional: ApprenticeListReader.optional)
        #expect(error == .missingColumns(file: "short.csv", sheet: nil, row: 1, missing: [.institutionMentor]))
        #expect(error?.english.contains("Institution mentor (院校导师)") == true)
    }
}
