/// The settings a catalog must define in `settings.csv`, each with the check its value must pass.
///
/// The keys are fixed in code because rules read them by name; an unknown key in the file is
/// refused so that a misspelt key cannot silently leave a rule on its fallback value.
public enum CatalogSettingKey: String, CaseIterable, Sendable {
    /// Months a passed exam part is kept while the candidate retakes a failed one (补考).
    case retainedPartMonths = "retained_part_months"
    /// Months after a certificate's issue within which the training subsidy (以证定补) must be claimed.
    case subsidyClaimWindowMonths = "subsidy_claim_window_months"
    /// Share of planned class hours a trainee must attend to complete (结业).
    case completionSharePercent = "completion_share_percent"
    /// Days after results are published within which a candidate may ask for a re-check.
    case recheckWindowDays = "recheck_window_days"
    /// Share of the apprentice subsidy paid in advance once the apprenticeship is filed (备案).
    case apprenticeAdvancePercent = "apprentice_advance_percent"
    /// Longest apprenticeship, in years.
    case apprenticeMaxYears = "apprentice_max_years"
    /// Shortest labour contract an apprentice must have, in years.
    case apprenticeMinContractYears = "apprentice_min_contract_years"
    /// How special-ability certificates are numbered (a `SpecialAbilityNumberPattern`).
    case specialAbilityNumberPattern = "special_ability_number_pattern"
    /// Minutes a web session may stay unused before its user must sign in again.
    case sessionIdleMinutes = "session_idle_minutes"

    /// The whole numbers the key accepts (percentages are 1-100); nil for the numbering pattern.
    public var allowedRange: ClosedRange<Int>? {
        switch self {
        case .retainedPartMonths, .subsidyClaimWindowMonths: 1...120
        case .completionSharePercent, .apprenticeAdvancePercent: 1...100
        case .recheckWindowDays: 1...365
        case .apprenticeMaxYears, .apprenticeMinContractYears: 1...10
        case .sessionIdleMinutes: 5...480
        case .specialAbilityNumberPattern: nil
        }
    }

    /// The value a hand-made `Catalog` (tests, previews) falls back to when it carries no such
    /// setting, and a database loaded before the key existed until its next `catalog sync`. A
    /// catalog from `CatalogBuilder` always has every key.
    public var fallbackText: String {
        switch self {
        case .retainedPartMonths, .subsidyClaimWindowMonths: "12"
        case .completionSharePercent: "80"
        case .recheckWindowDays: "15"
        case .apprenticeAdvancePercent: "50"
        case .apprenticeMaxYears: "3"
        case .apprenticeMinContractYears: "1"
        case .specialAbilityNumberPattern: "{issuer}{yy}Z{serial:6}"
        case .sessionIdleMinutes: "30"
        }
    }

    /// Checks a value as written in `settings.csv`.
    public func validate(_ text: String) throws(Rejection) {
        if let allowedRange {
            _ = try CatalogFieldParser.integer(text, in: allowedRange)
        } else {
            _ = try SpecialAbilityNumberPattern.parse(text)
        }
    }

    /// A whole-number setting's value; the pattern key has none.
    public func parse(_ text: String) throws(Rejection) -> Int {
        guard let allowedRange else { throw Rejection("该设置项不是整数", "this setting is not a whole number") }
        return try CatalogFieldParser.integer(text, in: allowedRange)
    }
}
