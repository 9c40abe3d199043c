import Foundation
import Testing
import Spreadsheet
@testable import SkillCertCLI

/// An apprenticeship from the command line: registered by the school, filed by the bureau, ended early.
@Suite struct ApprenticeCLITests {
    @Test func anApprenticeshipIsRegisteredFiledAndTerminatedWithTheAdvanceOwedBack() throws {
        let cohorts = CohortCLITests()
        let workspace = try cohorts.cohortWorkspace()
        try cohorts.write(CohortCLITests.header + CohortCLITests.goodRows, to: "list.csv", in: workspace)
        #expect(workspace.run("cohort", "import", "1", "list.csv", "--as", "clerk.a").status == 0)
        let bad = workspace.run("enterprise", "add", "--credit-code", "91440101MA5CJQ4N5", "--name", "酒家", "--district", "石岐街道")
        #expect(bad.status == 1)
        #expect(workspace.run("enterprise", "add", "--credit-code", "91440101MA5CJQ4N59", "--name", "中山市某某酒家",
                              "--district", "石岐街道", "--as", "clerk.a").status == 0)
        // Another school working with the same enterprise finds it on file and gets it on its list, once.
        let joined = workspace.run("enterprise", "add", "--credit-code", "91440101MA5CJQ4N59", "--name", "某某酒家",
                                   "--district", "石岐街道", "--as", "clerk.b")
        #expect(joined.status == 0 && joined.stdout.contains("Enterprise on file, added to your institution's list 1: 中山市某某酒家"))
        let twice = workspace.run("enterprise", "add", "--credit-code", "91440101MA5CJQ4N59", "--name", "某某酒家",
                                  "--district", "石岐街道", "--as", "clerk.b")
        #expect(twice.status == 1 && twice.stderr.contains("enterprise 91440101MA5CJQ4N59 already exists"))
        func register(_ extra: [String] = []) -> CLIRun {
            workspace.run(["apprentice", "register", "--enterprise", "91440101MA5CJQ4N59", "--id", "440524188001010014",
                           "--occupation", "中式烹调师", "--level", "4", "--contract-start", "2026-09-01", "--contract-years", "3",
                           "--start", "2026-09-01", "--enterprise-mentor", "李师傅", "--institution-mentor", "王老师", "--as", "clerk.a"] + extra)
        }
        let tooLong = register(["--end", "2029-03-01"])
        #expect(tooLong.status == 1)
        #expect(tooLong.stderr.contains("an apprenticeship longer than two years needs a reason"))
        let registered = register(["--end", "2028-09-01"])
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(registered.stdout.contains("Registered apprenticeship 1: 440524********0014 24 个月 months"))

        #expect(workspace.run("apprentice", "complete", "1", "--certificate", "S000044000123264000001").stderr
                .contains("it may only become filed or terminated"))
        #expect(workspace.run("apprentice", "file", "1", "--as", "clerk.a").status == 1)
        #expect(workspace.run("apprentice", "file", "1").stdout.contains("advance 5,500.00 元 yuan"))
        #expect(workspace.run("apprentice", "start", "1", "--as", "clerk.a").status == 0)
        #expect(workspace.run("apprentice", "terminate", "1", "--on", "2027-05-20", "--reason", "离职").stderr
                .contains("the termination date must fall between the start (2026-09-01) and today (2026-11-21)"))
        // Across the year end: September 2026 to May 2027, rehearsed on the day the apprentice left.
        let stopped = workspace.run("apprentice", "terminate", "1", "--on", "2027-05-20", "--reason", "离职", "--today", "2027-05-20")
        #expect(stopped.stdout.contains("8 个月 months trained, 应退预付 owed back 1,833.34 元 yuan"))
        #expect(workspace.run("apprentice", "show", "1", "--as", "clerk.b").status == 1)
        #expect(workspace.run("audit", "list", "--json").stdout.contains("apprentice.terminated"))

        #expect(workspace.run("apprentice", "roster", "--as", "clerk.a").status == 0)
        let roster = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/apprentices.xlsx"))
        let rosterText = try roster.rows(sheet: roster.sheetNames[0]).map { $0.cells.map(\.value).joined(separator: "|") }.joined(separator: "\n")
        #expect(rosterText.contains("中山市某某酒家|91440101MA5CJQ4N59|甲学校|陈大文|440524********0014|中式烹调师|四级/中级工|2026-09-01|2028-09-01|李师傅|王老师|已终止"))
        #expect(workspace.run("apprentice", "roster", "--as", "clerk.b", "--file", "b.xlsx").stdout.contains("0 名学徒"))
        #expect(workspace.run("apprentice", "filing-list", "--period", "2026Q4").status == 0)
        let filing = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/filing-list-2026Q4.xlsx"))
        let filed = try filing.rows(sheet: filing.sheetNames[0]).map { $0.cells.map(\.value).joined(separator: "|") }
        #expect(filed.contains { $0.hasPrefix("1|2026-11-21|中山市某某酒家|91440101MA5CJQ4N59|陈大文|440524********0014|中式烹调师|四级/中级工|24|5500|5500") })

        // The advance was paid in 2026; in 2027 the apprentice left and part of it is owed back.
        let paid = workspace.run("apprentice", "claims", "--enterprise", "91440101MA5CJQ4N59", "--period", "2026")
        #expect(paid.stdout.contains("1 项 item(s)，合计 total 5,500.00 元 yuan"))
        let owed = workspace.run("apprentice", "claims", "--enterprise", "1", "--period", "2027", "--file", "owed.xlsx")
        #expect(owed.stdout.contains("合计 total -1,833.34 元 yuan"))
        // Without --enterprise: the enterprises with items in the period, the bureau's web list's figures.
        let listed = workspace.run("apprentice", "claims", "--period", "2027")
        let line = listed.stdout.split(separator: "\n").first { $0.hasPrefix("中山市某某酒家") }.map { $0.split(separator: " ").map(String.init) }
        #expect(listed.status == 0 && line == ["中山市某某酒家", "91440101MA5CJQ4N59", "甲学校", "1", "0.00", "0.00", "-1,833.34", "-1,833.34"])
        #expect(listed.stdout.contains("1 家企业 enterprise(s)，1 项 item(s)，合计 total -1,833.34 元 yuan"))
        #expect(workspace.run("apprentice", "claims", "--period", "2026").stdout.contains("1 项 item(s)，合计 total 5,500.00 元 yuan"))
        #expect(workspace.run("apprentice", "claims", "--period", "2027", "--as", "clerk.b").stdout.contains("0 家企业 enterprise(s)"))
        #expect(workspace.run("apprentice", "claims", "--period", "2027Q5").status != 0)
        let sheet = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/owed.xlsx"))
        let rows = try sheet.rows(sheet: sheet.sheetNames[0])
        #expect(rows.map { $0.cells.map(\.value).joined(separator: "|") }.contains { $0.hasPrefix("1|2027-05-20|终止应退 Owed back|陈大文|440524********0014") })
        let total = try #require(rows.last?.cells.last)
        #expect(total.formula == "SUM(I3:I3)" && total.value == "-1833.34")
    }
}
