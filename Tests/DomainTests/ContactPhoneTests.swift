import Testing
@testable import Domain

/// An institution's contact number: a mobile or a fixed line, as an office gives it.
@Suite("Contact phone numbers")
struct ContactPhoneTests {
    @Test("a mobile number is kept as its 11 digits", arguments: ["13800138000", "138-0013-8000", "+86 138 0013 8000", "(138)00138000"])
    func mobiles(_ text: String) throws {
        #expect(try ContactPhone.parse(text) == "13800138000")
    }

    @Test("a fixed line, a 400/800 number or a local number is kept as typed", arguments: [
        "0760-88881234", "020-12345678", "(020) 8888 1234", "076088881234", "0760-8888123", "0760-88881234 转 801",
        "020-12345678 ext. 12", "020-12345678x9", "400-123-4567", "800 123 4567", "88881234", "8888123", "+86 760 8888 1234",
    ])
    func fixedLines(_ text: String) throws {
        #expect(try ContactPhone.parse("  \(text) ") == text)
    }

    @Test("too few or too many digits are refused with the count", arguments: [
        ("123456", 6), ("0760-88881", 9), ("0760-888812345", 13), ("4001234567890", 13), ("888812345", 9),
    ])
    func wrongLengths(_ text: String, _ digits: Int) {
        #expect(throws: Rejection(
            "联系电话有 \(digits) 位数字，应为 11 位手机号、带区号的固定电话（如 0760-88881234）、400/800 电话或 7-8 位本地号码",
            "the contact phone has \(digits) digits: it must be an 11-digit mobile number, a fixed line with its area code "
                + "(e.g. 0760-88881234), a 400/800 number or a local number of 7-8 digits")) {
            try ContactPhone.parse(text)
        }
    }

    @Test func aNumberShapedLikeAMobileButNotOneSaysWhy() {
        #expect(throws: Rejection("手机号第 2 位应为 3-9，实际为 2", "the second digit of a mobile number must be 3-9, found 2")) {
            try ContactPhone.parse("12800138000")
        }
    }

    @Test("letters and other stray characters are named", arguments: [("电话0760-88881234", "电"), ("0760.8888.1234", "."), ("abc", "a")])
    func strayCharacters(_ text: String, _ stray: String) {
        #expect(throws: Rejection(
            "联系电话含“\(stray)”，只能由数字组成（可带空格、连字符、括号、+86 前缀和“转”分机号）",
            "the contact phone contains \"\(stray)\"; it may hold only digits, spaces, hyphens, brackets, a +86 prefix "
                + "and an extension after 转")) {
            try ContactPhone.parse(text)
        }
    }

    @Test func anExtensionIsOneToSixDigits() {
        #expect(throws: Rejection("联系电话的分机号“1234567”应为 1-6 位数字", "the extension \"1234567\" of the contact phone must be 1-6 digits")) {
            try ContactPhone.parse("0760-88881234 转 1234567")
        }
        #expect(throws: Rejection.self) { try ContactPhone.parse("0760-88881234 转") }
    }

    @Test func emptyHiddenFullWidthAndExcelNumbersAreRefusedAsForAMobile() {
        #expect(throws: Rejection("联系电话为空", "the contact phone is empty")) { try ContactPhone.parse(" ") }
        #expect { try ContactPhone.parse("0760-8888\u{200B}1234") } throws: { ($0 as? Rejection)?.chinese.contains("U+200B") == true }
        #expect { try ContactPhone.parse("０７６０－８８８８１２３４") } throws: { ($0 as? Rejection)?.chinese.contains("全角字符“０”") == true }
        #expect { try ContactPhone.parse("7.60889E+10") } throws: { ($0 as? Rejection)?.chinese.contains("科学计数法") == true }
    }

    @Test func theFieldIsLabelledAsAContactPhoneNotAMobile() {
        #expect(Field.contactPhone.labelZh == "联系电话" && Field.contactPhone.labelEn == "contact phone")
        #expect(Field.role.labelZh == "角色" && Field.role.labelEn == "role")
    }
}
