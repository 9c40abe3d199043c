import GRDB
import Domain

/// Where one line of a room's score grid stands, as the user keying it may see it. Double entry
/// is blind (两人独立录入): neither keyer is shown the other's mark, only whether theirs agrees.
public enum RoomLineState: String, Sendable, Equatable {
    /// Nobody has entered a mark yet.
    case notEntered = "not-entered"
    /// One entry so far; a second user's is needed.
    case awaitingSecond = "awaiting-second"
    /// Final: two equal entries, or the one entry a review needs.
    case matched
    /// Two different entries: pending until a bureau user settles them.
    case disagrees
    /// Final by the bureau: a settled mismatch or an amendment.
    case settled
}

/// One candidate's line of a room's score grid: who sits where, and the actor's own entry.
public struct RoomScoreLine: Sendable, Equatable {
    public let registrationId: Int64
    public let seat: Int
    public let ticket: String
    public let name: String
    /// Masked (`440524********0014`): a grid never needs a whole ID.
    public let maskedNationalId: String
    /// The mark this actor entered, if any; another user's entry is never shown.
    public let ownEntry: ExamMark?
    public let state: RoomLineState
    /// The actor may enter this line's mark now: the session is held, she has not entered it,
    /// and the part is neither final nor already entered twice.
    public let open: Bool
}

/// A room (or panel) of a session with its candidates' lines, for the actor entering its marks.
public struct RoomScoreGrid: Sendable, Equatable {
    public let room: ExamRoom
    public let session: ExamSession
    /// `中式烹调师 四级/中级工`, with the sub-trade when there is one.
    public let targetName: String
    public let bodyName: String
    /// The part's maximum score from the catalog (100).
    public let maxScore: Int
    public let lines: [RoomScoreLine]

    /// Marks are entered only while the session is held: before, nobody has sat it; after the
    /// lock, a mark changes only by a bureau amendment.
    public var acceptsEntries: Bool { session.status == .held }

    public func count(_ state: RoomLineState) -> Int { lines.filter { $0.state == state }.count }
    /// Lines with at least one entry, or final.
    public var entered: Int { lines.filter { $0.state != .notEntered }.count }
}

/// One value typed into a room's grid.
public struct RoomMark: Sendable, Equatable {
    public var ticket: String
    /// A score, or 缺考 / absent / 违纪 / breach, as `ExamMark.parse` reads it.
    public var mark: String

    public init(ticket: String, mark: String) {
        self.ticket = ticket
        self.mark = mark
    }
}

/// What became of one value of a grid: recorded (with what it did to its part), or refused.
public struct RoomMarkOutcome: Sendable, Equatable {
    public let mark: RoomMark
    public let result: Result<ScoreEntryResult, ScoreLineProblem>
}

extension Store {
    /// The rooms and panels an examiner staffs, in every session, newest exam first, each as
    /// she would see its grid. Only examiners have rooms of their own.
    public func examinerRooms(actor: User) throws(StoreError) -> [RoomScoreGrid] {
        try read { db in
            let actor = try currentActor(db, actor)
            guard actor.role == .examiner else {
                throw StoreError.notPermitted(action: "rooms", reasonZh: "只有考评员有自己的考场（当前用户 \(actor.login) 的角色是\(actor.role.chineseName)）",
                                              reasonEn: "only examiners have rooms of their own (\(actor.login) is an \(actor.role.rawValue) user)")
            }
            let rooms = try ExamRoom.fetchAll(db, sql: """
                SELECT r.* FROM exam_rooms r
                JOIN exam_room_examiners x ON x.room_id = r.id JOIN examiners e ON e.id = x.examiner_id
                JOIN exam_sessions s ON s.id = r.session_id
                WHERE e.user_id = ? ORDER BY s.exam_date DESC, s.id DESC, r.id
                """, arguments: [actor.id])
            return try rooms.map { try grid(db, room: $0, actor: actor) }
        }
    }

    /// One room's grid for the actor: an examiner's own room (another room is, to her, no room
    /// at all), or any room for a bureau user, who may enter marks in any session.
    public func roomScoreGrid(roomId: Int64, actor: User) throws(StoreError) -> RoomScoreGrid {
        try read { db in
            let actor = try currentActor(db, actor)
            return try grid(db, room: try enterableRoom(db, id: roomId, actor: actor), actor: actor)
        }
    }

    /// Records every valid value typed into a room's grid, each as `enterScore` records one
    /// (double entry, the examiner's room and conflicts of interest checked, audited), and
    /// returns each refused value with its reason, recording the others: one wrong mark does
    /// not hold back a room's valid ones. Refused as a whole before the session is held and
    /// after the lock.
    public func enterRoomScores(roomId: Int64, marks: [RoomMark], actor: User) throws(StoreError) -> [RoomMarkOutcome] {
        try write { db in
            let actor = try currentActor(db, actor)
            let room = try enterableRoom(db, id: roomId, actor: actor)
            let session = try scoringSession(db, id: room.sessionId, actor: actor)
            let context = try ScoringContext(db, session: session)
            let seated = Set(try String.fetchAll(db, cached: """
                SELECT g.ticket_number FROM exam_seats s JOIN exam_registrations g ON g.id = s.registration_id WHERE s.room_id = ?
                """, arguments: [room.id!]))
            return try marks.enumerated().map { index, typed in
                let line = ScoreLine(ticket: typed.ticket, part: room.part.rawValue, mark: typed.mark)
                guard seated.contains(typed.ticket.trimmingWhitespace()) else {
                    return RoomMarkOutcome(mark: typed, result: .failure(ScoreLineProblem(
                        line: line, index: index, field: .ticket, value: typed.ticket,
                        rule: Rejection("考生不在考场 \(room.name)", "the candidate does not sit in room \(room.name)"))))
                }
                return RoomMarkOutcome(mark: typed, result: try enter(db, line, index: index, context: context, source: "manual", actor: actor))
            }
        }
    }

    /// The room, if the actor may enter its marks: bureau users any room, examiners the rooms
    /// they staff; institution users none.
    private func enterableRoom(_ db: Database, id: Int64, actor: User) throws -> ExamRoom {
        guard actor.role != .institution else {
            throw StoreError.notPermitted(action: "results enter", reasonZh: "机构经办人不能录入成绩",
                                          reasonEn: "institution users do not enter scores")
        }
        let notFound = StoreError.notFound(kind: "考场", key: String(id))
        guard let room = try ExamRoom.fetchOne(db, key: id) else { throw notFound }
        if actor.role == .examiner {
            let staffs = try Int.fetchOne(db, cached: """
                SELECT 1 FROM exam_room_examiners x JOIN examiners e ON e.id = x.examiner_id WHERE x.room_id = ? AND e.user_id = ?
                """, arguments: [id, actor.id]) != nil
            guard staffs else { throw notFound }
        }
        return room
    }

    private func grid(_ db: Database, room: ExamRoom, actor: User) throws -> RoomScoreGrid {
        guard let session = try ExamSession.fetchOne(db, key: room.sessionId) else {
            throw StoreError.notFound(kind: "考试场次", key: String(room.sessionId))
        }
        let held = session.status == .held
        let rows = try Row.fetchAll(db, cached: """
            SELECT s.registration_id, s.seat, g.ticket_number, p.name, p.national_id,
                   m.decided_by,
                   (SELECT count(*) FROM score_entries e WHERE e.registration_id = s.registration_id AND e.part = r.part) AS entries,
                   (SELECT count(DISTINCT e.mark) FROM score_entries e WHERE e.registration_id = s.registration_id AND e.part = r.part) AS marks,
                   (SELECT e.mark FROM score_entries e WHERE e.registration_id = s.registration_id AND e.part = r.part AND e.entered_by = ?) AS own
            FROM exam_seats s
            JOIN exam_rooms r ON r.id = s.room_id
            JOIN exam_registrations g ON g.id = s.registration_id
            JOIN persons p ON p.id = g.person_id
            LEFT JOIN part_marks m ON m.registration_id = s.registration_id AND m.part = r.part
            WHERE s.room_id = ? ORDER BY s.seat
            """, arguments: [actor.id, room.id!])
        let lines = try rows.map { row -> RoomScoreLine in
            let entries: Int = row["entries"], decidedBy: String? = row["decided_by"]
            let state: RoomLineState
            switch (decidedBy, entries) {
            case ("double-entry"?, _), ("single-entry"?, _): state = .matched
            case (_?, _): state = .settled
            case (nil, 0): state = .notEntered
            case (nil, 1): state = .awaitingSecond
            default: state = (row["marks"] as Int) > 1 ? .disagrees : .awaitingSecond
            }
            let own: ExamMark? = try (row["own"] as String?).map { try Store.mark(from: $0) }
            return RoomScoreLine(registrationId: row["registration_id"], seat: row["seat"], ticket: row["ticket_number"],
                                 name: row["name"], maskedNationalId: Masking.nationalID(row["national_id"]), ownEntry: own,
                                 state: state, open: held && own == nil && [.notEntered, .awaitingSecond].contains(state))
        }
        let maxScore = try Catalog.fetch(db).examParts(for: session.target.scope).first { $0.part == room.part }?.maxScore ?? 100
        return RoomScoreGrid(
            room: room, session: session,
            targetName: try Store.targetName(db, session.target) + (session.subTrade.map { "（\($0)）" } ?? ""),
            bodyName: try String.fetchOne(db, cached: "SELECT name FROM institutions WHERE id = ?", arguments: [session.bodyId]) ?? "",
            maxScore: maxScore, lines: lines)
    }
}
