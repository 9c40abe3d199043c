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

/// Which sessions a listing shows: every condition given must hold; none given, every session.
public struct ExamSessionFilter: Sendable, Equatable {
    public var status: SessionStatus?
    public var occupationCode: String?
    /// With or without an occupation: sessions of that level.
    public var level: SkillLevel?
    /// Exam dates from `from` to `to`, both included.
    public var from: CivilDate?
    public var to: CivilDate?
    public var bodyId: Int64?

    public init(status: SessionStatus? = nil, occupationCode: String? = nil, level: SkillLevel? = nil,
                from: CivilDate? = nil, to: CivilDate? = nil, bodyId: Int64? = nil) {
        self.status = status
        self.occupationCode = occupationCode
        self.level = level
        self.from = from
        self.to = to
        self.bodyId = bodyId
    }

    /// The filter as SQL conditions on `exam_sessions s`, with their arguments.
    var conditions: ([String], StatementArguments) {
        var conditions: [String] = [], arguments: StatementArguments = []
        if let status { conditions.append("s.status = ?"); arguments += [status.rawValue] }
        if let occupationCode { conditions.append("s.occupation_code = ?"); arguments += [occupationCode] }
        if let level { conditions.append("s.level = ?"); arguments += [level.code] }
        if let from { conditions.append("s.exam_date >= ?"); arguments += [from.description] }
        if let to { conditions.append("s.exam_date <= ?"); arguments += [to.description] }
        if let bodyId { conditions.append("s.body_id = ?"); arguments += [bodyId] }
        return (conditions, arguments)
    }
}

extension Store {
    /// One page of the sessions the actor may see, newest first: all for bureau and institution
    /// users, only those they are assigned to for examiners. One statement reads the page with
    /// each row's body, target, registrations and capacity, and one more counts the total, so a
    /// page costs the same whatever its size and the number of sessions.
    public func examSessionListing(actor: User, filter: ExamSessionFilter = ExamSessionFilter(),
                                   page: PageRequest = .all) throws(StoreError) -> Page<ExamSessionListing> {
        try read { db in
            let actor = try currentActor(db, actor)
            var (conditions, scopeArguments) = filter.conditions
            if actor.role == .examiner {
                conditions.append("s.id IN (\(Store.sessionsOfExaminerUserSQL))")
                scopeArguments += [actor.id]
            }
            let scope = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
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
