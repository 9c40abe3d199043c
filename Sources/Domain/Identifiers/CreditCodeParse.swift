/// What parsing a credit code yields: the code, and the doubts about it that do not justify
/// refusing it.
public struct CreditCodeParse: Hashable, Sendable {
    public let code: CreditCode
    /// Empty for a code that passes every check.
    public let warnings: [CreditCodeWarning]

    public init(code: CreditCode, warnings: [CreditCodeWarning]) {
        self.code = code
        self.warnings = warnings
    }
}
