import Foundation
import Testing
@testable import SkillCertCLI

/// The modules below the command line name a field with `Field` and never with an option; the
/// command line names each field by the option that carries it (`Field.flag`), and says which
/// command to run where a module says only what is missing. (A refused part of an operation,
/// `person update --name`, is covered by ScopeRefusalCLITests.)
@Suite struct FieldFlagCLITests {
    @Test func aRuleBrokenInDomainOrStoreNamesTheOptionInBothLanguages() throws {
        let workspace = try SessionCLITests().sessionWorkspace()
        let past = workspace.run("session", "create", "--body", "评价中心", "--occupation", "中式烹调师", "--level", "5",
                                 "--date", "2026-11-01", "--room", "理论:theory:30", "--room", "实操:practical:10")
        #expect(past.status == 1)
        #expect(past.stderr.contains("字段 --date，值 \"2026-11-01\"：考试日期早于今天 2026-11-21"), "\(past.stderr)")
        #expect(past.stderr.contains("field --date, value \"2026-11-01\": the exam date is before today (2026-11-21)"))

        let cohort = workspace.run("cohort", "create", "--name", "班", "--institution", "甲学校", "--project", "yuecai",
                                   "--occupation", "中式烹调师", "--level", "5", "--district", "天河区",
                                   "--start", "2026-12-01", "--end", "2026-12-31", "--hours", "80", "--capacity", "30")
        #expect(cohort.status == 1)
        #expect(cohort.stderr.contains("字段 --district，值 \"天河区\"：不在目录的镇街列表中"), "\(cohort.stderr)")
        #expect(cohort.stderr.contains("field --district, value \"天河区\": is not a district in the catalog"))
    }

    @Test func anEvaluationBodysNumberPartsAreCheckedBelowTheCommandLineAndNamedByTheirOptions() throws {
        let workspace = try RecordsCLITests().schoolWorkspace()
        let shortCode = workspace.run("institution", "add", "--name", "评价中心", "--kind", "evaluation", "--district", "东区街道",
                                      "--body-kind", "S", "--body-code", "12", "--site", "000123")
        #expect(shortCode.status == 1)
        #expect(shortCode.stderr.contains("字段 --body-code，值 \"12\"：应为 4 位数字"), "\(shortCode.stderr)")
        #expect(shortCode.stderr.contains("field --body-code, value \"12\": must be 4 digits"))
        let kind = workspace.run("institution", "add", "--name", "评价中心", "--kind", "evaluation", "--district", "东区街道",
                                 "--body-kind", "X", "--body-code", "0000", "--site", "000123")
        #expect(kind.stderr.contains("field --body-kind, value \"X\": must be Y (employer) or S"), "\(kind.stderr)")
        let province = workspace.run("institution", "add", "--name", "评价中心", "--kind", "evaluation", "--district", "东区街道",
                                     "--body-kind", "S", "--body-code", "0000", "--province", "99", "--site", "000123")
        #expect(province.stderr.contains("field --province, value \"99\""), "\(province.stderr)")
        #expect(workspace.run("institution", "list", "--json").stdout.contains("评价中心") == false)
    }

    @Test func theModulesSayWhatIsMissingAndTheCommandLineSaysWhatToRun() throws {
        let workspace = try Workspace()
        try workspace.initialise()
        let again = workspace.run("init", "--catalog", Workspace.catalogDirectory.path)
        #expect(again.status == 1)
        #expect(again.stderr.contains("已经初始化；更新目录请用 skillcert catalog sync"), "\(again.stderr)")
        #expect(again.stderr.contains("is already initialised; use skillcert catalog sync to update the catalog"))

        // An SQLite file without SkillCert's tables: it exists, but was never initialised.
        #expect(FileManager.default.createFile(atPath: workspace.path("empty.sqlite"), contents: Data()))
        let empty = workspace.run("institution", "list", "--db", "empty.sqlite")
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("尚未初始化，请先运行 skillcert init"), "\(empty.stderr)")
        #expect(empty.stderr.contains("is not initialised: run skillcert init first"))
    }
}
