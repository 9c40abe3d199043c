import Domain
import Testing

/// Characters nobody can see, pasted with a name or a number from a web page or a chat, are
/// refused with their code, a short name and their position, wherever a name, ID or phone is read.
@Suite("Hidden characters in names, IDs and phones")
struct HiddenCharacterTests {
    let today = CivilDate(year: 2026, month: 3, day: 1)!
    let catalog = CatalogFixture.good.build().catalog!

    func nameIssue(_ name: String) -> ListFieldIssue? {
        let check = TraineeRowRules.check([.nationalId: CellText("440524188001010014"), .name: CellText(name)],
                                          catalog: catalog, today: today)
        #expect(check.candidate == nil, "\(name.unicodeScalars.map { String($0.value, radix: 16) }) was accepted")
        #expect(check.issues.count == 1)
        return check.issues.first
    }

    static let invisible: [(scalar: UInt32, code: String, english: String)] = [
        (0x200B, "U+200B", "zero width space"),
        (0x200C, "U+200C", "zero width non-joiner"),
        (0x200D, "U+200D", "zero width joiner"),
        (0x200E, "U+200E", "left-to-right mark"),
        (0x200F, "U+200F", "right-to-left mark"),
        (0xFEFF, "U+FEFF", "byte order mark / zero width no-break space"),
        (0x00AD, "U+00AD", "soft hyphen"),
        (0x202A, "U+202A", "left-to-right embedding"),
        (0x202E, "U+202E", "right-to-left override"),
        (0x2066, "U+2066", "left-to-right isolate"),
        (0x2069, "U+2069", "pop directional isolate"),
        (0x2060, "U+2060", "word joiner"),
        (0x2028, "U+2028", "line separator"),
        (0x180E, "U+180E", "Mongolian vowel separator"),
        (0x3164, "U+3164", "Hangul filler"),
        (0xFE0F, "U+FE0F", "variation selector"),
        (0x0009, "U+0009", "tab"),
        (0x000A, "U+000A", "line feed"),
        (0x0085, "U+0085", "control character"),
        (0xE0041, "U+E0041", "format character"),
    ]

    @Test(arguments: invisible)
    func anInvisibleCharacterInANameIsNamedWithItsPosition(_ hidden: (scalar: UInt32, code: String, english: String)) throws {
        let name = "张" + String(Unicode.Scalar(hidden.scalar)!) + "三"
        let issue = try #require(nameIssue(name))
        #expect(issue.field == .name)
        #expect(issue.value == name)
        #expect(issue.rule.english.hasPrefix("character 2 of the name is the invisible character \(hidden.code) (\(hidden.english)"),
                "\(issue.rule.english)")
        #expect(issue.rule.chinese.hasPrefix("姓名第 2 个字符是看不见的字符 \(hidden.code)（"), "\(issue.rule.chinese)")
    }

    @Test func theMessageForALineBreakSaysWhereItComesFrom() throws {
        let issue = try #require(nameIssue("张\n三"))
        #expect(issue.rule == Rejection(
            "姓名第 2 个字符是看不见的字符 U+000A（换行符，常见于单元格内换行），请删除后重新输入",
            "character 2 of the name is the invisible character U+000A (line feed: often a line break inside the cell); "
                + "delete it and type the value again"))
    }

    @Test func thePositionCountsCharactersOfTheTrimmedNameNotBytesOrGlyphs() throws {
        // 𠈌 is one character (four UTF-8 bytes, two UTF-16 units); the ZWJ would fuse into the
        // glyph before it, yet is counted on its own.
        #expect(try #require(nameIssue(" 王𠈌\u{200D}")).rule.english.hasPrefix("character 3 of the name"))
        #expect(try #require(nameIssue("\u{FEFF}王五")).rule.english.hasPrefix("character 1 of the name is the invisible character U+FEFF"))
    }

    @Test func privateUseAndReplacementCharactersAreTakenForAWrongEncoding() throws {
        for (scalar, code) in [(0xE5E5, "U+E5E5"), (0xFFFD, "U+FFFD"), (0xF0001, "U+F0001")] as [(UInt32, String)] {
            let issue = try #require(nameIssue("李" + String(Unicode.Scalar(scalar)!)))
            #expect(issue.rule.english.hasPrefix("character 2 of the name is \(code) ("), "\(issue.rule.english)")
            #expect(issue.rule.english.contains("the file was most likely saved or read in the wrong encoding"))
            #expect(issue.rule.chinese.contains("很可能是文件以错误的编码保存或读取"))
        }
    }

    @Test func visibleNamesOfEveryKindAreStillAccepted() {
        for name in ["王𠈌", "阿依古丽·买买提", "Maria José", "Jose\u{301}", "O'Brien-Smith", "张 三", "欧阳娜娜", "𪚥"] {
            let check = TraineeRowRules.check([.nationalId: CellText("440524188001010014"), .name: CellText(name)],
                                              catalog: catalog, today: today)
            #expect(check.isValid, "\(name): \(check.issues)")
        }
    }

    @Test func anIDWithAHiddenCharacterSaysSoInsteadOfNineteenCharacters() {
        #expect(throws: Rejection(
            "身份证号第 19 个字符是看不见的字符 U+200B（零宽空格，常随从网页或聊天软件复制的文字带入），请删除后重新输入",
            "character 19 of the national ID is the invisible character U+200B (zero width space: "
                + "it comes with text copied from web pages and chat messages); delete it and type the value again")) {
            try NationalID.parse("440524188001010014\u{200B}", today: today)
        }
        #expect(throws: Rejection.self) { try NationalID.parse("\u{202D}440524188001010014", today: today) }
        do {
            _ = try NationalID.parse("44052418800\u{FEFF}1010014", today: today)
        } catch {
            #expect(error.english.hasPrefix("character 12 of the national ID is the invisible character U+FEFF"))
        }
        // Surrounding spaces and tabs are still ignored.
        #expect((try? NationalID.parse("\t440524188001010014 ", today: today))?.value == "440524188001010014")
    }

    @Test func aPhoneAndACreditCodeWithAHiddenCharacterSaySo() {
        do {
            _ = try MobilePhone.parse("138\u{200B}0013 8000")
            Issue.record("accepted")
        } catch {
            #expect(error.english.hasPrefix("character 4 of the mobile number is the invisible character U+200B (zero width space"))
        }
        do {
            _ = try CreditCode.parse("91440101MA5CJQ4N59\u{2060}")
            Issue.record("accepted")
        } catch {
            #expect(error.english.hasPrefix("character 19 of the unified social credit code is the invisible character U+2060 (word joiner"))
        }
    }

    @Test func anAttendanceRowWithAHiddenCharacterInItsIDIsRefused() throws {
        let check = AttendanceRowRules.check([.nationalId: CellText("440524188001010014\u{200C}"), .hours: CellText("12")], today: today)
        #expect(check.entry == nil)
        #expect(check.issues.map(\.field) == [.nationalId])
        #expect(check.issues.first?.rule.english.contains("U+200C (zero width non-joiner") == true)
    }

    @Test func theScreenReportsTheFirstHiddenCharacter() throws {
        #expect(HiddenCharacter.first(in: "张三") == nil)
        #expect(HiddenCharacter.first(in: "") == nil)
        let found = try #require(HiddenCharacter.first(in: "a\u{202E}b\u{200B}"))
        #expect(found.position == 2 && found.code == "U+202E" && found.name == ("从右到左覆盖", "right-to-left override"))
    }
}
