import Foundation
import Testing
@testable import SkillCertCLI

/// `audit list` filters as the web page does: by user, action, record and days (China time).
@Suite struct AuditCLITests {
    func workspaceWithTwoDays() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initialise()
        #expect(workspace.run("person", "add", "--id", "440524188001010014", "--name", "陈大文", "--phone", "13800138000",
                              "--today", "2026-11-25").status == 0)
        return workspace
    }

    @Test func filtersByUserActionRecordAndDays() throws {
        let workspace = try workspaceWithTwoDays()
        let day = workspace.run("audit", "list", "--start", "2026-11-25", "--end", "2026-11-25")
        #expect(day.status == 0)
        #expect(day.stdout.contains("person.create") && !day.stdout.contains("catalog.load"))
        #expect(day.stdout.contains("共 1 条记录"))
        let before = workspace.run("audit", "list", "--end", "2026-11-24")
        #expect(before.stdout.contains("catalog.load") && !before.stdout.contains("person.create"))
        let action = workspace.run("audit", "list", "--user", "admin", "--action", "person.create", "--entity", "persons", "--key", "1", "--json")
        #expect(action.stdout.contains("440524********0014") && !action.stdout.contains("440524188001010014"))
        #expect(workspace.run("audit", "list", "--user", "nobody").stdout.contains("共 0 条记录"))
    }

    @Test func aBadOrReversedDayIsRefusedNamingItsOption() throws {
        let workspace = try workspaceWithTwoDays()
        let bad = workspace.run("audit", "list", "--start", "2026-13-01")
        #expect(bad.status != 0 && bad.stderr.contains("--start") && bad.stderr.contains("2026-13-01"))
        let reversed = workspace.run("audit", "list", "--start", "2026-11-25", "--end", "2026-11-24")
        #expect(reversed.status != 0)
        #expect(reversed.stderr.contains("--end") && reversed.stderr.contains("结束日期早于开始日期 2026-11-25"))
    }
}
