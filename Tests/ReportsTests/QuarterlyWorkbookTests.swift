import Foundation
import Testing
import Domain
import Spreadsheet
@testable import Reports
import Store

/// The quarterly workbook of `QuarterlyFixture`'s known year, written and read back with the
/// project's own reader: every figure of the quarter and the year to date, and the formulas'
/// values as a reader that does not recalculate sees them.
@Suite struct QuarterlyWorkbookTests {
    /// A sheet read back, with its lines found by the text of their first column.
    struct ReadBack {
        let rows: [XLSXRow]
        let xml: String

        init(_ reader: XLSXReader, _ sheet: String, index: Int) throws {
            rows = try reader.rows(sheet: sheet)
            xml = try reader.rawXML(path: "xl/worksheets/sheet\(index).xml")
        }

        func line(_ label: String) throws -> XLSXRow {
            try #require(rows.first { $0[column: 0]?.value.hasPrefix(label) == true }, "no line \(label)")
        }

        /// The numbers of a line from `column` on, as a reader that does not recalculate sees them.
        func numbers(_ label: String, from column: Int, count: Int) throws -> [Double] {
            let row = try line(label)
            return QuarterlyWorkbookTests.rounded((column..<column + count).map { Double(row[column: $0]?.value ?? "") ?? .nan })
        }

        func formula(_ label: String, column: Int) throws -> String? { try line(label)[column: column]?.formula }
    }

    /// Rates to six decimals: the workbook keeps the 15 digits Excel shows, not every bit of a Double.
    static func rounded(_ numbers: [Double]) -> [Double] { numbers.map { ($0 * 1_000_000).rounded() / 1_000_000 } }

    static func write(_ fixture: QuarterlyFixture, _ quarter: Period.Quarter, district: String? = nil) throws -> (XLSXReader, URL) {
        let statistics = try fixture.store.quarterlyStatistics(year: 2026, quarter: quarter, district: district, actor: fixture.admin)
        let url = temporaryWorkbookURL("quarterly")
        try QuarterlyWorkbook.write(statistics, to: url)
        return (try XLSXReader(url: url), url)
    }

    @Test func theSummaryShowsEachProjectsQuarterAndYearToDateWithFormulasForTotalsAndRates() throws {
        let fixture = try QuarterlyFixture()
        let (reader, url) = try Self.write(fixture, .q4)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.sheetNames == ["汇总 Summary", "职业等级 By occupation", "镇街 By district", "重点群体 By key group",
                                      "学徒 Apprenticeships", "目标进度 Progress", "口径 Notes"])
        let summary = try ReadBack(reader, "汇总 Summary", index: 1)
        #expect(summary.rows.row(1)?[column: 0]?.value == "2026年第四季度技能人才工作统计汇总表")
        #expect(summary.rows.row(2)?[column: 0]?.value.contains("本季度 Quarter 2026-10-01 至 2026-12-31；年度累计 Year to date 2026-01-01 至 2026-12-31") == true)
        let header = try #require(summary.rows.row(3))
        #expect([1, 3, 5, 7].map { header[column: $0]?.value ?? "" } == ["粤菜师傅\nCantonese chef", "南粤家政\ndomestic service", "广东技工\ntechnician", "合计\nAll projects"])

        // Columns: 粤菜师傅 quarter, year; 南粤家政 quarter, year; 广东技工 quarter, year; all quarter, year.
        let expected: [(String, [Double])] = [
            ("开班数", [0, 1, 0, 1, 1, 1, 1, 3]),
            ("培训人数", [0, 3, 0, 3, 1, 1, 1, 7]),
            ("结业人数", [0, 3, 0, 3, 0, 0, 0, 6]),
            ("报考人数", [1, 4, 0, 0, 0, 0, 1, 4]),
            ("已公布成绩人数", [1, 4, 0, 0, 0, 0, 1, 4]),
            ("合格人数", [1, 2, 0, 0, 0, 0, 1, 2]),
            ("合格率", [1, 0.5, 0, 0, 0, 0, 1, 0.5]),
            ("取证：五级", [1, 2, 0, 0, 0, 0, 1, 2]),
            ("取证：四级", [0, 0, 0, 0, 0, 0, 0, 0]),
            ("取证：三级", [0, 0, 0, 0, 0, 0, 0, 0]),
            ("取证：专项职业能力", [0, 0, 0, 0, 0, 0, 0, 0]),
            ("取证人数合计", [1, 2, 0, 0, 0, 0, 1, 2]),
            ("其中高技能人才", [0, 0, 0, 0, 0, 0, 0, 0]),
            ("高技能人才占比", [0, 0, 0, 0, 0, 0, 0, 0]),
            ("学徒登记人数", [0, 1, 0, 0, 0, 0, 0, 1]),
            ("学徒备案人数", [0, 1, 0, 0, 0, 0, 0, 1]),
            ("学徒结业人数", [0, 0, 0, 0, 0, 0, 0, 0]),
            ("学徒终止人数", [1, 1, 0, 0, 0, 0, 1, 1]),
            ("以证定补应补金额", [1000, 2000, 0, 0, 0, 0, 1000, 2000]),
            ("以证定补已申领金额", [2000, 2000, 0, 0, 0, 0, 2000, 2000]),
        ]
        for (label, numbers) in expected {
            #expect(try summary.numbers(label, from: 1, count: 8) == numbers, "\(label)")
        }
        let money = fixture.apprenticeMoney
        let advance = try #require(money.advance)
        #expect(money.owedBack.fen > 0 && advance > money.owedBack)
        #expect(try summary.numbers("学徒补贴应付金额", from: 1, count: 2)
                == [Money(fen: -money.owedBack.fen).yuanForDisplay, (advance - money.owedBack).yuanForDisplay])

        // The formulas a clerk's correction flows through, on the line of each.
        let passed = try summary.line("合格人数").number, published = try summary.line("已公布成绩人数").number
        #expect(try summary.formula("合格率", column: 2) == "IF(C\(published)=0,0,C\(passed)/C\(published))")
        #expect(try summary.formula("开班数", column: 7) == "B5+D5+F5")
        let level5 = try summary.line("取证：五级").number, special = try summary.line("取证：专项职业能力").number
        #expect(try summary.formula("取证人数合计", column: 2) == "SUM(C\(level5):C\(special))")
        #expect(try summary.formula("其中高技能人才", column: 2) == "SUM(C\(level5 + 2):C\(level5 + 4))")
        #expect(summary.xml.contains("state=\"frozen\"") && summary.xml.contains("<mergeCell ref=\"A1:I1\"/>"))
        #expect(summary.xml.contains("orientation=\"landscape\""))
        let chart = try reader.rawXML(path: "xl/charts/chart1.xml")
        #expect(chart.contains("'汇总 Summary'!$C$\(level5):$C$\(special)") && chart.contains("<c:barDir val=\"col\"/>"))
    }

    @Test func theBreakdownsSumTheSameRecordsByOccupationDistrictKeyGroupAndApprenticeship() throws {
        let fixture = try QuarterlyFixture()
        let (reader, url) = try Self.write(fixture, .q4)
        defer { try? FileManager.default.removeItem(at: url) }

        // Labels A-C, then classes, trained, completed, candidates, published, passed, pass rate,
        // certificates and training subsidies due: quarter and year each.
        let occupations = try ReadBack(reader, "职业等级 By occupation", index: 2)
        let first = try #require(occupations.rows.row(5))
        #expect((0...2).map { first[column: $0]?.value ?? "" } == ["粤菜师傅", "中式烹调师 4-03-02-01", "五级/初级工"])
        #expect(try occupations.numbers("粤菜师傅", from: 3, count: 18)
                == [0, 1, 0, 3, 0, 3, 1, 4, 1, 4, 1, 2, 1, 0.5, 1, 2, 1000, 2000])
        #expect(try occupations.numbers("南粤家政", from: 3, count: 18)
                == [0, 1, 0, 3, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        // 广东技工's class has started but trained nobody to the end yet.
        #expect(try occupations.numbers("广东技工", from: 3, count: 18)
                == [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(try occupations.numbers("合计", from: 3, count: 18)
                == [1, 3, 1, 7, 0, 6, 1, 4, 1, 4, 1, 2, 1, 0.5, 1, 2, 1000, 2000])
        #expect(try occupations.formula("合计", column: 4) == "SUM(E5:E7)")
        #expect(try occupations.formula("合计", column: 16) == "IF(M8=0,0,O8/M8)")

        // District, kind; then classes … certificates as above, and apprentices registered.
        let districts = try ReadBack(reader, "镇街 By district", index: 3)
        #expect(try districts.numbers("石岐街道", from: 2, count: 18)
                == [0, 1, 0, 3, 0, 3, 1, 4, 1, 4, 1, 2, 1, 0.5, 1, 2, 0, 0])
        #expect(try districts.numbers("小榄镇", from: 2, count: 18)
                == [0, 1, 0, 3, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(try districts.numbers("南区街道", from: 2, count: 18)
                == [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(try districts.numbers("东区街道", from: 2, count: 18) == Array(repeating: 0, count: 18))
        #expect(try districts.numbers("合计", from: 2, count: 18)
                == [1, 3, 1, 7, 0, 6, 1, 4, 1, 4, 1, 2, 1, 0.5, 1, 2, 0, 1])

        // Trained, completed and certificates; no total, since one person may be in two groups.
        let groups = try ReadBack(reader, "重点群体 By key group", index: 4)
        #expect(try groups.numbers("高校毕业生", from: 2, count: 6) == [0, 1, 0, 1, 0, 1])
        #expect(try groups.numbers("农村劳动力", from: 2, count: 6) == [0, 3, 0, 3, 1, 1])
        #expect(try groups.numbers("退役军人", from: 2, count: 6) == [0, 0, 0, 0, 0, 0])
        #expect(!groups.rows.contains { $0[column: 0]?.value.hasPrefix("合计") == true })

        let apprentices = try ReadBack(reader, "学徒 Apprenticeships", index: 5)
        let money = fixture.apprenticeMoney
        #expect(try apprentices.numbers("粤菜师傅", from: 3, count: 10)
                == [0, 1, 0, 1, 0, 0, 1, 1, Money(fen: -money.owedBack.fen).yuanForDisplay, (money.advance! - money.owedBack).yuanForDisplay])
        #expect(try apprentices.line("粤菜师傅")[column: 2]?.value == "四级/中级工")
    }

    @Test func progressAgainstTheCatalogsTargetsAndTheNotesSayWhatEachFigureCounts() throws {
        let fixture = try QuarterlyFixture()
        let (reader, url) = try Self.write(fixture, .q4)
        defer { try? FileManager.default.removeItem(at: url) }
        let progress = try ReadBack(reader, "目标进度 Progress", index: 6)
        // District, project, metric, target, year to date, completion rate, this quarter.
        let lines = progress.rows.filter { $0.number >= 4 && $0[column: 3] != nil }
        #expect(lines.map { row in [1, 2].map { row[column: $0]?.value ?? "" } } == [
            ["粤菜师傅", "培训班数 classes"], ["粤菜师傅", "培训人数 trainees"], ["南粤家政", "培训班数 classes"],
            ["南粤家政", "培训人数 trainees"], ["全部项目 All", "取证人数 certifications"], ["全部项目 All", "学徒人数 apprentices"],
        ])
        let figures: [[Double]] = lines.map { row in Self.rounded((3...6).map { Double(row[column: $0]?.value ?? "") ?? .nan }) }
        let expected: [[Double]] = [
            [8, 1, 0.125, 0], [400, 3, 0.0075, 0], [30, 1, 1.0 / 30, 0], [1500, 3, 0.002, 0], [4500, 2, 2.0 / 4500, 1], [290, 1, 1.0 / 290, 0],
        ]
        #expect(figures == expected.map(Self.rounded))
        #expect(lines.first?[column: 5]?.formula == "IF(D4=0,0,E4/D4)")
        let chart = try reader.rawXML(path: "xl/charts/chart2.xml")
        #expect(chart.contains("'目标进度 Progress'!$D$4:$D$9") && chart.contains("'目标进度 Progress'!$B$4:$C$9"))

        let notes = try reader.rows(sheet: "口径 Notes")
        let text = notes.flatMap(\.cells).map(\.value).joined(separator: "\n")
        for figure in QuarterlyFigure.allCases {
            #expect(text.contains(figure.definitionZh) && text.contains(figure.definitionEn), "\(figure)")
        }
    }

    @Test func theFirstQuarterCountsOnlyItsOwnRecordsAndADistrictOnlyItsOwn() throws {
        let fixture = try QuarterlyFixture()
        let (q1, q1URL) = try Self.write(fixture, .q1)
        defer { try? FileManager.default.removeItem(at: q1URL) }
        let summary = try ReadBack(q1, "汇总 Summary", index: 1)
        // In Q1 the quarter is the year to date; 王𠈌's retake and the claim come later.
        let q1Expected: [(String, [Double])] = [
            ("开班数", [1, 1]), ("培训人数", [3, 3]), ("结业人数", [3, 3]), ("报考人数", [3, 3]), ("合格人数", [1, 1]),
            ("合格率", [1.0 / 3, 1.0 / 3]), ("取证：五级", [1, 1]), ("以证定补应补金额", [1000, 1000]), ("以证定补已申领金额", [0, 0]),
            ("学徒登记人数", [0, 0]),
        ]
        for (label, numbers) in q1Expected {
            #expect(try summary.numbers(label, from: 7, count: 2) == Self.rounded(numbers), "\(label)")
        }

        let (town, townURL) = try Self.write(fixture, .q4, district: "小榄镇")
        defer { try? FileManager.default.removeItem(at: townURL) }
        let local = try ReadBack(town, "汇总 Summary", index: 1)
        #expect(local.rows.row(2)?[column: 0]?.value.contains("范围 Area：镇街 小榄镇") == true)
        let townExpected: [(String, [Double])] = [("开班数", [0, 1]), ("培训人数", [0, 3]), ("报考人数", [0, 0]), ("取证人数合计", [0, 0]),
                                                  ("学徒登记人数", [0, 1]), ("学徒终止人数", [1, 1])]
        for (label, numbers) in townExpected {
            #expect(try local.numbers(label, from: 7, count: 2) == numbers, "\(label)")
        }
        let districts = try town.rows(sheet: "镇街 By district")
        #expect(districts.filter { $0.number >= 5 }.compactMap { $0[column: 0]?.value } == ["小榄镇", "合计 Total"])
        // This district set no target of its own.
        #expect(try town.rows(sheet: "目标进度 Progress").contains { $0[column: 0]?.value.hasPrefix("目录中没有本年度本区域的目标") == true })
    }

    @Test func onlyTheBureauReportsAndOnlyOnACatalogDistrict() throws {
        let fixture = try QuarterlyFixture()
        let clerk = try fixture.store.user(login: "clerk.a")
        #expect(throws: StoreError.self) { try fixture.store.quarterlyStatistics(year: 2026, quarter: .q4, district: nil, actor: clerk) }
        do {
            _ = try fixture.store.quarterlyStatistics(year: 2026, quarter: .q4, district: "火星镇", actor: fixture.admin)
            Issue.record("an unknown district was accepted")
        } catch {
            #expect(error.english.contains("火星镇") && error.english.contains("is not a district (镇街) of the catalog"))
        }
    }
}
