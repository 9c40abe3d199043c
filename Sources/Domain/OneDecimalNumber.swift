/// Reads a non-negative number with at most one decimal (`12`, `12.5`, `12.50`) into whole tenths,
/// as hours and exam scores are typed; each caller words the problems for its own subject.
enum OneDecimalNumber {
    enum Problem: Error, Equatable {
        case empty
        case fullWidth(Character)
        case negative
        case notANumber
        case tooManyDecimals
        /// More than `maximumWholeDigits` digits before the point.
        case tooLarge
    }

    /// Trailing zeros after the first decimal are accepted because they change nothing.
    static func tenths(_ text: String, maximumWholeDigits: Int) -> Result<Int, Problem> {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return .failure(.empty) }
        if let wide = InputScreening.firstFullWidthCharacter(in: trimmed) { return .failure(.fullWidth(wide)) }
        let parts = trimmed.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let wholePart = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        let isNumber = !wholePart.isEmpty && wholePart.allSatisfy(\.isASCIIDigit)
            && (parts.count == 1 || (!fraction.isEmpty && fraction.allSatisfy(\.isASCIIDigit)))
        guard isNumber else {
            if trimmed.hasPrefix("-"), case .success = tenths(String(trimmed.dropFirst()), maximumWholeDigits: maximumWholeDigits) {
                return .failure(.negative)
            }
            return .failure(.notANumber)
        }
        let significantFraction = fraction.reversed().drop { $0 == "0" }.reversed()
        guard significantFraction.count <= 1 else { return .failure(.tooManyDecimals) }
        guard wholePart.drop(while: { $0 == "0" }).count <= maximumWholeDigits, let whole = Int(wholePart) else {
            return .failure(.tooLarge)
        }
        return .success(whole * 10 + (significantFraction.first?.wholeNumberValue ?? 0))
    }
}
