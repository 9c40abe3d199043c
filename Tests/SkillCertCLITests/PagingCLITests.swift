import Foundation
import Testing
@testable import SkillCertCLI

/// A listing on a terminal shows one page and the total, and says how to see the rest.
@Suite struct PagingCLITests {
    static let ids = ["11010519491231002X", "34052419800101001X", "440524188001010014"]

    func workspaceWithThreePersons() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initialise()
        for (index, id) in Self.ids.enumerated() {
            #expect(workspace.run("person", "add", "--id", id, "--name", "人员\(index)").status == 0)
        }
        return workspace
    }

    @Test func theFirstPageShowsItsRowsTheTotalAndTheNextPage() throws {
        let workspace = try workspaceWithThreePersons()
        let first = workspace.run("person", "list", "--limit", "2")
        #expect(first.status == 0)
        #expect(first.stdout.contains("人员0") && first.stdout.contains("人员1") && !first.stdout.contains("人员2"))
        #expect(first.stdout.contains("共 3 人 · 3 person(s)"))
        #expect(first.stdout.contains("第 1–2 条（第 1/2 页）"))
        #expect(first.stdout.contains("next page --page 2, every row --all"))

        let second = workspace.run("person", "list", "--limit", "2", "--page", "2")
        #expect(second.stdout.contains("人员2") && !second.stdout.contains("人员0"))
        #expect(second.stdout.contains("rows 3–3 (page 2 of 2)"))
        #expect(!second.stdout.contains("next page"))

        let every = workspace.run("person", "list", "--limit", "2", "--all")
        #expect(every.stdout.contains("人员0") && every.stdout.contains("人员2"))
        #expect(!every.stdout.contains("--page"))
    }

    @Test func jsonKeepsStandardOutputOneDocumentAndTellsTheRestOnStandardError() throws {
        let workspace = try workspaceWithThreePersons()
        let result = workspace.run("person", "list", "--json", "--limit", "2")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 2)
        #expect(result.stderr.contains("rows 1–2 (page 1 of 2)"))
    }

    @Test func aPageBelowOneIsRefused() throws {
        let workspace = try workspaceWithThreePersons()
        let result = workspace.run("person", "list", "--page", "0")
        #expect(result.status != 0)
        #expect(result.stderr.contains("--page starts at 1"))
    }
}
