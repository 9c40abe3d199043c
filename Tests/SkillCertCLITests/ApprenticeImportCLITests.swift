import Foundation
import Testing
import Domain
import Spreadsheet
@testable import Store
@testable import SkillCertCLI

/// Apprentices registered from a list: refused whole with an error workbook, then imported from the template.
@Suite struct ApprenticeImportCLITests {
    static let header = "序号,企业统一社会信用代码,身份证号,姓名,职业,目标等级,劳动合同起始日期,合同年限,学徒开始日期,学徒结束日期,延长理由,企业导师,院校导师\n"

    /// The cohort workspace with its three trainees on file and the enterprise recorded.
    private func workspace() throws -> Workspace {
        let cohorts = CohortCLITests()
        let workspace = try cohorts.cohortWorkspace()
        try cohorts.write(CohortCLITests.header + CohortCLITests.goodRows, to: "list.csv", in: workspace)
        #expect(workspace.run("cohort", "import", "1", "list.csv", "--as", "clerk.a").status == 0)
        #expect(workspace.run("enterprise", "add", "--credit-code", "91440101MA5CJQ4N59", "--name", "中山市某某酒家",
                              "--district", "石岐街道").status == 0)
        return workspace
    }

    @Test func eachApprenticesHistoryHoldsTheListThatRegisteredHerApprenticeship() throws {
        let workspace = try workspace()
        let row = "1,91440101MA5CJQ4N59,440524188001010014,陈大文,中式烹调师,4,2026-09-01,3,2026-09-01,2028-09-01,,李师傅,王老师\n"
        try CohortCLITests().write(Self.header + row, to: "学徒.csv", in: workspace)
        let imported = workspace.run("apprentice", "import", "学徒.csv", "--as", "clerk.a")
        #expect(imported.status == 0, "\(imported.stderr)")
        let today = CivilDate(year: 2026, month: 11, day: 21)!
        let store = try Store.open(path: workspace.path("skillcert.sqlite"), clock: .fixed(today))
        let admin = try store.user(login: "admin")
        let chen = try #require(try store.person(nationalId: try NationalID.parse("440524188001010014", today: today), actor: admin).id)
        let history = try store.recordHistory(of: .person(chen), actor: admin)
        let line = try #require(history.rows.first { $0.event.action == "apprentice.import" })
        #expect(line.event.actorLogin == "clerk.a" && line.event.after?.contains("学徒.csv") == true)
        #expect(line.listImport == .apprenticeList(ApprenticeListTouch(fileName: "学徒.csv", apprenticeshipId: 1, enterpriseName: "中山市某某酒家")))
        // Her other history stays: the trainee list that created her record.
        #expect(history.rows.map(\.event.action) == ["apprentice.import", "cohort.import"])
    }

    @Test func aListWithBadRowsRegistersNobodyAndNamesEachRowColumnAndRule() throws {
        let workspace = try workspace()
        let rows = """
            1,91440101MA5CJQ4N59,440524188001010014,陈大文,中式烹调师,四级/中级工,2026-09-01,3,2026-09-01,2028-09-01,,李师傅,王老师
            2,91440101MA5CJQ4N59,11010519491231002X,王五,中式烹调师,4,2026-09-01,3,2026-09-01,2028-09-01,,李师傅,王老师
            3,91440101MA5CJQ4N59,34052419800101001X,钱七,中式烹调师,4,2026-09-01,3,2026-09-01,2027-03-01,,李师傅,王老师

            """
        try CohortCLITests().write(Self.header + rows, to: "学徒.csv", in: workspace)
        let refused = workspace.run("apprentice", "import", "学徒.csv", "--as", "clerk.a")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("文件 学徒.csv 第 3 行 字段 D 姓名，值 \"王五\"：该身份证号已以另一个姓名登记"))
        #expect(refused.stderr.contains("学徒.csv line 3 · field D 姓名, value \"王五\": this national ID is registered under another name"))
        #expect(refused.stderr.contains("学徒.csv line 4 · field J 学徒结束日期, value \"2027-03-01\": an apprenticeship runs at least one year (this one 6 months)"))
        #expect(refused.stderr.contains("nothing was written: 2 row(s) refused"))
        #expect(refused.stdout.contains("3 rows read: 1 valid, 2 refused, nothing was written"))
        #expect(refused.stdout.contains("Columns not used: 序号"))
        #expect(workspace.run("apprentice", "roster", "--as", "clerk.a").stdout.contains("0 名学徒"))

        let errors = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/学徒-errors.xlsx"))
        let lines = try errors.rows(sheet: try #require(errors.sheetNames.first))
        #expect(lines[1].cells.map(\.value) == ["原行号 Row"] + Self.header.dropLast().split(separator: ",").map(String.init) + ["原因 Reason"])
        #expect(lines.dropFirst(2).map { $0.cells[0].value } == ["3", "4"])
        let wang = lines[2].cells.map(\.value)
        #expect(wang[3] == "11010519491231002X" && wang[4] == "王五")
        #expect(wang.last?.contains("姓名：该身份证号已以另一个姓名登记") == true)
        #expect(lines[3].cells.last?.value.contains("学徒结束日期：培养期至少 1 年") == true)
    }

    @Test func theTemplateFilledInImportsAndAnInstitutionImportsOnlyForItself() throws {
        let workspace = try workspace()
        #expect(workspace.run("apprentice", "template", "--as", "clerk.a").stdout.contains("apprentice-template.xlsx"))
        let template = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/apprentice-template.xlsx"))
        let templateRows = try template.rows(sheet: "学徒名单 Apprentices")
        // The clerk keeps the header and notes rows and fills in two apprentices under them.
        let filled = workspace.directory.appendingPathComponent("filled.xlsx")
        let book = try Workbook(path: filled.path)
        let sheet = try book.addSheet("学徒名单")
        for (index, row) in templateRows.prefix(2).enumerated() {
            for cell in row.cells { try sheet.write(.text(cell.value), row: index, column: cell.columnIndex) }
        }
        try sheet.writeRow(["91440101MA5CJQ4N59", "440524188001010014", "陈大文", "中式烹调师", "四级/中级工", "2026-09-01", "3",
                            "2026-09-01", "2028-09-01", "", "李师傅", "王老师"].map(CellValue.text), row: 2)
        try sheet.writeRow(["91440101MA5CJQ4N59", "11010519491231002X", "王𠈌", "4-03-02-01", "3", "2026-10-01", "5",
                            "2026-10-01", "2029-04-01", "高级工培养周期长", "赵师傅", "孙老师", "甲学校"].map(CellValue.text), row: 3)
        try book.close()

        let elsewhere = workspace.run("apprentice", "import", "filled.xlsx", "--institution", "甲学校", "--as", "clerk.b")
        #expect(elsewhere.status == 1)
        #expect(elsewhere.stderr.contains("no institution 甲学校"))
        let imported = workspace.run("apprentice", "import", "filled.xlsx", "--as", "clerk.a")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("2 rows read: 2 recorded (apprenticeships 1–2), 0 refused"))
        #expect(workspace.run("apprentice", "show", "2", "--as", "clerk.a").stdout.contains("计划 30 个月 planned"))
        // Importing the same list again registers nobody twice.
        let again = workspace.run("apprentice", "import", "filled.xlsx", "--as", "clerk.a")
        #expect(again.status == 1)
        #expect(again.stderr.contains("110105********002X already has an apprenticeship under way"))
        #expect(!again.stderr.contains("11010519491231002X"))
        #expect(workspace.run("audit", "list", "--json").stdout.contains("apprentice.import"))
    }
}
