import Foundation
import Domain
import Reports
import Store

/// The workbooks of apprenticeships: the roster (学徒花名册), the bureau's filing list (备案名单)
/// and an enterprise's subsidy claim. IDs masked unless asked for whole with a reason, which is
/// then recorded.
public struct ApprenticeReports: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Writes the roster of the apprenticeships `actor` may see, only `enterprise`'s when given.
    public func roster(actor: User, enterprise: Enterprise? = nil, disclosure: Disclosure = .masked,
                       to destination: ReportDestination) throws -> WrittenWorkbook {
        let shown = try disclosure.checked()
        let lines = try store.apprenticeships(ApprenticeshipFilter(enterpriseId: enterprise?.id), actor: actor)
        try shown.record(lines.map(\.apprenticeship.personId), in: store, actor: actor)
        let url = try destination()
        try ApprenticeWorkbooks.writeRoster(lines, title: enterprise?.name ?? "", unmasked: shown.unmasked, to: url)
        return WrittenWorkbook(file: url, lines: lines.count)
    }

    /// Writes the filing list of the apprenticeships filed in `period`, titled with
    /// `periodLabel` (the period as the user wrote it, e.g. `2026Q4`).
    public func filingList(actor: User, period: Period, periodLabel: String, disclosure: Disclosure = .masked,
                           to destination: ReportDestination) throws -> WrittenWorkbook {
        let shown = try disclosure.checked()
        let lines = try store.apprenticeships(ApprenticeshipFilter(filed: period.range), actor: actor)
        try shown.record(lines.map(\.apprenticeship.personId), in: store, actor: actor)
        let url = try destination()
        try ApprenticeWorkbooks.writeFilingList(lines, period: periodLabel, unmasked: shown.unmasked, to: url)
        return WrittenWorkbook(file: url, lines: lines.count)
    }

    /// Writes `enterpriseId`'s claim sheet for `period`: advances on filing, remainders on
    /// completion, sums owed back.
    public func claim(actor: User, enterpriseId: Int64, period: DateRange, disclosure: Disclosure = .masked,
                      to destination: ReportDestination) throws -> ApprenticeClaimOutcome {
        let shown = try disclosure.checked()
        let claim = try store.apprenticeClaim(enterpriseId: enterpriseId, period: period, actor: actor)
        try shown.record(claim.lines.map(\.line.apprenticeship.personId), in: store, actor: actor)
        let url = try destination()
        try ApprenticeWorkbooks.writeClaim(claim, unmasked: shown.unmasked, to: url)
        return ApprenticeClaimOutcome(file: url, items: claim.lines.count, total: claim.total)
    }
}

/// An enterprise's apprentice subsidy claim sheet written.
public struct ApprenticeClaimOutcome: Sendable, Equatable {
    public let file: URL
    public let items: Int
    public let total: Money
}
