import Domain
import Testing

/// A number typed for verification is either a national 22-character number or a number of the
/// catalog's special-ability pattern; anything else is refused saying what is wrong with it.
@Suite("Certificate numbers typed for verification")
struct VerifiableCertificateNumberTests {
    static let defaultPattern = try! SpecialAbilityNumberPattern.parse("{issuer}{yy}Z{serial:6}")
    static let items: Set<String> = ["YC01", "YC10"]

    func parse(_ text: String, pattern: SpecialAbilityNumberPattern = defaultPattern) throws(Rejection) -> VerifiableCertificateNumber {
        try VerifiableCertificateNumber.parse(text, specialAbilityPattern: pattern, itemCodes: Self.items)
    }

    static let neither = Rejection("；也不符合专项职业能力证书的编号规则 {issuer}{yy}Z{serial:6}",
                                   "; nor does it follow the special-ability numbering {issuer}{yy}Z{serial:6}")

    func refusal(_ national: Rejection) -> Rejection {
        Rejection(national.chinese + Self.neither.chinese, national.english + Self.neither.english)
    }

    @Test func aNationalNumberIsParsedWithItsParts() throws {
        guard case .national(let number) = try parse(" s000044000123265000001 ") else {
            Issue.record("not national")
            return
        }
        #expect(number.formatted == "S000044000123265000001" && number.level == .level5 && number.year == 2026)
    }

    @Test func aSpecialAbilityNumberOfThePatternIsAcceptedAsIs() throws {
        #expect(try parse("S00004400012326Z000001") == .specialAbility("S00004400012326Z000001"))
        #expect(try parse("s00004400012326z000001") == .specialAbility("S00004400012326Z000001"))
        let itemPattern = try SpecialAbilityNumberPattern.parse("{issuer}-{item}-{yyyy}-{serial:4}")
        #expect(try parse("Y000144000001-YC10-2026-0007", pattern: itemPattern) == .specialAbility("Y000144000001-YC10-2026-0007"))
    }

    @Test func aWrongLengthIsCounted() {
        #expect(throws: refusal(Rejection("证书编号长度为 21 位，应为 22 位（1 个字母加 21 位数字）",
                                          "the certificate number has 21 characters, 22 expected (a letter and 21 digits)"))) {
            try parse("S00004400012326500000")
        }
    }

    @Test func aWrongCharacterIsNamedWithItsPosition() {
        #expect(throws: refusal(Rejection("证书编号第 22 位为“O”，第 2-22 位应为数字",
                                          "character 22 of the certificate number is \"O\"; characters 2-22 must be digits"))) {
            try parse("S00004400012326500000O")
        }
        #expect(throws: refusal(Rejection(
            "证书编号第 1 位为“X”，应为 Y（用人单位）或 S（社会培训评价组织）",
            "character 1 of the certificate number is \"X\"; it must be Y (employer) or S (social training and evaluation organisation)"))) {
            try parse("X000044000123265000001")
        }
    }

    @Test func aLevelDigitOutsideOneToFiveIsNamed() {
        #expect(throws: refusal(Rejection("证书编号第 16 位等级为“7”，应为 1-5",
                                          "character 16 of the certificate number, the level, is \"7\"; it must be 1-5"))) {
            try parse("S000044000123267000001")
        }
    }

    @Test func aSpecialAbilityLookalikeWithABrokenIssuerItemOrSerialIsRefused() {
        // Province 99 is no province: neither a national nor a special-ability number.
        #expect(throws: Rejection.self) { try parse("S00009900012326Z000001") }
        // Serial 000000 is never given.
        #expect(throws: Rejection.self) { try parse("S00004400012326Z000000") }
        let itemPattern = try! SpecialAbilityNumberPattern.parse("{issuer}-{item}-{yyyy}-{serial:4}")
        #expect(throws: Rejection.self) { try parse("Y000144000001-YC99-2026-0007", pattern: itemPattern) }
        #expect(throws: Rejection.self) { try parse("Y000144000001-YC10-26-0007", pattern: itemPattern) }
    }

    @Test func anEmptyNumberIsRefusedAsEmpty() {
        #expect(throws: Rejection("证书编号为空", "the certificate number is empty")) { try parse("  ") }
    }
}
