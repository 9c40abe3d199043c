import Foundation
import Testing
import Domain
import Intake
import Store
@testable import Services

/// A backup is a consistent copy taken while others write: it opens, passes SQLite's
/// integrity_check and holds every record committed before it began and nothing of a
/// transaction still open. It never takes a name it must not, and the scheduled ones keep the
/// newest few, removing old ones only once a new one is safely made.
@Suite struct BackupTests {
    /// A file database with the bureau administrator and 2,000 persons (a few hundred pages).
    static func world() throws -> (store: Store, admin: User, folder: URL) {
        let (store, admin, folder) = try StoreThreadsTests.fileStore()
        _ = try store.importPersons(source: "名单.xlsx", actor: admin) { session in
            _ = try session.add(StoreThreadsTests.persons(0..<2000))
        }
        return (store, admin, folder)
    }

    static func addInstitution(_ number: Int, store: Store, admin: User) throws {
        _ = try store.addInstitution(NewInstitution(name: "机构\(number)", kind: .training, district: "石岐街道"), actor: admin)
    }

    /// Institutions and their audit events in `store`: a torn copy would show one without the other.
    static func institutions(_ store: Store, _ admin: User) throws -> [Int] {
        [try store.institutions(actor: admin).total, try store.auditEvents(actor: admin, entity: "institutions", page: .all).total]
    }

    /// Adds an institution from another thread (another connection) and waits until it is committed.
    static func addFromAnotherThread(_ number: Int, store: Store, admin: User) {
        let committed = Gate()
        Thread.detachNewThread {
            try? addInstitution(number, store: store, admin: admin)
            committed.open()
        }
        _ = committed.wait(seconds: 60)
    }

    @Test func writesCommittedDuringTheCopyDoNotTearIt() throws {
        let (store, admin, folder) = try Self.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        for number in 1...3 { try Self.addInstitution(number, store: store, admin: admin) }

        // Between every slice of the copy another connection commits an institution: writes
        // land in the middle of the copy, not only before or after it.
        var added = 3, slices = 0
        let backup = folder.appendingPathComponent("backup.sqlite")
        let outcome = try DatabaseBackup.write(from: store, to: backup, replace: false, pagesPerStep: 16) {
            slices += 1
            added += 1
            Self.addFromAnotherThread(added, store: store, admin: admin)
        }
        #expect(slices > 10, "the copy was taken in many slices, with writes between them")
        #expect(try Self.institutions(store, admin) == [added, added], "the writes went through meanwhile")

        #expect(outcome.path == backup.path)
        #expect(outcome.check.isSound)
        #expect(outcome.check.counts.institutions == 3, "what was committed before the copy began, and nothing later")
        #expect(outcome.summary.hasPrefix("integrity_check: ok · 机构 institutions 3 · 用户 users 1 · 人员 persons 2000"))

        // Restored: the copy opens as a database, and says the same on its own.
        #expect(try Store.check(fileAt: backup.path) == outcome.check)
        let restored = try Store.open(path: backup.path, clock: .fixed(StoreThreadsTests.day))
        #expect(try Self.institutions(restored, admin) == [3, 3])
        #expect(try restored.persons(actor: admin, page: .first).total == 2000)
    }

    @Test func aBackupDuringAnImportHoldsNothingOfItAndDoesNotWaitForIt() throws {
        let (store, admin, folder) = try Self.world()
        defer { try? FileManager.default.removeItem(at: folder) }

        // Another thread imports 1,000 persons and holds its transaction (and the write lock)
        // open until told.
        let importHasRows = Gate(), releaseImport = Gate(), importDone = Gate()
        let released = Counter()
        Thread.detachNewThread {
            _ = try? store.importPersons(source: "第二批.xlsx", actor: admin) { session in
                _ = try session.add(StoreThreadsTests.persons(2000..<3000))
                importHasRows.open()
                if releaseImport.wait(seconds: 60) { released.set(1) }
            }
            importDone.open()
        }
        #expect(importHasRows.wait(seconds: 60))
        let outcome = try DatabaseBackup.write(from: store, to: folder.appendingPathComponent("backup.sqlite"))
        releaseImport.open()
        #expect(importDone.wait(seconds: 60))
        #expect(released.value == 1, "the backup finished while the import still held the write lock")

        #expect(outcome.check.isSound)
        #expect(outcome.check.counts.persons == 2000, "none of the import still open")
        #expect(try store.persons(actor: admin, page: .first).total == 3000, "which then committed")
    }

    @Test func aBackupWhileAnotherThreadKeepsCommittingIsConsistent() throws {
        let (store, admin, folder) = try Self.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stop = Gate(), stopped = Gate(), started = Gate()
        let committed = Counter()
        Thread.detachNewThread {
            var number = 0
            repeat {
                number += 1
                if (try? Self.addInstitution(number, store: store, admin: admin)) != nil { committed.set(number) }
                if number == 5 { started.open() }
            } while !stop.wait(seconds: 0.001)
            stopped.open()
        }
        #expect(started.wait(seconds: 60))
        let before = committed.value
        let backup = folder.appendingPathComponent("backup.sqlite")
        let outcome = try DatabaseBackup.write(from: store, to: backup)
        stop.open()
        #expect(stopped.wait(seconds: 60))

        #expect(outcome.check.isSound)
        let restored = try Store.open(path: backup.path, clock: .fixed(StoreThreadsTests.day))
        let counted = try Self.institutions(restored, admin)
        let rows = counted[0], events = counted[1]
        #expect(rows >= before, "every institution committed before the backup began is in it")
        #expect(rows == events, "each institution with its audit event: no transaction torn")
        #expect(rows == outcome.check.counts.institutions)
        #expect(try restored.persons(actor: admin, page: .first).total == 2000)
    }

    @Test func anExistingFileIsRefusedUnlessReplacedAndNoPartialFileIsLeft() throws {
        let (store, admin, folder) = try Self.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let backups = folder.appendingPathComponent("backups")
        try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
        let target = backups.appendingPathComponent("b.sqlite")
        try Data("an older file".utf8).write(to: target)

        #expect(throws: BackupError.destinationExists(path: target.path)) {
            try DatabaseBackup.write(from: store, to: target)
        }
        #expect(try Data(contentsOf: target) == Data("an older file".utf8), "left as it was")
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups.path) == ["b.sqlite"])
        let message = BackupError.destinationExists(path: target.path)
        #expect(message.chinese == "备份文件 \(target.path) 已存在；已有的文件不会被覆盖，请换一个文件名")
        #expect(message.english == "backup file \(target.path) already exists; an existing file is not overwritten: choose another name")

        try Self.addInstitution(1, store: store, admin: admin)
        let replaced = try DatabaseBackup.write(from: store, to: target, replace: true)
        #expect(replaced.check.isSound && replaced.check.counts.institutions == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups.path) == ["b.sqlite"], "no partial file, no journal")
        #expect(try Store.check(fileAt: target.path).counts.persons == 2000)
    }

    @Test func aBadDestinationIsRefusedByPathInBothLanguagesAndWritesNothing() throws {
        let (store, _, folder) = try Self.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("no-such-folder/b.sqlite")
        #expect(throws: BackupError.folderMissing(path: missing.path, folder: folder.appendingPathComponent("no-such-folder").path)) {
            try DatabaseBackup.write(from: store, to: missing)
        }
        let file = folder.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        #expect(throws: BackupError.folderIsAFile(path: file.path + "/b.sqlite", folder: file.path)) {
            try DatabaseBackup.write(from: store, to: file.appendingPathComponent("b.sqlite"))
        }
        #expect(throws: BackupError.destinationIsAFolder(path: folder.path)) {
            try DatabaseBackup.write(from: store, to: folder, replace: true)
        }
        #expect(throws: BackupError.destinationIsTheDatabase(path: store.location)) {
            try DatabaseBackup.write(from: store, to: URL(fileURLWithPath: store.location), replace: true)
        }
        #expect(try Store.check(fileAt: store.location).isSound, "the database itself untouched")

        let error = BackupError.folderMissing(path: missing.path, folder: missing.deletingLastPathComponent().path)
        #expect(error.chinese == "无法写入备份文件 \(missing.path)：文件夹 \(missing.deletingLastPathComponent().path) 不存在")
        #expect(error.english == "cannot write backup file \(missing.path): folder \(missing.deletingLastPathComponent().path) does not exist")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a-file", "t.sqlite", "t.sqlite-shm", "t.sqlite-wal"])
    }

    @Test func aCancelledBackupLeavesNoFile() throws {
        let (store, _, folder) = try Self.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("b.sqlite")
        let cancellation = Cancellation()
        #expect(throws: CancellationError.self) {
            try DatabaseBackup.write(from: store, to: target, replace: false, pagesPerStep: 4) {
                cancellation.cancel()
                try cancellation.check()
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["t.sqlite", "t.sqlite-shm", "t.sqlite-wal"])
    }

    @Test func aDamagedCopyFailsTheCheck() throws {
        let (store, _, folder) = try Self.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("copy.sqlite")
        _ = try DatabaseBackup.write(from: store, to: copy)
        #expect(try Store.check(fileAt: copy.path).isSound)
        // Zeroes over pages in the middle of the file: b-tree pages that no longer parse.
        let handle = try FileHandle(forWritingTo: copy)
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: 4096 * 8))
        try handle.close()
        let check = try Store.check(fileAt: copy.path)
        #expect(!check.isSound)
        #expect(!check.integrity.isEmpty && check.integrity != ["ok"])
    }

    // MARK: Scheduled backups

    static let seven = Date(timeIntervalSince1970: 1_796_619_600)  // 2026-12-07T05:00:00Z

    @Test func scheduledBackupsAreNamedByTheirUTCMinute() throws {
        #expect(BackupFolder.fileName(at: Self.seven) == "skillcert-20261207T0500Z.sqlite")
        #expect(BackupFolder.fileName(at: Self.seven.addingTimeInterval(59)) == "skillcert-20261207T0500Z.sqlite")
        #expect(BackupFolder.date(ofFileName: "skillcert-20261207T0500Z.sqlite") == Self.seven)
        for other in ["skillcert-20261207T0500Z.sqlite.partial-0a1b2c3d", "skillcert-20261341T0500Z.sqlite", "skillcert.sqlite",
                      "notes.txt", "skillcert-20261207T0500.sqlite", "xskillcert-20261207T0500Z.sqlite"] {
            #expect(BackupFolder.date(ofFileName: other) == nil, "\(other)")
        }
    }

    @Test func theFolderKeepsTheNewestBackupsAndNothingElseIsTouched() throws {
        let (store, admin, folder) = try Self.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let backups = folder.appendingPathComponent("backups")
        try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
        for other in ["notes.txt", "skillcert-before-upgrade.sqlite"] {
            try Data("kept".utf8).write(to: backups.appendingPathComponent(other))
        }
        let scheduled = BackupFolder(url: backups, keep: 3)
        var made: [ScheduledBackup] = []
        for hour in 0..<5 {
            try Self.addInstitution(hour, store: store, admin: admin)
            made.append(try scheduled.backUp(from: store, at: Self.seven.addingTimeInterval(Double(hour) * 3600)))
        }
        #expect(made.map(\.removed) == [[], [], [], ["skillcert-20261207T0500Z.sqlite"], ["skillcert-20261207T0600Z.sqlite"]])
        #expect(try scheduled.backups() == ["skillcert-20261207T0700Z.sqlite", "skillcert-20261207T0800Z.sqlite",
                                            "skillcert-20261207T0900Z.sqlite"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups.path).sorted() == [
            "notes.txt", "skillcert-20261207T0700Z.sqlite", "skillcert-20261207T0800Z.sqlite",
            "skillcert-20261207T0900Z.sqlite", "skillcert-before-upgrade.sqlite"])
        #expect(made.last?.outcome.check.counts.institutions == 5)
        #expect(try Store.check(fileAt: backups.appendingPathComponent("skillcert-20261207T0700Z.sqlite").path).counts.institutions == 3)
    }

    @Test func aFailedBackupRemovesNoOldOne() throws {
        let (store, _, folder) = try Self.world()
        defer { try? FileManager.default.removeItem(at: folder) }
        let backups = folder.appendingPathComponent("backups")
        try FileManager.default.createDirectory(at: backups, withIntermediateDirectories: true)
        let scheduled = BackupFolder(url: backups, keep: 2)
        for hour in 0..<2 { _ = try scheduled.backUp(from: store, at: Self.seven.addingTimeInterval(Double(hour) * 3600)) }
        let before = try scheduled.backups()
        #expect(before.count == 2)

        // The third backup's name is taken by a folder: it fails, and the oldest stays.
        let third = Self.seven.addingTimeInterval(2 * 3600)
        try FileManager.default.createDirectory(at: backups.appendingPathComponent(BackupFolder.fileName(at: third)),
                                                withIntermediateDirectories: false)
        #expect(throws: BackupError.self) { try scheduled.backUp(from: store, at: third) }
        #expect(try scheduled.backups().filter { $0 != BackupFolder.fileName(at: third) } == before)

        // Cancelled half-way (the server stopping): nothing removed, no partial file left.
        let fourth = Self.seven.addingTimeInterval(3 * 3600)
        let cancelled = Cancellation()
        cancelled.cancel()
        #expect(throws: CancellationError.self) { try scheduled.backUp(from: store, at: fourth, cancellation: cancelled) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups.path).sorted()
                == (before + [BackupFolder.fileName(at: third)]).sorted())

        // The next one that succeeds makes room.
        let fifth = try scheduled.backUp(from: store, at: Self.seven.addingTimeInterval(4 * 3600))
        #expect(fifth.removed == [before[0]])
    }

    @Test func theNextBackupIsDueAfterTheNewestOrTheLastAttempt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-due-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let scheduled = BackupFolder(url: folder, keep: 48)
        let hour: TimeInterval = 3600
        let now = Self.seven.addingTimeInterval(90 * 60)  // 06:30

        #expect(scheduled.nextDue(every: hour, lastAttempt: nil, now: now) == now, "none yet: at once")
        #expect(scheduled.nextDue(every: hour, lastAttempt: now, now: now) == now.addingTimeInterval(hour),
                "a failed attempt is retried on the schedule, not at once")
        try Data().write(to: folder.appendingPathComponent("skillcert-20261207T0500Z.sqlite"))
        #expect(scheduled.nextDue(every: hour, lastAttempt: nil, now: now) == Self.seven.addingTimeInterval(hour), "overdue: 06:00, at once")
        try Data().write(to: folder.appendingPathComponent("skillcert-20261207T0600Z.sqlite"))
        #expect(scheduled.nextDue(every: hour, lastAttempt: nil, now: now) == Self.seven.addingTimeInterval(2 * hour), "07:00")
        // A backup named in the future (the clock was set back) delays the next by one interval at most.
        try Data().write(to: folder.appendingPathComponent("skillcert-20271207T0600Z.sqlite"))
        #expect(scheduled.nextDue(every: hour, lastAttempt: nil, now: now) == now.addingTimeInterval(hour))
    }
}

/// A number one thread sets and another reads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0

    var value: Int { lock.withLock { current } }
    func set(_ value: Int) { lock.withLock { current = value } }
}
