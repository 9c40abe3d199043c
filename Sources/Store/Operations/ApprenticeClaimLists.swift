import GRDB
import Domain

/// One enterprise's apprentice subsidy claim for a period, in figures: a line of the list of
/// claims the bureau works through, each with the sheet `apprenticeClaim` lays out.
public struct ApprenticeClaimSummary: Sendable, Equatable {
    public let enterprise: Enterprise
    /// The enterprise's id, for links to its claim sheet (as read, never nil like a new record's).
    public let enterpriseId: Int64
    /// The training institutions of its apprenticeships with items in the period, each once, by name.
    public let institutionNames: [String]
    public let items: Int
    public let advances: Money
    public let remainders: Money
    /// Negative (or zero): what terminated apprenticeships owe back.
    public let owedBack: Money

    public var total: Money { Money(fen: advances.fen + remainders.fen + owedBack.fen) }
}

/// The enterprises with apprentice subsidy items in a period: one page of them, and the figures
/// of every page.
public struct ApprenticeClaimList: Sendable {
    public let page: Page<ApprenticeClaimSummary>
    public let items: Int
    public let total: Money
}

extension Store {
    /// The enterprises whose apprenticeships have claim items (advances on filing, remainders on
    /// completion, sums owed back on termination) in `period`, by name: every enterprise for the
    /// bureau, for a clerk those of her institution's apprenticeships (counting only those, as her
    /// claim sheets do). Examiners are refused. The items follow the same rule as the sheets.
    public func apprenticeClaimList(period: DateRange, actor: User, page: PageRequest = .all) throws(StoreError) -> ApprenticeClaimList {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireOpen(.apprenticeClaims, actor)
            var scope = ""
            var arguments: StatementArguments = [period.start.description, period.end.description]
            if actor.role != .bureau {
                scope = "AND x.institution_id = ?"
                arguments += [actor.institutionId]
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT x.*, n.credit_code AS e_credit_code, n.credit_code_warning AS e_credit_code_warning, n.name AS e_name,
                       n.district AS e_district, n.created_at AS e_created_at, i.name AS institution_name
                FROM apprenticeships x
                JOIN enterprises n ON n.id = x.enterprise_id
                JOIN institutions i ON i.id = x.institution_id
                WHERE (x.filed_on BETWEEN ?1 AND ?2 OR x.completed_on BETWEEN ?1 AND ?2 OR x.terminated_on BETWEEN ?1 AND ?2) \(scope)
                ORDER BY n.name, n.id, x.id
                """, arguments: arguments)
            let catalog = try Catalog.fetch(db)
            var summaries: [ApprenticeClaimSummary] = []
            var current: (enterpriseId: Int64, enterprise: Enterprise, institutions: [String], items: Int,
                          fen: [ApprenticeClaimLine.Kind: Int64])?
            func close() {
                guard let done = current, done.items > 0 else { return }
                summaries.append(ApprenticeClaimSummary(
                    enterprise: done.enterprise, enterpriseId: done.enterpriseId, institutionNames: done.institutions.sorted(), items: done.items,
                    advances: Money(fen: done.fen[.advance] ?? 0), remainders: Money(fen: done.fen[.remainder] ?? 0),
                    owedBack: Money(fen: done.fen[.owedBack] ?? 0)))
            }
            for row in rows {
                let apprenticeship = try Apprenticeship(row: row)
                if current?.enterpriseId != apprenticeship.enterpriseId {
                    close()
                    current = (apprenticeship.enterpriseId, Enterprise(id: apprenticeship.enterpriseId, creditCode: row["e_credit_code"],
                                          creditCodeWarning: row["e_credit_code_warning"], name: row["e_name"],
                                          district: row["e_district"], createdAt: row["e_created_at"]), [], 0, [:])
                }
                let items = Self.claimItems(of: apprenticeship, money: try money(of: apprenticeship, catalog: catalog), in: period)
                guard !items.isEmpty else { continue }
                let institution: String = row["institution_name"]
                if !current!.institutions.contains(institution) { current!.institutions.append(institution) }
                current!.items += items.count
                for item in items { current!.fen[item.kind, default: 0] += item.amount.fen }
            }
            close()
            let shown = page.size.map { Array(summaries.dropFirst(page.offset).prefix($0)) } ?? summaries
            return ApprenticeClaimList(page: Page(rows: shown, total: summaries.count, request: page),
                                       items: summaries.reduce(0) { $0 + $1.items },
                                       total: Money(fen: summaries.reduce(0) { $0 + $1.total.fen }))
        }
    }
}
