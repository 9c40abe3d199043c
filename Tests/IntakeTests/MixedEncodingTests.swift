import Domain
import Foundation
import Testing
@testable import Intake

/// A list whose rows are not all in one encoding (a row pasted from Excel's plain "CSV" into a
/// UTF-8 list, or the reverse) is refused at the row that differs, never read as garbled names.
@Suite("Text lists: one encoding per file")
struct MixedEncodingTests {
    static let names = ["陈大文", "王小明", "李四", "赵六", "钱七", "孙丽娟", "周杰", "吴婷婷", "郑鑫", "欧阳娜娜"]

    /// The header and `count` data rows; row `line` (1-based, as the clerk sees it) is `odd`.
    func lines(count: Int) -> [String] {
        ["身份证号,姓名,手机号码"] + (0..<count).map { "440524188001010014,\(Self.names[$0 % Self.names.count]),13800138000" }
    }

    func bytes(_ lines: [String], in encoding: String, except oddLine: Int, in oddEncoding: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, line) in lines.enumerated() {
            let text = line + "\n"
            bytes += index + 1 == oddLine ? try encoded(text, as: oddEncoding) : try encoded(text, as: encoding)
        }
        return bytes
    }

    @Test(arguments: [2, 852])
    func aUTF8ListWithOneGB18030RowNamesThatRow(_ oddLine: Int) throws {
        let directory = try ListDirectory()
        let url = try directory.write("mixed.csv", bytes: try bytes(lines(count: 900), in: "UTF-8", except: oddLine, in: "GB18030"))
        let error = intakeError(url)
        #expect(error == .mixedTextEncoding(file: "mixed.csv", line: oddLine, fileEncoding: "UTF-8", lineEncoding: "GB18030"))
        #expect(error?.chinese.hasPrefix("文件 mixed.csv 第 \(oddLine) 行 本行的编码与文件其余各行不同：文件是 UTF-8 编码，"
            + "本行却是 GB18030（Excel 普通“CSV”格式）") == true)
        #expect(error?.english.hasPrefix("mixed.csv line \(oddLine) · this line is in another encoding than the rest of the file: "
            + "the file is UTF-8, this line is GB18030 (Excel's plain “CSV”)") == true)
    }

    @Test(arguments: [2, 852])
    func aGB18030ListWithOneUTF8RowNamesThatRow(_ oddLine: Int) throws {
        let directory = try ListDirectory()
        let url = try directory.write("mixed.csv", bytes: try bytes(lines(count: 900), in: "GB18030", except: oddLine, in: "UTF-8"))
        #expect(intakeError(url) == .mixedTextEncoding(file: "mixed.csv", line: oddLine, fileEncoding: "GB18030", lineEncoding: "UTF-8"))
    }

    /// A UTF-8 row whose bytes also pair into GB18030 characters: read as GB18030 张伟 would be
    /// 寮犱紵, which is what used to be imported.
    @Test func aUTF8RowThatIsAlsoValidGB18030IsStillFound() throws {
        let row = "440524188001010014,张伟,13800138000\n"
        #expect(try decoded(Array(row.utf8), from: "GB18030") == "440524188001010014,寮犱紵,13800138000\n")
        let directory = try ListDirectory()
        let url = try directory.write("pasted.csv", bytes: try encoded("身份证号,姓名,手机号码\n11010519491231002X,李四,13900139000\n", as: "GB18030")
            + Array(row.utf8))
        #expect(intakeError(url) == .mixedTextEncoding(file: "pasted.csv", line: 3, fileEncoding: "GB18030", lineEncoding: "UTF-8"))
    }

    /// With only a header and one row in each, the header decides: the row is the odd one out.
    @Test func aTieGoesToTheFirstLine() throws {
        let directory = try ListDirectory()
        let utf8Header = try directory.write("a.csv", bytes: try bytes(lines(count: 1), in: "UTF-8", except: 2, in: "GB18030"))
        #expect(intakeError(utf8Header)?.line == 2)
        let gbHeader = try directory.write("b.csv", bytes: try bytes(lines(count: 1), in: "GB18030", except: 2, in: "UTF-8"))
        #expect(intakeError(gbHeader) == .mixedTextEncoding(file: "b.csv", line: 2, fileEncoding: "GB18030", lineEncoding: "UTF-8"))
    }

    /// Short GB18030 rows are now and then valid UTF-8 by chance (王小明's row below is); they
    /// read as Latin or Cyrillic letters in UTF-8, not as Chinese, and stay GB18030 rows.
    @Test func aGenuineGB18030ListIsNotTakenForAMixedOne() throws {
        // Every character of GB2312's first level in some name, two or three to a name.
        var hanzi: [Character] = []
        for lead in UInt8(0xB0)...0xD7 {
            for trail in UInt8(0xA1)...0xFE where !(lead == 0xD7 && trail > 0xF9) {
                hanzi += try decoded([lead, trail], from: "GB18030")
            }
        }
        var text = "身份证号,姓名\n"
        var accidentallyUTF8 = 0
        var index = 0
        while index < hanzi.count {
            let length = index % 3 == 0 ? 3 : 2
            let row = "440524188001010014,\(String(hanzi[index..<min(index + length, hanzi.count)]))\n"
            if String(bytes: try encoded(row, as: "GB18030"), encoding: .utf8) != nil { accidentallyUTF8 += 1 }
            text += row
            index += length
        }
        #expect(accidentallyUTF8 > 10)
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("gb.csv", bytes: try encoded(text, as: "GB18030")))
        #expect(reader.formatDescription == "CSV GB18030")
        let names = try rows(of: reader).compactMap { $0.text(.name) }
        #expect(names.joined() == String(hanzi))
    }

    @Test func aFileMarkedUTF8WithAGB18030RowNamesTheRow() throws {
        let directory = try ListDirectory()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("身份证号,姓名\n440524188001010014,张三\n".utf8) + [0x31, 0x2C, 0xD5, 0xC5, 0x0A]
        #expect(intakeError(try directory.write("bom.csv", bytes: bytes))
            == .mixedTextEncoding(file: "bom.csv", line: 3, fileEncoding: "UTF-8", lineEncoding: "GB18030"))
    }

    @Test func aLineInNeitherEncodingIsSaidToBeSo() throws {
        let directory = try ListDirectory()
        let bytes = Array("身份证号,姓名\n440524188001010014,张三\n11010519491231002X,李四\n".utf8) + [0x31, 0x2C, 0xFF, 0x41, 0x0A]
        #expect(intakeError(try directory.write("bad.csv", bytes: bytes)) == .unknownTextEncoding(file: "bad.csv", line: 4))
    }

    /// A name decoding to a private-use character: what a file read in the wrong encoding gives.
    @Test func aNameDecodedToAPrivateUseCharacterIsRefusedAsAWrongEncoding() throws {
        let directory = try ListDirectory()
        // AA A1 is GB18030's user-defined area, U+E000.
        let bytes = try encoded("身份证号,姓名\n440524188001010014,张", as: "GB18030") + [0xAA, 0xA1, 0x0A]
        let reader = try traineeList(try directory.write("pua.csv", bytes: bytes))
        #expect(reader.formatDescription == "CSV GB18030")
        let row = try #require(try rows(of: reader).first)
        #expect(row.text(.name) == "张\u{E000}")
        let check = TraineeRowRules.check(row.fields, catalog: Catalog(), today: CivilDate(year: 2026, month: 3, day: 1)!)
        #expect(check.issues.map(\.field) == [.name])
        #expect(check.issues.first?.rule.english.hasPrefix("character 2 of the name is U+E000 (private-use character), which nobody types: "
            + "the file was most likely saved or read in the wrong encoding") == true)
    }

    @Test func theSurveySortsLinesByWhatTheyCanBe() throws {
        func verdict(_ bytes: [UInt8], byteOrderMark: Bool = false) throws -> TextEncodingSurvey.Verdict {
            let directory = try ListDirectory()
            return try TextEncodingSurvey.survey(try directory.write("x.csv", bytes: bytes)).verdict(byteOrderMark: byteOrderMark)
        }
        #expect(try verdict(Array("a,b\nc,d".utf8)) == .utf8)
        #expect(try verdict(Array("姓名\n张三".utf8)) == .utf8)
        #expect(try verdict(try encoded("姓名\n张三", as: "GB18030")) == .gb18030)
        // A sequence cut by the end of the line or the file is no character in either encoding.
        #expect(try verdict(Array("姓名\n".utf8) + [0x31, 0xE5, 0x0A] + Array("张三\n".utf8)) == .unknown(line: 2))
        // E5 BC is cut UTF-8 but whole GB18030 (寮).
        #expect(try verdict(Array("姓名\n".utf8) + [0xE5, 0xBC, 0x0A] + Array("张三\n".utf8))
            == .mixed(line: 2, fileEncoding: "UTF-8", lineEncoding: "GB18030"))
        #expect(try verdict(Array("姓名\n张三\n".utf8) + [0xD5]) == .unknown(line: 3))
    }
}
