/// What goes into one cell. The case decides how Excel stores it, never the content:
/// `.text("=1+1")` or `.text("440524188001010014")` stays text, so identifiers and phone
/// numbers are never turned into formulas or rounded numbers.
public enum CellValue: Hashable, Sendable {
    /// Stored as a string. An empty string writes a blank cell when a style is given (so borders
    /// still show) and writes nothing otherwise, as libxlsxwriter does; it never writes `""`.
    case text(String)
    /// Must be finite: Excel has no NaN or infinity.
    case number(Double)
    /// Must have at most 15 significant digits, Excel's precision; longer digit strings
    /// (national IDs, bank accounts) belong in `.text`.
    case integer(Int)
    /// A formula with the number Excel shows until it recalculates. The leading "=" is optional.
    case formulaNumber(String, cached: Double)
    /// A formula whose result is text (stored with `t="str"`), with that cached text.
    case formulaText(String, cached: String)
    /// A calendar date, stored as Excel's day serial with a date number format so Excel shows a
    /// date and sorts and filters it as one. Years 1900–9999.
    case date(year: Int, month: Int, day: Int)
    case boolean(Bool)
    /// A blank cell; only written when a style is given (libxlsxwriter skips unstyled blanks).
    case blank
}

/// Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is the non-existent
/// 1900-02-29 that Excel keeps for Lotus 1-2-3 compatibility, so dates from 1900-03-01 on are
/// days since 1899-12-30.
enum ExcelDate {
    static func serial(year: Int, month: Int, day: Int) -> Int? {
        guard (1900...9999).contains(year), (1...12).contains(month),
              (1...daysInMonth(year: year, month: month)).contains(day) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        if year == 1900, month <= 2 {
            return days - daysFromCivil(year: 1899, month: 12, day: 31)
        }
        return days - daysFromCivil(year: 1899, month: 12, day: 30)
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm),
    /// so no Calendar or time zone can shift the date.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
