/// A mainland China mobile number: 11 digits, a 1 and then 3-9.
public struct MobilePhone: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 11 digits, without prefix or separators.
    public let value: String

    private init(value: String) { self.value = value }

    /// Reads a number as typed or pasted: spaces and hyphens anywhere are ignored, and a `+86`
    /// or `86` country prefix is dropped, so `+86 138-0013-8000` becomes `13800138000`.
    public static func parse(_ text: String) throws(Rejection) -> MobilePhone {
        // The common case, 11 plain digits starting 13-19, needs none of the screening below.
        let bytes = text.utf8
        if bytes.count == 11, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
           bytes.first == 0x31, let second = bytes.dropFirst().first, second >= 0x33 {
            return MobilePhone(value: text)
        }
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw Rejection("手机号为空", "the mobile number is empty")
        }
        try HiddenCharacter.screen(trimmed, chineseSubject: "手机号", englishSubject: "mobile number")
        if InputScreening.looksLikeExcelScientificNotation(trimmed) {
            throw InputScreening.excelNumberRejection(chineseSubject: "手机号", englishSubject: "mobile number")
        }
        if let wide = InputScreening.firstFullWidthCharacter(in: trimmed) {
            throw InputScreening.fullWidthRejection(wide, chineseSubject: "手机号", englishSubject: "mobile number")
        }
        var digits = trimmed.filter { !$0.isWhitespace && $0 != "-" }
        if digits.hasPrefix("+86") {
            digits.removeFirst(3)
        } else if digits.hasPrefix("+") {
            throw Rejection(
                "只接受中国大陆手机号，国家代码应为 +86",
                "only mainland China mobile numbers are accepted; the country code must be +86")
        } else if digits.count == 13, digits.hasPrefix("86") {
            digits.removeFirst(2)
        }
        if let stray = digits.first(where: { !$0.isASCIIDigit }) {
            throw Rejection(
                "手机号含“\(stray)”，只能由数字组成（可带空格、连字符和 +86 前缀）",
                "the mobile number contains \"\(stray)\"; it may hold only digits, spaces, hyphens and a +86 prefix")
        }
        guard digits.count == 11 else {
            throw Rejection(
                "手机号为 \(digits.count) 位数字，应为 11 位",
                "the mobile number has \(digits.count) digits, 11 expected")
        }
        let characters = Array(digits)
        guard characters[0] == "1" else {
            throw Rejection("手机号应以 1 开头，实际以 \(characters[0]) 开头", "a mobile number starts with 1, found \(characters[0])")
        }
        guard ("3"..."9").contains(characters[1]) else {
            throw Rejection(
                "手机号第 2 位应为 3-9，实际为 \(characters[1])",
                "the second digit of a mobile number must be 3-9, found \(characters[1])")
        }
        return MobilePhone(value: digits)
    }

    /// `138****8000`.
    public var masked: String { Masking.phone(value) }

    public var description: String { value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try MobilePhone.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.english)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
