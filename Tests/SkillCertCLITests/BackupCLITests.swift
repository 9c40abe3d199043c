import Foundation
import Testing
import GRDB
import Domain
import Store
@testable import SkillCertCLI

/// `skillcert backup` as an administrator runs it beside a working server, how a backup is
/// restored, and the backup options of `skillcert serve`.
@Suite struct BackupCLITests {
    func workspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initialise()
        #expect(workspace.run("institution", "add", "--name", "甲学校", "--kind", "training", "--district", "石岐街道").status == 0)
        return workspace
    }

    /// The tables of the SQLite file at `path`, and its integrity_check.
    func tables(_ path: String) throws -> (names: [String], integrity: String) {
        // The other connection, closing, checkpoints its WAL under an exclusive lock for a moment.
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
             try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "?")
        }
    }

    @Test func aBackupWhileAnotherConnectionHoldsTheWriteLockHoldsWhatWasCommitted() throws {
        let workspace = try workspace()
        // Another connection (an import in another terminal) is half-way through its transaction.
        let writer = try OpenTransaction(path: workspace.path("skillcert.sqlite"))
        let started = ContinuousClock.now
        let result = workspace.run("backup", "--to", "backup.sqlite")
        let elapsed = ContinuousClock.now - started
        writer.commit()

        #expect(result.status == 0, "\(result.stderr)")
        #expect(elapsed < .seconds(30), "the backup did not wait for the other writer: \(elapsed)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(result.stdout)")
        #expect(lines.first?.hasPrefix("已备份到 \(workspace.path("backup.sqlite"))（") == true, "\(result.stdout)")
        #expect(lines.first?.contains("· Backed up to \(workspace.path("backup.sqlite")) (") == true, "\(result.stdout)")
        #expect(lines.last?.hasPrefix("integrity_check: ok · 机构 institutions 1 · 用户 users 1 · 人员 persons 0 · 培训班 cohorts 0") == true,
                "\(result.stdout)")

        let copy = try tables(workspace.path("backup.sqlite"))
        #expect(copy.integrity == "ok")
        #expect(copy.names.contains("institutions") && !copy.names.contains("half_done"), "nothing of the open transaction")
        #expect(try tables(workspace.path("skillcert.sqlite")).names.contains("half_done"), "which did commit afterwards")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.directory.path).filter { $0.contains("partial") }.isEmpty)
    }

    @Test func anExistingBackupIsKeptUnlessReplaced() throws {
        let workspace = try workspace()
        #expect(workspace.run("backup", "--to", "backup.sqlite").status == 0)
        #expect(workspace.run("institution", "add", "--name", "乙学校", "--kind", "training", "--district", "石岐街道").status == 0)

        let refused = workspace.run("backup", "--to", "backup.sqlite")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("错误：备份文件 \(workspace.path("backup.sqlite")) 已存在；加 --replace 覆盖它"), "\(refused.stderr)")
        #expect(refused.stderr.contains("Error: backup file \(workspace.path("backup.sqlite")) already exists: add --replace"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(try Store.check(fileAt: workspace.path("backup.sqlite")).counts.institutions == 1, "the old backup is as it was")

        let replaced = workspace.run("backup", "--to", "backup.sqlite", "--replace")
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("机构 institutions 2"), "\(replaced.stdout)")
        #expect(try Store.check(fileAt: workspace.path("backup.sqlite")).counts.institutions == 2)
    }

    @Test func aBadPathIsNamedInBothLanguages() throws {
        let workspace = try workspace()
        let missing = workspace.run("backup", "--to", "no-such-folder/backup.sqlite")
        #expect(missing.status == 1)
        #expect(missing.stderr == """
            错误：无法写入备份文件 \(workspace.path("no-such-folder/backup.sqlite"))：文件夹 \(workspace.path("no-such-folder")) 不存在
            Error: cannot write backup file \(workspace.path("no-such-folder/backup.sqlite")): folder \(workspace.path("no-such-folder")) does not exist

            """)
        let itself = workspace.run("backup", "--to", "skillcert.sqlite", "--replace")
        #expect(itself.status == 1)
        #expect(itself.stderr.contains("就是要备份的数据库本身") && itself.stderr.contains("is the very database being backed up"), "\(itself.stderr)")
        #expect(try tables(workspace.path("skillcert.sqlite")).integrity == "ok")

        let noDatabase = workspace.run("backup", "--db", "none.sqlite", "--to", "backup.sqlite")
        #expect(noDatabase.status == 1)
        #expect(noDatabase.stderr.contains("数据库文件 \(workspace.path("none.sqlite")) 不存在"), "\(noDatabase.stderr)")
        #expect(!workspace.exists("backup.sqlite") && !workspace.exists("none.sqlite"))
    }

    /// README, Deployment: stop the server, copy the backup over the database, remove the
    /// database's -wal and -shm files, start the server.
    @Test func restoringABackupBringsBackTheRecordsAsTheyWere() throws {
        let workspace = try workspace()
        #expect(workspace.run("backup", "--to", "backup.sqlite").status == 0)
        #expect(workspace.run("institution", "add", "--name", "乙学校", "--kind", "training", "--district", "石岐街道").status == 0)
        #expect(workspace.run("institution", "list").stdout.contains("乙学校"))

        let database = workspace.path("skillcert.sqlite")
        try FileManager.default.removeItem(atPath: database)
        try FileManager.default.copyItem(atPath: workspace.path("backup.sqlite"), toPath: database)
        for sidecar in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + sidecar) }

        let listing = workspace.run("institution", "list")
        #expect(listing.status == 0, "\(listing.stderr)")
        #expect(listing.stdout.contains("甲学校") && !listing.stdout.contains("乙学校"), "\(listing.stdout)")
        #expect(workspace.run("institution", "add", "--name", "丙学校", "--kind", "training", "--district", "石岐街道").status == 0,
                "the restored database takes new records")
        #expect(try tables(database).integrity == "ok")
    }

    // MARK: serve's backup and proxy options

    @Test(arguments: zip(["30m", "1h", "1d", " 2h ", "1H", "90m", "365d"], [1800, 3600, 86400, 7200, 3600, 5400, 31_536_000]))
    func intervalsInMinutesHoursOrDays(_ text: String, _ seconds: Int) throws {
        #expect(try parseInterval(text) == .seconds(seconds))
    }

    @Test(arguments: ["90s", "1.5h", "0m", "h", "-1h", "366d", "", "1 h", "1w", "hourly", "1000000m"])
    func otherIntervalsAreRefused(_ text: String) {
        #expect(throws: Rejection.self) { try parseInterval(text) }
    }

    /// Each of these is refused before the server starts (or the test would wait on it forever).
    @Test func badServeOptionsAreRefusedByNameBeforeAnythingListens() throws {
        let workspace = try workspace()
        try FileManager.default.createDirectory(atPath: workspace.path("backups"), withIntermediateDirectories: true)
        let cases: [([String], [String])] = [
            (["--backup-dir", "backups", "--backup-every", "90s"],
             ["--backup-every", "\"90s\"", "m（分钟）、h（小时）或 d（天）", "m (minutes), h (hours) or d (days)"]),
            (["--backup-every", "2h"], ["--backup-every 只与 --backup-dir 一起使用", "--backup-every applies only with --backup-dir"]),
            (["--keep", "5"], ["--keep 只与 --backup-dir 一起使用", "--keep applies only with --backup-dir"]),
            (["--backup-dir", "backups", "--keep", "0"], ["--keep", "至少保留 1 份备份", "must keep at least 1 backup"]),
            (["--backup-dir", "none"], ["备份文件夹 \(workspace.path("none")) 不存在", "folder \(workspace.path("none")) does not exist"]),
            (["--trusted-proxy", "nginx.local"], ["--trusted-proxy", "\"nginx.local\"", "应为 IP 地址", "must be an IP address"]),
        ]
        for (options, expected) in cases {
            let result = workspace.run(["serve", "--port", "0"] + options)
            #expect(result.status == 1, "\(options)")
            #expect(!result.stdout.contains("Serving at"), "\(options)")
            for text in expected { #expect(result.stderr.contains(text), "\(options): \(result.stderr)") }
        }
    }
}

/// Another connection, as another skillcert process would hold it, half-way through a write
/// transaction until `commit`.
private final class OpenTransaction: @unchecked Sendable {
    private let written = DispatchSemaphore(value: 0)
    private let release = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(path: String) throws {
        let pool = try DatabasePool(path: path)
        Thread { [self] in
            try? pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "CREATE TABLE half_done (x); INSERT INTO half_done VALUES (1)")
                    written.signal()
                    release.wait()
                    return .commit
                }
            }
            finished.signal()
        }.start()
        written.wait()
    }

    func commit() {
        release.signal()
        finished.wait()
    }
}
