import Foundation
import Testing
import Spreadsheet
@testable import SkillCertCLI

/// Results from the command line: the score sheets the session wrote, filled in by examiners and
/// imported twice by two users, then a mismatch settled, the lock, an amendment, a re-check.
@Suite struct ResultsCLITests {
    /// Session 1 held on 2026-12-05 with three candidates: …0001 陈大文, …0002 王𠈌, …0003 钱七.
    func heldWorkspace() throws -> Workspace {
        let workspace = try SessionCLITests().sessionWorkspace()
        #expect(workspace.run("session", "open", "1").status == 0)
        #expect(workspace.run("session", "register", "1", "--cohort", "1", "--years", "1", "--as", "clerk.a").status == 0)
        #expect(workspace.run("session", "assign", "1", "--room", "理论一室", "--examiner", "2", "--examiner", "3").status == 0)
        #expect(workspace.run("session", "assign", "1", "--room", "实操一组", "--examiner", "2", "--examiner", "3", "--examiner", "4").status == 0)
        #expect(workspace.run("session", "close", "1").status == 0)
        #expect(workspace.run("session", "hold", "1", "--today", "2026-12-05").status == 0)
        #expect(workspace.run("user", "add", "bureau.two", "--name", "录入员", "--role", "bureau").status == 0)
        return workspace
    }

    /// Copies the score sheets the session wrote into `name`, every cell as it was, with the
    /// marks an examiner writes in: `marks[ticket + part]` is the score, or 缺考 / 违纪 in the next column.
    func fill(_ workspace: Workspace, into name: String, _ marks: [String: String]) throws {
        let source = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/score-sheets-session-1.xlsx"))
        let workbook = try Workbook(path: workspace.path(name))
        for sheetName in source.sheetNames {
            let sheet = try workbook.addSheet(sheetName)
            for row in try source.rows(sheet: sheetName) {
                for cell in row.cells { try sheet.write(.text(cell.value), row: row.number - 1, column: cell.columnIndex) }
                guard let ticket = row[column: 0]?.value, let part = row[column: 3]?.value, let mark = marks[ticket + part] else { continue }
                if mark == "缺考" || mark == "违纪" {
                    try sheet.write(.text(mark), row: row.number - 1, column: 5)
                } else {
                    try sheet.write(.number(Double(mark)!), row: row.number - 1, column: 4)
                }
            }
        }
        try workbook.close()
    }

    @Test func filledScoreSheetsAreEnteredTwiceThenSettledLockedAndAmended() throws {
        let workspace = try heldWorkspace()
        #expect(workspace.run("session", "score-sheets", "1").status == 0)
        let marks = ["2026000010001theory": "85.5", "2026000010002theory": "缺考", "2026000010003theory": "59.5",
                     "2026000010001practical": "72", "2026000010002practical": "90", "2026000010003practical": "88"]
        try fill(workspace, into: "first.xlsx", marks)
        var second = marks
        second["2026000010001practical"] = "27"
        try fill(workspace, into: "second.xlsx", second)

        let first = workspace.run("results", "import", "1", "first.xlsx", "--as", "exam.1")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("6 rows read: 6 recorded (0 final, 6 awaiting a second entry, 0 mismatched)"))
        let again = workspace.run("results", "import", "1", "first.xlsx", "--as", "exam.1")
        #expect(again.stdout.contains("0 recorded, 6 unchanged"))
        let other = workspace.run("results", "import", "1", "second.xlsx", "--as", "bureau.two")
        #expect(other.stdout.contains("(5 final, 0 awaiting a second entry, 1 mismatched)"))

        let refused = workspace.run("results", "lock", "1")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("- candidate 2026000010001, practical: the two entries differ (72 / 27); the bureau settles it"))
        #expect(workspace.run("results", "settle", "1", "--ticket", "2026000010001", "--part", "practical", "--score", "72",
                              "--reason", "核对原始评分表", "--as", "exam.1").status == 1)
        #expect(workspace.run("results", "settle", "1", "--ticket", "2026000010001", "--part", "practical", "--score", "72",
                              "--reason", "核对原始评分表").status == 0)
        let locked = workspace.run("results", "lock", "1", "--today", "2026-12-10")
        #expect(locked.stdout.contains("Results locked on 2026-12-10: 合格 passed 1 / 3"))

        let show = workspace.run("results", "show", "1", "--json", "--as", "clerk.a")
        let candidates = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [[String: Any]])
        #expect(candidates.map { $0["passed"] as? Bool } == [true, false, false])
        let theory = try #require((candidates[1]["parts"] as? [[String: Any]])?.first)
        #expect(theory["mark"] as? String == "缺考" && theory["state"] as? String == "final")
        let otherSchool = workspace.run("results", "show", "1", "--json", "--as", "clerk.b")
        #expect((try JSONSerialization.jsonObject(with: Data(otherSchool.stdout.utf8)) as? [Any])?.isEmpty == true)

        #expect(workspace.run("results", "enter", "1", "--ticket", "2026000010003", "--part", "theory", "--score", "60", "--as", "exam.1").status == 1)
        let amended = workspace.run("results", "amend", "1", "--ticket", "2026000010003", "--part", "theory", "--score", "60",
                                    "--reason", "漏计一题")
        #expect(amended.stdout.contains("Amended 2026000010003 theory: 59.5 → 60"))
        let recheck = workspace.run("results", "recheck", "1", "--ticket", "2026000010002", "--reason", "对理论缺考有异议",
                                    "--as", "clerk.a", "--today", "2026-12-20")
        #expect(recheck.status == 0, "\(recheck.stderr)")
        let late = workspace.run("results", "recheck", "1", "--ticket", "2026000010001", "--reason", "迟到的申请", "--today", "2026-12-26")
        #expect(late.stderr.contains("a re-check must be asked for within 15 days of the results' publication on 2026-12-10, by 2026-12-25"))
        let decided = workspace.run("results", "recheck-decide", "1", "--ticket", "2026000010002", "--unchanged", "--note", "签到表确认缺考")
        #expect(decided.stdout.contains("维持 unchanged"))
        let final = workspace.run("results", "show", "1")
        #expect(final.stdout.contains("合格 passed 2"))
        #expect(workspace.run("results", "roster", "1", "--as", "clerk.a").status == 0)
        let roster = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/results-session-1.xlsx"))
        let lines = try roster.rows(sheet: try #require(roster.visibleSheetNames.first)).map { $0.cells.map(\.value).joined(separator: "|") }
        #expect(lines.contains { $0.hasPrefix("3|2026000010003|钱七|340524********001X|甲学校|60|是|88|是|合格") })
        #expect(!lines.joined().contains("34052419800101001X"))

        // 王𠈌 was absent from theory and passed practical: the retake sits theory only.
        #expect(workspace.run("session", "create", "--body", "评价中心", "--occupation", "中式烹调师", "--level", "5", "--date", "2027-01-10",
                              "--room", "理论:theory:15", "--room", "实操:practical:15").status == 0)
        #expect(workspace.run("session", "open", "2").status == 0)
        #expect(workspace.run("session", "register", "2", "--cohort", "1", "--retake").stderr.contains("retakes register one person at a time"))
        let retake = workspace.run("session", "register", "2", "--id", "11010519491231002X", "--retake")
        #expect(retake.status == 0, "\(retake.stderr)")
        #expect(retake.stdout.contains("2027000020001"))
        #expect(workspace.run("session", "tickets", "2").status == 0)
        let tickets = try #require(try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/tickets-session-2.xlsx")).rows(sheet: "准考证 Admission tickets")
            .map { $0.cells.map(\.value).joined(separator: "|") }.first { $0.hasPrefix("2027000020001") })
        #expect(tickets.contains("|理论|1|"))
        #expect(!tickets.contains("实操"))
    }

    @Test func aScoreSheetWithBadLinesEntersNothingAndWritesTheErrorWorkbook() throws {
        let workspace = try heldWorkspace()
        #expect(workspace.run("session", "score-sheets", "1").status == 0)
        try fill(workspace, into: "bad.xlsx", ["2026000010001theory": "185", "2026000010002theory": "80",
                                                "2026000010003theory": "70", "2026000010001practical": "90"])
        let result = workspace.run("results", "import", "1", "bad.xlsx", "--as", "exam.1")
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.xlsx › 理论一室 line 5 · field E 成绩 Score, value \"185\": a score is between 0 and 100"))
        #expect(result.stderr.contains("field E 成绩 Score, value \"\": the score is empty; write 缺考 (absent) or 违纪 (breach) instead"))
        #expect(result.stderr.contains("nothing was written"))
        let errors = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/bad-errors.xlsx"))
        let text = try errors.rows(sheet: try #require(errors.sheetNames.first)).map { $0.cells.map(\.value).joined(separator: "|") }
        #expect(text.contains { $0.contains("2026000010001|陈大文|440524********0014|theory|185") && $0.contains("a score is between 0 and 100") })
        let show = workspace.run("results", "show", "1", "--json")
        #expect(!show.stdout.contains("\"final\""))
    }
}
