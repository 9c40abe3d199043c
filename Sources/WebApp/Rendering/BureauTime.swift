import Foundation
import Domain
import Store

/// The Store keeps times in UTC (`2026-11-21T04:00:00Z`); a page shows them as the bureau reads
/// a clock, in China Standard Time (`2026-11-21 12:00:00`), the zone its dates are counted in.
enum BureauTime {
    static func shown(_ utc: String) -> String {
        guard let seconds = secondsSince1970(utc) else { return utc }
        let local = seconds + Clock.bureauTimeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let (days, time) = local.quotientAndRemainder(dividingBy: 86_400)
        let day = CivilDate(dayNumber: time < 0 ? days - 1 : days)
        let second = time < 0 ? time + 86_400 : time
        return "\(day) \(twoDigits(second / 3_600)):\(twoDigits(second / 60 % 60)):\(twoDigits(second % 60))"
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, the one form the Store writes, read by its bytes: a workbook of
    /// the whole trail shows a million of them.
    private static func secondsSince1970(_ utc: String) -> Int? {
        let bytes = Array(utc.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let dayOfMonth = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              let day = CivilDate(year: year, month: month, day: dayOfMonth), hour < 24, minute < 60, second < 61 else { return nil }
        return day.dayNumber * 86_400 + hour * 3_600 + minute * 60 + second
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
