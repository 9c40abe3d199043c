import Foundation
import Testing
@testable import SkillCertCLI

/// `--unmasked` shows whole national IDs and phones, and the reason given is what the audit
/// trail keeps: without an explicit `--reason` nothing is shown, nothing written, nothing audited.
@Suite struct DisclosureReasonCLITests {
    /// Every command that takes `--unmasked`, run in the session workspace.
    static let commands: [[String]] = [
        ["person", "list"], ["person", "show", "440524188001010014"], ["cohort", "show", "1"], ["cohort", "roster", "1"],
        ["session", "tickets", "1"], ["session", "sign-in", "1"], ["session", "score-sheets", "1"], ["results", "roster", "1"],
        ["cert", "roster", "--period", "2026"], ["cert", "claims", "--institution", "甲学校", "--period", "2026"],
        ["apprentice", "roster"], ["apprentice", "filing-list", "--period", "2026"],
        ["apprentice", "claims", "--enterprise", "91440101MA5CJQ4N59", "--period", "2026"],
    ]

    func workspace() throws -> Workspace {
        let workspace = try SessionCLITests().sessionWorkspace()
        #expect(workspace.run("session", "open", "1").status == 0)
        #expect(workspace.run("session", "register", "1", "--cohort", "1", "--years", "1", "--as", "clerk.a").status == 0)
        #expect(workspace.run("enterprise", "add", "--credit-code", "91440101MA5CJQ4N59", "--name", "中山市某某酒家",
                              "--district", "石岐街道").status == 0)
        return workspace
    }

    func disclosures(_ workspace: Workspace) throws -> [[String: Any]] {
        let audit = workspace.run("audit", "list", "--json", "--limit", "1000")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        return events.filter { $0["action"] as? String == "person.disclose" }
    }

    /// Files in the output folder.
    func exports(_ workspace: Workspace) -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: workspace.path("Exports"))) ?? [])
    }

    @Test func unmaskedWithoutAReasonShowsNothingAndRecordsNothing() throws {
        let workspace = try workspace()
        for command in Self.commands {
            for missing in [[], ["--reason", "  "]] {
                let before = (try disclosures(workspace).count, exports(workspace))
                let result = workspace.run(command + ["--unmasked"] + missing)
                #expect(result.status == 1, "\(command) \(missing) must be refused")
                #expect(result.stderr.contains("--reason") && result.stderr.contains("理由") && result.stderr.contains("reason"),
                        "\(command): \(result.stderr)")
                #expect(!result.stdout.contains("440524188001010014") && !result.stdout.contains("13800138000"), "\(command): \(result.stdout)")
                #expect(try disclosures(workspace).count == before.0, "\(command) recorded a disclosure")
                #expect(exports(workspace) == before.1, "\(command) wrote a file")
            }
        }
    }

    @Test func withAReasonTheAuditEventKeepsIt() throws {
        let workspace = try workspace()
        for command in Self.commands {
            let before = try disclosures(workspace).count
            let result = workspace.run(command + ["--unmasked", "--reason", "核对 \(command[0]) \(command[1])"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            let events = try disclosures(workspace)
            // Listings that name nobody record nothing; the others record the reason given.
            if events.count > before {
                #expect(events.first?["reason"] as? String == "核对 \(command[0]) \(command[1])", "\(command)")
            }
        }
        #expect(try disclosures(workspace).count >= 7)
    }
}
