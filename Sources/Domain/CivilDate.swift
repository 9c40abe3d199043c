/// A calendar date without time or time zone: birth dates, class dates, issue dates.
///
/// Kept apart from `Foundation.Date` so that rules never depend on the machine's time zone.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the date does not exist (2023-02-29, month 13, day 0).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (also `YYYY/MM/DD` and `YYYYMMDD`, as clerks type them).
    public static func parse(_ text: String) throws(Rejection) -> CivilDate {
        // Dates read back from the Store are all `YYYY-MM-DD`; reading their bytes directly keeps
        // a million-line roster from paying for the general path below.
        if let date = text.utf8.withContiguousStorageIfAvailable(isoDate) ?? nil { return date }
        let trimmed = text.trimmingWhitespace()
        let parts: [Substring]
        if trimmed.count == 8, trimmed.allSatisfy(\.isASCIIDigit) {
            let s = Substring(trimmed)
            parts = [s.prefix(4), s.dropFirst(4).prefix(2), s.suffix(2)]
        } else {
            parts = trimmed.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" })
        }
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            throw Rejection("日期格式应为 YYYY-MM-DD", "a date must be written YYYY-MM-DD")
        }
        guard let date = CivilDate(year: y, month: m, day: d) else {
            throw Rejection("日期不存在", "no such date in the calendar")
        }
        return date
    }

    /// Exactly `YYYY-MM-DD` in ASCII digits naming a real day, else nil (and the caller falls back).
    private static func isoDate(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard bytes.count == 10 else { return nil }
        var year = 0, month = 0, day = 0
        for offset in 0..<10 {
            let byte = bytes[offset]
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            let digit = Int(byte &- UInt8(ascii: "0"))
            switch offset {
            case ..<4: year = year * 10 + digit
            case ..<7: month = month * 10 + digit
            default: day = day * 10 + digit
            }
        }
        return CivilDate(year: year, month: month, day: day)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The same day `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29).
    public func adding(months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        return CivilDate(year: y, month: m, day: min(day, CivilDate.daysIn(month: m, year: y)))!
    }

    /// Days since 1970-01-01 (negative before), for differences and day arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD`, written digit by digit (the year always has four): an import writes a
    /// birth date per row, and interpolating padded numbers cost more than checking the ID.
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { text in
            func write(_ number: Int, digits: Int, endingAt end: Int) {
                var rest = number
                for index in stride(from: end, to: end - digits, by: -1) {
                    text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            write(year, digits: 4, endingAt: 3)
            text[4] = UInt8(ascii: "-")
            write(month, digits: 2, endingAt: 6)
            text[7] = UInt8(ascii: "-")
            write(day, digits: 2, endingAt: 9)
            return 10
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try CivilDate.parse(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date \(text)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
