/// Attended training hours (出勤学时), kept in whole tenths so that sums over a cohort are exact:
/// 12.5 hours is 125 tenths, and no floating-point rounding can move a trainee across the
/// completion threshold.
public struct Hours: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let tenths: Int

    /// The largest value accepted from a list: far above any real course, small enough that a
    /// mistyped ID in the hours column is refused rather than counted.
    public static let maximum = Hours(tenths: 999_999)

    public init(tenths: Int) {
        self.tenths = tenths
    }

    public init(whole: Int) {
        self.tenths = whole * 10
    }

    /// Reads `12`, `12.5` or `12.0` as a clerk typed it or a spreadsheet stored it; trailing zeros
    /// after the first decimal (`12.50`) are accepted because they change nothing.
    public static func parse(_ text: String) throws(Rejection) -> Hours {
        switch OneDecimalNumber.tenths(text, maximumWholeDigits: 5) {
        case .success(let tenths): return Hours(tenths: tenths)
        case .failure(.empty): throw Rejection("学时为空", "the hours are empty")
        case .failure(.fullWidth(let wide)):
            throw InputScreening.fullWidthRejection(wide, chineseSubject: "学时", englishSubject: "hours")
        case .failure(.negative): throw Rejection("学时不能为负数", "hours cannot be negative")
        case .failure(.notANumber): throw Rejection("学时应为数字，例如 12 或 12.5", "hours must be a number such as 12 or 12.5")
        case .failure(.tooManyDecimals):
            throw Rejection("学时最多保留一位小数，例如 12.5", "hours may have at most one decimal, e.g. 12.5")
        case .failure(.tooLarge): throw Rejection("学时不能超过 \(maximum)", "hours cannot exceed \(maximum)")
        }
    }

    /// `parse` for callers that store tenths (`skillcert cohort hours --hours 12.5` → 125).
    public static func parseTenths(_ text: String) throws(Rejection) -> Int {
        try parse(text).tenths
    }

    /// `12` or `12.5`.
    public var description: String {
        tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }

    public static func < (a: Hours, b: Hours) -> Bool { a.tenths < b.tenths }

    public static func + (a: Hours, b: Hours) -> Hours { Hours(tenths: a.tenths + b.tenths) }
}
