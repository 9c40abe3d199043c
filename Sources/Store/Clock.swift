import Foundation
import Domain

/// Where the Store gets "now" from: the system clock in the tool, a fixed instant in tests.
public struct Clock: Sendable {
    public let now: @Sendable () -> Date
    /// The time zone the bureau works in; "today" (for birth dates, deadlines) is taken there.
    public let timeZone: TimeZone

    public init(timeZone: TimeZone = Clock.bureauTimeZone, now: @escaping @Sendable () -> Date) {
        self.now = now
        self.timeZone = timeZone
    }

    /// Guangdong keeps China Standard Time all year.
    public static let bureauTimeZone = TimeZone(identifier: "Asia/Shanghai")!

    public static let system = Clock { Date() }

    public static func fixed(_ date: Date) -> Clock { Clock { date } }

    /// A fixed clock at noon, bureau time, on the given day.
    public static func fixed(_ day: CivilDate) -> Clock {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = bureauTimeZone
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        return Clock { date }
    }

    public var today: CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now())
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// The timestamp stored in audit events: UTC, ISO 8601, to the second.
    public func timestamp() -> String {
        Clock.timestamp(of: now())
    }

    /// The timestamp of `seconds` before now, to compare with stored ones (they sort as text).
    func timestamp(secondsAgo seconds: TimeInterval) -> String {
        Clock.timestamp(of: now().addingTimeInterval(-seconds))
    }

    static func timestamp(of date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
