import ArgumentParser
import Foundation
import Domain
import Province
import Reports
import Store

/// `skillcert province`: the province's PostgreSQL database, fed by each city's push.
struct ProvinceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "province",
        abstract: "The province database in PostgreSQL (省级数据库): init, push, status, verify, duplicates, report.",
        discussion: """
            --pg takes postgres://user[:password]@host[:port]/database (default: $SKILLCERT_PROVINCE_PG); \
            ?host=/folder reaches a Unix socket folder, ?sslmode=require insists on TLS.
            """,
        subcommands: [Init.self, Push.self, Status.self, Verify.self, Duplicates.self, Report.self]
    )

    struct Address: ParsableArguments {
        @Option(name: .long, help: "The province database URL (default: $SKILLCERT_PROVINCE_PG).")
        var pg: String?

        func database() throws -> ProvinceDatabase {
            guard let text = pg ?? CLIContext.current.environment["SKILLCERT_PROVINCE_PG"] else {
                throw CLIError.missingOption(option: "--pg", reasonZh: "省级数据库地址，如 postgres://skillcert@127.0.0.1:5432/province",
                                             reasonEn: "the province database URL, e.g. postgres://skillcert@127.0.0.1:5432/province")
            }
            return ProvinceDatabase(address: try ProvinceAddress(text))
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the province schema, or bring it up to date (建立省级数据库).")
        @OptionGroup var address: Address

        func run() throws {
            let database = try address.database()
            let applied = try waitFor { try await database.initialise() }
            let context = CLIContext.current
            if applied.isEmpty {
                context.print("省级数据库 \(database.address) 已是最新 · The province database \(database.address) is up to date")
            } else {
                context.print("省级数据库 \(database.address) 已建立/更新：\(applied.joined(separator: ", ")) · Applied \(applied.joined(separator: ", "))")
            }
        }
    }

    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send the city's changes since its last push to the province (推送到省级数据库).",
            discussion: """
                Each batch is one PostgreSQL transaction holding the city's position in its change \
                log, so a push stopped at any moment and run again sends every change exactly once \
                in effect. With --every it pushes again after each interval until stopped, beside \
                `skillcert serve`; a failed round is reported and retried at the next.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var address: Address
        @Option(name: .long, help: "The city's GB/T 2260 code, four digits (e.g. 4420 中山).")
        var city: String
        @Option(name: .long, help: "Changes per batch (one PostgreSQL transaction each).")
        var batch: Int = ProvincePush.defaultBatchSize
        @Option(name: .long, help: "Push again after this interval (30m, 1h …) until stopped.")
        var every: String?
        @Flag(name: .long, help: "Print a line per batch on standard error.")
        var progress = false

        func run() throws {
            let context = CLIContext.current
            let code = try CityCode(city)
            guard batch >= 1 else {
                throw CLIError.invalidOption(option: "--batch", value: String(batch), rule: Rejection("至少 1", "must be at least 1"))
            }
            let interval = try every.map { text throws(CLIError) in try parseOption("--every", text, parseInterval) }
            let store = try global.openStore()
            let push = ProvincePush(store: store, city: code, database: try address.database(), batchSize: batch)
            let showProgress = progress
            let round = { () throws -> Void in
                let started = Date()
                let outcome = try waitFor {
                    try await push.run { report in
                        if showProgress {
                            context.printError("批次 batch \(report.number): through change \(report.through), \(report.changes) changes, \(report.rows) rows")
                        }
                    }
                }
                let seconds = Date().timeIntervalSince(started).formatted(.number.precision(.fractionLength(1)))
                context.print("""
                    城市 \(code) 推送 \(outcome.changes) 项变更（\(outcome.rows) 行，\(outcome.batches) 批，\(seconds) 秒），省级数据库已到第 \(outcome.through) 项 \
                    · City \(code): pushed \(outcome.changes) changes (\(outcome.rows) rows, \(outcome.batches) batches, \(seconds) s); the province holds it through change \(outcome.through)
                    """)
            }
            guard let interval else { return try round() }
            while true {
                do { try round() } catch {
                    context.printError("\(Date().formatted(.iso8601)) \(error)")
                }
                Thread.sleep(forTimeInterval: Double(interval.components.seconds))
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per city: the last push, its lag and what the province holds (各城市推送状态).")
        @OptionGroup var address: Address

        func run() throws {
            let database = try address.database()
            let cities = try waitFor { try await database.status() }
            let context = CLIContext.current
            guard !cities.isEmpty else {
                context.print("省级数据库还没有城市推送过 · No city has pushed to the province yet")
                return
            }
            let now = Date()
            context.print("城市 city | 最近推送 last push (UTC) | 距今 lag | 变更位置 through/city's last | 人员 persons | 报名 registrations | 证书 certificates (valid) | 学徒 apprentices | 目录 catalog")
            for city in cities {
                let last = city.lastPushAt.map { $0.formatted(.iso8601) } ?? "-"
                let lag = city.lag(now: now).map(Self.duration) ?? "-"
                let count = { (table: String) in city.counts[table] ?? 0 }
                context.print("""
                    \(city.city) | \(last) | \(lag) | \(city.pushedThrough)/\(city.cityLastChange) | \(count("persons")) | \
                    \(count("exam_registrations")) | \(count("certificates")) (\(count("valid certificates"))) | \
                    \(count("apprenticeships")) | \(city.catalogVersion ?? "-")
                    """)
            }
        }

        static func duration(_ seconds: TimeInterval) -> String {
            let whole = Int(seconds.rounded())
            if whole < 60 { return "\(whole)s" }
            if whole < 3600 { return "\(whole / 60)m" }
            if whole < 86400 { return "\(whole / 3600)h\(whole % 3600 / 60)m" }
            return "\(whole / 86400)d\(whole % 86400 / 3600)h"
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a certificate of any city by number and holder (全省证书核验).")
        @OptionGroup var address: Address
        @Argument(help: "The certificate number.") var number: String
        @Option(name: .long, help: "The holder's name.") var name: String
        @Option(name: .customLong("id"), help: "The holder's national ID (optional).") var nationalId: String?

        func run() throws {
            let database = try address.database()
            let (number, name, nationalId) = (number, name, nationalId)
            let answer = try waitFor { try await database.verify(number: number, name: name, nationalId: nationalId) }
            let context = CLIContext.current
            switch answer {
            case .valid(let facts):
                context.print("有效 · Valid: \(Self.describe(facts))")
            case .revoked(let facts, let on, let reason):
                context.print("已撤销 · Revoked on \(on) (\(reason)): \(Self.describe(facts))")
            case .noMatch:
                context.print("全省无此证书或持证人不符 · No certificate in the province matches this number and holder")
            case .unusable(let rejection):
                throw CLIError.invalidOption(option: "number", value: number, rule: rejection)
            }
        }

        static func describe(_ facts: ProvinceCertificateFacts) -> String {
            let level = facts.level.flatMap { Int($0) }.flatMap { SkillLevel(nationalDigit: $0)?.chineseName }.map { " \($0)" } ?? ""
            return "\(facts.number) · \(facts.occupationOrItem)\(level) · 发证 issued \(facts.issuedOn) · \(facts.body) · 城市 city \(facts.city)"
        }
    }

    struct Duplicates: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The duplicate checks 一人多证 and 重复考证 across the province, as a workbook (全省重复核查).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var address: Address
        @Option(help: "File name inside the output folder (default: province-duplicates-<date>.xlsx).") var file: String?

        func run() throws {
            let database = try address.database()
            let (duplicates, repeats) = try waitFor {
                (try await database.duplicateCertificates(), try await database.repeatRegistrations())
            }
            let today = try global.clock().today
            let url = try outputFile(global, file ?? "province-duplicates-\(today).xlsx")
            try ProvinceDuplicatesWorkbook.write(duplicates: duplicates, repeats: repeats, writtenOn: today, to: url)
            let people = Set(duplicates.map(\.group)).count
            CLIContext.current.print("""
                一人多证 \(people) 组（\(duplicates.count) 张证书），重复考证 \(repeats.count) 条，已写入 \(url.path) \
                · \(people) duplicate groups (\(duplicates.count) certificates), \(repeats.count) repeat registrations: \(url.path)
                """)
        }
    }
}

extension ProvinceCommand {
    /// `skillcert province report`: the province's statistics workbooks.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Province statistics workbooks (全省统计报表).", subcommands: [Quarterly.self])

        struct Quarterly: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "The province's quarterly statistics over every city, with a by-city sheet (全省季度统计).",
                discussion: """
                    The same sheets, figures and definitions as a city's `skillcert report quarterly`,                     counted in PostgreSQL over the records every city pushed, and a sheet with a line                     per city whose total equals the summary.
                    """)
            @OptionGroup var global: GlobalOptions
            @OptionGroup var address: Address
            @Argument(help: "The quarter, e.g. 2026Q4.") var quarter: String
            @Option(help: "The catalog folder that names the occupations and holds the exam parts and subsidy rates.")
            var catalog: String = "Catalog"
            @Option(help: "File name inside the output folder (default: province-quarterly-<quarter>.xlsx).") var file: String?

            func run() throws {
                let (year, which) = try parseOption("<quarter>", quarter) { text throws(Rejection) -> (Int, Period.Quarter) in
                    guard case let .quarter(year, which) = try Period.parse(text) else {
                        throw Rejection("季度统计需要写明季度，例如 2026Q4", "the quarterly report needs a quarter, e.g. 2026Q4")
                    }
                    return (year, which)
                }
                let database = try address.database()
                let catalog = try loadCatalog(self.catalog)
                let today = try global.clock().today
                let statistics = try waitFor {
                    try await database.quarterlyStatistics(year: year, quarter: which, catalog: catalog, writtenOn: today)
                }
                let url = try outputFile(global, file ?? "province-quarterly-\(Period.quarter(year, which)).xlsx")
                try QuarterlyWorkbook.write(statistics.province, byCity: statistics.cities.map {
                    QuarterlyCityFigures(code: $0.city, name: CityNames.name($0.city), statistics: $0.statistics)
                }, to: url)
                let period = Period.quarter(year, which)
                let trained = statistics.province.total(.trained), certificates = statistics.province.total(.certificates)
                CLIContext.current.print("""
                    已写出 Wrote \(url.path)
                    \(period.chineseLabel)全省 \(statistics.cities.count) 个地市：培训 \(trained.quarter) 人（年度累计 \(trained.yearToDate)），取证 \(certificates.quarter) 人（年度累计 \(certificates.yearToDate)）
                    \(period), \(statistics.cities.count) cities: \(trained.quarter) trained (\(trained.yearToDate) year to date), \(certificates.quarter) certificates (\(certificates.yearToDate) year to date)
                    """)
            }
        }
    }
}

/// Runs async province work from a command, which runs synchronously on the main thread.
private func waitFor<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = AsyncResult<T>()
    Task {
        do { box.finish(.success(try await body())) } catch { box.finish(.failure(error)) }
    }
    return try box.wait().get()
}

private final class AsyncResult<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func finish(_ value: Result<T, any Error>) {
        lock.withLock { result = value }
        done.signal()
    }

    func wait() -> Result<T, any Error> {
        done.wait()
        return lock.withLock { result! }
    }
}
