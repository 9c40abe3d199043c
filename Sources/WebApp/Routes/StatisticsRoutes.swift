import Hummingbird
import Domain
import Services
import Store

/// The bureau's statistics (issue 17): the dashboard of a quarter's year to date against the
/// catalog's targets, its drill-down by district and by occupation, and the quarterly workbook
/// (季度统计) of any quarter as a download. Every figure is the quarterly statistics' own
/// (`Store.quarterlyStatistics`), so the pages and the workbook agree. Bureau only: the Store
/// refuses anyone else, which is the 403 page. Without `year` and `quarter` a page is about the
/// quarter of today.
extension WebApp {
    func addStatisticsRoutes(to router: Router<WebContext>) {
        router.get("/statistics") { request, context -> Response in
            let actor = try context.signedIn.user
            let statistics = try await dashboardStatistics(request, actor: actor)
            return pages.render("statistics", title: "统计 \(statistics.period)", page: StatisticsDashboardPage(statistics), context: context)
        }

        for (path, byDistrict) in [("/statistics/districts", true), ("/statistics/occupations", false)] {
            router.get(RouterPath(path)) { request, context -> Response in
                let actor = try context.signedIn.user
                let statistics = try await dashboardStatistics(request, actor: actor)
                let page = StatisticsBreakdownPage(statistics, byDistrict: byDistrict)
                return pages.render("statistics-breakdown", title: "统计 \(page.headingZh) \(statistics.period)", page: page, context: context)
            }
        }

        router.get("/statistics/quarterly.xlsx") { request, context -> Response in
            let actor = try context.signedIn.user
            let period = try await chosenQuarter(request)
            guard case let .quarter(year, quarter) = period else { throw WebError.notFound }
            // Refused before a download starts: the usual 403 page, not a broken file.
            _ = try await store { store in try store.quarterlyStatistics(year: year, quarter: quarter, district: nil, figures: [], actor: actor) }
            return try await workbookDownload(name: DownloadName(chinese: "季度统计\(period)", ascii: "quarterly-\(period)")) { store, _, url in
                _ = try StatisticsReports(store: store).quarterly(actor: actor, year: year, quarter: quarter, to: { url })
            }
        }
    }

    private func dashboardStatistics(_ request: Request, actor: User) async throws -> QuarterlyStatistics {
        let period = try await chosenQuarter(request)
        guard case let .quarter(year, quarter) = period else { throw WebError.notFound }
        return try await store { store in
            try store.quarterlyStatistics(year: year, quarter: quarter, district: nil, figures: DashboardFigures.counted, actor: actor)
        }
    }

    /// The quarter of `year` and `quarter` in the query, checked as a period is everywhere
    /// (`2026Q4`), or today's quarter when both are left out.
    private func chosenQuarter(_ request: Request) async throws -> Period {
        let query = request.uri.queryParameters
        let year = query["year"].map(String.init) ?? "", quarter = query["quarter"].map(String.init) ?? ""
        if year.isEmpty && quarter.isEmpty {
            let today = try await store { store in store.today }
            return .quarter(today.year, Period.Quarter(rawValue: (today.month + 2) / 3)!)
        }
        let typed = "\(year)Q\(quarter)"
        do throws(Rejection) {
            let period = try Period.parse(typed)
            guard case .quarter = period else { throw Rejection("季度应为 1-4", "a quarter is 1 to 4") }
            return period
        } catch {
            throw StoreError.invalid(FieldProblem(field: .period, value: typed, rule: error))
        }
    }
}
