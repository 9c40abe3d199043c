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

    func rows(_ workspace: Workspace, _ name: String, sheet: Int = 0) throws -> [String] {
        let reader = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/\(name)"))
        return try reader.rows(sheet: reader.sheetNames[sheet]).map { $0.cells.map(\.value).joined(separator: "|") }
    }

    @Test func theRosterTheNationalUploadAndTheClaimSheetAreWrittenAndRecorded() throws {
        let workspace = try lockedWorkspace()
        #expect(workspace.run("results", "amend", "1", "--ticket", "2026000010003", "--part", "theory", "--score", "60",
                              "--reason", "漏计一题").status == 0)
        #expect(workspace.run("cert", "issue", "1", "--today", "2026-12-15").status == 0)
        #expect(workspace.run("cert", "revoke", "S000044000123265000002", "--reason", "冒名顶替", "--today", "2026-12-20").status == 0)

        #expect(workspace.run("cert", "roster", "--session", "1", "--as", "clerk.a").status == 0)
        let roster = try rows(workspace, "certificates-session-1.xlsx").joined(separator: "\n")
        #expect(roster.contains("S000044000123265000001|陈大文|男|440524********0014"))
        #expect(roster.contains("已撤销（2026-12-20）：冒名顶替"))
        #expect(!roster.contains("440524188001010014"))
        // Streamed from the Store, the roster still knows whose IDs it showed whole.
        let whole = workspace.run("cert", "roster", "--session", "1", "--unmasked", "--reason", "核对证书", "--file", "whole.xlsx")
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(try rows(workspace, "whole.xlsx").joined(separator: "\n").contains("S000044000123265000001|陈大文|男|440524188001010014"))
        // The trail is in time order, and the revocation above was rehearsed on a later day: the
        // disclosure is found by its action.
        let disclosed = workspace.run("audit", "list", "--action", "person.disclose", "--json", "--limit", "1").stdout
        #expect(disclosed.contains("person.disclose") && disclosed.contains("核对证书") && disclosed.contains("2 persons"))
        // A roster the Store refuses leaves no file that would look complete.
        let refused = workspace.run("cert", "roster", "--session", "1", "--as", "exam.1", "--file", "refused.xlsx")
        #expect(refused.status == 1 && refused.stderr.contains("examiners do not list certificates"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.directory.appendingPathComponent("Exports/refused.xlsx").path))

        #expect(workspace.run("cert", "upload", "--session", "1", "--as", "clerk.a").status == 1)
        let upload = workspace.run("cert", "upload", "--session", "1")
        #expect(upload.status == 0, "\(upload.stderr)")
        let uploaded = try rows(workspace, "national-upload-session-1.xlsx")
        #expect(uploaded.count == 2)
        #expect(uploaded[1].hasPrefix("陈大文|440524188001010014|中式烹调师|4-03-02-01|"))
        #expect(uploaded[1].contains("S000044000123265000001|2026-12-15"))
        #expect(workspace.run("audit", "list", "--action", "person.disclose", "--json", "--limit", "1").stdout
            .contains("cert upload: national certificate lookup"))

        let preview = workspace.run("cert", "claims", "--period", "2026Q4", "--as", "clerk.a", "--today", "2026-12-31")
        #expect(preview.stdout.contains("Preview, not recorded (add --record): 1 本 certificate(s), 合计 total 1,000.00 元 yuan · 未申领 left off 1"))
        let recorded = workspace.run("cert", "claims", "--period", "2026Q4", "--record", "--as", "clerk.a", "--file", "claim.xlsx")
        #expect(recorded.stdout.contains("Claim 1 recorded"))
        let claim = try rows(workspace, "claim.xlsx").joined(separator: "\n")
        #expect(claim.contains("S000044000123265000001|陈大文|440524********0014"))
        #expect(claim.contains("1000"))
        let leftOff = try rows(workspace, "claim.xlsx", sheet: 1).joined(separator: "\n")
        #expect(leftOff.contains("S000044000123265000002"))
        let again = workspace.run("cert", "claims", "--period", "2026Q4", "--record", "--as", "clerk.a")
        #expect(again.status == 1 && again.stderr.contains("no certificate of this period can be claimed"))
        let late = workspace.run("cert", "claims", "--period", "2026Q4", "--as", "clerk.a", "--today", "2027-12-16", "--file", "late.xlsx")
        #expect(late.stdout.contains("0 本 certificate(s)"))
        #expect(workspace.run("cert", "claims", "--institution", "甲学校", "--period", "2026Q4", "--as", "clerk.b").status == 1)
    }
}
