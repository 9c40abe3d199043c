import GRDB
import Domain

/// A candidate's room and seat in one part.
public struct PartSeat: Sendable, Equatable {
    public let part: ExamPart
    public let roomName: String
    public let seat: Int
}

/// One candidate of a session, with personal data whole: the report that lays it out masks it
/// unless the user asked otherwise.
public struct SessionCandidate: Sendable, Equatable {
    public let personId: Int64
    public let ticketNumber: String
    public let name: String
    public let sex: String
    public let nationalId: String
    public let phone: String?
    /// The institution that trained or registered the candidate; nil for people applying on their own.
    public let institutionId: Int64?
    public let institutionName: String?
    /// In part order (theory, practical, review).
    public let seats: [PartSeat]
}

/// A room with its candidates in seat order, for the sign-in and score sheets.
public struct SessionRoomSheet: Sendable, Equatable {
    public let room: ExamRoom
    public let examinerNames: [String]
    /// The candidates seated in this room, in seat order.
    public let seated: [SeatedCandidate]
}

/// A candidate and their seat in one room.
public struct SeatedCandidate: Sendable, Equatable {
    public let seat: Int
    public let candidate: SessionCandidate
}

/// Everything the admission tickets, sign-in sheets and score sheets of a session show.
public struct ExamSessionSheets: Sendable, Equatable {
    public let summary: ExamSessionSummary
    /// The parts of the session with their marks, from the catalog.
    public let parts: [ExamPartRule]
    /// In ticket order.
    public let candidates: [SessionCandidate]
    /// Empty for institution users, who receive admission tickets only.
    public let rooms: [SessionRoomSheet]

    public var personIds: [Int64] { candidates.map(\.personId) }
}

extension Store {
    /// What a session's sheets show, within the actor's scope: bureau users and the session's
    /// examiners see every candidate and room; institution users see their own candidates'
    /// tickets and are refused the room sheets (`forRooms`), which name other institutions' candidates.
    public func examSessionSheets(id: Int64, forRooms: Bool = false, actor: User) throws(StoreError) -> ExamSessionSheets {
        try read { db in
            let actor = try currentActor(db, actor)
            let session = try visibleSession(db, id: id, actor: actor)
            let ownOnly = actor.role == .institution
            if ownOnly && forRooms {
                throw StoreError.notPermitted(action: "session sign-in / score-sheets",
                                              reasonZh: "签到表和评分表由人社局和本场考评员使用；机构可导出本机构考生的准考证",
                                              reasonEn: "sign-in and score sheets are for the bureau and the session's examiners; institutions export their candidates' tickets")
            }
            return try sessionSheets(db, session: session, institutionId: ownOnly ? actor.institutionId : nil)
        }
    }

    /// What admission tickets are printed from: the bureau prints any session's, an institution
    /// its own candidates'. Examiners read a session's sheets but print no tickets; they are
    /// refused before the session is looked up, so the refusal tells nothing about it.
    public func admissionTicketSheets(sessionId: Int64, actor: User) throws(StoreError) -> ExamSessionSheets {
        try read { db in
            let actor = try currentActor(db, actor)
            guard actor.role != .examiner else {
                throw StoreError.notPermitted(action: "session tickets", reasonZh: "准考证由培训机构和人社局打印",
                                              reasonEn: "admission tickets are printed by the institutions and the bureau")
            }
            let session = try visibleSession(db, id: sessionId, actor: actor)
            return try sessionSheets(db, session: session, institutionId: actor.role == .institution ? actor.institutionId : nil)
        }
    }

    /// The sheets of `session`: every candidate and room, or only the tickets of the candidates of
    /// `institutionId`, or of the person `personId` (no rooms then: they name other candidates).
    func sessionSheets(_ db: Database, session: ExamSession, institutionId: Int64? = nil, personId: Int64? = nil) throws -> ExamSessionSheets {
        let id = session.id!
        let rows = try Row.fetchAll(db, sql: """
            SELECT g.id, g.ticket_number, p.id AS person_id, p.name, p.sex, p.national_id, p.phone, g.institution_id, i.name AS institution_name
            FROM exam_registrations g
            JOIN persons p ON p.id = g.person_id
            LEFT JOIN institutions i ON i.id = g.institution_id
            WHERE g.session_id = ? \(institutionId != nil ? "AND g.institution_id = ?" : "") \(personId != nil ? "AND g.person_id = ?" : "")
            ORDER BY g.ticket_number
            """, arguments: StatementArguments([id] + [institutionId, personId].compactMap { $0 }))
        let rooms = try ExamRoom.filter(Column("session_id") == id).order(Column("id")).fetchAll(db)
        let roomNames = Dictionary(uniqueKeysWithValues: rooms.map { ($0.id!, $0.name) })
        var seatsByRegistration: [Int64: [ExamSeat]] = [:]
        for seat in try ExamSeat.fetchAll(db, sql: """
            SELECT s.* FROM exam_seats s JOIN exam_registrations g ON g.id = s.registration_id WHERE g.session_id = ?
            """, arguments: [id]) {
            seatsByRegistration[seat.registrationId, default: []].append(seat)
        }
        var byRegistration: [Int64: SessionCandidate] = [:]
        let candidates = rows.map { row in
            let registrationId: Int64 = row["id"]
            let candidate = SessionCandidate(
                personId: row["person_id"], ticketNumber: row["ticket_number"], name: row["name"], sex: row["sex"],
                nationalId: row["national_id"], phone: row["phone"], institutionId: row["institution_id"],
                institutionName: row["institution_name"],
                seats: (seatsByRegistration[registrationId] ?? []).sorted { $0.part < $1.part }
                    .map { PartSeat(part: $0.part, roomName: roomNames[$0.roomId] ?? "", seat: $0.seat) })
            byRegistration[registrationId] = candidate
            return candidate
        }
        var roomSheets: [SessionRoomSheet] = []
        if institutionId == nil && personId == nil {
            for room in rooms {
                let seated = seatsByRegistration.flatMap { registrationId, seats in
                    seats.filter { $0.roomId == room.id }.compactMap { seat in
                        byRegistration[registrationId].map { SeatedCandidate(seat: seat.seat, candidate: $0) }
                    }
                }.sorted { $0.seat < $1.seat }
                let examiners = try String.fetchAll(db, sql: """
                    SELECT p.name FROM exam_room_examiners x JOIN examiners e ON e.id = x.examiner_id JOIN persons p ON p.id = e.person_id
                    WHERE x.room_id = ? ORDER BY x.examiner_id
                    """, arguments: [room.id!])
                roomSheets.append(SessionRoomSheet(room: room, examinerNames: examiners, seated: seated))
            }
        }
        return ExamSessionSheets(summary: try sessionSummary(db, session), parts: try Catalog.fetch(db).examParts(for: session.target.scope),
                                 candidates: candidates, rooms: roomSheets)
    }
}
