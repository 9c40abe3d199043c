import Foundation
import Testing
import Spreadsheet
import Domain
import Services
import Store
@testable import SkillCertCLI

@Suite struct DemoCLITests {
    /// Every row of a workbook's first sheet, cells joined by |.
    func rows(_ workspace: Workspace, _ file: String) throws -> [String] {
        let reader = try XLSXReader(url: workspace.directory.appendingPathComponent(file))
        return try reader.rows(sheet: reader.sheetNames[0]).map { $0.cells.map(\.value).joined(separator: "|") }
    }

    @Test func theDemoBuildsATinyYearAndWritesTheMainRosters() throws {
        let workspace = try Workspace()
        let run = workspace.run("demo", "--scale", "tiny", "--catalog", Workspace.catalogDirectory.path, "--db", "demo.sqlite")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("3/3 2026 年 The year, quarter by quarter:"))
        #expect(run.stdout.contains("2026Q4 累计 to date"))
        #expect(run.stdout.contains("粤菜师傅 3 班 classes / 18 人 trainees; 南粤家政 2 班 classes / 12 人 trainees; 广东技工 2 班 classes / 12 人 trainees"))
        for file in ["roster-cohort-1.xlsx", "certificates-2026.xlsx", "apprentices.xlsx", "filing-list-2026.xlsx"] {
            #expect(run.stdout.contains(workspace.path("Exports/\(file)")))
        }

        // The demo's database answers the ordinary commands: the roster lists every certificate of the year.
        let listed = workspace.run("cert", "list", "--period", "2026", "--db", "demo.sqlite", "--json")
        let certificates = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(!certificates.isEmpty)
        let roster = try rows(workspace, "Exports/certificates-2026.xlsx")
        let numbers = certificates.compactMap { $0["number"] as? String }
        #expect(numbers.allSatisfy { number in roster.contains { $0.contains(number) } })
        // Masked everywhere: no cell of any roster is a whole national ID.
        let today = CivilDate(year: 2026, month: 12, day: 31)!
        for file in ["roster-cohort-1.xlsx", "certificates-2026.xlsx", "apprentices.xlsx", "filing-list-2026.xlsx"] {
            let cells = try rows(workspace, "Exports/\(file)").flatMap { $0.split(separator: "|").map(String.init) }
            #expect(cells.contains { $0.contains("********") }, "\(file)")
            #expect(!cells.contains { (try? NationalID.parse($0, today: today)) != nil }, "\(file)")
        }
        // The first class list opens with a name beyond the Basic Multilingual Plane, kept as it was.
        #expect(try rows(workspace, "Exports/roster-cohort-1.xlsx").contains { $0.unicodeScalars.contains { $0.value > 0xFFFF } })
        // The sample session's results roster shows an absence and the amended mark.
        let results = try #require(run.stdout.split(separator: "\n").first { $0.contains("results-session-") })
        let resultsFile = String(results.split(separator: "/").last!)
        #expect(try rows(workspace, "Exports/\(resultsFile)").contains { $0.contains("缺考") })
        let apprentices = try rows(workspace, "Exports/apprentices.xlsx")
        #expect(apprentices.contains { $0.contains("已结业") } && apprentices.contains { $0.contains("培训中") })
        #expect(try rows(workspace, "Exports/filing-list-2026.xlsx").contains { $0.contains("2026-") })

        // The quarterly statistics of Q4: its year to date is the year the certificate list shows.
        #expect(run.stdout.contains(workspace.path("Exports/quarterly-2026Q4.xlsx")))
        let quarterly = try XLSXReader(url: URL(fileURLWithPath: workspace.path("Exports/quarterly-2026Q4.xlsx")))
        let summary = try quarterly.rows(sheet: "汇总 Summary")
        let total = try #require(summary.first { $0[column: 0]?.value.hasPrefix("取证人数合计") == true })
        let valid = certificates.filter { ($0["status"] as? String)?.hasPrefix("有效") == true }
        #expect(total[column: 8]?.value == String(valid.count))
        let trained = try #require(summary.first { $0[column: 0]?.value.hasPrefix("开班数") == true })
        #expect(trained[column: 8]?.value == "7")
    }

    /// The line of a printed table that starts with `login`, its cells split on runs of spaces.
    func accountLine(_ output: String, _ login: String) -> [String] {
        let line = output.split(separator: "\n").first { $0.hasPrefix(login + " ") } ?? ""
        return line.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func theDemoPrintsItsAccountsEachWithAPasswordThatSignsIn() throws {
        let workspace = try Workspace()
        let run = workspace.run("demo", "--scale", "tiny", "--catalog", Workspace.catalogDirectory.path, "--db", "demo.sqlite")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("演示账号 Demo accounts"))
        #expect(accountLine(run.stdout, "admin") == ["admin", "demo-bureau-2026", "人社局 bureau"])
        #expect(accountLine(run.stdout, "clerk.yuecai.1") == ["clerk.yuecai.1", "demo-clerk-2026", "机构经办人 institution", "中山市粤菜师傅培训学校"])
        #expect(accountLine(run.stdout, "exam.yuecai.1") == ["exam.yuecai.1", "demo-examiner-2026", "考评员 examiner", "中山市粤菜师傅职业技能评价站"])
        #expect(accountLine(run.stdout, "exam.yuecai.2") == ["exam.yuecai.2", "demo-examiner2-2026", "考评员 examiner", "中山市粤菜师傅职业技能评价站"])
        // The year ends with one session held whose marks both examiners are to key.
        #expect(run.stdout.contains("已考待录成绩 held, marks awaited 1"))

        // --accounts prints the same again and builds nothing.
        let again = workspace.run("demo", "--accounts", "--db", "demo.sqlite")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stdout.contains("3/3"))
        for login in ["admin", "clerk.yuecai.1", "exam.yuecai.1", "exam.yuecai.2"] {
            #expect(accountLine(again.stdout, login) == accountLine(run.stdout, login))
        }

        // The printed passwords are the ones the server checks: each signs in without a forced change.
        let store = try Store.open(path: workspace.path("demo.sqlite"), clock: .system)
        for login in ["admin", "clerk.yuecai.1", "exam.yuecai.1", "exam.yuecai.2"] {
            let password = accountLine(run.stdout, login)[1]
            guard case .signedIn(_, let session) = try Accounts().signIn(login: login, password: password, address: "127.0.0.1", store: store) else {
                Issue.record("\(login) could not sign in with the printed password")
                continue
            }
            #expect(!session.mustChangePassword)
        }

        // A password changed since is not printed as if it still worked.
        #expect(workspace.run("user", "set-password", "clerk.yuecai.1", "--password", "a-new-password-1", "--db", "demo.sqlite").status == 0)
        let changed = workspace.run("demo", "--accounts", "--db", "demo.sqlite")
        #expect(accountLine(changed.stdout, "clerk.yuecai.1").prefix(2) == ["clerk.yuecai.1", "（已修改 changed since）"])
        #expect(!changed.stdout.contains("demo-clerk-2026"))
        #expect(changed.stdout.contains("delete demo.sqlite and run make demo again"))
    }

    @Test func theAccountsOfADatabaseThatIsNotADemoAreSaidToBeMissing() throws {
        let workspace = try Workspace()
        #expect(workspace.run("demo", "--accounts", "--db", "nothing.sqlite").stderr.contains("nothing.sqlite does not exist"))
        try workspace.initialise()
        let plain = workspace.run("demo", "--accounts", "--db", "skillcert.sqlite")
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(accountLine(plain.stdout, "admin").prefix(2) == ["admin", "（已修改 changed since）"])
        #expect(accountLine(plain.stdout, "clerk.yuecai.1").prefix(2) == ["clerk.yuecai.1", "（无此用户 no such user）"])
    }

    @Test func theDemoNeverOverwritesADatabaseUnlessAskedTo() throws {
        let workspace = try Workspace()
        try workspace.initialise()
        let refused = workspace.run("demo", "--scale", "tiny", "--catalog", Workspace.catalogDirectory.path, "--db", "skillcert.sqlite")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("已存在") && refused.stderr.contains("already exists; the demo writes only into a new database: add --replace"))
        #expect(workspace.run("user", "list").status == 0)
        let replaced = workspace.run("demo", "--scale", "tiny", "--catalog", Workspace.catalogDirectory.path, "--db", "skillcert.sqlite",
                                     "--replace", "--out", "demo-out")
        #expect(replaced.status == 0)
        #expect(workspace.exists("demo-out/apprentices.xlsx"))
        #expect(workspace.run("user", "list").stdout.contains("entry.two"))
    }
}
