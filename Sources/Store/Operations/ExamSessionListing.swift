import GRDB
import Domain

/// A session as a list shows it: what a row needs and no more. `session show` has the rooms,
/// their staff and the staffing problems (`ExamSessionSummary`).
public struct ExamSessionListing: Sendable, Equatable {
    public let session: ExamSession
    public let bodyName: String
    /// `中式烹调师 四级/中级工`, with the sub-trade when there is one, as in a summary.
    public let targetName: String
    public let registered: Int
    /// Candidates the session can take, as `ExamSessionSummary.capacity` counts them.
    public let capacity: Int
}

extension Store {
    /// One page of the sessions the actor may see, newest first: all for bureau and institution
    /// users, only those they are assigned to for examiners. One statement reads the page with
    /// each row's body, target, registrations and capacity, and one more counts the total, so a
    /// page costs the same whatever its size and the number of sessions.
    public func examSessionListing(actor: User, page: PageRequest = .all) throws(StoreError) -> Page<ExamSessionListing> {
        try read { db in
            let actor = try currentActor(db, actor)
            let scope = actor.role == .examiner ? "WHERE s.id IN (\(Store.sessionsOfExaminerUserSQL))" : ""
            let scopeArguments: StatementArguments = actor.role == .examiner ? [actor.id] : []
            // The counts are subqueries of the result columns: SQLite runs them for the page's
            // rows only, since the order is the table's own (no sort of every session first).
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.*, i.name AS listing_body_name, o.name AS listing_occupation_name,
                       a.name AS listing_special_ability_name,
                       (SELECT count(*) FROM exam_registrations g WHERE g.session_id = s.id) AS listing_registered,
                       coalesce((SELECT min(part_seats) FROM (SELECT sum(r.seats) AS part_seats FROM exam_rooms r
                                                              WHERE r.session_id = s.id GROUP BY r.part)), 0) AS listing_capacity
                FROM exam_sessions s
                JOIN institutions i ON i.id = s.body_id
                LEFT JOIN catalog_occupations o ON o.code = s.occupation_code
                LEFT JOIN catalog_special_abilities a ON a.code = s.special_ability_code
                \(scope)
                ORDER BY s.id DESC\(page.sqlClause)
                """, arguments: scopeArguments)
            let listings = try rows.map { row in
                let session = try ExamSession(row: row)
                return ExamSessionListing(
                    session: session, bodyName: row["listing_body_name"],
                    targetName: Store.targetName(session.target, occupationName: row["listing_occupation_name"],
                                                 specialAbilityName: row["listing_special_ability_name"])
                        + (session.subTrade.map { "（\($0)）" } ?? ""),
                    registered: row["listing_registered"], capacity: row["listing_capacity"])
            }
            let total = try page.total(forPageOf: listings.count) {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM exam_sessions s \(scope)", arguments: scopeArguments) ?? 0
            }
            return Page(rows: listings, total: total, request: page)
        }
    }
}
