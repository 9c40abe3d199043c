import Foundation
import Testing
@testable import SkillCertCLI

/// What the command line says about a registration that needs a second look, and about a
/// certificate number typed wrong.
@Suite struct RegistrationAndVerifyCLITests {
    @Test func aCohortRegistrationListsThoseAlreadyHoldingAValidCertificate() throws {
        let workspace = try CertCLITests().lockedWorkspace()
        #expect(workspace.run("cert", "issue", "1", "--today", "2026-12-15").status == 0)
        let created = workspace.run("session", "create", "--body", "评价中心", "--occupation", "4-03-02-01", "--level", "5",
                                    "--date", "2026-12-20", "--room", "理论一室:theory:30", "--room", "实操一组:practical:30")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(workspace.run("session", "open", "2").status == 0)
        let registered = workspace.run("session", "register", "2", "--cohort", "1", "--years", "1", "--as", "clerk.a")
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(registered.stdout.contains("已报名 registered 3"))
        #expect(registered.stdout.contains("注意：1 人已持有本职业本等级的有效证书 Note: 1 already hold(s) a valid certificate of this occupation and level"))
        #expect(registered.stdout.contains("陈大文") && registered.stdout.contains("440524********0014")
                && registered.stdout.contains("S000044000123265000001"))
        #expect(!registered.stdout.contains("440524188001010014"))
    }

    @Test func aSecondOpenSessionOfTheSameOccupationAndLevelIsRefusedNamingTheFirst() throws {
        let workspace = try SessionCLITests().sessionWorkspace()
        #expect(workspace.run("session", "create", "--body", "评价中心", "--occupation", "4-03-02-01", "--level", "5",
                              "--date", "2026-12-12", "--room", "理论一室:theory:30", "--room", "实操一组:practical:30").status == 0)
        #expect(workspace.run("session", "open", "1").status == 0)
        #expect(workspace.run("session", "open", "2").status == 0)
        #expect(workspace.run("session", "register", "1", "--id", "440524188001010014", "--years", "1").status == 0)
        let second = workspace.run("session", "register", "2", "--id", "440524188001010014", "--years", "1")
        #expect(second.status == 1)
        #expect(second.stderr.contains("is already registered for exam session 1 (中式烹调师 五级/初级工 on 2026-12-05, ticket 2026000010001)"))
        #expect(second.stderr.contains("已报名考试场次 1"))
    }

    @Test func verifyExplainsAMalformedNumberAndSaysNotFoundOnlyForAWellFormedOne() throws {
        let workspace = try Workspace()
        try workspace.initialise()
        let short = workspace.run("cert", "verify", "S00004400012326500000", "--name", "陈大文")
        #expect(short.status == 1)
        #expect(short.stderr.contains("证书编号长度为 21 位，应为 22 位"))
        #expect(short.stderr.contains("the certificate number has 21 characters, 22 expected (a letter and 21 digits)"))
        #expect(!short.stdout.contains("查无此证书"))
        let level = workspace.run("cert", "verify", "S000044000123267000001", "--name", "陈大文")
        #expect(level.status == 1 && level.stderr.contains("character 16 of the certificate number, the level, is \"7\"; it must be 1-5"))
        let letter = workspace.run("cert", "verify", "S00004400012326500O001", "--id", "440524188001010014")
        #expect(letter.status == 1 && letter.stderr.contains("character 19 of the certificate number is \"O\"; characters 2-22 must be digits"))
        let unknown = workspace.run("cert", "verify", "S000044000123265000001", "--name", "陈大文")
        #expect(unknown.status == 0 && unknown.stdout.contains("查无此证书"), "\(unknown.stderr)")
    }
}
