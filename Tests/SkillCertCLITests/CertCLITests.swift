import Foundation
import Testing
import Spreadsheet
@testable import SkillCertCLI

/// Certificates from the command line, on the session ResultsCLITests locks.
@Suite struct CertCLITests {
    /// Session 1 locked on 2026-12-10: 陈大文 passed, 王𠈌 absent from theory, 钱七 failed theory.
    func lockedWorkspace() throws -> Workspace {
        let workspace = try ResultsCLITests().heldWorkspace()
        let marks = [("2026000010001", "85.5", "72"), ("2026000010002", "缺考", "90"), ("2026000010003", "59.5", "88")]
        for user in ["admin", "bureau.two"] {
            for (ticket, theory, practical) in marks {
                #expect(workspace.run("results", "enter", "1", "--ticket", ticket, "--part", "theory", "--score", theory, "--as", user).status == 0)
                #expect(workspace.run("results", "enter", "1", "--ticket", ticket, "--part", "practical", "--score", practical, "--as", user).status == 0)
            }
        }
        #expect(workspace.run("results", "lock", "1", "--today", "2026-12-10").status == 0)
        return workspace
    }

    @Test func certificatesAreIssuedVerifiedRevokedAndReissued() throws {
        let workspace = try lockedWorkspace()
        #expect(workspace.run("cert", "issue", "1", "--as", "clerk.a").status == 1)
        let issued = workspace.run("cert", "issue", "1", "--today", "2026-12-15")
        #expect(issued.status == 0, "\(issued.stderr)")
        #expect(issued.stdout.contains("S000044000123265000001  陈大文     440524********0014"))
        #expect(issued.stdout.contains("发证 Issued 1 · 已持证 already certified 0"))
        #expect(workspace.run("cert", "issue", "1").stdout.contains("发证 Issued 0 · 已持证 already certified 1"))

        let number = "S000044000123265000001"
        let valid = workspace.run("cert", "verify", number, "--name", "陈大文", "--as", "clerk.b")
        #expect(valid.stdout.contains("有效 VALID") && valid.stdout.contains("440524********0014") && valid.stdout.contains("2026-12-15"))
        let wrong = workspace.run("cert", "verify", number, "--name", "王𠈌")
        #expect(wrong.stdout == "证书编号与持证人信息不符 The number does not match this holder\n")
        #expect(workspace.run("cert", "verify", "S000044000123265000002", "--id", "440524188001010014").stdout.contains("查无此证书"))

        #expect(workspace.run("cert", "reissue", number, "--reason", "遗失", "--note", "已登报声明").stdout.contains("共补发 1 次"))
        #expect(workspace.run("cert", "reissue", number, "--reason", "stolen", "--note", "x").stderr.contains("a reissue is for a lost or damaged certificate"))
        #expect(workspace.run("cert", "revoke", number, "--reason", "冒名顶替", "--as", "clerk.a").status == 1)
        #expect(workspace.run("cert", "revoke", number, "--reason", "冒名顶替", "--today", "2026-12-20").status == 0)
        let revoked = workspace.run("cert", "verify", number, "--id", "440524188001010014")
        #expect(revoked.stdout.contains("已撤销 REVOKED on 2026-12-20：冒名顶替"))

        let list = workspace.run("cert", "list", "--period", "2026Q4", "--json", "--as", "clerk.a")
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(lines.map { $0["number"] as? String } == [number])
        #expect(lines.first?["status"] as? String == "已撤销 revoked 2026-12-20")
        #expect(workspace.run("cert", "list", "--period", "2026Q3").stdout.contains("共 0 本"))
        #expect(workspace.run("cert", "list", "--as", "clerk.b").stdout.contains("共 0 本"))
    }
}
