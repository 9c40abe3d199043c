/// A reporting period: a calendar quarter (Q1 = January-March) or a whole year. Bureaus report
/// per quarter and year to date.
///
/// Years run 1-9999 like `CivilDate`; `parse` guarantees it, and code that builds a period
/// itself must keep to it (the dates of year 0 do not exist).
public enum Period: Hashable, Sendable, Codable, CustomStringConvertible {
    case quarter(Int, Quarter)
    case year(Int)

    /// One of the four quarters; a case instead of an Int so that "Q5" cannot be built.
    public enum Quarter: Int, CaseIterable, Comparable, Hashable, Sendable, Codable {
        case q1 = 1, q2, q3, q4

        public var firstMonth: Int { rawValue * 3 - 2 }
        public var lastMonth: Int { rawValue * 3 }

        /// `第一季度` … `第四季度`.
        public var chineseName: String {
            "第" + ["一", "二", "三", "四"][rawValue - 1] + "季度"
        }

        public static func < (a: Quarter, b: Quarter) -> Bool { a.rawValue < b.rawValue }
    }

    /// Accepts `2026Q1`, `2026-Q1`, `2026q1` and `2026`, with surrounding whitespace.
    public static func parse(_ text: String) throws(Rejection) -> Period {
        let shapes = "季度写作 2026Q1 或 2026-Q1，全年写作 2026"
        let shapesEnglish = "write a quarter as 2026Q1 or 2026-Q1 and a whole year as 2026"
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw Rejection("统计期为空：\(shapes)", "the period is empty: \(shapesEnglish)")
        }
        let yearDigits = trimmed.prefix(while: \.isASCIIDigit)
        guard !yearDigits.isEmpty else {
            throw Rejection("统计期应以 4 位年份开头：\(shapes)", "a period starts with a 4-digit year: \(shapesEnglish)")
        }
        guard yearDigits.count == 4 else {
            throw Rejection(
                "年份“\(yearDigits)”应为 4 位数字：\(shapes)",
                "the year \"\(yearDigits)\" must have 4 digits: \(shapesEnglish)")
        }
        let year = Int(yearDigits)!
        guard year >= 1 else {
            throw Rejection("年份 0000 不存在", "there is no year 0000")
        }
        var rest = trimmed.dropFirst(4)
        if rest.isEmpty { return .year(year) }
        if rest.first == "-" {
            rest = rest.dropFirst()
            // 2026-03 is a month, and months are not reporting periods.
            if !rest.isEmpty, rest.allSatisfy(\.isASCIIDigit) {
                throw Rejection(
                    "统计期只能是季度或全年，不能写作年-月：\(shapes)",
                    "a period is a quarter or a year, not a year and month: \(shapesEnglish)")
            }
        }
        guard rest.first == "Q" || rest.first == "q" else {
            throw Rejection("统计期格式不对：\(shapes)", "a period is not written like this: \(shapesEnglish)")
        }
        let quarterText = rest.dropFirst()
        guard !quarterText.isEmpty, quarterText.allSatisfy(\.isASCIIDigit) else {
            throw Rejection("季度应写作 Q1-Q4：\(shapes)", "a quarter is written Q1 to Q4: \(shapesEnglish)")
        }
        guard quarterText.count == 1, let quarter = Quarter(rawValue: Int(quarterText)!) else {
            throw Rejection("季度应为 Q1-Q4，实际为 Q\(quarterText)", "a quarter is Q1 to Q4, found Q\(quarterText)")
        }
        return .quarter(year, quarter)
    }

    public var year: Int {
        switch self {
        case let .quarter(year, _), let .year(year): year
        }
    }

    /// The first day: 1 January, 1 April, 1 July or 1 October.
    public var start: CivilDate {
        switch self {
        case let .quarter(year, quarter): Period.date(year, quarter.firstMonth, 1)
        case let .year(year): Period.date(year, 1, 1)
        }
    }

    /// The last day, included: 31 March, 30 June, 30 September or 31 December.
    public var end: CivilDate {
        switch self {
        case let .quarter(year, quarter):
            Period.date(year, quarter.lastMonth, CivilDate.daysIn(month: quarter.lastMonth, year: year))
        case let .year(year): Period.date(year, 12, 31)
        }
    }

    public var range: DateRange { DateRange(start: start, end: end)! }

    public func contains(_ date: CivilDate) -> Bool { range.contains(date) }

    /// 1 January of the period's year to the period's last day, for the year-to-date columns.
    public var yearToDate: DateRange { DateRange(start: Period.date(year, 1, 1), end: end)! }

    /// The quarter before (2025Q4 before 2026Q1), or the year before.
    public var previous: Period {
        switch self {
        case let .quarter(year, quarter):
            if let earlier = Quarter(rawValue: quarter.rawValue - 1) { .quarter(year, earlier) } else { .quarter(year - 1, .q4) }
        case let .year(year): .year(year - 1)
        }
    }

    /// `2026Q1` or `2026`, the form `parse` reads back.
    public var description: String {
        switch self {
        case let .quarter(year, quarter): "\(year.zeroPadded(4))Q\(quarter.rawValue)"
        case let .year(year): year.zeroPadded(4)
        }
    }

    /// `2026年第一季度` or `2026年`, for sheet titles.
    public var chineseLabel: String {
        switch self {
        case let .quarter(year, quarter): "\(year.zeroPadded(4))年\(quarter.chineseName)"
        case let .year(year): "\(year.zeroPadded(4))年"
        }
    }

    /// `Q1 2026` or `2026`.
    public var englishLabel: String {
        switch self {
        case let .quarter(year, quarter): "Q\(quarter.rawValue) \(year.zeroPadded(4))"
        case let .year(year): year.zeroPadded(4)
        }
    }

    private static func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        guard let date = CivilDate(year: year, month: month, day: day) else {
            preconditionFailure("a period's year must be 1-9999, found \(year)")
        }
        return date
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Period.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.english)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
