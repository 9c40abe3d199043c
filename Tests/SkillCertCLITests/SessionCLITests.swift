import Foundation
import Testing
import Spreadsheet
@testable import SkillCertCLI

/// An exam session from the command line: planned, opened, a cohort registered, staffed, refused
/// while a rule is broken, held.
@Suite struct SessionCLITests {
    /// Cohort 1 of 甲学校 with three completed trainees, evaluation body 3 with five examiners
    /// (examiner 1 also teaches at 甲学校; examiner 2 signs in as exam.1), and session 1 planned.
    func sessionWorkspace() throws -> Workspace {
        let cohorts = CohortCLITests()
        let workspace = try cohorts.cohortWorkspace()
        try cohorts.write(CohortCLITests.header + CohortCLITests.goodRows, to: "list.csv", in: workspace)
        #expect(workspace.run("cohort", "import", "1", "list.csv", "--as", "clerk.a").status == 0)
        for id in ["440524188001010014", "11010519491231002X", "34052419800101001X"] {
            #expect(workspace.run("cohort", "hours", "1", "--id", id, "--hours", "72", "--as", "clerk.a").status == 0)
        }
        #expect(workspace.run("cohort", "complete", "1", "--as", "clerk.a").status == 0)
        #expect(workspace.run("institution", "add", "--name", "评价中心", "--kind", "evaluation", "--district", "东区街道",
                              "--body-kind", "S", "--body-code", "0000", "--province", "44", "--site", "000123").status == 0)
        #expect(workspace.run("user", "add", "exam.1", "--name", "考评员甲", "--role", "examiner", "--institution", "评价中心").status == 0)
        let examiners: [[String]] = [
            ["--id", "44200019950505005X", "--name", "甲校老师", "--institution", "甲学校"],
            ["--id", "442000199001010011", "--name", "考评员一", "--login", "exam.1"],
            ["--id", "442000199002020027", "--name", "考评员二"],
            ["--id", "442000198503030034", "--name", "考评员三"],
            ["--id", "442000198004040043", "--name", "考评员四"],
        ]
        for options in examiners {
            let added = workspace.run(["examiner", "add", "--body", "评价中心", "--qualify", "中式烹调师:4"] + options)
            #expect(added.status == 0, "\(added.stderr)")
        }
        let created = workspace.run("session", "create", "--body", "评价中心", "--occupation", "4-03-02-01", "--level", "5",
                                    "--date", "2026-12-05", "--room", "理论一室:theory:30", "--room", "实操一组:实操:30")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("Created exam session 1: 中式烹调师 五级/初级工 2026-12-05，可容纳 capacity 30"))
        return workspace
    }

    func sessionJSON(_ workspace: Workspace, as user: String = "admin") throws -> [String: Any] {
        let show = workspace.run("session", "show", "1", "--json", "--as", user)
        return try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
    }

    @Test func aSessionIsWalkedFromPlannedToHeld() throws {
        let workspace = try sessionWorkspace()
        let early = workspace.run("session", "register", "1", "--cohort", "1", "--years", "1", "--as", "clerk.a")
        #expect(early.status == 1)
        #expect(early.stderr.contains("the session is planned, not open for registration"))
        #expect(workspace.run("session", "open", "1", "--as", "clerk.a").status == 1)
        #expect(workspace.run("session", "open", "1").status == 0)

        let dry = workspace.run("session", "register", "1", "--cohort", "1", "--dry-run", "--as", "clerk.a")
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("Dry run: nothing was written."))
        #expect(dry.stdout.contains("route 5A: needs 1 years in this occupation; the candidate declares 0"))
        #expect(dry.stdout.contains("would register 0 · 不符合 refused 3"))
        #expect(try sessionJSON(workspace)["registered"] as? Int == 0)

        let registered = workspace.run("session", "register", "1", "--cohort", "1", "--years", "1", "--as", "clerk.a")
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(registered.stdout.contains("2026000010001"))
        #expect(registered.stdout.contains("440524********0014"))
        #expect(!registered.stdout.contains("440524188001010014"))
        #expect(registered.stdout.contains("已报名 registered 3 · 不符合 refused 0"))
        let twice = workspace.run("session", "register", "1", "--id", "440524188001010014", "--years", "1")
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already exists"))
        #expect(workspace.run("session", "register", "1", "--cohort", "1", "--as", "clerk.b").status == 1)

        let conflict = workspace.run("session", "assign", "1", "--room", "理论一室", "--examiner", "1")
        #expect(conflict.status == 1)
        #expect(conflict.stderr.contains("room 理论一室: examiner 1 works for 甲学校 that trained candidate 2026000010001, and must not assess them"))
        let theory = workspace.run("session", "assign", "1", "--room", "理论一室", "--examiner", "2")
        #expect(theory.status == 0)
        #expect(theory.stdout.contains("room 理论一室: a theory room needs at least 2 invigilators, it has 1"))
        #expect(workspace.run("session", "assign", "1", "--room", "实操一组", "--examiner", "3", "--examiner", "4").status == 0)
        #expect(workspace.run("session", "close", "1").status == 0)

        let beforeTheDay = workspace.run("session", "hold", "1")
        #expect(beforeTheDay.stderr.contains("- the exam is on 2026-12-05: it can be recorded as held from that day"))
        let refused = workspace.run("session", "hold", "1", "--today", "2026-12-05")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("exam session 1 cannot be held:"))
        #expect(refused.stderr.contains("- room 理论一室: a theory room needs at least 2 invigilators, it has 1"))
        #expect(refused.stderr.contains("- room 实操一组: a practical panel needs at least 3 examiners, it has 2"))
        #expect(refused.stderr.contains("- 考场 实操一组：操作技能考评组考评员人数应为单数，现有 2 名"))
        #expect(try sessionJSON(workspace)["status"] as? String == "closed")

        #expect(workspace.run("session", "assign", "1", "--room", "理论一室", "--examiner", "3").status == 0)
        #expect(workspace.run("session", "assign", "1", "--room", "实操一组", "--examiner", "5").status == 0)
        let held = workspace.run("session", "hold", "1", "--today", "2026-12-05")
        #expect(held.status == 0, "\(held.stderr)")
        let json = try sessionJSON(workspace)
        #expect(json["status"] as? String == "held")
        #expect((json["staffing_problems"] as? [String])?.isEmpty == true)
        let audit = workspace.run("audit", "list", "--json")
        #expect(audit.stdout.contains("session.held"))
    }

    @Test func aRefusedCandidateIsAdmittedOnlyByTheBureauWithAReason() throws {
        let workspace = try sessionWorkspace()
        #expect(workspace.run("session", "open", "1").status == 0)
        let refused = workspace.run("session", "register", "1", "--id", "11010519491231002X", "--as", "clerk.a")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("meets no eligibility route; a bureau user may admit them with --override-reason"))
        #expect(refused.stderr.contains("- route 5B: needs a completed apprenticeship"))
        let byClerk = workspace.run("session", "register", "1", "--id", "11010519491231002X", "--override-reason", "已核验", "--as", "clerk.a")
        #expect(byClerk.status == 1)
        #expect(byClerk.stderr.contains("only bureau users may do this"))
        let admitted = workspace.run("session", "register", "1", "--id", "11010519491231002X", "--override-reason", "外省五级证书已核验")
        #expect(admitted.status == 0, "\(admitted.stderr)")
        #expect(admitted.stdout.contains("特批 override"))
        let audit = workspace.run("audit", "list", "--json")
        #expect(audit.stdout.contains("session.register-override"))
        #expect(audit.stdout.contains("外省五级证书已核验"))
    }

    @Test func examinersSeeOnlyTheirSessionsAndRoomsAreCheckedAtPlanning() throws {
        let workspace = try sessionWorkspace()
        let second = workspace.run("session", "create", "--body", "评价中心", "--occupation", "中式烹调师", "--level", "5",
                                   "--date", "2026-12-06", "--room", "理论:theory:15", "--room", "实操:practical:15")
        #expect(second.status == 0)
        #expect(workspace.run("session", "assign", "2", "--room", "实操", "--examiner", "2").status == 0)
        let list = workspace.run("session", "list", "--json", "--as", "exam.1")
        let sessions = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(sessions.map { $0["id"] as? Int } == [2])
        let hidden = workspace.run("session", "show", "1", "--as", "exam.1")
        #expect(hidden.status == 1)
        #expect(hidden.stderr.contains("找不到考试场次：1") && hidden.stderr.contains("no exam session 1"))

        let bad = workspace.run("session", "create", "--body", "甲学校", "--occupation", "中式烹调师", "--level", "5",
                                "--date", "2026-12-06", "--room", "评审:review:5")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("is not an evaluation body"))
        let badRooms = workspace.run("session", "create", "--body", "评价中心", "--occupation", "中式烹调师", "--level", "5",
                                     "--date", "2026-12-06", "--room", "评审:review:5", "--room", "理论")
        #expect(badRooms.status == 1)
        #expect(badRooms.stderr.contains("a room is written NAME:PART:SEATS"))
        let noTheory = workspace.run("session", "create", "--body", "评价中心", "--occupation", "中式烹调师", "--level", "5",
                                     "--date", "2026-12-06", "--room", "评审:review:5", "--room", "实操:practical:5")
        #expect(noTheory.stderr.contains("this exam has no review part (only theory, practical)"))
        #expect(noTheory.stderr.contains("no room for the theory part"))
    }

    @Test func examinersAreListedWithWhatTheyMayAssess() throws {
        let workspace = try sessionWorkspace()
        let list = workspace.run("examiner", "list")
        #expect(list.stdout.contains("中式烹调师 四级/中级工及以下"))
        #expect(list.stdout.contains("44200019950505005X") == false)
        #expect(workspace.run("examiner", "qualify", "3", "广东烧味制作").stdout.contains("广东烧味制作（专项职业能力）"))
        let unknown = workspace.run("examiner", "qualify", "3", "不存在:3")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("is not an occupation of the catalog"))
        #expect(workspace.run("examiner", "list", "--as", "clerk.a").status == 1)
    }

    func workbookText(_ workspace: Workspace, _ name: String) throws -> [String: String] {
        let reader = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/\(name)"))
        var sheets: [String: String] = [:]
        for sheet in reader.sheetNames {
            sheets[sheet] = try reader.rows(sheet: sheet).map { $0.cells.map(\.value).joined(separator: "|") }.joined(separator: "\n")
        }
        return sheets
    }

    @Test func ticketsSignInAndScoreSheetsAreWrittenWithinScope() throws {
        let workspace = try sessionWorkspace()
        #expect(workspace.run("session", "open", "1").status == 0)
        #expect(workspace.run("session", "register", "1", "--cohort", "1", "--years", "1", "--as", "clerk.a").status == 0)
        #expect(workspace.run("session", "assign", "1", "--room", "理论一室", "--examiner", "2", "--examiner", "3").status == 0)

        #expect(workspace.run("session", "tickets", "1").status == 0)
        let tickets = try #require(try workbookText(workspace, "tickets-session-1.xlsx").values.first)
        #expect(tickets.contains("2026000010003|钱七|男|340524********001X|甲学校|理论一室|3|实操一组|3"))
        #expect(!tickets.contains("34052419800101001X"))

        #expect(workspace.run("session", "sign-in", "1", "--as", "exam.1").status == 0)
        let signIn = try workbookText(workspace, "sign-in-session-1.xlsx")
        #expect(signIn.keys.sorted() == ["实操一组", "理论一室"])
        #expect(signIn["理论一室"]?.contains("1|2026000010001|陈大文|440524********0014") == true)
        #expect(signIn["理论一室"]?.contains("考评员一") == true)

        let scores = workspace.run("session", "score-sheets", "1", "--unmasked", "--reason", "考场核验")
        #expect(scores.status == 0)
        let sheets = try workbookText(workspace, "score-sheets-session-1.xlsx")
        #expect(sheets["实操一组"]?.contains("2026000010002|王𠈌|11010519491231002X|practical") == true)
        #expect(workspace.run("audit", "list", "--json", "--limit", "1").stdout.contains("考场核验"))

        // The school gets its own candidates' tickets, not the room sheets; another school gets none.
        #expect(workspace.run("session", "tickets", "1", "--file", "a.xlsx", "--as", "clerk.a").status == 0)
        #expect(try workbookText(workspace, "a.xlsx").values.first?.contains("2026000010001") == true)
        #expect(workspace.run("session", "tickets", "1", "--file", "b.xlsx", "--as", "clerk.b").status == 0)
        #expect(try workbookText(workspace, "b.xlsx").values.first?.contains("2026000010001") == false)
        let refused = workspace.run("session", "sign-in", "1", "--as", "clerk.a")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("sign-in and score sheets are for the bureau and the session's examiners"))
    }
}
