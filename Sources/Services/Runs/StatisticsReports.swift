import Foundation
import Domain
import Reports
import Store

/// The statistics workbooks the bureau hands upwards.
public struct StatisticsReports: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Writes the quarterly statistics (季度统计) of `quarter` of `year` and its year to date, for
    /// the whole area or one `district` of the catalog (bureau).
    public func quarterly(actor: User, year: Int, quarter: Period.Quarter, district: String? = nil,
                          to destination: ReportDestination) throws -> QuarterlyReportOutcome {
        let statistics = try store.quarterlyStatistics(year: year, quarter: quarter, district: district, actor: actor)
        let url = try destination()
        try QuarterlyWorkbook.write(statistics, to: url)
        return QuarterlyReportOutcome(file: url, period: statistics.period, trained: statistics.total(.trained),
                                      certificates: statistics.total(.certificates))
    }
}

/// The quarterly workbook written and its two headline figures.
public struct QuarterlyReportOutcome: Sendable, Equatable {
    public let file: URL
    public let period: Period
    /// Persons trained in the quarter and the year to date.
    public let trained: QuarterAndYear
    /// Certificates issued in the quarter and the year to date.
    public let certificates: QuarterAndYear
}
