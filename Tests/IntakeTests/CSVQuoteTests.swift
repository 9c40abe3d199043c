import Domain
import Foundation
import Testing
@testable import Intake

/// Quotes a clerk types into a CSV list by hand (`"重点"对象` in a remarks cell): every row of the
/// file is read the way Excel and Python's csv module read it, or the whole file is refused naming
/// the line where the quote opened. Never fewer rows than the file holds.
@Suite("CSV lists: quotes typed by hand")
struct CSVQuoteTests {
    static let header = "身份证号,姓名,备注\n"
    static let lastRows = "34052419800101001X,王五,\n440524188001010014,赵六,\n11010519491231002X,钱七,末行\n"

    func readAll(_ text: String, name: String = "名单.csv") throws -> [ListRow] {
        let directory = try ListDirectory()
        return try rows(of: try traineeList(try directory.write(name, text)))
    }

    /// Every block size, so that the quote falls on each side of every cut.
    func records(_ text: String, blockSizes: [Int] = Array(1...48) + [1 << 20]) throws -> [[RawRow]] {
        let directory = try ListDirectory()
        let url = try directory.write("blocks.csv", text)
        return try blockSizes.map { size in
            var rows: [RawRow] = []
            try CSVRowSource(url: url, delimiter: ",", file: "blocks.csv", copy: nil, blockSize: size).forEachRawRow { rows.append($0) }
            return rows
        }
    }

    @Test func aQuotedWordFollowedByTextIsReadAsExcelReadsItAndNoRowIsLost() throws {
        let text = Self.header + "440524188001010014,张三,\"重点\"对象\n11010519491231002X,\"李\"四,\n" + Self.lastRows
        let rows = try readAll(text)
        #expect(rows.map(\.number) == [2, 3, 4, 5, 6])
        #expect(rows.map { $0.text(.name) } == ["张三", "李四", "王五", "赵六", "钱七"])
        // Python's csv module: the quotes close the quoted part, the text after them is kept.
        #expect(rows[0].cells == ["440524188001010014", "张三", "重点对象"])
        #expect(rows[4].cells == ["11010519491231002X", "钱七", "末行"])
    }

    @Test func aQuoteInsideAnUnquotedCellIsAnOrdinaryCharacter() throws {
        let rows = try readAll(Self.header + "440524188001010014,张三,重点\"对象\n" + Self.lastRows)
        #expect(rows.map(\.number) == [2, 3, 4, 5])
        #expect(rows[0].cells[2] == "重点\"对象")
        #expect(rows.last?.text(.name) == "钱七")
    }

    @Test func moreQuotesAfterTheClosingOneAreKeptAsTyped() throws {
        // `"a"b"c"` reads as `ab"c"` in Python; a delimiter after the text ends the cell.
        let rows = try readAll(Self.header + "440524188001010014,张三,\"重点\"对象\"说明\",x\n" + Self.lastRows)
        #expect(rows.map(\.number) == [2, 3, 4, 5])
        #expect(rows[0].cells == ["440524188001010014", "张三", "重点对象\"说明\"", "x"])
    }

    @Test func aQuoteThatOpensACellAndIsNeverClosedRefusesTheFileAtItsLine() throws {
        let directory = try ListDirectory()
        let url = try directory.write("open.csv", Self.header + "440524188001010014,张三,\n11010519491231002X,李四,\"重点对象\n" + Self.lastRows)
        let error = intakeError(url, readRows: true)
        #expect(error?.line == 3)
        guard case .malformedCSV(let file, 3, _)? = error else {
            Issue.record("expected malformedCSV at line 3, got \(String(describing: error))")
            return
        }
        #expect(file == "open.csv")
        #expect(error?.chinese.contains("文件 open.csv 第 3 行 CSV 格式错误：本行有一个单元格以英文引号") == true)
        #expect(error?.english.contains("open.csv line 3 · malformed CSV: a quote opens a cell on this line") == true)
    }

    @Test func anUnclosedQuoteIsFoundWhereverTheBlocksAreCut() throws {
        let text = Self.header + "440524188001010014,张三,\n11010519491231002X,李四,\"重点对象\n" + Self.lastRows
        let directory = try ListDirectory()
        let url = try directory.write("blocks.csv", text)
        for size in Array(1...48) + [1 << 20] {
            #expect(throws: IntakeError.malformedCSV(file: "blocks.csv", line: 3, reason: CSVQuoteScreen.unclosedQuote)) {
                try CSVRowSource(url: url, delimiter: ",", file: "blocks.csv", copy: nil, blockSize: size).forEachRawRow { _ in }
            }
        }
    }

    @Test func aQuotedCellRunningOverLinesAndClosedBeforeTextRefusesTheFile() throws {
        // The stray quote of line 3 would swallow line 4 and end at the quoted name of line 5.
        let directory = try ListDirectory()
        let url = try directory.write("stray.csv", Self.header + "440524188001010014,张三,\n11010519491231002X,李四,\"重点\n"
            + "34052419800101001X,王五,\n440524188001010014,\"赵六\",\n")
        let error = intakeError(url, readRows: true)
        #expect(error == .malformedCSV(file: "stray.csv", line: 3, reason: CSVQuoteScreen.closedAfterLineBreak(closedOn: 5)))
        #expect(error?.english.contains("stray.csv line 3 · malformed CSV:") == true)
        #expect(error?.english.contains("line 5") == true)
    }

    @Test func aQuotedCellWithALineBreakAndAProperClosingQuoteIsOneCell() throws {
        let rows = try readAll(Self.header + "440524188001010014,张三,\"广州市\n天河区\"\n" + Self.lastRows)
        #expect(rows.map(\.number) == [2, 4, 5, 6])
        #expect(rows[0].cells[2] == "广州市\n天河区")
    }

    @Test func tabSeparatedListsFollowTheSameRules() throws {
        let rows = try readAll("身份证号\t姓名\t备注\n440524188001010014\t张三\t\"重点\"对象\n11010519491231002X\t李四\t\n", name: "tabs.txt")
        #expect(rows.map(\.number) == [2, 3])
        #expect(rows[0].cells == ["440524188001010014", "张三", "重点对象"])
    }

    @Test func theRecordsDoNotDependOnWhereTheBlocksAreCut() throws {
        let text = "\u{FEFF}" + Self.header + "1,\"重点\"对象,\"a\"b\"c\",d\r\n2,\"多\n行\"\"\",x\r\n3,重点\"对象,\"\"\n4,\"末\"尾"
        // As Python's csv module reads the same text.
        let expected: [(Int, [String])] = [
            (1, ["身份证号", "姓名", "备注"]),
            (2, ["1", "重点对象", "ab\"c\"", "d"]),
            (3, ["2", "多\n行\"", "x"]),
            (5, ["3", "重点\"对象", ""]),
            (6, ["4", "末尾"]),
        ]
        for (size, rows) in zip(Array(1...48) + [1 << 20], try records(text)) {
            #expect(rows.map(\.number) == expected.map(\.0), "block size \(size)")
            #expect(rows.map(\.cells) == expected.map(\.1), "block size \(size)")
        }
    }

    @Test func aFileWithoutQuotesIsHandedOverUnchanged() throws {
        let text = Array((Self.header + Self.lastRows).utf8)
        #expect(try CSVQuoteScreen.screen(text[...], delimiter: 0x2C, firstLine: 1, atEnd: true) == .unchanged)
    }
}
