import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Services
@testable import Store
@testable import WebApp

/// `serve --backup-dir DIR --backup-every 1h --keep 3`: the server backs up on its schedule beside
/// the pages, logs each backup on one line, goes on after a failed one, keeps the newest three,
/// and the schedule stops with the server.
@Suite struct ScheduledBackupWebTests {
    static let seven = Date(timeIntervalSince1970: 1_796_619_600)  // 2026-12-07T05:00:00Z

    @Test func theServerBacksUpOnScheduleGoesOnAfterAFailureAndStopsWithTheServer() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let folder = world.folder.appendingPathComponent("backups")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The 06:00 backup's name is taken by a folder: that one fails.
        let taken = BackupFolder.fileName(at: Self.seven.addingTimeInterval(3600))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(taken), withIntermediateDirectories: false)

        let clock = ScheduleClock(start: Self.seven)
        let schedule = BackupSchedule(folder: BackupFolder(url: folder, keep: 3), every: .seconds(3600))
        let app = try await WebServer.application(
            store: world.store, accounts: WebWorld.accounts, options: .init(host: "127.0.0.1", port: 0, backups: schedule),
            log: world.log.requestLog, backupClock: clock.backupClock)
        try await app.test(.router) { client in
            #expect(try await client.execute(uri: "/signin", method: .get).status == .ok, "pages are served meanwhile")
            try await Self.waitUntil { world.log.lines.filter { $0.contains(" backup /") }.count >= 5 }
        }
        let stopped = Self.backupLines(world)
        try await Task.sleep(for: .milliseconds(200))
        #expect(Self.backupLines(world) == stopped, "no backup after the server stopped")

        let lines = stopped
        #expect(lines[0].hasPrefix("2026-12-07T05:00:00Z backup \(folder.path)/skillcert-20261207T0500Z.sqlite "), "\(lines[0])")
        #expect(lines[0].contains(" MB integrity_check: ok · 机构 institutions 3 · 用户 users 3 · "), "\(lines[0])")
        #expect(lines[1] == "2026-12-07T06:00:00Z backup failed 备份失败：备份文件 \(folder.path)/\(taken) 是一个文件夹；请给出文件名 · "
                + "backup file \(folder.path)/\(taken) is a folder: give a file name")
        #expect(lines[2].hasPrefix("2026-12-07T07:00:00Z backup \(folder.path)/skillcert-20261207T0700Z.sqlite "), "\(lines[2])")
        #expect(lines[3].hasPrefix("2026-12-07T08:00:00Z backup "), "\(lines[3])")
        #expect(lines[4].hasPrefix("2026-12-07T09:00:00Z backup "), "\(lines[4])")
        #expect(lines[4].hasSuffix(" · 已删除旧备份 removed skillcert-20261207T0500Z.sqlite"), "\(lines[4])")
        #expect(!lines[2].contains("removed") && !lines[3].contains("removed"), "three kept: nothing to remove before the fourth")

        let made = lines.compactMap { $0.firstMatch(of: #/backup \S+/(skillcert-\d{8}T\d{4}Z\.sqlite) /#).map { String($0.1) } }
        let kept = try BackupFolder(url: folder, keep: 3).backups().filter { $0 != taken }
        #expect(kept == Array(made.suffix(3)), "the newest three stay")
        for name in kept {
            #expect(try Store.check(fileAt: folder.appendingPathComponent(name).path).isSound, "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains("partial") })
    }

    static func backupLines(_ world: WebWorld) -> [String] { world.log.lines.filter { $0.contains(" backup ") } }

    static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while !condition() {
            guard ContinuousClock.now < deadline else { Issue.record("waited two minutes in vain"); return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// A clock whose waits pass at once: each sleep moves the time on by what was asked.
final class ScheduleClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(start: Date) { current = start }

    var backupClock: BackupClock {
        BackupClock(now: { [self] in lock.withLock { current } }, sleep: { [self] seconds in
            lock.withLock { current += seconds }
            try await Task.sleep(for: .milliseconds(5))
        })
    }
}
