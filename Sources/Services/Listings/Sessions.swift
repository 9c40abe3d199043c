import Domain
import Store

/// Exam sessions as an interface shows them: rooms, staff and staffing problems.
public struct SessionDirectory: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// One page of the sessions `actor` may see.
    public func list(actor: User, page: PageRequest = .first) throws -> Page<SessionView> {
        try store.examSessions(actor: actor, page: page).mapRows(SessionView.init)
    }

    public func show(actor: User, sessionId: Int64) throws -> SessionView {
        SessionView(try store.examSession(id: sessionId, actor: actor))
    }
}

public struct SessionView: Encodable, Sendable, Equatable {
    public struct RoomView: Encodable, Sendable, Equatable {
        public let name: String
        /// `理论 theory`.
        public let part: String
        public let seats: Int
        public let candidates: Int
        /// `张监考（3）`: name and examiner id.
        public let examiners: [String]
    }

    public let id: Int64
    public let examDate: String
    public let target: String
    public let body: String
    public let status: String
    /// `报名中 open`.
    public let statusText: String
    public let registered: Int
    public let capacity: Int
    public let rooms: [RoomView]
    /// Each in Chinese / English.
    public let staffingProblems: [String]

    init(_ summary: ExamSessionSummary) {
        id = summary.session.id!
        examDate = summary.session.examDate
        target = summary.targetName
        body = summary.bodyName
        status = summary.session.status.rawValue
        statusText = "\(summary.session.status.chineseName) \(summary.session.status.englishName)"
        registered = summary.registered
        capacity = summary.capacity
        rooms = summary.rooms.map { room in
            RoomView(name: room.room.name, part: "\(room.room.part.chineseName) \(room.room.part.rawValue)", seats: room.room.seats,
                     candidates: room.candidates,
                     examiners: room.examiners.map { "\($0.person.name)（\($0.examiner.id!)）" })
        }
        staffingProblems = summary.staffingProblems.map { "\($0.chinese) / \($0.english)" }
    }
}
