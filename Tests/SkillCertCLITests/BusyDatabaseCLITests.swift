import Foundation
import Testing
import GRDB
@testable import SkillCertCLI

/// A command that must write while another connection (an import in another terminal) holds the
/// database: after the wait, the user reads that another import is running and nothing was
/// written, never SQLite's "database is locked". `SKILLCERT_BUSY_TIMEOUT` shortens the wait.
@Suite struct BusyDatabaseCLITests {
    @Test func aSecondWriterIsToldAnotherImportIsRunningAndNothingWasWritten() throws {
        let workspace = try Workspace(environment: ["SKILLCERT_BUSY_TIMEOUT": "0.3"])
        try workspace.initialise()
        #expect(workspace.run("institution", "add", "--name", "甲学校", "--kind", "training", "--district", "石岐街道").status == 0)
        #expect(workspace.run("cohort", "create", "--name", "班", "--institution", "甲学校", "--project", "yuecai",
                              "--occupation", "4-03-02-01", "--level", "5", "--district", "石岐街道", "--start", "2026-03-01",
                              "--end", "2026-04-30", "--hours", "80", "--capacity", "50").status == 0)
        try CohortCLITests().write(CohortCLITests.header + CohortCLITests.goodRows, to: "list.csv", in: workspace)

        let holder = try LockHolder(path: workspace.path("skillcert.sqlite"))
        let commands: [[String]] = [
            ["person", "add", "--id", "440524188001010014", "--name", "陈大文"],
            ["cohort", "import", "1", "list.csv"],
        ]
        for arguments in commands {
            let result = workspace.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("另一项导入或修改正在写入数据库") && result.stderr.contains("未写入任何记录"), "\(result.stderr)")
            #expect(result.stderr.contains("another import or change is writing to the database") && result.stderr.contains("nothing was written"),
                    "\(result.stderr)")
            #expect(!result.stderr.contains("database is locked"), "\(result.stderr)")
        }
        // Reading goes on while the other writer works.
        let listing = workspace.run("cohort", "list")
        #expect(listing.status == 0, "\(listing.stderr)")
        holder.release()

        let persons = workspace.run("person", "list", "--json")
        #expect((try JSONSerialization.jsonObject(with: Data(persons.stdout.utf8)) as? [Any])?.isEmpty == true, "\(persons.stdout)")
        #expect(workspace.run("cohort", "import", "1", "list.csv").status == 0)
    }

    @Test func aBadWaitIsRefusedByName() throws {
        let workspace = try Workspace(environment: ["SKILLCERT_BUSY_TIMEOUT": "soon"])
        try? workspace.initialise()
        let result = workspace.run("person", "list")
        #expect(result.status == 1)
        #expect(result.stderr.contains("SKILLCERT_BUSY_TIMEOUT") && result.stderr.contains("soon"), "\(result.stderr)")
    }
}

/// Holds SQLite's write lock from another connection until `release`.
private final class LockHolder: @unchecked Sendable {
    private let locked = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(path: String) throws {
        // A pool, as SkillCert opens the file: like another skillcert process.
        let pool = try DatabasePool(path: path)
        Thread { [self] in
            try? pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "CREATE TABLE IF NOT EXISTS holder_scratch (x)")
                    locked.signal()
                    released.wait()
                    return .rollback
                }
            }
            finished.signal()
        }.start()
        locked.wait()
    }

    func release() {
        released.signal()
        finished.wait()
    }
}
