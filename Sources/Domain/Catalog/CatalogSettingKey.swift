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

    /// The values the key accepts; percentages are 1-100.
    public var allowedRange: ClosedRange<Int> {
        switch self {
        case .retainedPartMonths, .subsidyClaimWindowMonths: 1...120
        case .completionSharePercent, .apprenticeAdvancePercent: 1...100
        case .recheckWindowDays: 1...365
        case .apprenticeMaxYears, .apprenticeMinContractYears: 1...10
        }
    }

    /// The value a hand-made `Catalog` (tests, previews) falls back to when it carries no such
    /// setting. A catalog from `CatalogBuilder` always has every key, so real rules never see these.
    public var fallbackValue: Int {
        switch self {
        case .retainedPartMonths, .subsidyClaimWindowMonths: 12
        case .completionSharePercent: 80
        case .recheckWindowDays: 15
        case .apprenticeAdvancePercent: 50
        case .apprenticeMaxYears: 3
        case .apprenticeMinContractYears: 1
        }
    }

    /// Checks a value as written in `settings.csv`.
    public func parse(_ text: String) throws(Rejection) -> Int {
        try CatalogFieldParser.integer(text, in: allowedRange)
    }
}
