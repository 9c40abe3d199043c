import Foundation
import Testing
import GRDB
import Domain

/// A clerk's import killed half-way (kill -9: no chance to clean up) leaves the database exactly
/// as it was before: the import's transaction never committed, and SQLite discards it.
@Suite struct KillDuringImportTests {
    static let binary = Workspace.packageRoot.appendingPathComponent(".build/debug/skillcert")

    @Test func killingAnImportHalfWayLeavesTheDatabaseAsItWas() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path),
                     "the test runs the real tool: build it first (make test does)")
        let workspace = try Workspace()
        try workspace.initialise()
        #expect(workspace.run("institution", "add", "--name", "甲学校", "--kind", "training", "--district", "石岐街道").status == 0)
        #expect(workspace.run("cohort", "create", "--name", "大班", "--institution", "甲学校", "--project", "yuecai",
                              "--occupation", "4-03-02-01", "--level", "5", "--district", "石岐街道", "--start", "2026-03-01",
                              "--end", "2026-04-30", "--hours", "80", "--capacity", "500000").status == 0)
        try GeneratedList.write(rows: 3, to: workspace.directory.appendingPathComponent("small.csv"))
        #expect(workspace.run("cohort", "import", "1", "small.csv").status == 0)
        let before = try snapshot(workspace.path("skillcert.sqlite"))
        #expect(before.contains("enrolments 3"))

        try GeneratedList.write(rows: 300_000, offset: 1000, to: workspace.directory.appendingPathComponent("big.csv"))
        let process = Process()
        process.executableURL = Self.binary
        process.currentDirectoryURL = workspace.directory
        process.arguments = ["cohort", "import", "1", "big.csv", "--progress", "--today", "2026-11-21",
                             "--db", workspace.path("skillcert.sqlite")]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()

        // Wait until the tool reports rows read: the import's transaction is open and writing.
        var seen = ""
        while !seen.contains("rows read") {
            let data = stderr.fileHandleForReading.availableData
            if data.isEmpty { break }
            seen += String(decoding: data, as: UTF8.self)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the import finished before it could be killed: \(seen)")
        #expect(seen.contains("rows read"))

        #expect(try snapshot(workspace.path("skillcert.sqlite")) == before)
        // And the database still works: the next import goes through.
        #expect(workspace.run("cohort", "import", "1", "small.csv").stdout.contains("3 already enrolled"))
    }

    /// Row counts of every table, and SQLite's own integrity check.
    private func snapshot(_ path: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            let check = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "?"
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            return try tables.map { "\($0) \(try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)")!)" }.joined(separator: "\n")
                + "\nintegrity \(check)"
        }
    }
}

/// Generated trainee lists with valid, distinct national IDs.
enum GeneratedList {
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checks = Array("10X98765432")

    static func nationalId(_ index: Int) -> String {
        let birth = CivilDate(year: 1960, month: 1, day: 1)!.adding(days: index / 900)
        let digits = String(format: "442000%04d%02d%02d%03d", birth.year, birth.month, birth.day, index % 900 + 100)
        let sum = zip(digits, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return digits + String(checks[sum % 11])
    }

    static func write(rows: Int, offset: Int = 0, to url: URL) throws {
        var text = "身份证号,姓名,手机号码\n"
        text.reserveCapacity(rows * 40)
        for index in offset..<(offset + rows) {
            text += "\(nationalId(index)),学员\(index),138\(String(format: "%08d", index))\n"
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}
