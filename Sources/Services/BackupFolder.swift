import Foundation
import Store

/// The folder of the server's scheduled backups (`serve --backup-dir DIR --keep N`): files named
/// by the UTC minute they were taken, `skillcert-20261207T0500Z.sqlite`, of which the newest
/// `keep` stay. Any other file in the folder is not a scheduled backup and is never touched.
public struct BackupFolder: Sendable, Equatable {
    public let url: URL
    /// How many backups stay, the newest one included; at least 1.
    public let keep: Int

    public init(url: URL, keep: Int) {
        self.url = url
        self.keep = max(1, keep)
    }

    /// `skillcert-20261207T0500Z.sqlite` for 2026-12-07 05:00 UTC.
    public static func fileName(at date: Date) -> String {
        let time = utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "skillcert-%04d%02d%02dT%02d%02dZ.sqlite",
                      time.year ?? 0, time.month ?? 0, time.day ?? 0, time.hour ?? 0, time.minute ?? 0)
    }

    /// The minute a scheduled backup's name stands for; nil for any other name.
    public static func date(ofFileName name: String) -> Date? {
        guard let match = name.wholeMatch(of: /skillcert-(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)Z\.sqlite/) else { return nil }
        let parts = [match.1, match.2, match.3, match.4, match.5].map { Int($0)! }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4])
        // 20261341T9999Z is no minute: the name must be exactly what that minute is named.
        guard let date = utc.date(from: components), fileName(at: date) == name else { return nil }
        return date
    }

    /// The scheduled backups in the folder, oldest first: regular files only (a folder of that
    /// name is in the way of a backup, never one, and never removed).
    public func backups() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path)
            .compactMap { name in Self.date(ofFileName: name).map { (name, $0) } }
            .filter { name, _ in
                let type = try? FileManager.default.attributesOfItem(atPath: url.appendingPathComponent(name).path)[.type]
                return type as? FileAttributeType == .typeRegular
            }
            .sorted { $0.1 < $1.1 }
            .map(\.0)
    }

    /// When the next backup is due: `every` after the newest backup in the folder or the last
    /// attempt (a failed one too, so that a failing backup is retried on the schedule, not in a
    /// loop), whichever is later; at once when there is neither. Never later than `every` from
    /// `now`, even when the clock was set back.
    public func nextDue(every: TimeInterval, lastAttempt: Date?, now: Date) -> Date {
        let newest = ((try? backups()) ?? []).last.flatMap(Self.date(ofFileName:))
        guard let latest = [newest, lastAttempt].compactMap({ $0 }).max() else { return now }
        return min(latest.addingTimeInterval(every), now.addingTimeInterval(every))
    }

    /// Takes the backup of `date` into the folder; only once it succeeded are the backups beyond
    /// the newest `keep` removed. A failed backup throws and removes nothing.
    public func backUp(from store: Store, at date: Date, cancellation: Cancellation = Cancellation()) throws -> ScheduledBackup {
        let name = Self.fileName(at: date)
        let outcome = try DatabaseBackup.write(from: store, to: url.appendingPathComponent(name), cancellation: cancellation)
        // The new backup stays whatever its name says (a clock set back may name it before the
        // others); the rest are kept newest first.
        let others = ((try? backups()) ?? []).filter { $0 != name }
        var removed: [String] = [], notRemoved: [String] = []
        for old in others.dropLast(keep - 1) {
            do {
                try FileManager.default.removeItem(at: url.appendingPathComponent(old))
                removed.append(old)
            } catch {
                notRemoved.append(old)
            }
        }
        return ScheduledBackup(outcome: outcome, removed: removed, notRemoved: notRemoved)
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}

/// One scheduled backup: the new file, and the old ones it made room for.
public struct ScheduledBackup: Sendable, Equatable {
    public let outcome: BackupOutcome
    /// Older backups removed to keep the newest `keep`, oldest first.
    public let removed: [String]
    /// Older backups that were due to go but could not be removed (they stay; the next backup tries again).
    public let notRemoved: [String]
}
