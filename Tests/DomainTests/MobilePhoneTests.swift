import Foundation
import Testing
@testable import Domain

@Suite("Mobile phone numbers")
struct MobilePhoneTests {
    @Test("spaces, hyphens and the +86 or 86 prefix are dropped", arguments: [
        "13800138000", "138 0013 8000", "138-0013-8000", "+86 13800138000", "+86-138-0013-8000", "+8613800138000",
        "8613800138000", "86 138 0013 8000", " 13800138000\u{3000}",
    ])
    func normalises(_ text: String) throws {
        let phone = try MobilePhone.parse(text)
        #expect(phone.value == "13800138000")
        #expect(phone.description == "13800138000")
        #expect(phone.masked == "138****8000")
    }

    @Test("second digits 3 to 9 are all mobile", arguments: 3...9)
    func secondDigits(_ digit: Int) throws {
        #expect(try MobilePhone.parse("1\(digit)912345678").value == "1\(digit)912345678")
    }

    @Test func emptyIsRefused() {
        #expect(throws: Rejection("手机号为空", "the mobile number is empty")) { try MobilePhone.parse(" ") }
    }

    @Test("Excel's scientific notation is explained", arguments: ["1.38001E+10", "1.38001e+10", "1.3800138E10"])
    func excelNumber(_ text: String) {
        #expect(throws: Rejection(
            "手机号被 Excel 当作数字保存成了科学计数法，末几位已丢失、无法还原；请把该列设置为“文本”格式后重新录入",
            "Excel stored the mobile number as a number in scientific notation, so its last digits are lost "
                + "and cannot be recovered; format the column as text and enter the numbers again")) {
            try MobilePhone.parse(text)
        }
    }

    @Test func fullWidthDigitsAskForHalfWidthInput() {
        #expect(throws: Rejection(
            "手机号含全角字符“１”，请把输入法切换为半角后重新输入",
            "the mobile number contains the full-width character \"１\"; switch the input method to half-width and type it again")) {
            try MobilePhone.parse("１３８００１３８０００")
        }
    }

    @Test("other country codes are refused", arguments: ["+852 9123 4567", "+1 415 555 0100"])
    func otherCountries(_ text: String) {
        #expect(throws: Rejection(
            "只接受中国大陆手机号，国家代码应为 +86",
            "only mainland China mobile numbers are accepted; the country code must be +86")) {
            try MobilePhone.parse(text)
        }
    }

    @Test("stray characters are named", arguments: [("138O0138000", "O"), ("(138)00138000", "("), ("138.0013.8000", ".")])
    func strayCharacters(_ text: String, _ stray: String) {
        #expect(throws: Rejection(
            "手机号含“\(stray)”，只能由数字组成（可带空格、连字符和 +86 前缀）",
            "the mobile number contains \"\(stray)\"; it may hold only digits, spaces, hyphens and a +86 prefix")) {
            try MobilePhone.parse(text)
        }
    }

    @Test("a wrong digit count is counted", arguments: [
        ("1380013800", 10), ("138001380001", 12), ("0760-88881234", 12), ("+86 1380013800", 10), ("138", 3),
    ])
    func wrongLength(_ text: String, _ count: Int) {
        #expect(throws: Rejection("手机号为 \(count) 位数字，应为 11 位", "the mobile number has \(count) digits, 11 expected")) {
            try MobilePhone.parse(text)
        }
    }

    @Test("a mobile number starts with 1", arguments: [("23800138000", "2"), ("86123456789", "8"), ("07608888123", "0")])
    func firstDigit(_ text: String, _ first: String) {
        #expect(throws: Rejection("手机号应以 1 开头，实际以 \(first) 开头", "a mobile number starts with 1, found \(first)")) {
            try MobilePhone.parse(text)
        }
    }

    @Test("the second digit is 3 to 9", arguments: ["0", "1", "2"])
    func secondDigit(_ second: String) {
        #expect(throws: Rejection(
            "手机号第 2 位应为 3-9，实际为 \(second)",
            "the second digit of a mobile number must be 3-9, found \(second)")) {
            try MobilePhone.parse("1\(second)800138000")
        }
    }

    @Test func encodesAsTheElevenDigits() throws {
        let phone = try MobilePhone.parse("+86 138-0013-8000")
        let data = try JSONEncoder().encode([phone])
        #expect(String(decoding: data, as: UTF8.self) == #"["13800138000"]"#)
        #expect(try JSONDecoder().decode([MobilePhone].self, from: data) == [phone])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([MobilePhone].self, from: Data(#"["12800138000"]"#.utf8)) }
    }
}
