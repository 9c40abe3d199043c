/// A doubt about an accepted credit code, in both languages, for the user to check against the
/// organisation's business licence.
public enum CreditCodeWarning: Hashable, Sendable, CustomStringConvertible {
    /// Some early pilot codes are genuine but fail the GB 32100 check, so this is not a refusal.
    case checkCharacterMismatch(expected: Character, found: Character)

    public var chinese: String {
        switch self {
        case let .checkCharacterMismatch(expected, found):
            "统一社会信用代码校验位应为 \(expected)，实际为 \(found)；部分早期试点代码真实有效但校验不通过，已按原样接受，请与营业执照核对"
        }
    }

    public var english: String {
        switch self {
        case let .checkCharacterMismatch(expected, found):
            "the unified social credit code's check character should be \(expected), found \(found); "
                + "some early pilot codes are genuine yet fail the check, so it was accepted as it is: "
                + "compare it with the business licence"
        }
    }

    public var description: String { "\(chinese)\n\(english)" }
}
