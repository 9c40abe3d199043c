import Foundation
import Testing
import Spreadsheet
@testable import SkillCertCLI

/// `skillcert report quarterly` on the session CertCLITests locks, with 陈大文's certificate issued.
@Suite struct ReportCLITests {
    @Test func theBureauWritesTheQuarterlyWorkbookAndOthersAreRefusedWithTheReason() throws {
        let workspace = try CertCLITests().lockedWorkspace()
        #expect(workspace.run("cert", "issue", "1", "--today", "2026-12-15").status == 0)

        let written = workspace.run("report", "quarterly", "2026Q4")
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("quarterly-2026Q4.xlsx"))
        #expect(written.stdout.contains("2026Q4: 0 trained (3 year to date), 1 certificates (1 year to date)"))
        let reader = try XLSXReader(url: URL(fileURLWithPath: workspace.path("Exports/quarterly-2026Q4.xlsx")))
        let summary = try reader.rows(sheet: "汇总 Summary")
        func line(_ label: String) throws -> [String] {
            let row = try #require(summary.first { $0[column: 0]?.value.hasPrefix(label) == true })
            return [7, 8].map { row[column: $0]?.value ?? "" }
        }
        // The all-projects pair: this quarter, the year to date.
        #expect(try line("报考人数") == ["3", "3"])
        #expect(try line("合格人数") == ["1", "1"])
        #expect(try line("取证：五级") == ["1", "1"])
        #expect(try line("以证定补应补金额") == ["1000", "1000"])

        #expect(workspace.run("report", "quarterly", "2026Q4", "--district", "石岐街道", "--file", "town.xlsx").status == 0)
        #expect(workspace.exists("Exports/town.xlsx"))
        let year = workspace.run("report", "quarterly", "2026")
        #expect(year.status == 1 && year.stderr.contains("the quarterly report needs a quarter, e.g. 2026Q1"))
        let clerk = workspace.run("report", "quarterly", "2026Q4", "--as", "clerk.a")
        #expect(clerk.status == 1 && clerk.stderr.contains("only bureau users may do this"))
        let nowhere = workspace.run("report", "quarterly", "2026Q4", "--district", "火星镇")
        #expect(nowhere.status == 1 && nowhere.stderr.contains("is not a district (镇街) of the catalog"))
    }
}
