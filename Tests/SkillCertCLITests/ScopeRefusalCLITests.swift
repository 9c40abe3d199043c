import Foundation
import Testing
import Domain
@testable import SkillCertCLI

/// A record outside the user's scope is, to that user, a record that does not exist: every
/// operation answers exactly as for an id nobody has, so a refusal never confirms that another
/// institution's cohort, apprenticeship or trainee is there. Refusals that remain (a role's)
/// name the command the user typed.
@Suite struct ScopeRefusalCLITests {
    /// Session workspace (cohort 1 of 甲学校 with three completed trainees, body 3, session 1)
    /// with session 1 open, an enterprise, apprenticeship 1 of 甲学校 and the files the imports read.
    func scopedWorkspace() throws -> Workspace {
        let workspace = try SessionCLITests().sessionWorkspace()
        #expect(workspace.run("session", "open", "1").status == 0)
        #expect(workspace.run("enterprise", "add", "--credit-code", "91440101MA5CJQ4N59", "--name", "中山市某某酒家",
                              "--district", "石岐街道").status == 0)
        let registered = workspace.run(["apprentice", "register"] + Self.apprenticeOptions + ["--as", "clerk.a"])
        #expect(registered.status == 0, "\(registered.stderr)")
        try CohortCLITests().write("身份证号,出勤学时\n440524188001010014,60\n", to: "hours.csv", in: workspace)
        try CohortCLITests().write(ApprenticeImportCLITests.header
            + "1,91440101MA5CJQ4N59,11010519491231002X,王𠈌,中式烹调师,4,2026-09-01,3,2026-09-01,2028-09-01,,李师傅,王老师\n",
            to: "a.csv", in: workspace)
        return workspace
    }

    static let apprenticeOptions = [
        "--enterprise", "91440101MA5CJQ4N59", "--id", "440524188001010014", "--occupation", "中式烹调师", "--level", "4",
        "--contract-start", "2026-09-01", "--contract-years", "3", "--start", "2026-09-01", "--end", "2028-09-01",
        "--enterprise-mentor", "李师傅", "--institution-mentor", "王老师",
    ]

    /// `text` with `key` (as a whole token) replaced, so that two answers can be compared.
    func normalised(_ text: String, _ key: String) -> String {
        let pattern = "(?<![0-9A-Za-z*])" + NSRegularExpression.escapedPattern(for: key) + "(?![0-9A-Za-z*])"
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "<KEY>")
    }

    /// Runs `arguments(key)` for the record out of scope and for one that does not exist, and
    /// expects the same answer but for the key.
    func expectSameAsMissing(_ workspace: Workspace, as user: String, foreign: String, missing: String,
                             _ arguments: (String) -> [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let outside = workspace.run(arguments(foreign) + ["--as", user])
        let absent = workspace.run(arguments(missing) + ["--as", user])
        let label = arguments("<KEY>").joined(separator: " ")
        #expect(outside.status == 1, "\(label) must be refused: \(outside.stdout)", sourceLocation: sourceLocation)
        #expect(absent.status == outside.status, "\(label)", sourceLocation: sourceLocation)
        #expect(normalised(outside.stderr, foreign) == normalised(absent.stderr, missing),
                "\(label): the record out of scope is answered differently from a missing one:\n\(outside.stderr)\nvs\n\(absent.stderr)",
                sourceLocation: sourceLocation)
        #expect(outside.stderr.contains("找不到") || outside.stderr.contains("没有此"), "\(label): \(outside.stderr)", sourceLocation: sourceLocation)
        #expect(!outside.stderr.contains("institution \(foreign)") || outside.stderr.contains("no institution \(foreign)"),
                "\(label): \(outside.stderr)", sourceLocation: sourceLocation)
    }

    @Test func anotherInstitutionsRecordsAreAnsweredAsMissingRecords() throws {
        let workspace = try scopedWorkspace()
        let cohortCommands: [(String) -> [String]] = [
            { ["cohort", "show", $0] }, { ["cohort", "roster", $0] }, { ["cohort", "import", $0, "list.csv"] },
            { ["cohort", "hours", $0, "--id", "440524188001010014", "--hours", "10"] }, { ["cohort", "hours", $0, "--file", "hours.csv"] },
            { ["cohort", "complete", $0] }, { ["cohort", "withdraw", $0, "--id", "440524188001010014", "--reason", "调动"] },
            { ["session", "register", "1", "--cohort", $0, "--years", "1"] },
        ]
        for command in cohortCommands { expectSameAsMissing(workspace, as: "clerk.b", foreign: "1", missing: "99", command) }

        let institutionCommands: [(String) -> [String]] = [
            { ["institution", "show", $0] },
            { ["cohort", "create", "--institution", $0, "--name", "班", "--project", "yuecai", "--occupation", "4-03-02-01", "--level", "5",
               "--district", "石岐街道", "--start", "2026-03-01", "--end", "2026-04-30", "--hours", "80", "--capacity", "9"] },
            { ["cert", "claims", "--institution", $0, "--period", "2026"] }, { ["cert", "list", "--institution", $0] },
            { ["apprentice", "register", "--institution", $0] + Self.apprenticeOptions },
            { ["apprentice", "import", "a.csv", "--institution", $0] },
        ]
        for command in institutionCommands {
            expectSameAsMissing(workspace, as: "clerk.b", foreign: "1", missing: "99", command)
            expectSameAsMissing(workspace, as: "clerk.b", foreign: "甲学校", missing: "丁学校", command)
        }
        expectSameAsMissing(workspace, as: "clerk.b", foreign: "1", missing: "99") { ["institution", "update", $0, "--contact", "冒名"] }
        #expect(!workspace.run("institution", "show", "1", "--json").stdout.contains("冒名"))

        let apprenticeCommands: [(String) -> [String]] = [
            { ["apprentice", "show", $0] }, { ["apprentice", "start", $0] },
        ]
        for command in apprenticeCommands { expectSameAsMissing(workspace, as: "clerk.b", foreign: "1", missing: "99", command) }
        // A bureau-only move is refused for the role, whichever record is named.
        let file = workspace.run("apprentice", "file", "1", "--as", "clerk.b"), fileMissing = workspace.run("apprentice", "file", "99", "--as", "clerk.b")
        #expect(file.stderr == fileMissing.stderr && file.stderr.contains("only bureau users"), "\(file.stderr)\n\(fileMissing.stderr)")

        // 甲学校's trainee, and an ID nobody registered.
        let stranger = GeneratedList.nationalId(7)
        let personCommands: [(String) -> [String]] = [
            { ["person", "show", $0] }, { ["person", "update", $0, "--phone", "13900139000", "--reason", "核对"] },
            { ["session", "register", "1", "--id", $0, "--years", "1"] },
        ]
        for command in personCommands {
            let outside = workspace.run(command("440524188001010014") + ["--as", "clerk.b"])
            let absent = workspace.run(command(stranger) + ["--as", "clerk.b"])
            #expect(outside.status == 1 && absent.status == 1, "\(command("ID"))")
            #expect(outside.stderr.replacingOccurrences(of: Masking.nationalID("440524188001010014"), with: "<ID>")
                    == absent.stderr.replacingOccurrences(of: Masking.nationalID(stranger), with: "<ID>"),
                    "\(command("ID")):\n\(outside.stderr)\nvs\n\(absent.stderr)")
        }

        // An examiner sees only the sessions they are assigned to (exam.1 staffs none yet).
        let sessionCommands: [(String) -> [String]] = [
            { ["session", "show", $0] }, { ["session", "tickets", $0] }, { ["session", "score-sheets", $0] },
            { ["results", "show", $0] }, { ["results", "enter", $0, "--ticket", "2026000010001", "--part", "theory", "--score", "80"] },
        ]
        for command in sessionCommands { expectSameAsMissing(workspace, as: "exam.1", foreign: "1", missing: "99", command) }
    }

    @Test func aRowNamingAnotherInstitutionIsAnsweredAsANameNobodyHas() throws {
        let workspace = try scopedWorkspace()
        let header = ApprenticeImportCLITests.header.dropLast() + ",培训机构\n"
        let row = "1,91440101MA5CJQ4N59,11010519491231002X,王𠈌,中式烹调师,4,2026-09-01,3,2026-09-01,2028-09-01,,李师傅,王老师,"
        try CohortCLITests().write(header + row + "甲学校\n", to: "x.csv", in: workspace)
        let outside = workspace.run("apprentice", "import", "x.csv", "--as", "clerk.b")
        try CohortCLITests().write(header + row + "丁学校\n", to: "x.csv", in: workspace)
        let absent = workspace.run("apprentice", "import", "x.csv", "--as", "clerk.b")
        #expect(outside.status == 1)
        #expect(outside.stderr.replacingOccurrences(of: "甲学校", with: "<KEY>") == absent.stderr.replacingOccurrences(of: "丁学校", with: "<KEY>"),
                "\(outside.stderr)\nvs\n\(absent.stderr)")
    }

    @Test func aRefusalNamesTheCommandTheUserTyped() throws {
        let workspace = try scopedWorkspace()
        let cases: [(arguments: [String], operation: String)] = [
            (["cert", "roster", "--period", "2026", "--as", "exam.1"], "cert roster"),
            (["apprentice", "filing-list", "--period", "2026", "--as", "exam.1"], "apprentice filing-list"),
            (["apprentice", "claims", "--enterprise", "91440101MA5CJQ4N59", "--period", "2026", "--as", "exam.1"], "apprentice claims"),
            (["session", "sign-in", "1", "--as", "clerk.a"], "session sign-in"),
            (["cohort", "show", "1", "--as", "exam.1"], "cohort show"),
            (["session", "create", "--body", "3", "--occupation", "4-03-02-01", "--level", "5", "--date", "2026-12-05",
              "--room", "理论:theory:30", "--room", "实操:practical:30", "--as", "exam.1"], "session create"),
            // A refusal about one option of the command keeps it.
            (["person", "update", "440524188001010014", "--name", "陈大闻", "--reason", "核对", "--as", "clerk.a"], "person update --name"),
        ]
        for (arguments, operation) in cases {
            let result = workspace.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("无权执行 \(operation)：") && result.stderr.contains("not permitted to \(operation):"),
                    "\(arguments): \(result.stderr)")
        }
    }
}
