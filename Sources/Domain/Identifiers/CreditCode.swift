/// A unified social credit code (统一社会信用代码, GB 32100-2015): the identifier of an enterprise
/// or other organisation, e.g. the employer in an apprenticeship.
///
/// A code whose check character is wrong can still be genuine (some early pilot codes fail the
/// check), so it is accepted with a warning instead of being refused; `hasValidCheckCharacter`
/// keeps saying so afterwards.
public struct CreditCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 18 characters, upper-case.
    public let value: String

    private init(value: String) { self.value = value }

    /// The 31 characters a code may use, in the order of their values 0-30: I, O, S, V and Z
    /// are left out so they cannot be mistaken for 1, 0, 5, U and 2.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    private static let neverUsed: Set<Character> = ["I", "O", "S", "V", "Z"]

    /// Reads a code as typed or pasted. Surrounding whitespace is ignored and lower-case letters
    /// are taken as upper-case without comment (that is only how it was typed); a wrong length or a
    /// character outside the alphabet is refused, a wrong check character only warned about.
    public static func parse(_ text: String) throws(Rejection) -> CreditCodeParse {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw Rejection("统一社会信用代码为空", "the unified social credit code is empty")
        }
        try HiddenCharacter.screen(trimmed, chineseSubject: "统一社会信用代码", englishSubject: "unified social credit code")
        if let wide = InputScreening.firstFullWidthCharacter(in: trimmed) {
            throw InputScreening.fullWidthRejection(
                wide, chineseSubject: "统一社会信用代码", englishSubject: "unified social credit code")
        }
        // Only ASCII letters are folded: String.uppercased() would also turn "ß" into "SS".
        let characters: [Character] = trimmed.map { ("a"..."z").contains($0) ? Character($0.uppercased()) : $0 }
        guard characters.count == 18 else {
            throw Rejection(
                "统一社会信用代码长度为 \(characters.count) 位，应为 18 位",
                "the unified social credit code has \(characters.count) characters, 18 expected")
        }
        for (offset, character) in characters.enumerated() where !alphabet.contains(character) {
            if neverUsed.contains(character) {
                throw Rejection(
                    "统一社会信用代码第 \(offset + 1) 位为字母 \(character)；统一社会信用代码不使用 I、O、S、V、Z",
                    "character \(offset + 1) of the unified social credit code is the letter \(character); "
                        + "credit codes never use I, O, S, V or Z")
            }
            throw Rejection(
                "统一社会信用代码第 \(offset + 1) 位为“\(character)”，只能是数字或大写字母（不含 I、O、S、V、Z）",
                "character \(offset + 1) of the unified social credit code is \"\(character)\"; "
                    + "only digits and capital letters other than I, O, S, V and Z are allowed")
        }
        let code = CreditCode(value: String(characters))
        let expected = code.expectedCheckCharacter
        let found = characters[17]
        let warnings: [CreditCodeWarning] =
            found == expected ? [] : [.checkCharacterMismatch(expected: expected, found: found)]
        return CreditCodeParse(code: code, warnings: warnings)
    }

    /// The character of value `(31 - Σ value × weight mod 31) mod 31` over the first 17.
    public var expectedCheckCharacter: Character {
        let values = value.prefix(17).map { CreditCode.alphabet.firstIndex(of: $0)! }
        let sum = zip(values, CreditCode.weights).reduce(0) { $0 + $1.0 * $1.1 }
        return CreditCode.alphabet[(31 - sum % 31) % 31]
    }

    public var hasValidCheckCharacter: Bool { value.last == expectedCheckCharacter }

    /// Character 1: the registration authority (登记管理部门), e.g. `9` for 工商.
    public var registrationAuthorityCode: Character { value.first! }

    /// `机构编制`, `民政`, `工商` or `其他` for 1, 5, 9 and Y; nil for the codes GB 32100 leaves to
    /// later assignment, whose names we have not confirmed.
    public var registrationAuthorityName: String? {
        switch registrationAuthorityCode {
        case "1": "机构编制"
        case "5": "民政"
        case "9": "工商"
        case "Y": "其他"
        default: nil
        }
    }

    /// Characters 3-8: the area code (GB/T 2260) of the registering authority, e.g. `440101`.
    public var regionCode: String { String(value.dropFirst(2).prefix(6)) }

    public var description: String { value }

    /// Decoding accepts what parsing accepts, check-character mismatches included.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CreditCode.parse(text).code
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.english)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
