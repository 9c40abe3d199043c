/// A certificate number as typed for verification (`cert verify`): a national 22-character
/// number (`CertificateNumber`) or a number of the catalog's special-ability pattern, which has
/// its own scheme. Anything else is refused saying what is wrong with it, so that a typing
/// mistake is not answered "no such certificate".
public enum VerifiableCertificateNumber: Equatable, Hashable, Sendable {
    case national(CertificateNumber)
    /// The number in canonical form (upper case), as the special-ability certificate carries it.
    case specialAbility(String)

    /// The number as stored and printed.
    public var formatted: String {
        switch self {
        case .national(let number): number.formatted
        case .specialAbility(let number): number
        }
    }

    /// Reads `text`, trimmed and in any case. A number of `specialAbilityPattern` (with one of
    /// `itemCodes` where the pattern has `{item}`) is taken as it is; otherwise the national rules
    /// decide, and their refusal names the first wrong position, the length or the level digit,
    /// adding that the number does not follow the special-ability pattern either.
    public static func parse(_ text: String, specialAbilityPattern: SpecialAbilityNumberPattern?,
                             itemCodes: Set<String>) throws(Rejection) -> VerifiableCertificateNumber {
        let canonical = text.trimmingWhitespace().uppercased()
        guard !canonical.isEmpty else { throw Rejection("证书编号为空", "the certificate number is empty") }
        if let specialAbilityPattern, specialAbilityPattern.matches(canonical, itemCodes: itemCodes) {
            return .specialAbility(canonical)
        }
        do {
            return .national(try CertificateNumber.parse(text))
        } catch {
            guard let specialAbilityPattern else { throw error }
            throw Rejection(error.chinese + "；也不符合专项职业能力证书的编号规则 \(specialAbilityPattern)",
                            error.english + "; nor does it follow the special-ability numbering \(specialAbilityPattern)")
        }
    }
}
