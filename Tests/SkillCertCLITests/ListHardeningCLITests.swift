import Foundation
import Testing
import Spreadsheet
@testable import SkillCertCLI

/// What a clerk sees when a list holds a quote typed by hand, rows in two encodings, or
/// characters nobody can see: every row read, or the whole list refused at the line concerned,
/// never fewer rows imported with exit status 0.
extension CohortCLITests {
    static let remarksHeader = "序号,姓名,身份证号,手机号码,文化程度,户籍类型,重点群体,备注\n"

    @Test func aQuoteTypedByHandInARemarksCellLosesNoRow() throws {
        let workspace = try cohortWorkspace()
        try write(Self.remarksHeader + """
            1,陈大文,440524188001010014,13800138000,大专,农村,高校毕业生,"重点"对象
            2,王𠈌,11010519491231002X,13900139000,高中/中专/技校,城镇,,重点"关注
            3,钱七,34052419800101001X,13500135000,初中及以下,农村,农村劳动力,

            """, to: "quotes.csv", in: workspace)
        let result = workspace.run("cohort", "import", "1", "quotes.csv", "--as", "clerk.a")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("3 rows read: 3 recorded"))
        #expect(try trainees(workspace).map { $0["name"] as? String } == ["陈大文", "王𠈌", "钱七"])
    }

    @Test func aQuoteLeftOpenRefusesTheWholeListAtItsLine() throws {
        let workspace = try cohortWorkspace()
        try write(Self.remarksHeader + """
            1,陈大文,440524188001010014,13800138000,大专,农村,高校毕业生,
            2,王𠈌,11010519491231002X,13900139000,高中/中专/技校,城镇,,"重点对象
            3,钱七,34052419800101001X,13500135000,初中及以下,农村,农村劳动力,

            """, to: "open.csv", in: workspace)
        let result = workspace.run("cohort", "import", "1", "open.csv", "--as", "clerk.a")
        #expect(result.status == 1)
        #expect(result.stderr.contains("文件 open.csv 第 3 行 CSV 格式错误"))
        #expect(result.stderr.contains("open.csv line 3 · malformed CSV: a quote opens a cell on this line and is never closed"))
        #expect(try trainees(workspace).isEmpty)
    }

    @Test func aListWithOneRowInAnotherEncodingIsRefusedAtThatRow() throws {
        let workspace = try cohortWorkspace()
        let gbRow = try #require(GB18030.encode("3,钱七,34052419800101001X,13500135000,初中及以下,农村,农村劳动力\n"))
        let data = Data((Self.header + "1,陈大文,440524188001010014,13800138000,大专,农村,高校毕业生\n"
            + "2,王𠈌,11010519491231002X,13900139000,高中/中专/技校,城镇,\n").utf8) + gbRow
        try data.write(to: workspace.directory.appendingPathComponent("pasted.csv"))
        let result = workspace.run("cohort", "import", "1", "pasted.csv", "--as", "clerk.a")
        #expect(result.status == 1)
        #expect(result.stderr.contains("文件 pasted.csv 第 4 行 本行的编码与文件其余各行不同：文件是 UTF-8 编码，本行却是 GB18030"))
        #expect(result.stderr.contains("pasted.csv line 4 · this line is in another encoding than the rest of the file"))
        #expect(try trainees(workspace).isEmpty)
    }

    @Test func aNameWithAZeroWidthSpaceIsRefusedNamingIt() throws {
        let workspace = try cohortWorkspace()
        try write(Self.header + Self.goodRows + "4,李\u{200B}四,440524199001010026,13700137000,本科,城镇,\n", to: "hidden.csv", in: workspace)
        let result = workspace.run("cohort", "import", "1", "hidden.csv", "--as", "clerk.a")
        #expect(result.status == 1)
        #expect(try trainees(workspace).isEmpty)
        let reader = try XLSXReader(url: workspace.directory.appendingPathComponent("Exports/hidden-errors.xlsx"))
        let rows = try reader.rows(sheet: try #require(reader.sheetNames.first))
        let refused = try #require(rows.first { $0.cells.first?.value == "5" })
        let reason = try #require(refused.cells.last?.value)
        #expect(reason.contains("姓名第 2 个字符是看不见的字符 U+200B（零宽空格"), "\(reason)")
        #expect(reason.contains("character 2 of the name is the invisible character U+200B (zero width space"), "\(reason)")
    }
}

extension RecordsCLITests {
    @Test func aHiddenCharacterInAPersonsNameOrIDIsNamed() throws {
        let workspace = try schoolWorkspace()
        let name = workspace.run("person", "add", "--id", "440524188001010014", "--name", "陈\u{200D}大文", "--as", "clerk.a")
        #expect(name.status == 1)
        #expect(name.stderr.contains("character 2 of the name is the invisible character U+200D (zero width joiner"), "\(name.stderr)")
        let id = workspace.run("person", "add", "--id", "440524188001010014\u{200B}", "--name", "陈大文", "--as", "clerk.a")
        #expect(id.status == 1)
        #expect(id.stderr.contains("character 19 of the national ID is the invisible character U+200B"), "\(id.stderr)")
        #expect(!id.stderr.contains("19 characters"))
        let phone = workspace.run("person", "add", "--id", "440524188001010014", "--name", "陈大文", "--phone", "\u{202E}13800138000",
                                  "--as", "clerk.a")
        #expect(phone.status == 1)
        #expect(phone.stderr.contains("character 1 of the mobile number is the invisible character U+202E (right-to-left override"))
        let list = workspace.run("person", "list", "--json")
        #expect(try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any]).isEmpty)
    }
}
