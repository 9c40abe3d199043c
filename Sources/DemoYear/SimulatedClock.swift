import Foundation
import Domain
import Store

/// The clock the demo's Store runs on: a day the demo moves forward through the year, so that
/// every date the Store records (cohorts, completions, exam days, issue and filing dates) falls
/// where the story puts it. Within a day the time of day advances a second per reading, from
/// 09:00 bureau time, so that audit events keep their order.
final class SimulatedClock: @unchecked Sendable {
    // The Store reads the clock from the thread the demo runs on; the lock keeps it Sendable.
    private let lock = NSLock()
    private var morning: TimeInterval
    private var seconds = 0
    private(set) var day: CivilDate

    init(_ day: CivilDate) {
        self.day = day
        morning = SimulatedClock.morning(of: day)
    }

    var clock: Clock { Clock { [self] in now() } }

    /// Moves to `day`; the clock never goes back.
    func advance(to day: CivilDate) {
        lock.lock()
        defer { lock.unlock() }
        guard day > self.day else { return }
        self.day = day
        morning = SimulatedClock.morning(of: day)
        seconds = 0
    }

    private func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        // Eight working hours of seconds; a busier day stays on its date.
        seconds = (seconds + 1) % (8 * 3600)
        return Date(timeIntervalSince1970: morning + TimeInterval(seconds))
    }

    /// 09:00 China Standard Time (UTC+8, no summer time) on `day`, in seconds since 1970.
    private static func morning(of day: CivilDate) -> TimeInterval {
        TimeInterval(day.dayNumber - epoch) * 86_400 + 3_600
    }

    private static let epoch = CivilDate(year: 1970, month: 1, day: 1)!.dayNumber
}
