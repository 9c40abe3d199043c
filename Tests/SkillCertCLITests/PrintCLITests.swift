import Foundation
import Testing
import PDFTestSupport
@testable import SkillCertCLI

/// Printed tickets and certificates from the command line: `session tickets --pdf`, `cert print`.
@Suite struct PrintCLITests {
    func exported(_ workspace: Workspace, _ name: String) -> URL {
        workspace.directory.appendingPathComponent("Exports/\(name)")
    }

    @Test func ticketsArePrintedPerSessionPerInstitutionAndPerCandidate() throws {
        let workspace = try SessionCLITests().sessionWorkspace()
        #expect(workspace.run("session", "open", "1").status == 0)
        #expect(workspace.run("session", "register", "1", "--cohort", "1", "--years", "1", "--as", "clerk.a").status == 0)

        let whole = workspace.run("session", "tickets", "1", "--pdf")
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(whole.stdout.contains("tickets-session-1.pdf") && whole.stdout.contains("3 张准考证 ticket(s)"))
        let text = try PDFReadBack.text(exported(workspace, "tickets-session-1.pdf"))
        for value in ["王𠈌", "110105********002X", "2026000010002", "钱七", "340524********001X", "理论一室", "实操一组", "甲学校"] {
            #expect(text.contains(value), "the tickets lack \(value)")
        }
        #expect(!text.contains("11010519491231002X") && !text.contains("34052419800101001X"))

        let one = workspace.run("session", "tickets", "1", "--pdf", "--ticket", "2026000010002", "--public-url", "https://skills.example.gov.cn")
        #expect(one.status == 0, "\(one.stderr)")
        let file = exported(workspace, "tickets-session-1-2026000010002.pdf")
        #expect(try PDFReadBack.pageCount(file) == 1)
        #expect(try PDFReadBack.qrCodes(file, page: 1) == ["https://skills.example.gov.cn/verify/ticket/2026000010002"])

        #expect(workspace.run("session", "tickets", "1", "--pdf", "--institution", "甲学校", "--file", "a.pdf").status == 0)
        #expect(try PDFReadBack.text(exported(workspace, "a.pdf")).contains("甲学校"))

        let bad = workspace.run("session", "tickets", "1", "--pdf", "--public-url", "skills.example.gov.cn")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("the public address \"skills.example.gov.cn\" is not valid"))
        #expect(workspace.run("session", "tickets", "1", "--ticket", "2026000010002").status != 0)
        let missing = workspace.run("session", "tickets", "1", "--pdf", "--ticket", "2026000019999")
        #expect(missing.status == 1 && missing.stderr.contains("2026000019999"))
    }

    @Test func certificatesArePrintedForTheBureauAndTheRunIsAudited() throws {
        let workspace = try CertCLITests().lockedWorkspace()
        #expect(workspace.run("cert", "issue", "1", "--today", "2026-12-15").status == 0)
        let number = "S000044000123265000001"

        #expect(workspace.run("cert", "print", "--session", "1", "--as", "clerk.a").status == 1)
        #expect(!FileManager.default.fileExists(atPath: exported(workspace, "certificates-session-1.pdf").path))
        let printed = workspace.run("cert", "print", "--session", "1")
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("1 本证书 certificate(s)"))
        let file = exported(workspace, "certificates-session-1.pdf")
        let text = try PDFReadBack.text(file)
        for value in ["陈大文", "440524********0014", number, "2026-12-15", "中式烹调师"] {
            #expect(text.contains(value), "the certificate lacks \(value)")
        }
        #expect(!text.contains("440524188001010014"))
        #expect(try PDFReadBack.qrCodes(file, page: 1) == ["http://127.0.0.1:8080/verify?number=\(number)"])
        let audit = workspace.run("audit", "list", "--json")
        #expect(audit.stdout.contains("cert.print") && audit.stdout.contains(number))

        #expect(workspace.run("cert", "print", "--number", number, "--public-url", "https://x.gov.cn").stdout
            .contains("certificate-\(number).pdf"))
        #expect(workspace.run("cert", "print").status != 0)
    }

    @Test func theDemoPrintsTheVerificationAddressOfOneOfItsCertificates() throws {
        let workspace = try Workspace()
        let run = workspace.run("demo", "--scale", "tiny", "--catalog", Workspace.catalogDirectory.path, "--db", "demo.sqlite")
        #expect(run.status == 0, "\(run.stderr)")
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("证书查验 Verify a certificate: ") })
        let match = try #require(line.firstMatch(of: /http:\/\/127\.0\.0\.1:8080\/verify\?number=([0-9A-Z]+)（持证人 holder: (.+)）/))
        let verified = workspace.run("cert", "verify", String(match.1), "--name", String(match.2), "--db", "demo.sqlite")
        #expect(verified.stdout.hasPrefix("有效 VALID"), "\(verified.stdout)\(verified.stderr)")
        #expect(workspace.run("demo", "--accounts", "--db", "demo.sqlite").stdout.contains(String(line)))
    }
}
