import GRDB
import Domain

/// What the bureau plans sessions with: the catalog (occupations, levels, parts) and the
/// evaluation bodies.
public struct SessionPlanningChoices: Sendable {
    public let catalog: Catalog
    public let bodies: [Institution]
}

/// One candidate seated in a room: the seat, ticket and person (ID and phone whole, for the
/// interface to mask).
public struct RoomCandidate: Sendable, Equatable {
    public let seat: Int
    public let ticketNumber: String
    public let name: String
    public let nationalId: String
    public let phone: String?
    public let institutionName: String?
}

extension Store {
    /// The choices of the bureau's session pages; anyone else is refused: planning, staffing
    /// and moving sessions are the bureau's.
    public func sessionPlanningChoices(actor: User) throws(StoreError) -> SessionPlanningChoices {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "session plan")
            let bodies = try Institution.filter(Column("kind") == InstitutionKind.evaluation.rawValue).order(Column("name")).fetchAll(db)
            return SessionPlanningChoices(catalog: try Catalog.fetch(db), bodies: bodies)
        }
    }

    /// The examiners of one evaluation body with their qualifications, for staffing its
    /// sessions (bureau only).
    public func examinersOfBody(_ bodyId: Int64, actor: User) throws(StoreError) -> [ExaminerSummary] {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "session assign")
            return try Int64.fetchAll(db, sql: "SELECT id FROM examiners WHERE body_id = ? ORDER BY id", arguments: [bodyId])
                .map { try examinerSummary(db, id: $0) }
        }
    }

    /// One page of the candidates seated in a room of a session, in seat order, within the
    /// actor's scope of the session (the room sheets' scope: institutions are refused).
    public func examRoomCandidates(sessionId: Int64, roomId: Int64, actor: User,
                                   page: PageRequest = .all) throws(StoreError) -> Page<RoomCandidate> {
        try read { db in
            let actor = try currentActor(db, actor)
            if actor.role == .institution {
                throw StoreError.notPermitted(action: "session room", reasonZh: "考场名单由人社局和本场考评员使用",
                                              reasonEn: "room lists are for the bureau and the session's examiners")
            }
            _ = try visibleSession(db, id: sessionId, actor: actor)
            guard try ExamRoom.filter(key: roomId).filter(Column("session_id") == sessionId).fetchCount(db) == 1 else {
                throw StoreError.notFound(kind: "考场", key: String(roomId))
            }
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.seat, g.ticket_number, p.name, p.national_id, p.phone, i.name AS institution_name
                FROM exam_seats s JOIN exam_registrations g ON g.id = s.registration_id
                JOIN persons p ON p.id = g.person_id LEFT JOIN institutions i ON i.id = g.institution_id
                WHERE s.room_id = ? ORDER BY s.seat\(page.sqlClause)
                """, arguments: [roomId])
            let candidates = rows.map { row in
                RoomCandidate(seat: row["seat"], ticketNumber: row["ticket_number"], name: row["name"], nationalId: row["national_id"],
                              phone: row["phone"], institutionName: row["institution_name"])
            }
            let total = try page.total(forPageOf: candidates.count) {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM exam_seats WHERE room_id = ?", arguments: [roomId]) ?? 0
            }
            return Page(rows: candidates, total: total, request: page)
        }
    }
}
