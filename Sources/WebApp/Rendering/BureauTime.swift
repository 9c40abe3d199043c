import Foundation
import Store

/// The Store keeps times in UTC (`2026-11-21T04:00:00Z`); a page shows them as the bureau reads
/// a clock, in China Standard Time (`2026-11-21 12:00:00`), the zone its dates are counted in.
enum BureauTime {
    static func shown(_ utc: String) -> String {
        guard let date = try? Date(utc, strategy: .iso8601) else { return utc }
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Clock.bureauTimeZone
        return calendar
    }()
}
