import Foundation
import Testing
@testable import Domain

private func day(_ year: Int, _ month: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: month, day: day)! }

@Suite("Reporting periods")
struct PeriodTests {
    private let shapes = "季度写作 2026Q1 或 2026-Q1，全年写作 2026"
    private let shapesEnglish = "write a quarter as 2026Q1 or 2026-Q1 and a whole year as 2026"

    @Test("quarters and years are read in every accepted spelling", arguments: [
        ("2026Q1", Period.quarter(2026, .q1)), ("2026-Q1", .quarter(2026, .q1)), ("2026q1", .quarter(2026, .q1)),
        ("2026-q4", .quarter(2026, .q4)), (" 2026Q3\u{3000}", .quarter(2026, .q3)), ("2026", .year(2026)),
        ("0001", .year(1)),
    ])
    func parses(_ text: String, _ period: Period) throws {
        #expect(try Period.parse(text) == period)
    }

    @Test("description is canonical and reads back", arguments: [
        (Period.quarter(2026, .q1), "2026Q1", "2026年第一季度", "Q1 2026"),
        (.quarter(2026, .q2), "2026Q2", "2026年第二季度", "Q2 2026"),
        (.quarter(2025, .q3), "2025Q3", "2025年第三季度", "Q3 2025"),
        (.quarter(2025, .q4), "2025Q4", "2025年第四季度", "Q4 2025"),
        (.year(2026), "2026", "2026年", "2026"),
    ])
    func labels(_ period: Period, _ text: String, _ chinese: String, _ english: String) throws {
        #expect(period.description == text)
        #expect(period.chineseLabel == chinese)
        #expect(period.englishLabel == english)
        #expect(try Period.parse(text) == period)
    }

    @Test func emptyIsRefused() {
        #expect(throws: Rejection("统计期为空：\(shapes)", "the period is empty: \(shapesEnglish)")) { try Period.parse("  ") }
    }

    @Test("a quarter beyond Q1-Q4 is refused", arguments: ["5", "0", "12"])
    func quarterOutOfRange(_ quarter: String) {
        #expect(throws: Rejection("季度应为 Q1-Q4，实际为 Q\(quarter)", "a quarter is Q1 to Q4, found Q\(quarter)")) {
            try Period.parse("2026Q\(quarter)")
        }
    }

    @Test("a year must have four digits", arguments: [("26Q1", "26"), ("20261", "20261"), ("202-Q1", "202")])
    func shortYear(_ text: String, _ year: String) {
        #expect(throws: Rejection("年份“\(year)”应为 4 位数字：\(shapes)", "the year \"\(year)\" must have 4 digits: \(shapesEnglish)")) {
            try Period.parse(text)
        }
    }

    @Test func yearZeroIsRefused() {
        #expect(throws: Rejection("年份 0000 不存在", "there is no year 0000")) { try Period.parse("0000Q1") }
    }

    @Test("a year and month is not a period", arguments: ["2026-13", "2026-03", "2026-1"])
    func yearMonth(_ text: String) {
        #expect(throws: Rejection(
            "统计期只能是季度或全年，不能写作年-月：\(shapes)",
            "a period is a quarter or a year, not a year and month: \(shapesEnglish)")) {
            try Period.parse(text)
        }
    }

    @Test("other shapes are refused with the accepted ones", arguments: ["2026H1", "2026年", "2026-", "2026 Q1", "2026/Q1"])
    func otherShapes(_ text: String) {
        #expect(throws: Rejection("统计期格式不对：\(shapes)", "a period is not written like this: \(shapesEnglish)")) {
            try Period.parse(text)
        }
    }

    @Test func aPeriodStartsWithTheYear() {
        #expect(throws: Rejection("统计期应以 4 位年份开头：\(shapes)", "a period starts with a 4-digit year: \(shapesEnglish)")) {
            try Period.parse("Q1 2026")
        }
    }

    @Test("a quarter needs its number", arguments: ["2026Q", "2026-Q", "2026Qa"])
    func quarterWithoutNumber(_ text: String) {
        #expect(throws: Rejection("季度应写作 Q1-Q4：\(shapes)", "a quarter is written Q1 to Q4: \(shapesEnglish)")) {
            try Period.parse(text)
        }
    }

    @Test("quarters run from the first of their first month to the last of their last", arguments: [
        (Period.Quarter.q1, day(2026, 1, 1), day(2026, 3, 31)), (.q2, day(2026, 4, 1), day(2026, 6, 30)),
        (.q3, day(2026, 7, 1), day(2026, 9, 30)), (.q4, day(2026, 10, 1), day(2026, 12, 31)),
    ])
    func quarterBounds(_ quarter: Period.Quarter, _ start: CivilDate, _ end: CivilDate) {
        let period = Period.quarter(2026, quarter)
        #expect(period.start == start)
        #expect(period.end == end)
        #expect(period.range == DateRange(start: start, end: end))
    }

    @Test func aYearRunsFromJanuaryFirstToDecemberThirtyFirst() {
        #expect(Period.year(2026).start == day(2026, 1, 1))
        #expect(Period.year(2026).end == day(2026, 12, 31))
        #expect(Period.year(2024).range.dayCount == 366)
    }

    @Test func containsIncludesBothEnds() {
        let q1 = Period.quarter(2026, .q1)
        #expect(q1.contains(day(2026, 1, 1)))
        #expect(q1.contains(day(2026, 3, 31)))
        #expect(!q1.contains(day(2025, 12, 31)))
        #expect(!q1.contains(day(2026, 4, 1)))
        #expect(!q1.contains(day(2027, 2, 1)))
        #expect(Period.year(2026).contains(day(2026, 12, 31)))
        #expect(!Period.year(2026).contains(day(2027, 1, 1)))
    }

    @Test func yearToDateRunsFromJanuaryFirstToThePeriodsEnd() {
        #expect(Period.quarter(2026, .q3).yearToDate == DateRange(start: day(2026, 1, 1), end: day(2026, 9, 30)))
        #expect(Period.quarter(2026, .q1).yearToDate == Period.quarter(2026, .q1).range)
        #expect(Period.year(2026).yearToDate == Period.year(2026).range)
        #expect(Period.quarter(2026, .q2).yearToDate.contains(day(2026, 2, 14)))
        #expect(!Period.quarter(2026, .q2).yearToDate.contains(day(2026, 7, 1)))
    }

    @Test("the previous period", arguments: [
        (Period.quarter(2026, .q1), Period.quarter(2025, .q4)), (.quarter(2026, .q2), .quarter(2026, .q1)),
        (.quarter(2026, .q4), .quarter(2026, .q3)), (.year(2026), .year(2025)),
    ])
    func previous(_ period: Period, _ before: Period) {
        #expect(period.previous == before)
        #expect(period.previous.end.adding(days: 1) == period.start)
    }

    @Test func encodesAsTheCanonicalText() throws {
        let periods: [Period] = [.quarter(2026, .q1), .year(2025)]
        let data = try JSONEncoder().encode(periods)
        #expect(String(decoding: data, as: UTF8.self) == #"["2026Q1","2025"]"#)
        #expect(try JSONDecoder().decode([Period].self, from: data) == periods)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Period].self, from: Data(#"["2026Q5"]"#.utf8)) }
    }
}

@Suite("Date ranges")
struct DateRangeTests {
    @Test func endBeforeStartIsNotARange() {
        #expect(DateRange(start: day(2026, 3, 2), end: day(2026, 3, 1)) == nil)
        #expect(DateRange(start: day(2026, 3, 1), end: day(2026, 3, 1))?.dayCount == 1)
    }

    @Test func dayCountIncludesBothEnds() {
        #expect(Period.quarter(2026, .q1).range.dayCount == 90)
        #expect(Period.quarter(2024, .q1).range.dayCount == 91)
    }

    @Test func describesItsEnds() {
        #expect(Period.quarter(2026, .q1).range.description == "2026-01-01..2026-03-31")
    }

    @Test func encodesItsEndsAndRefusesAReversedRange() throws {
        let range = Period.quarter(2026, .q2).range
        let data = try JSONEncoder().encode(range)
        #expect(try JSONDecoder().decode(DateRange.self, from: data) == range)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DateRange.self, from: Data(#"{"start":"2026-03-02","end":"2026-03-01"}"#.utf8))
        }
    }
}
