import ArgumentParser
import Foundation
import Domain
import Services
import Store

/// `skillcert report`: the statistics the bureau hands upwards.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Statistics workbooks (统计报表) for the bureau.", subcommands: [Quarterly.self])

    struct Quarterly: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the quarterly statistics workbook (季度统计): the quarter and the year to date (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The quarter, e.g. 2026Q1.") var quarter: String
        @Option(help: "Only this district (镇街) of the catalog.") var district: String?
        @Option(help: "File name inside the output folder (default: quarterly-<quarter>[-<district>].xlsx).") var file: String?

        func run() throws {
            let (year, which) = try parseOption("<quarter>", quarter) { text throws(Rejection) -> (Int, Period.Quarter) in
                guard case let .quarter(year, which) = try Period.parse(text) else {
                    throw Rejection("季度统计需要写明季度，例如 2026Q1", "the quarterly report needs a quarter, e.g. 2026Q1")
                }
                return (year, which)
            }
            let store = try global.openStore()
            let report = try StatisticsReports(store: store).quarterly(actor: try global.actor(in: store), year: year, quarter: which,
                                                                       district: district) {
                try outputFile(global, file ?? "quarterly-\(Period.quarter(year, which))\(district.map { "-\($0)" } ?? "").xlsx")
            }
            let period = report.period, trained = report.trained, certificates = report.certificates
            CLIContext.current.print("""
                已写出 Wrote \(report.file.path)
                \(period.chineseLabel)：培训 \(trained.quarter) 人（年度累计 \(trained.yearToDate)），取证 \(certificates.quarter) 人（年度累计 \(certificates.yearToDate)）
                \(period): \(trained.quarter) trained (\(trained.yearToDate) year to date), \(certificates.quarter) certificates (\(certificates.yearToDate) year to date)
                """)
        }
    }
}
