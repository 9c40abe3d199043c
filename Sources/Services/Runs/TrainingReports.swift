import Foundation
import Domain
import Reports
import Store

/// The workbooks of training: a cohort's roster (花名册).
public struct TrainingReports: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Writes the roster of cohort `cohortId`, print-ready; IDs and phones masked unless asked for
    /// whole with a reason, which is then recorded.
    public func cohortRoster(actor: User, cohortId: Int64, disclosure: Disclosure = .masked,
                             to destination: ReportDestination) throws -> WrittenWorkbook {
        let shown = try disclosure.checked()
        let roster = try store.cohortRoster(cohortId: cohortId, actor: actor)
        try shown.record(roster.personIds, in: store, actor: actor)
        let url = try destination()
        try CohortRosterWorkbook.write(roster, unmasked: shown.unmasked, to: url)
        return WrittenWorkbook(file: url, lines: roster.lines.count)
    }
}
