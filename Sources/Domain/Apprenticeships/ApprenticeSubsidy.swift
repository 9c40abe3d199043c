/// The apprenticeship subsidy of DOMAIN.md: a yearly rate for the target level, paid pro rata for
/// the whole months trained; an advance share of the planned amount on filing (备案), the rest on
/// completion with a certificate. A terminated apprenticeship earns only the months trained, and
/// an advance beyond that is owed back. All in integer fen: a month's share is rounded down to the
/// fen, so that no sum of parts exceeds the yearly rate.
public struct ApprenticeSubsidy: Hashable, Sendable {
    public let yearlyRate: Money
    /// The share of the planned amount paid in advance, 1-100.
    public let advancePercent: Int

    public init(yearlyRate: Money, advancePercent: Int) {
        self.yearlyRate = yearlyRate
        self.advancePercent = advancePercent
    }

    /// Whole months from `start` to `end`: a month counts once its monthly anniversary is
    /// reached (2026-01-31 → 2026-02-28 is one month, month ends being clamped), so the months of
    /// an apprenticeship that crosses a year end count like any others.
    public static func wholeMonths(from start: CivilDate, to end: CivilDate) -> Int {
        guard start < end else { return 0 }
        var months = (end.year - start.year) * 12 + (end.month - start.month)
        if start.adding(months: months) > end { months -= 1 }
        return max(0, months)
    }

    /// What `months` of training earn: the yearly rate times months over twelve, down to the fen.
    public func earned(months: Int) -> Money {
        Money(fen: yearlyRate.fen * Int64(max(0, months)) / 12)
    }

    /// The advance paid on filing: the share of what the planned months would earn.
    public func advance(plannedMonths: Int) -> Money {
        Money(fen: earned(months: plannedMonths).fen * Int64(advancePercent) / 100)
    }

    /// How the money stands when the apprenticeship ends after `monthsTrained`, with `advancePaid`
    /// already paid: the remainder due (completion with a certificate) or owed back (termination).
    public func settlement(monthsTrained: Int, advancePaid: Money, completedWithCertificate: Bool) -> (due: Money, owedBack: Money) {
        let earned = earned(months: monthsTrained)
        if completedWithCertificate {
            return (Money(fen: max(0, earned.fen - advancePaid.fen)), Money(fen: max(0, advancePaid.fen - earned.fen)))
        }
        // Without a certificate nothing beyond the advance is paid, and the advance is kept only
        // as far as the months trained earned it.
        return (.zero, Money(fen: max(0, advancePaid.fen - earned.fen)))
    }
}
