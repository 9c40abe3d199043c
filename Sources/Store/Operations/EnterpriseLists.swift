import GRDB
import Domain

/// An enterprise with how many apprentices the viewer sees with it.
public struct EnterpriseSummary: Sendable, Equatable {
    public let enterprise: Enterprise
    /// The viewer's apprenticeships with it: an institution's own, every one for the bureau.
    public let apprentices: Int
}

/// An institution's enterprises: those on its list (it recorded them, or found them on file when
/// it came to) and those it trains apprentices for. The bureau sees every enterprise. Another
/// institution's enterprise is, to a clerk, one that does not exist; examiners see none.
extension Store {
    /// One page of the enterprises in the actor's scope, by name.
    public func enterprises(actor: User, page: PageRequest = .all) throws(StoreError) -> Page<EnterpriseSummary> {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireEnterpriseViewer(actor)
            return try enterpriseSummaries(db, actor: actor, id: nil, page: page)
        }
    }

    /// One enterprise in the actor's scope; another institution's is not found.
    public func enterprise(id: Int64, actor: User) throws(StoreError) -> EnterpriseSummary {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireEnterpriseViewer(actor)
            guard let found = try enterpriseSummaries(db, actor: actor, id: id, page: .all).first else {
                throw StoreError.notFound(kind: "企业", key: String(id))
            }
            return found
        }
    }

    private func requireEnterpriseViewer(_ actor: User) throws {
        guard actor.role != .examiner else {
            throw StoreError.notPermitted(action: "enterprise list", reasonZh: "考评员不查看企业", reasonEn: "examiners do not see enterprises")
        }
    }

    private func enterpriseSummaries(_ db: Database, actor: User, id: Int64?, page: PageRequest) throws -> Page<EnterpriseSummary> {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        let counted: String
        if let institutionId = actor.institutionId {
            conditions.append(Self.listedCondition)
            arguments += [institutionId, institutionId]
            counted = "(SELECT count(*) FROM apprenticeships a WHERE a.enterprise_id = e.id AND a.institution_id = \(institutionId))"
        } else {
            counted = "(SELECT count(*) FROM apprenticeships a WHERE a.enterprise_id = e.id)"
        }
        if let id {
            conditions.append("e.id = ?")
            arguments += [id]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchAll(db, sql: """
            SELECT e.*, \(counted) AS n_apprentices FROM enterprises e \(whereClause) ORDER BY e.name, e.id\(page.sqlClause)
            """, arguments: arguments)
        let summaries = try rows.map { row in EnterpriseSummary(enterprise: try Enterprise(row: row), apprentices: row["n_apprentices"]) }
        let total = page.offset == 0 && (page.size.map { rows.count < $0 } ?? true)
            ? rows.count
            : try Int.fetchOne(db, sql: "SELECT count(*) FROM enterprises e \(whereClause)", arguments: arguments) ?? 0
        return Page(rows: summaries, total: total, request: page)
    }

    /// `e` is on the list of the institution given twice as arguments.
    private static let listedCondition = """
        (e.id IN (SELECT enterprise_id FROM institution_enterprises WHERE institution_id = ?)
         OR e.id IN (SELECT enterprise_id FROM apprenticeships WHERE institution_id = ?))
        """

    static func enterpriseIsListed(_ db: Database, _ enterpriseId: Int64, institutionId: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM enterprises e WHERE e.id = ? AND \(listedCondition))",
                          arguments: [enterpriseId, institutionId, institutionId]) ?? false
    }

    func listEnterprise(_ db: Database, _ enterpriseId: Int64, institutionId: Int64) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO institution_enterprises (institution_id, enterprise_id, added_at) VALUES (?, ?, ?)",
                       arguments: [institutionId, enterpriseId, clock.timestamp()])
    }
}
