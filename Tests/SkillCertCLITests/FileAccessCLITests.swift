import Foundation
import Testing
@testable import SkillCertCLI

/// Files and folders a command cannot read or write: the user reads what went wrong and where, in
/// both languages, never Foundation's own text, and a refused write leaves the records as they were.
///
/// Tests run as root, whom permission bits do not stop: an output folder under a regular file
/// fails for everyone, so that is the unwritable folder used here.
@Suite struct FileAccessCLITests {
    /// The cohort workspace with a regular file `plain` to put folders under.
    func workspace() throws -> Workspace {
        let workspace = try CohortCLITests().cohortWorkspace()
        try CohortCLITests().write("not a folder\n", to: "plain", in: workspace)
        return workspace
    }

    /// What every refused file access must look like on standard error.
    func expectFileMessage(_ result: CLIRun, path: String, _ comment: String) {
        #expect(result.status == 1, "\(comment): \(result.stdout)")
        #expect(result.stderr.contains("错误："), "\(comment): \(result.stderr)")
        #expect(result.stderr.contains("Error: "), "\(comment): \(result.stderr)")
        #expect(result.stderr.contains(path), "\(comment) names the path: \(result.stderr)")
        #expect(result.stderr.contains("不是文件夹") && result.stderr.contains("not a folder"), "\(comment) says why: \(result.stderr)")
        for raw in ["NSCocoaErrorDomain", "Error Domain", "NSFilePath", "(null)", "The operation could not be completed"] {
            #expect(!result.stderr.contains(raw), "\(comment) shows Foundation's text: \(result.stderr)")
        }
    }

    @Test func acceptValidWithAnUnwritableOutputFolderWritesNothingAndSaysWhy() throws {
        let workspace = try workspace()
        let rows = CohortCLITests.goodRows + "4,李四,110105194912310021,13700137000,本科,城镇,\n"
        try CohortCLITests().write(CohortCLITests.header + rows, to: "bad.csv", in: workspace)
        let result = workspace.run("cohort", "import", "1", "bad.csv", "--accept-valid", "--out", "plain/out", "--as", "clerk.a")
        expectFileMessage(result, path: workspace.path("plain/out"), "cohort import --accept-valid")
        #expect(result.stderr.contains("未写入任何记录") && result.stderr.contains("nothing was written"), "\(result.stderr)")
        // The refused row is still reported on the terminal.
        #expect(result.stderr.contains("bad.csv line 5"), "\(result.stderr)")
        #expect(try CohortCLITests().trainees(workspace).isEmpty, "the good rows must not be committed without their error workbook")
        // With a folder that can be written, the same command goes through.
        let again = workspace.run("cohort", "import", "1", "bad.csv", "--accept-valid", "--as", "clerk.a")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try CohortCLITests().trainees(workspace).count == 3)
    }

    @Test func aCleanImportNeedsNoOutputFolder() throws {
        let workspace = try workspace()
        try CohortCLITests().write(CohortCLITests.header + CohortCLITests.goodRows, to: "good.csv", in: workspace)
        let result = workspace.run("cohort", "import", "1", "good.csv", "--out", "plain/out", "--as", "clerk.a")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CohortCLITests().trainees(workspace).count == 3)
    }

    @Test func everyImportWithRefusedRowsAndAnUnwritableFolderSaysWhyAndWritesNothing() throws {
        let workspace = try workspace()
        try CohortCLITests().write(CohortCLITests.header + CohortCLITests.goodRows, to: "list.csv", in: workspace)
        #expect(workspace.run("cohort", "import", "1", "list.csv", "--as", "clerk.a").status == 0)
        try CohortCLITests().write("身份证号,出勤学时\n440524188001010014,60\n11010519491231002X,800\n", to: "hours.csv", in: workspace)
        try CohortCLITests().write(ApprenticeImportCLITests.header
            + "1,91440101MA5CJQ4N59,440524188001010014,陈大文,中式烹调师,4,2026-09-01,3,2026-09-01,2027-03-01,,李师傅,王老师\n",
            to: "apprentices.csv", in: workspace)
        #expect(workspace.run("enterprise", "add", "--credit-code", "91440101MA5CJQ4N59", "--name", "中山市某某酒家",
                              "--district", "石岐街道").status == 0)
        let imports: [[String]] = [
            ["cohort", "hours", "1", "--file", "hours.csv", "--as", "clerk.a"],
            ["cohort", "hours", "1", "--file", "hours.csv", "--accept-valid", "--as", "clerk.a"],
            ["apprentice", "import", "apprentices.csv", "--as", "clerk.a"],
        ]
        for arguments in imports {
            let result = workspace.run(arguments + ["--out", "plain/out"])
            expectFileMessage(result, path: workspace.path("plain/out"), arguments.joined(separator: " "))
        }
        let show = workspace.run("cohort", "show", "1", "--json", "--as", "clerk.a")
        #expect(!show.stdout.contains("\"60\""), "no hours were recorded: \(show.stdout)")
        #expect(workspace.run("apprentice", "roster", "--as", "clerk.a").stdout.contains("0 名学徒"))
    }

    @Test func everyCommandWritingIntoTheOutputFolderSaysWhyItCannot() throws {
        let workspace = try workspace()
        try CohortCLITests().write(CohortCLITests.header + CohortCLITests.goodRows, to: "list.csv", in: workspace)
        #expect(workspace.run("cohort", "import", "1", "list.csv", "--as", "clerk.a").status == 0)
        #expect(workspace.run("enterprise", "add", "--credit-code", "91440101MA5CJQ4N59", "--name", "中山市某某酒家",
                              "--district", "石岐街道").status == 0)
        let commands: [[String]] = [
            ["cohort", "template"], ["cohort", "roster", "1"], ["catalog", "export"], ["apprentice", "template"],
            ["apprentice", "roster"], ["apprentice", "filing-list", "--period", "2026"],
            ["apprentice", "claims", "--enterprise", "91440101MA5CJQ4N59", "--period", "2026"],
            ["cert", "roster", "--period", "2026"], ["cert", "upload", "--period", "2026"],
            ["cert", "claims", "--institution", "甲学校", "--period", "2026"], ["report", "quarterly", "2026Q4"],
        ]
        for arguments in commands {
            // Each command works with a folder it can write to ...
            #expect(workspace.run(arguments).status == 0, "\(arguments) should succeed with the default folder")
            // ... and says why it cannot write into one under a regular file.
            expectFileMessage(workspace.run(arguments + ["--out", "plain/out"]), path: workspace.path("plain/out"),
                              arguments.joined(separator: " "))
        }
        // A folder named like a file that is there.
        let onFile = workspace.run("cohort", "template", "--out", "plain")
        #expect(onFile.status == 1)
        #expect(onFile.stderr.contains(workspace.path("plain")) && onFile.stderr.contains("already") && onFile.stderr.contains("已有"),
                "\(onFile.stderr)")
        #expect(!onFile.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func aDatabaseThatCannotBeOpenedIsNamed() throws {
        let workspace = try workspace()
        let under = workspace.run("init", "--catalog", Workspace.catalogDirectory.path, "--db", "plain/x.sqlite")
        #expect(under.status == 1)
        #expect(under.stderr.contains(workspace.path("plain/x.sqlite")), "\(under.stderr)")
        #expect(under.stderr.contains("无法打开数据库") && under.stderr.contains("cannot open the database"), "\(under.stderr)")
        #expect(!under.stderr.contains("unable to open database file"), "SQLite's own text: \(under.stderr)")
        try FileManager.default.createDirectory(atPath: workspace.path("folder.sqlite"), withIntermediateDirectories: true)
        let folder = workspace.run("person", "list", "--db", "folder.sqlite")
        #expect(folder.status == 1)
        #expect(folder.stderr.contains(workspace.path("folder.sqlite")) && folder.stderr.contains("cannot open the database"), "\(folder.stderr)")
    }

    @Test func foundationErrorsAreTranslatedWhereverTheyComeFrom() throws {
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString)")
        try Data("x".utf8).write(to: plain)
        defer { try? FileManager.default.removeItem(at: plain) }
        func caught(_ body: () throws -> Void) -> (any Error)? {
            do { try body() } catch { return error }
            return nil
        }
        let cases: [(error: (any Error)?, zh: String, en: String)] = [
            (caught { try FileManager.default.createDirectory(at: plain.appendingPathComponent("out"), withIntermediateDirectories: true) },
             "不是文件夹", "not a folder"),
            (caught { _ = try Data(contentsOf: plain.deletingLastPathComponent().appendingPathComponent("missing-\(UUID()).csv")) },
             "不存在", "does not exist"),
            (caught { try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true) }, "已有", "already"),
            (caught { _ = try Data(contentsOf: FileManager.default.temporaryDirectory) }, "是文件夹", "is a folder"),
        ]
        for (error, zh, en) in cases {
            let thrown = try #require(error)
            let message = try #require(userMessage(for: thrown, command: nil))
            #expect(message.chinese.contains(zh) && message.english.contains(en), "\(message)")
            #expect(message.english.contains(plain.path) || message.english.contains(FileManager.default.temporaryDirectory.path), "\(message)")
            #expect(!message.english.contains("NSCocoaErrorDomain") && !message.english.contains("could not be completed"), "\(message)")
        }
        // A system error that names no file still reads as one.
        let bare = try #require(userMessage(for: POSIXError(.EACCES), command: nil))
        #expect(bare == UserMessage(chinese: "文件操作失败：没有权限", english: "a file operation failed: permission denied"))
    }
}
