import Foundation
import Testing
import Spreadsheet
@testable import SkillCertCLI

/// The training flow from the command line, with real files: CSV in UTF-8 and GB18030 and .xlsx
/// written by the project's own writer; every written workbook is read back.
@Suite struct CohortCLITests {
    static let header = "序号,姓名,身份证号,手机号码,文化程度,户籍类型,重点群体\n"
    static let goodRows = """
        1,陈大文,440524188001010014,13800138000,大专,农村,高校毕业生
        2,王𠈌,11010519491231002X,13900139000,高中/中专/技校,城镇,
        3,钱七,34052419800101001X,13500135000,初中及以下,农村,农村劳动力、退役军人

        """

    /// A workspace with a school, its clerk and cohort 1 (中式烹调师 level 5, 80 hours, 10 places).
    func cohortWorkspace(capacity: Int = 10) throws -> Workspace {
        let workspace = try Workspace()
        try workspace.initialise()
        #expect(workspace.run("institution", "add", "--name", "甲学校", "--kind", "training", "--district", "石岐街道").status == 0)
        #expect(workspace.run("institution", "add", "--name", "乙学校", "--kind", "training", "--district", "小榄镇").status == 0)
        #expect(workspace.run("user", "add", "clerk.a", "--name", "甲经办", "--role", "institution", "--institution", "甲学校").status == 0)
        #expect(workspace.run("user", "add", "clerk.b", "--name", "乙经办", "--role", "institution", "--institution", "乙学校").status == 0)
        let create = workspace.run("cohort", "create", "--name", "2026年第1期中式烹调师（五级）", "--project", "粤菜师傅",
                                   "--occupation", "中式烹调师", "--level", "五级", "--district", "石岐街道",
                                   "--start", "2026-09-01", "--end", "2026-10-31", "--hours", "80", "--capacity", String(capacity),
                                   "--as", "clerk.a")
        #expect(create.status == 0, "\(create.stderr)")
        return workspace
    }

    func write(_ text: String, to name: String, in workspace: Workspace) throws {
        try text.write(to: workspace.directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func trainees(_ workspace: Workspace, as user: String = "clerk.a") throws -> [[String: Any]] {
        let show = workspace.run("cohort", "show", "1", "--json", "--as", user)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        return try #require(object["trainees"] as? [[String: Any]])
    }

    @Test func aCleanUTF8ListIsImportedAndSummarised() throws {
        let workspace = try cohortWorkspace()
        try write(Self.header + Self.goodRows, to: "list.csv", in: workspace)
        let result = workspace.run("cohort", "import", "1", "list.csv", "--as", "clerk.a")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("3 rows read: 3 recorded (3 new persons), 0 already enrolled, 0 refused"))
        #expect(result.stdout.contains("序号"))   // the unused column is named
        let names = try trainees(workspace).map { $0["name"] as? String }
        #expect(names == ["陈大文", "王𠈌", "钱七"])

        let again = workspace.run("cohort", "import", "1", "list.csv", "--as", "clerk.a")
        #expect(again.stdout.contains("0 recorded, 3 already enrolled"))
        #expect(try trainees(workspace).count == 3)
    }

    @Test func aGB18030ListFromExcelOnChineseWindowsIsReadExactly() throws {
        let workspace = try cohortWorkspace()
        let text = Self.header + Self.goodRows
        let data = try #require(GB18030.encode(text))
        #expect(data.count != Data(text.utf8).count)   // really another encoding
        try data.write(to: workspace.directory.appendingPathComponent("gbk.csv"))
        let result = workspace.run("cohort", "import", "1", "gbk.csv", "--as", "clerk.a")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try trainees(workspace).map { $0["name"] as? String } == ["陈大文", "王𠈌", "钱七"])
    }

    @Test func badRowsImportNothingAndComeBackInAnErrorWorkbook() throws {
        let workspace = try cohortWorkspace()
        let rows = Self.goodRows + """
            4,李四,110105194912310021,13700137000,本科,城镇,
            5,,440524188001010014,12345,博士,乡村,外星人

            """
        try write(Self.header + rows, to: "bad.csv", in: workspace)
        let result = workspace.run("cohort", "import", "1", "bad.csv", "--as", "clerk.a")
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing was written: 2 row(s) refused"))
        #expect(result.stdout.contains("5 rows read: 3 valid, 2 refused, nothing was written"))
        #expect(try trainees(workspace).isEmpty)

        let errors = workspace.directory.appendingPathComponent("Exports/bad-errors.xlsx")
        let reader = try XLSXReader(url: errors)
        let sheet = try #require(reader.sheetNames.first)
        let lines = try reader.rows(sheet: sheet)
        let li = try #require(lines.first { $0.cells.contains { $0.value == "李四" } })
        let reason = try #require(li.cells.last?.value)
        #expect(reason.contains("校验位"))
        #expect(reason.contains("check character"))
        #expect(li.cells.contains { $0.value == "110105194912310021" && ($0.kind == .inlineString || $0.kind == .sharedString) })
        let fifth = try #require(lines.first { $0.cells.first?.value == "6" })
        let reasons = try #require(fifth.cells.last?.value)
        for fragment in ["name", "Mobile phone", "Education", "Household type", "Key groups"] {
            #expect(reasons.contains(fragment), "row 6 should be refused for \(fragment): \(reasons)")
        }

        // --accept-valid imports the good rows and still reports the bad ones.
        let partial = workspace.run("cohort", "import", "1", "bad.csv", "--accept-valid", "--as", "clerk.a")
        #expect(partial.status == 0, "\(partial.stderr)")
        #expect(partial.stdout.contains("3 recorded") && partial.stdout.contains("2 refused"))
        #expect(try trainees(workspace).count == 3)
    }

    @Test func theErrorWorkbookCanBeFixedAndImportedAgain() throws {
        let workspace = try cohortWorkspace()
        try write(Self.header + "1,李四,110105194912310021,13700137000,本科,城镇,\n", to: "one.csv", in: workspace)
        #expect(workspace.run("cohort", "import", "1", "one.csv", "--as", "clerk.a").status == 1)
        let errors = workspace.directory.appendingPathComponent("Exports/one-errors.xlsx")
        #expect(FileManager.default.fileExists(atPath: errors.path))
        // The clerk opens the error workbook, fixes the ID and imports that very file.
        let reader = try XLSXReader(url: errors)
        let rows = try reader.rows(sheet: try #require(reader.sheetNames.first))
        let fixed = workspace.directory.appendingPathComponent("fixed.xlsx")
        let book = try Workbook(path: fixed.path)
        let sheet = try book.addSheet("学员")
        for (index, row) in rows.enumerated() {
            for cell in row.cells {
                let value = cell.value == "110105194912310021" ? "11010519491231002X" : cell.value
                try sheet.write(.text(value), row: index, column: cell.columnIndex)
            }
        }
        try book.close()
        let result = workspace.run("cohort", "import", "1", "fixed.xlsx", "--as", "clerk.a")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try trainees(workspace).map { $0["name"] as? String } == ["李四"])
    }

    @Test func anXLSXWhoseIDColumnExcelStoredAsNumbersIsRefusedWithThatExplanation() throws {
        let workspace = try cohortWorkspace()
        let url = workspace.directory.appendingPathComponent("list.xlsx")
        let book = try Workbook(path: url.path)
        let sheet = try book.addSheet("学员名单")
        try sheet.writeRow([.text("姓名"), .text("身份证号")], row: 0)
        try sheet.writeRow([.text("陈大文"), .text("440524188001010014")], row: 1)
        // What Excel does to an ID typed into a number cell: a double, last digits lost.
        try sheet.writeRow([.text("王五"), .number(Double("440524188001010014")!)], row: 2)
        try book.close()

        let result = workspace.run("cohort", "import", "1", "list.xlsx", "--as", "clerk.a")
        #expect(result.status == 1)
        let errors = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/list-errors.xlsx"))
        let rows = try errors.rows(sheet: try #require(errors.sheetNames.first))
        let wang = try #require(rows.first { $0.cells.contains { $0.value == "王五" } })
        let reason = try #require(wang.cells.last?.value)
        #expect(reason.contains("Excel"))
        #expect(reason.contains("text"))
    }

    @Test func eachUnreadableFileGetsItsOwnMessage() throws {
        let workspace = try cohortWorkspace()
        try write("", to: "empty.csv", in: workspace)
        try write("a,b,c\n1,2,3\n", to: "noheader.csv", in: workspace)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]).write(to: workspace.directory.appendingPathComponent("photo.csv"))
        let good = workspace.directory.appendingPathComponent("good.xlsx")
        let book = try Workbook(path: good.path)
        try book.addSheet("学员").writeRow([.text("姓名"), .text("身份证号")], row: 0)
        try book.close()
        let bytes = try Data(contentsOf: good)
        try bytes.prefix(bytes.count / 2).write(to: workspace.directory.appendingPathComponent("broken.xlsx"))

        var messages: [String] = []
        for arguments in [["empty.csv"], ["noheader.csv"], ["photo.csv"], ["broken.xlsx"], ["good.xlsx", "--sheet", "第二页"], ["missing.csv"]] {
            let result = workspace.run(["cohort", "import", "1"] + arguments + ["--as", "clerk.a"])
            #expect(result.status == 1, "\(arguments) should be refused")
            #expect(result.stderr.contains(arguments[0]), "the message names the file: \(result.stderr)")
            messages.append(result.stderr)
        }
        #expect(Set(messages).count == messages.count, "each failure has its own message")
        #expect(messages[4].contains("学员"))   // the missing sheet lists the sheets there are
    }

    @Test func anotherInstitutionsClerkCannotImportIntoTheCohort() throws {
        let workspace = try cohortWorkspace()
        try write(Self.header + Self.goodRows, to: "list.csv", in: workspace)
        let result = workspace.run("cohort", "import", "1", "list.csv", "--as", "clerk.b")
        #expect(result.status == 1)
        #expect(result.stderr.contains("no cohort 1"))
        #expect(workspace.run("cohort", "list", "--as", "clerk.b", "--json").stdout.contains("\"id\"") == false)
    }

    @Test func hoursFromASheetThenCompletionAndTheRoster() throws {
        let workspace = try cohortWorkspace()
        try write(Self.header + Self.goodRows, to: "list.csv", in: workspace)
        #expect(workspace.run("cohort", "import", "1", "list.csv", "--as", "clerk.a").status == 0)
        try write("身份证号,姓名,出勤学时\n440524188001010014,陈大文,64\n11010519491231002X,王𠈌,63.9\n", to: "hours.csv", in: workspace)
        let hours = workspace.run("cohort", "hours", "1", "--file", "hours.csv", "--as", "clerk.a")
        #expect(hours.status == 0, "\(hours.stderr)")
        #expect(hours.stdout.contains("2 rows read: 2 recorded"))
        let tooMany = workspace.run("cohort", "hours", "1", "--id", "34052419800101001X", "--hours", "80.5", "--as", "clerk.a")
        #expect(tooMany.status == 1)
        #expect(tooMany.stderr.contains("more than the cohort's 80 planned hours"))

        // 80 % of 80 hours is 64: 陈 completes, 王 (63.9) does not.
        let complete = workspace.run("cohort", "complete", "1", "--as", "clerk.a")
        #expect(complete.status == 0, "\(complete.stderr)")
        #expect(complete.stdout.contains("Completed: 1"))
        #expect(complete.stdout.contains("63.9 / 64"))
        #expect(workspace.run("cohort", "withdraw", "1", "--id", "34052419800101001X", "--reason", "工作调动", "--as", "clerk.a").status == 0)

        let roster = workspace.run("cohort", "roster", "1", "--as", "clerk.a")
        #expect(roster.status == 0, "\(roster.stderr)")
        let reader = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/roster-cohort-1.xlsx"))
        let sheet = try #require(reader.sheetNames.first)
        let text = try reader.rows(sheet: sheet).flatMap(\.cells).map(\.value).joined(separator: "|")
        #expect(text.contains("440524********0014"))
        #expect(!text.contains("440524188001010014"))
        #expect(text.contains("工作调动"))
        #expect(text.contains("甲学校"))

        let unmasked = workspace.run("cohort", "roster", "1", "--unmasked", "--reason", "报送人社局", "--file", "whole.xlsx", "--as", "clerk.a")
        #expect(unmasked.status == 0)
        let whole = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/whole.xlsx"))
        let wholeText = try whole.rows(sheet: try #require(whole.sheetNames.first)).flatMap(\.cells).map(\.value).joined(separator: "|")
        #expect(wholeText.contains("440524188001010014"))
        let audit = workspace.run("audit", "list", "--json", "--limit", "1")
        #expect(audit.stdout.contains("person.disclose") && audit.stdout.contains("报送人社局"))
    }

    @Test func theTemplateHasTheColumnsTheImporterReads() throws {
        let workspace = try cohortWorkspace()
        let result = workspace.run("cohort", "template", "--as", "clerk.a")
        #expect(result.status == 0, "\(result.stderr)")
        let url = workspace.directory.appendingPathComponent("Exports/trainee-template.xlsx")
        let reader = try XLSXReader(url: url)
        let rows = try reader.rows(sheet: try #require(reader.sheetNames.first))
        #expect(rows[0].cells.map(\.value).first == "身份证号 National ID")
        // A template filled in by the clerk imports as it is.
        let filled = workspace.directory.appendingPathComponent("filled.xlsx")
        let book = try Workbook(path: filled.path)
        let sheet = try book.addSheet("学员名单 Trainees")
        for (index, row) in rows.prefix(2).enumerated() {
            for cell in row.cells { try sheet.write(.text(cell.value), row: index, column: cell.columnIndex) }
        }
        try sheet.writeRow([.text("440524188001010014"), .text("陈大文"), .text("13800138000"), .text("大专"), .text("农村"),
                            .text("高校毕业生、退役军人")], row: 2)
        try book.close()
        let imported = workspace.run("cohort", "import", "1", "filled.xlsx", "--as", "clerk.a")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("1 recorded"))
    }
}

/// GB18030 bytes as Excel on Chinese Windows writes a "CSV", made with the C library's iconv.
enum GB18030 {
    static func encode(_ text: String) -> Data? {
        let converter = iconv_open("GB18030", "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 16)
        var inLeft = input.count, outLeft = output.count
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress, outPointer = outBuffer.baseAddress
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return Data(output.prefix(written).map { UInt8(bitPattern: $0) })
    }
}
