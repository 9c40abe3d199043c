import Foundation
import Testing
@testable import SkillCertCLI

/// What every import says on the terminal: one summary shape (rows read, recorded, refused, and
/// "nothing was written" when nothing was), and each refused row with its row, column, value
/// (IDs and phones masked) and rule, the first 20 and how many more.
@Suite struct ImportReportCLITests {
    static let badRows = """
        4,李四,110105194912310021,13700137000,本科,城镇,
        5,,440524188001010014,12345,博士,乡村,外星人

        """

    @Test func aCohortImportNamesEachRefusedRowWithColumnMaskedValueAndRule() throws {
        let cohorts = CohortCLITests()
        let workspace = try cohorts.cohortWorkspace()
        try cohorts.write(CohortCLITests.header + CohortCLITests.goodRows + Self.badRows, to: "bad.csv", in: workspace)
        for extra in [[], ["--accept-valid"]] {
            let result = workspace.run(["cohort", "import", "1", "bad.csv", "--as", "clerk.a"] + extra)
            #expect(result.stderr.contains("文件 bad.csv 第 5 行 字段 C 身份证号，值 \"110105********0021\"：身份证号校验位应为"), "\(result.stderr)")
            #expect(result.stderr.contains("bad.csv line 5 · field C 身份证号, value \"110105********0021\": the national ID's check character should be"),
                    "\(result.stderr)")
            #expect(result.stderr.contains("bad.csv line 6 · field D 手机号码, value \"****5\""), "\(result.stderr)")
            #expect(result.stderr.contains("bad.csv line 6 · field E 文化程度, value \"博士\""), "\(result.stderr)")
            #expect(!result.stderr.contains("110105194912310021") && !result.stderr.contains("12345\""), "whole values leak: \(result.stderr)")
        }
    }

    @Test func moreThanTwentyRefusalsShowTheFirstTwentyAndACount() throws {
        let cohorts = CohortCLITests()
        let workspace = try cohorts.cohortWorkspace(capacity: 100)
        // 25 IDs with a wrong check character: one problem per row.
        let rows: String = (1...25).map { (index: Int) -> String in
            let valid = GeneratedList.nationalId(index)
            let wrong = String(valid.dropLast()) + (valid.last == "1" ? "2" : "1")
            return "\(index),学员\(index),\(wrong),13800138000,大专,农村,\n"
        }.joined()
        try cohorts.write(CohortCLITests.header + rows, to: "many.csv", in: workspace)
        let result = workspace.run("cohort", "import", "1", "many.csv", "--as", "clerk.a")
        #expect(result.status == 1)
        let listed = result.stderr.split(separator: "\n").filter { $0.contains("many.csv line ") }
        #expect(listed.count == 20, "\(result.stderr)")
        #expect(listed.first?.contains("many.csv line 2 ·") == true && listed.last?.contains("many.csv line 21 ·") == true)
        #expect(result.stderr.contains("另有 5 个问题未列出，共 25 行被拒绝"), "\(result.stderr)")
        #expect(result.stderr.contains("5 more problem(s) not listed; 25 row(s) refused in all"), "\(result.stderr)")
    }

    @Test func everyImportEndsWithTheSameSummaryShape() throws {
        let cohorts = CohortCLITests()
        let workspace = try cohorts.cohortWorkspace()
        try cohorts.write(CohortCLITests.header + CohortCLITests.goodRows + Self.badRows, to: "bad.csv", in: workspace)

        let refused = workspace.run("cohort", "import", "1", "bad.csv", "--as", "clerk.a")
        #expect(refused.stdout.contains("读取 5 行：正确 3 行，拒绝 2 行，未写入任何记录"), "\(refused.stdout)")
        #expect(refused.stdout.contains("5 rows read: 3 valid, 2 refused, nothing was written"), "\(refused.stdout)")
        #expect(refused.stderr.contains("未写入任何记录：2 行被拒绝") && refused.stderr.contains("nothing was written: 2 row(s) refused"),
                "\(refused.stderr)")

        let accepted = workspace.run("cohort", "import", "1", "bad.csv", "--accept-valid", "--as", "clerk.a")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("读取 5 行：记录 3 行（新登记人员 3 人），已在班 0 行，拒绝 2 行"), "\(accepted.stdout)")
        #expect(accepted.stdout.contains("5 rows read: 3 recorded (3 new persons), 0 already enrolled, 2 refused"), "\(accepted.stdout)")

        // Hours: "3 updated … nothing was imported" becomes what happened: nothing written.
        try cohorts.write("身份证号,出勤学时\n440524188001010014,60\n11010519491231002X,61\n34052419800101001X,800\n", to: "hours.csv", in: workspace)
        let hours = workspace.run("cohort", "hours", "1", "--file", "hours.csv", "--as", "clerk.a")
        #expect(hours.status == 1)
        #expect(hours.stdout.contains("3 rows read: 2 valid, 1 refused, nothing was written"), "\(hours.stdout)")
        #expect(!hours.stdout.contains("updated"), "\(hours.stdout)")
        #expect(hours.stderr.contains("hours.csv line 4 · field B 出勤学时, value \"800\": more than the cohort's 80 planned hours"), "\(hours.stderr)")
        #expect(hours.stderr.contains("nothing was written: 1 row(s) refused"), "\(hours.stderr)")
        let hoursAccepted = workspace.run("cohort", "hours", "1", "--file", "hours.csv", "--accept-valid", "--as", "clerk.a")
        #expect(hoursAccepted.status == 0, "\(hoursAccepted.stderr)")
        #expect(hoursAccepted.stdout.contains("3 rows read: 2 recorded, 0 unchanged, 1 refused"), "\(hoursAccepted.stdout)")
        #expect(hoursAccepted.stderr.contains("hours.csv line 4 · field B 出勤学时"), "\(hoursAccepted.stderr)")

        // Apprentices, all or none.
        #expect(workspace.run("enterprise", "add", "--credit-code", "91440101MA5CJQ4N59", "--name", "中山市某某酒家",
                              "--district", "石岐街道").status == 0)
        let line = "91440101MA5CJQ4N59,440524188001010014,陈大文,中式烹调师,4,2026-09-01,3,2026-09-01"
        try cohorts.write(ApprenticeImportCLITests.header + "1,\(line),2027-03-01,,李师傅,王老师\n", to: "a.csv", in: workspace)
        let apprentices = workspace.run("apprentice", "import", "a.csv", "--as", "clerk.a")
        #expect(apprentices.stdout.contains("1 rows read: 0 valid, 1 refused, nothing was written"), "\(apprentices.stdout)")
        #expect(apprentices.stderr.contains("nothing was written: 1 row(s) refused"), "\(apprentices.stderr)")
        try cohorts.write(ApprenticeImportCLITests.header + "1,\(line),2028-09-01,,李师傅,王老师\n", to: "a.csv", in: workspace)
        let registered = workspace.run("apprentice", "import", "a.csv", "--as", "clerk.a")
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(registered.stdout.contains("1 rows read: 1 recorded (apprenticeship 1), 0 refused"), "\(registered.stdout)")
    }
}
