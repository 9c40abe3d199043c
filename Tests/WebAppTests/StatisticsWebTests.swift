import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
@testable import Store
@testable import WebApp

/// The bureau's statistics pages: the dashboard, its drill-down by district and by occupation,
/// and the quarterly workbook of any quarter as a download, read back. Serialized: the
/// downloads check that no temporary file is left behind.
@Suite(.serialized) struct StatisticsWebTests {
    static let paths = ["/statistics", "/statistics/districts", "/statistics/occupations", "/statistics/quarterly.xlsx?year=2026&quarter=4"]

    /// A world with school 甲's class (粤菜师傅, 中式烹调师 四级, 石岐街道, from 2026-11-01) holding three
    /// trainees, one of whom withdraws, and school 乙's class of the same with none.
    static func world() throws -> CohortWorld {
        let cohorts = try CohortWorld()
        try cohorts.enrol([("陈一", 1), ("陈二", 2), ("陈三", 3)], into: cohorts.own.id!, actor: cohorts.world.clerkA)
        _ = try cohorts.store.withdrawTrainee(cohortId: cohorts.own.id!, enrolmentId: try cohorts.enrolmentId(3, in: cohorts.own.id!),
                                              reason: "工作调动", actor: cohorts.world.clerkA)
        return cohorts
    }

    /// The text of the cell `column` (quarter, ytd, target, rate) of a figure's row in a project's panel.
    static func cell(_ body: String, project: String, figure: String, _ column: String) throws -> String {
        let panel = try #require(body.components(separatedBy: "data-project=\"\(project)\"").dropFirst().first?
            .components(separatedBy: "</section>").first, "no panel \(project)")
        let row = try #require(panel.components(separatedBy: "<tr data-figure=\"\(figure)\">").dropFirst().first?
            .components(separatedBy: "</tr>").first, "no row \(figure) in \(project)")
        return try #require(row.components(separatedBy: "<td class=\"\(column)\">").dropFirst().first?
            .components(separatedBy: "</td>").first)
    }

    @Test func signedOutEveryPageSendsToTheSignInPage() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            for path in Self.paths {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
        }
    }

    @Test func aClerkAndAnExaminerAreRefusedEveryPageWithTheStoresReason() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        for login in ["clerk.a", "exam.1"] {
            try await world.withBrowser { browser in
                try await browser.signInFirstTime(login)
                let home = try await browser.get("/")
                #expect(!home.body.contains("href=\"/statistics\""), "no menu entry for \(login)")
                for path in Self.paths {
                    let page = try await browser.get(path)
                    #expect(page.status == .forbidden, "\(login) GET \(path)")
                    #expect(page.body.contains("只有人社局用户可以执行此操作"), "\(login) GET \(path)")
                }
            }
        }
    }

    @Test func theDashboardShowsTheYearToDateAgainstTheTargetsAndTheWorkbookSaysTheSame() async throws {
        let cohorts = try Self.world()
        defer { cohorts.remove() }
        try await cohorts.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            // Today (2026-11-21) is in the fourth quarter: the page is about it without asking.
            let page = try await browser.get("/statistics")
            #expect(page.status == .ok)
            #expect(page.body.contains("<a href=\"/statistics\" aria-current=\"page\">统计"))
            #expect(page.body.contains("2026年第四季度"))
            #expect(page.body.contains("<option value=\"4\" selected>第四季度 Q4</option>"))
            #expect(page.body.contains("<label for=\"year\">") && page.body.contains("<label for=\"quarter\">"))
            // Two classes of 粤菜师傅 started in the quarter; two trainees, the third withdrew. The
            // catalog's targets for 2026 (8 classes, 400 people) stand beside them.
            #expect(try Self.cell(page.body, project: "yuecai", figure: "classes", "quarter") == "2")
            #expect(try Self.cell(page.body, project: "yuecai", figure: "classes", "ytd") == "2")
            #expect(try Self.cell(page.body, project: "yuecai", figure: "classes", "target") == "8")
            #expect(try Self.cell(page.body, project: "yuecai", figure: "classes", "rate") == "25.0%")
            #expect(try Self.cell(page.body, project: "yuecai", figure: "trained", "ytd") == "2")
            #expect(try Self.cell(page.body, project: "yuecai", figure: "trained", "target") == "400")
            #expect(try Self.cell(page.body, project: "yuecai", figure: "trained", "rate") == "0.5%")
            #expect(try Self.cell(page.body, project: "nanyue", figure: "trained", "ytd") == "0")
            #expect(try Self.cell(page.body, project: "yuecai", figure: "highSkillShare", "ytd") == "—")
            #expect(try Self.cell(page.body, project: "all", figure: "certificates", "target") == "4500")
            // The chart: an accessible SVG whose title and description carry the figures as text.
            #expect(page.body.contains("<svg role=\"img\" aria-labelledby=\"chart-yuecai-title chart-yuecai-desc\""))
            #expect(page.body.contains("<desc id=\"chart-yuecai-desc\">开班数 2，目标 target 8；培训人数 2，目标 target 400；取证人数 0，无目标 no target；学徒登记人数 0，无目标 no target</desc>"))

            // The workbook of the same quarter, downloaded and read back: the same figures.
            let before = try DownloadWebTests.leftovers()
            let download = try await browser.download("/statistics/quarterly.xlsx?year=2026&quarter=4")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.contains("filename=\"quarterly-2026Q4.xlsx\"") == true)
            let summary = try XLSXReader(url: download.file).rows(sheet: "汇总 Summary")
            let trained = try #require(summary.first { $0[column: 0]?.value.hasPrefix("培训人数") == true })
            let classes = try #require(summary.first { $0[column: 0]?.value.hasPrefix("开班数") == true })
            // Column 2: 粤菜师傅's year to date.
            #expect(trained[column: 2]?.value == (try Self.cell(page.body, project: "yuecai", figure: "trained", "ytd")))
            #expect(classes[column: 2]?.value == (try Self.cell(page.body, project: "yuecai", figure: "classes", "ytd")))
            #expect(try await DownloadWebTests.leftovers(since: before).isEmpty)

            // Another quarter: the first, where nothing had started yet.
            let first = try await browser.get("/statistics?year=2026&quarter=1")
            #expect(try Self.cell(first.body, project: "yuecai", figure: "classes", "ytd") == "0")
            let firstWorkbook = try await browser.download("/statistics/quarterly.xlsx?year=2026&quarter=1")
            defer { try? FileManager.default.removeItem(at: firstWorkbook.file) }
            #expect(try XLSXReader(url: firstWorkbook.file).rows(sheet: "汇总 Summary").first { $0.number == 1 }?[column: 0]?.value == "2026年第一季度技能人才工作统计汇总表")
        }
    }

    /// A bar is drawn against a target: a figure the catalog sets no target for is written out
    /// with 无目标 and no bar, never a full-width bar that reads as 100%.
    @Test func aFigureWithoutATargetHasNoBarAndSaysSoInTheChart() async throws {
        let cohorts = try Self.world()
        defer { cohorts.remove() }
        try await cohorts.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let body = try await browser.get("/statistics").body
            func chart(_ anchor: String) throws -> String {
                try #require(body.components(separatedBy: "aria-labelledby=\"chart-\(anchor)-title").dropFirst().first?
                    .components(separatedBy: "</svg>").first, "no chart \(anchor)")
            }
            let valueBar = "fill=\"#1f6fb2\""
            // All projects together: 2 classes and 2 trainees, for which no target is set (the
            // targets there are 4,500 certifications and 290 apprentices, both still at 0).
            let all = try chart("all")
            #expect(all.contains(">开班数</text>") && all.contains(">累计 2（无目标 no target）</text>"), "\(all)")
            #expect(all.components(separatedBy: valueBar).count - 1 == 2, "bars only for the two figures with a target: \(all)")
            #expect(!all.contains("width=\"300\" height=\"14\" \(valueBar)"), "no full-width bar")
            #expect(all.contains(">目标 4500</text>") && all.contains(">累计 0</text>"))
            #expect(all.contains("<desc id=\"chart-all-desc\">开班数 2，无目标 no target；培训人数 2，无目标 no target；取证人数 0，目标 target 4500；"))
            // 粤菜师傅: 2 classes of a target of 8 are a quarter of the target's bar.
            let yuecai = try chart("yuecai")
            #expect(yuecai.contains("width=\"300\" height=\"14\" fill=\"#dddddd\""), "the target's bar")
            #expect(yuecai.contains("width=\"75\" height=\"14\" \(valueBar)"), "2 of 8: \(yuecai)")
            #expect(yuecai.contains(">累计 0（无目标 no target）</text>"), "certificates: no target for the project")
        }
    }

    @Test func theDrillDownSplitsTheSameFiguresByDistrictAndByOccupation() async throws {
        let cohorts = try Self.world()
        defer { cohorts.remove() }
        try await cohorts.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let dashboard = try await browser.get("/statistics?year=2026&quarter=4")
            #expect(dashboard.body.contains("<a href=\"/statistics/districts?year=2026&amp;quarter=4\">按镇街"))
            let districts = try await browser.get("/statistics/districts?year=2026&quarter=4")
            #expect(districts.status == .ok)
            #expect(districts.body.contains("<tr><td>粤菜师傅</td><th scope=\"row\">石岐街道</th><td>2</td><td>2</td><td>0</td><td>0</td><td>—</td><td>0</td></tr>"))
            let occupations = try await browser.get("/statistics/occupations?year=2026&quarter=4")
            #expect(occupations.body.contains(
                "<tr><td>粤菜师傅</td><th scope=\"row\">中式烹调师 4-03-02-01 四级/中级工</th><td>2</td><td>2</td><td>0</td><td>0</td><td>—</td><td>0</td></tr>"))
        }
    }

    @Test func aQuarterThatIsNotOneIsA400NamingThePeriod() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            for path in ["/statistics?year=2026&quarter=5", "/statistics/quarterly.xlsx?year=26&quarter=1", "/statistics/districts?year=&quarter=2"] {
                let page = try await browser.get(path)
                #expect(page.status == .badRequest, "GET \(path)")
                #expect(page.body.contains("统计期") || page.body.contains("季度"), "GET \(path)")
            }
        }
    }

    @Test func thePagesTakeNoPostAndShowCatalogTextAsText() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        var catalog = try world.store.catalog()
        catalog.projects[0].nameEn = "<script>alert(1)</script>"
        _ = try world.store.syncCatalog(catalog, actor: world.admin)
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/statistics")
            #expect(!page.body.contains("<script>alert(1)</script>"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            for path in ["/statistics", "/statistics/quarterly.xlsx"] {
                #expect(try await browser.post(path, ["year": "2026"], token: .none).status == .forbidden, "POST \(path)")
                let withToken = try await browser.post(path, ["year": "2026"])
                #expect(withToken.status == .notFound || withToken.status == .methodNotAllowed, "POST \(path): \(withToken.status)")
            }
        }
    }
}
