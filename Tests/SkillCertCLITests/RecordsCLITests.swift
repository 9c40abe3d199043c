import Foundation
import Testing
@testable import SkillCertCLI

@Suite struct RecordsCLITests {
    /// An initialised workspace with a school, its clerk and a second school.
    func schoolWorkspace() throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initialise()
        #expect(workspace.run("institution", "add", "--name", "甲学校", "--kind", "training", "--district", "石岐街道").status == 0)
        #expect(workspace.run("institution", "add", "--name", "乙学校", "--kind", "school", "--district", "小榄镇").status == 0)
        #expect(workspace.run("user", "add", "clerk.a", "--name", "甲经办", "--role", "institution", "--institution", "甲学校").status == 0)
        return workspace
    }

    @Test func aBadNationalIDExitsWithStatusOneNamingFieldValueAndRuleInBothLanguages() throws {
        let workspace = try schoolWorkspace()
        let result = workspace.run("person", "add", "--id", "110105194912310021", "--name", "李四", "--as", "clerk.a")
        #expect(result.status == 1)
        #expect(result.stderr.contains("字段 --id"))
        #expect(result.stderr.contains("\"110105194912310021\""))
        #expect(result.stderr.contains("校验"))
        #expect(result.stderr.contains("field --id"))
        #expect(result.stderr.contains("check character"))
        let list = workspace.run("person", "list", "--json")
        let persons = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any])
        #expect(persons.isEmpty)
    }

    @Test func anIDExcelTurnedIntoANumberIsExplained() throws {
        let workspace = try schoolWorkspace()
        let result = workspace.run("person", "add", "--id", "4.40524E+17", "--name", "李四")
        #expect(result.status == 1)
        #expect(result.stderr.contains("Excel"))
    }

    @Test func listingsMaskIDsAndPhonesUnlessAskedAndTheAskingIsAudited() throws {
        let workspace = try schoolWorkspace()
        let add = workspace.run("person", "add", "--id", "440524188001010014", "--name", "陈大文", "--phone", "13800138000", "--as", "clerk.a")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("440524********0014"))
        #expect(!add.stdout.contains("440524188001010014"))

        let masked = workspace.run("person", "list", "--as", "clerk.a")
        #expect(masked.stdout.contains("440524********0014"))
        #expect(masked.stdout.contains("138****8000"))
        #expect(!masked.stdout.contains("13800138000"))

        let whole = workspace.run("person", "list", "--as", "clerk.a", "--unmasked", "--reason", "考场核验")
        #expect(whole.stdout.contains("440524188001010014"))
        #expect(whole.stdout.contains("13800138000"))

        let audit = workspace.run("audit", "list", "--json")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        let disclosure = try #require(events.first)
        #expect(disclosure["action"] as? String == "person.disclose")
        #expect(disclosure["actor"] as? String == "clerk.a")
        #expect(disclosure["reason"] as? String == "考场核验")
        // The audit listing masks the personal data inside the person.create snapshot too.
        #expect(!audit.stdout.contains("440524188001010014"))
        #expect(audit.stdout.contains("440524********0014"))
    }

    @Test func aRareCharacterNameRoundTripsThroughJSON() throws {
        let workspace = try schoolWorkspace()
        #expect(workspace.run("person", "add", "--id", "11010519491231002X", "--name", "王𠈌").status == 0)
        let list = workspace.run("person", "list", "--json")
        let persons = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(persons.first?["name"] as? String == "王𠈌")
        #expect(persons.first?["national_id"] as? String == "110105********002X")
    }

    @Test func aClerkCannotChangeAnotherInstitutionAndNothingChanges() throws {
        let workspace = try schoolWorkspace()
        let refused = workspace.run("institution", "update", "2", "--contact", "冒名", "--as", "clerk.a")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("找不到机构：2"))
        #expect(refused.stderr.contains("no institution 2"))
        let shown = workspace.run("institution", "show", "乙学校", "--json")
        #expect(!shown.stdout.contains("冒名"))

        let own = workspace.run("institution", "update", "1", "--contact", "黄老师", "--as", "clerk.a")
        #expect(own.status == 0, "\(own.stderr)")
        #expect(workspace.run("institution", "show", "1").stdout.contains("黄老师"))
    }

    @Test func aClerkSeesOnlyTheirOwnInstitution() throws {
        let workspace = try schoolWorkspace()
        let list = workspace.run("institution", "list", "--json", "--as", "clerk.a")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["甲学校"])
    }

    @Test func aPilotCreditCodeIsAcceptedWithAWarningAndABadOneRefused() throws {
        let workspace = try schoolWorkspace()
        let pilot = workspace.run("institution", "add", "--name", "丙学校", "--kind", "training", "--district", "小榄镇",
                                  "--credit-code", "91440101MA5CJQ4N58")
        #expect(pilot.status == 0, "\(pilot.stderr)")
        #expect(pilot.stderr.contains("Warning"))
        let bad = workspace.run("institution", "add", "--name", "丁学校", "--kind", "training", "--district", "小榄镇",
                                "--credit-code", "91440101MA5CJQ4NO9")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("field --credit-code"))
        #expect(bad.stderr.contains("O"))
    }

    @Test func anEvaluationBodyShowsItsCertificateNumberPrefix() throws {
        let workspace = try schoolWorkspace()
        let add = workspace.run("institution", "add", "--name", "评价中心", "--kind", "evaluation", "--district", "东区街道",
                                "--body-kind", "S", "--body-code", "0000", "--site", "000123")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(workspace.run("institution", "show", "评价中心").stdout.contains("S000044000123"))
        let missing = workspace.run("institution", "add", "--name", "评价二", "--kind", "evaluation", "--district", "东区街道")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("--body-kind"))
    }

    @Test func anUnknownUserIsRefused() throws {
        let workspace = try schoolWorkspace()
        let result = workspace.run("person", "list", "--as", "nobody")
        #expect(result.status == 1)
        #expect(result.stderr.contains("no user nobody"))
    }
}
