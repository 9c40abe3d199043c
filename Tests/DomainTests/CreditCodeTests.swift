import Foundation
import Testing
@testable import Domain

@Suite("Unified social credit code (统一社会信用代码)")
struct CreditCodeTests {
    @Test("the DOMAIN.md vectors pass without warnings", arguments: [
        ("91350100M000100Y43", "350100"), ("91440101MA5CJQ4N59", "440101"),
    ])
    func validVectors(_ text: String, _ region: String) throws {
        let parsed = try CreditCode.parse(text)
        #expect(parsed.warnings.isEmpty)
        #expect(parsed.code.value == text)
        #expect(parsed.code.description == text)
        #expect(parsed.code.hasValidCheckCharacter)
        #expect(parsed.code.registrationAuthorityCode == "9")
        #expect(parsed.code.registrationAuthorityName == "工商")
        #expect(parsed.code.regionCode == region)
    }

    @Test func lowerCaseIsTakenAsUpperCaseWithoutWarning() throws {
        let parsed = try CreditCode.parse("91440101ma5cjq4n59")
        #expect(parsed.code.value == "91440101MA5CJQ4N59")
        #expect(parsed.warnings.isEmpty)
    }

    @Test func surroundingWhitespaceIsIgnored() throws {
        #expect(try CreditCode.parse("\u{3000} 91350100M000100Y43\t").code.value == "91350100M000100Y43")
    }

    @Test func aFailedCheckIsAcceptedWithAWarning() throws {
        let parsed = try CreditCode.parse("91440101MA5CJQ4N58")
        #expect(parsed.code.value == "91440101MA5CJQ4N58")
        #expect(parsed.warnings == [.checkCharacterMismatch(expected: "9", found: "8")])
        #expect(!parsed.code.hasValidCheckCharacter)
        #expect(parsed.code.expectedCheckCharacter == "9")
        let warning = try #require(parsed.warnings.first)
        #expect(warning.chinese
            == "统一社会信用代码校验位应为 9，实际为 8；部分早期试点代码真实有效但校验不通过，已按原样接受，请与营业执照核对")
        #expect(warning.english
            == "the unified social credit code's check character should be 9, found 8; some early pilot codes are genuine "
                + "yet fail the check, so it was accepted as it is: compare it with the business licence")
        #expect(warning.description == warning.chinese + "\n" + warning.english)
    }

    @Test func emptyIsRefused() {
        #expect(throws: Rejection("统一社会信用代码为空", "the unified social credit code is empty")) {
            try CreditCode.parse("  ")
        }
    }

    @Test("a wrong length is counted", arguments: [("91440101MA5CJQ4N5", 17), ("91440101MA5CJQ4N590", 19), ("9", 1)])
    func wrongLength(_ text: String, _ count: Int) {
        #expect(throws: Rejection(
            "统一社会信用代码长度为 \(count) 位，应为 18 位",
            "the unified social credit code has \(count) characters, 18 expected")) {
            try CreditCode.parse(text)
        }
    }

    @Test("I O S V Z are named with their position", arguments: ["I", "O", "S", "V", "Z", "i", "o"])
    func neverUsedLetters(_ letter: String) {
        let upper = letter.uppercased()
        #expect(throws: Rejection(
            "统一社会信用代码第 16 位为字母 \(upper)；统一社会信用代码不使用 I、O、S、V、Z",
            "character 16 of the unified social credit code is the letter \(upper); credit codes never use I, O, S, V or Z")) {
            try CreditCode.parse("91440101MA5CJQ4\(letter)59")
        }
    }

    @Test("other characters are named with their position", arguments: [
        ("91440101-A5CJQ4N59", 9, "-"), ("914401.1MA5CJQ4N59", 7, "."), ("91440101MA5CJQ4N5广", 18, "广"),
    ])
    func otherCharacters(_ text: String, _ position: Int, _ character: String) {
        #expect(throws: Rejection(
            "统一社会信用代码第 \(position) 位为“\(character)”，只能是数字或大写字母（不含 I、O、S、V、Z）",
            "character \(position) of the unified social credit code is \"\(character)\"; "
                + "only digits and capital letters other than I, O, S, V and Z are allowed")) {
            try CreditCode.parse(text)
        }
    }

    @Test func fullWidthAsksForHalfWidthInput() {
        #expect(throws: Rejection(
            "统一社会信用代码含全角字符“１”，请把输入法切换为半角后重新输入",
            "the unified social credit code contains the full-width character \"１\"; "
                + "switch the input method to half-width and type it again")) {
            try CreditCode.parse("9144010１MA5CJQ4N59")
        }
    }

    @Test("registration authorities", arguments: [
        ("124400007254567X6B", "1", "机构编制"), ("514401005000006XXT", "5", "民政"),
        ("Y1440101MA5CJQ4NPB", "Y", "其他"), ("214401005000006XXX", "2", nil),
    ] as [(String, Character, String?)])
    func registrationAuthorities(_ text: String, _ code: Character, _ name: String?) throws {
        let parsed = try CreditCode.parse(text)
        #expect(parsed.warnings.isEmpty)
        #expect(parsed.code.registrationAuthorityCode == code)
        #expect(parsed.code.registrationAuthorityName == name)
    }

    @Test func encodesAsTheCodeAndDecodesBackEvenWhenTheCheckFails() throws {
        let codes = [try CreditCode.parse("91440101MA5CJQ4N59").code, try CreditCode.parse("91440101MA5CJQ4N58").code]
        let data = try JSONEncoder().encode(codes)
        #expect(String(decoding: data, as: UTF8.self) == #"["91440101MA5CJQ4N59","91440101MA5CJQ4N58"]"#)
        #expect(try JSONDecoder().decode([CreditCode].self, from: data) == codes)
    }

    @Test func decodingRefusesAForbiddenLetter() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CreditCode].self, from: Data(#"["91440101MA5CJQ4I59"]"#.utf8))
        }
    }
}
