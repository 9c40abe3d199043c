import Foundation
import Testing
import GRDB
import Domain
import Reports
import Spreadsheet
import Store
@testable import Province

/// The province's quarterly workbook (`skillcert province report quarterly`): two cities with
/// different years pushed, each city's own workbook (`skillcert report quarterly`) and the
/// province's read back; every figure of the province's sheets is the sum of the cities' own,
/// its rates worked out again from the summed counts, and the by-city sheet's lines are the
/// cities' own workbooks.
@Suite struct ProvinceQuarterlyTests {
    /// A sheet read back as numbers: per line (its text labels joined) and column, the number a
    /// reader that does not recalculate sees; and which columns hold rates (their header says 率
    /// or 占比, or the line's label does).
    struct Figures {
        var cells: [String: [Int: Double]] = [:]
        var rateColumns: Set<Int> = []
        var order: [String] = []

        init(_ reader: XLSXReader, sheet: String, firstRow: Int) throws {
            for row in try reader.rows(sheet: sheet) {
                if row.number == firstRow - 2 {
                    for cell in row.cells where cell.value.contains("率") || cell.value.contains("占比") {
                        rateColumns.formUnion([cell.columnIndex, cell.columnIndex + 1])
                    }
                }
                guard row.number >= firstRow else { continue }
                let labels = row.cells.filter { $0.kind == .sharedString || $0.kind == .inlineString }
                let label = labels.map(\.value).joined(separator: " | ")
                let numbers = row.cells.filter { $0.kind == .number }
                guard !label.isEmpty, !numbers.isEmpty else { continue }
                order.append(label)
                for cell in numbers { cells[label, default: [:]][cell.columnIndex] = Double(cell.value) }
            }
        }

        func value(_ label: String, _ column: Int) -> Double { cells[label]?[column] ?? 0 }
        func columns(_ label: String) -> Set<Int> { Set(cells[label].map { Array($0.keys) } ?? []) }
    }

    static func rounded(_ number: Double) -> Double { (number * 1_000_000).rounded() / 1_000_000 }

    static let rateLines = [
        "合格率 Pass rate": ("合格人数 Passes", "已公布成绩人数 Candidates with published results"),
        "高技能人才占比 High-skill share": ("其中高技能人才（三级及以上）High-skill (level 3 and above)", "取证人数合计 Certificates, total"),
    ]

    /// The summary's line of a figure: its name, but the certificates' is their total over the levels.
    static func summaryLabel(_ figure: QuarterlyFigure) -> String {
        figure == .certificates ? "取证人数合计 Certificates, total" : "\(figure.chineseName) \(figure.englishName)"
    }

    /// Every sheet a city has, line by line and cell by cell: the province's number is the sum of
    /// the cities' (a line only one city has counts zero in the others); a rate is the
    /// province's own counts divided again. The sheets: the summary, the breakdowns by occupation
    /// and level, district and key group, the apprenticeships, and 目标进度 Progress, where the
    /// targets are the catalog's (the same in a city's workbook and the province's) and what was
    /// achieved is summed; not 口径 Notes, words only.
    static func expectEverySheetIsTheSumOf(_ cities: [XLSXReader], province: XLSXReader) throws {
        for (sheet, firstRow) in [("汇总 Summary", 5), ("职业等级 By occupation", 5), ("镇街 By district", 5),
                                  ("重点群体 By key group", 5), ("学徒 Apprenticeships", 5)] {
            let whole = try Figures(province, sheet: sheet, firstRow: firstRow)
            let parts = try cities.map { try Figures($0, sheet: sheet, firstRow: firstRow) }
            let labels = Set(parts.flatMap(\.order)).union(whole.order)
            #expect(!labels.isEmpty, "\(sheet) has lines")
            for label in labels {
                let columns = parts.reduce(whole.columns(label)) { $0.union($1.columns(label)) }
                for column in columns {
                    if let (top, bottom) = Self.rateLines[label] {
                        let denominator = whole.value(bottom, column)
                        #expect(Self.rounded(whole.value(label, column)) == Self.rounded(denominator == 0 ? 0 : whole.value(top, column) / denominator),
                                "\(sheet) \(label) column \(column): a rate of the summed counts")
                    } else if !whole.rateColumns.contains(column) {
                        #expect(Self.rounded(whole.value(label, column)) == Self.rounded(parts.map { $0.value(label, column) }.reduce(0, +)),
                                "\(sheet) \(label) column \(column)")
                    }
                }
            }
        }
        // Target, achieved in the year, completion rate, achieved in the quarter (columns 3 to 6).
        let progress = try Figures(province, sheet: "目标进度 Progress", firstRow: 4)
        let cityProgress = try cities.map { try Figures($0, sheet: "目标进度 Progress", firstRow: 4) }
        #expect(!progress.order.isEmpty && cityProgress.allSatisfy { $0.order == progress.order }, "the same targets")
        for label in progress.order {
            for city in cityProgress {
                #expect(progress.value(label, 3) == city.value(label, 3), "Progress \(label): the catalog's target")
            }
            for column in [4, 6] {
                #expect(progress.value(label, column) == cityProgress.map { $0.value(label, column) }.reduce(0, +),
                        "Progress \(label) column \(column)")
            }
            if progress.columns(label).contains(5) {
                let target = progress.value(label, 3)
                #expect(Self.rounded(progress.value(label, 5)) == Self.rounded(target == 0 ? 0 : progress.value(label, 4) / target),
                        "Progress \(label): the rate of the summed achievement")
            }
        }
    }

    @Test func theProvinceWorkbookIsTheSumOfTheCitiesOwnWorkbooks() async throws {
        let (database, _) = try await ProvinceServer.freshDatabase()
        let cities = [("4420", try CityFixture.copy(CityFixture.zhongshan)), ("4419", try CityFixture.copy(CityFixture.dongguan))]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-province-quarterly-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        // Each city's own workbook, as `skillcert report quarterly` writes it, and its push.
        var own: [String: XLSXReader] = [:]
        for (code, city) in cities {
            let admin = try city.store.user(login: try city.store.administratorLogin())
            let url = folder.appendingPathComponent("city-\(code).xlsx")
            try QuarterlyWorkbook.write(try city.store.quarterlyStatistics(year: 2026, quarter: .q4, district: nil, actor: admin), to: url)
            own[code] = try XLSXReader(url: url)
            _ = try await ProvincePush(store: city.store, city: try CityCode(code), database: database).run()
        }
        let catalog = try cities[0].1.store.catalog()
        let statistics = try await database.quarterlyStatistics(year: 2026, quarter: .q4, catalog: catalog, writtenOn: CityFixture.today)
        #expect(statistics.cities.map(\.city) == ["4419", "4420"])
        let url = folder.appendingPathComponent("province.xlsx")
        try QuarterlyWorkbook.write(statistics.province, byCity: statistics.cities.map {
            QuarterlyCityFigures(code: $0.city, name: CityNames.name($0.city), statistics: $0.statistics)
        }, to: url)
        let province = try XLSXReader(url: url)
        let zhongshan = try #require(own["4420"]), dongguan = try #require(own["4419"])
        #expect(province.sheetNames == [zhongshan.sheetNames[0], "按地市 By city"] + zhongshan.sheetNames.dropFirst())

        try Self.expectEverySheetIsTheSumOf([zhongshan, dongguan], province: province)

        // The figures are not all zero: the quarter and the year hold training, exams, certificates,
        // claims, key groups and apprentices in both cities.
        let summary = try Figures(province, sheet: "汇总 Summary", firstRow: 5)
        let allProjects = try #require(summary.cells["培训人数 People trained"]?.keys.max())
        for figure in [QuarterlyFigure.classes, .trained, .completed, .candidates, .resultsPublished, .passed, .certificates,
                       .trainingSubsidyDue, .trainingSubsidyClaimed, .apprenticesRegistered, .apprenticesFiled, .apprenticeSubsidyDue] {
            for part in [try Figures(zhongshan, sheet: "汇总 Summary", firstRow: 5), try Figures(dongguan, sheet: "汇总 Summary", firstRow: 5)] {
                #expect(part.value(Self.summaryLabel(figure), allProjects) != 0,
                        "\(figure) counts something in the year to date of each city")
            }
        }
        let groups = try Figures(province, sheet: "重点群体 By key group", firstRow: 5)
        #expect(groups.cells.values.contains { $0.values.contains { $0 != 0 } }, "the key groups are counted")

        // The by-city sheet: a line per city equal to the city's own summary (all projects, the
        // quarter and the year), and a total line equal to the province's summary.
        let byCity = try province.rows(sheet: "按地市 By city")
        let header = try #require(byCity.first { $0.number == 3 })
        let lines = byCity.filter { $0.number >= 5 }
        #expect(lines.map { $0[column: 0]?.value } == ["4419", "4420", "合计 Total"])
        #expect(lines[0][column: 1]?.value == "东莞市 Dongguan" && lines[1][column: 1]?.value == "中山市 Zhongshan")
        for cell in header.cells where cell.columnIndex >= 2 {
            let title = cell.value.replacingOccurrences(of: "\n", with: " ")
            let label = QuarterlyFigure.allCases.first { "\($0.chineseName) \($0.englishName)" == title }.map(Self.summaryLabel) ?? title
            for yearToDate in [0, 1] {
                let column = cell.columnIndex + yearToDate
                for (line, source) in zip(lines, [try Figures(dongguan, sheet: "汇总 Summary", firstRow: 5),
                                                  try Figures(zhongshan, sheet: "汇总 Summary", firstRow: 5), summary]) {
                    let shown = Double(line[column: column]?.value ?? "") ?? .nan
                    #expect(Self.rounded(shown) == Self.rounded(source.value(label, allProjects - 1 + yearToDate)),
                            "by city, \(line[column: 0]?.value ?? "") \(label) \(yearToDate == 1 ? "year" : "quarter")")
                }
            }
        }

        // A rate is never the cities' rates averaged: the total line's pass rate is a formula over
        // the total line's own cells, worth the summed passes over the summed published results.
        let rateColumn = try #require(header.cells.first { $0.value.hasPrefix("合格率") }).columnIndex + 1
        let total = lines[2]
        let formula = try #require(total[column: rateColumn]?.formula)
        #expect(formula.contains("\(total.number)") && !formula.contains("AVERAGE"), "\(formula)")
        let passed = summary.value("合格人数 Passes", allProjects), published = summary.value("已公布成绩人数 Candidates with published results", allProjects)
        #expect(published > 0)
        #expect(Self.rounded(Double(total[column: rateColumn]?.value ?? "") ?? .nan) == Self.rounded(passed / published))
        let cityRates = lines[0...1].map { Double($0[column: rateColumn]?.value ?? "") ?? .nan }
        if cityRates[0] != cityRates[1] {
            #expect(Self.rounded((cityRates[0] + cityRates[1]) / 2) != Self.rounded(passed / published), "not an average of rates")
        }
    }

    /// `skillcert province report quarterly` as a user runs it, from the project folder (the
    /// catalog's default place): the file written, what it says, and a quarter it cannot read refused.
    @Test func theCommandWritesTheWorkbookAndRefusesABadQuarter() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CityFixture.binary.path),
                     "the test runs the real tool: build it first (make test does)")
        let (database, url) = try await ProvinceServer.freshDatabase()
        let city = try CityFixture.copy(CityFixture.zhongshan)
        _ = try await ProvincePush(store: city.store, city: try CityCode("4420"), database: database).run()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-province-cli-\(UUID().uuidString)")
        let written = CityFixture.run(["province", "report", "quarterly", "2026Q4", "--pg", url, "--out", folder.path, "--today", "2026-12-20"])
        #expect(written.status == 0, "\(written.output)")
        let file = folder.appendingPathComponent("province-quarterly-2026Q4.xlsx")
        #expect(written.output.contains(file.path) && written.output.contains("1 个地市") && written.output.contains("1 cities"))
        let reader = try XLSXReader(url: file)
        #expect(reader.sheetNames.contains("按地市 By city"))
        #expect(try reader.rows(sheet: "按地市 By city").contains { $0[column: 1]?.value == "中山市 Zhongshan" })

        let refused = CityFixture.run(["province", "report", "quarterly", "2026", "--pg", url, "--out", folder.path])
        #expect(refused.status != 0)
        #expect(refused.output.contains("季度统计需要写明季度") && refused.output.contains("needs a quarter"), "\(refused.output)")
    }
}
