import Foundation
import Domain
import ServiceLifecycle
import Services

/// `serve --backup-dir DIR --backup-every 1h --keep 48`: where and how often.
public struct BackupSchedule: Sendable, Equatable {
    public let folder: BackupFolder
    public let every: Duration

    public init(folder: BackupFolder, every: Duration) {
        self.folder = folder
        self.every = every
    }
}

/// The server's scheduled backups, a service beside the HTTP server in its service group: it
/// starts with the server and stops with it (a backup in flight is abandoned and its partial
/// file removed). The copying runs on the Store's threads, never on an event loop. A failed
/// backup is logged and tried again at the next time due; it never stops the server.
struct ScheduledBackups: Service {
    let schedule: BackupSchedule
    let threads: StoreThreads
    let log: RequestLog
    let clock: BackupClock

    func run() async {
        await cancelWhenGracefulShutdown { await self.backUpWhenDue() }
    }

    /// Until cancelled: wait for the next time due, back up, log the outcome.
    private func backUpWhenDue() async {
        let folder = schedule.folder
        let every = Double(schedule.every.components.seconds) + Double(schedule.every.components.attoseconds) / 1e18
        var lastAttempt: Date?
        while !Task.isCancelled {
            let now = clock.now()
            let attempted = lastAttempt
            guard let due = try? await threads.run({ _, _ in folder.nextDue(every: every, lastAttempt: attempted, now: now) })
            else { return }
            if due > now {
                do { try await clock.sleep(due.timeIntervalSince(now)) } catch { return }
            }
            let at = clock.now()
            lastAttempt = at
            do {
                let made = try await threads.run { store, cancellation in
                    try folder.backUp(from: store, at: at, cancellation: cancellation)
                }
                log.write(Self.line(at: at, made))
            } catch is CancellationError {
                return
            } catch {
                log.write(Self.line(at: at, failure: error))
            }
        }
    }

    /// `2026-12-07T05:00:00Z backup /srv/…/skillcert-20261207T0500Z.sqlite 12.3 MB integrity_check: ok · 机构 institutions 3 · …`
    static func line(at date: Date, _ made: ScheduledBackup) -> String {
        let megabytes = (Double(made.outcome.bytes) / 1_048_576).formatted(.number.precision(.fractionLength(1)))
        var line = "\(RequestLog.timestamp(date)) backup \(made.outcome.path) \(megabytes) MB \(made.outcome.summary)"
        if !made.removed.isEmpty { line += " · 已删除旧备份 removed \(made.removed.joined(separator: " "))" }
        if !made.notRemoved.isEmpty { line += " · 无法删除 could not remove \(made.notRemoved.joined(separator: " "))" }
        return line
    }

    /// `2026-12-07T05:00:00Z backup failed 备份失败：… · …`, on one line.
    static func line(at date: Date, failure: any Error) -> String {
        let message: String = if let error = failure as? any BilingualError {
            "\(error.chinese) · \(error.english)"
        } else {
            String(describing: failure)
        }
        return "\(RequestLog.timestamp(date)) backup failed 备份失败：\(message.replacingOccurrences(of: "\n", with: " "))"
    }
}

/// The time the schedule reads and how it waits: the system's in service, a hand-moved one in tests.
struct BackupClock: Sendable {
    let now: @Sendable () -> Date
    let sleep: @Sendable (TimeInterval) async throws -> Void

    static let system = BackupClock(now: { Date() }, sleep: { seconds in try await Task.sleep(for: .seconds(seconds)) })
}
