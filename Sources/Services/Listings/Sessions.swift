import Domain
import Store

/// Exam sessions as an interface shows them: rooms, staff and staffing problems.
public struct SessionDirectory: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// One page of the sessions `actor` may see, a row each: `show` has the rooms, staff and
    /// staffing problems.
    public func list(actor: User, filter: ExamSessionFilter = ExamSessionFilter(),
                     page: PageRequest = .first) throws -> Page<SessionRowView> {
        try store.examSessionListing(actor: actor, filter: filter, page: page).mapRows(SessionRowView.init)
    }

    public func show(actor: User, sessionId: Int64) throws -> SessionView {
        SessionView(try store.examSession(id: sessionId, actor: actor))
    }
}

/// A session as a list shows it.
public struct SessionRowView: Encodable, Sendable, Equatable {
    public let id: Int64
    public let examDate: String
    public let target: String
    public let body: String
    public let status: String
    /// `报名中 open`.
    public let statusText: String
    public let registered: Int
    public let capacity: Int

    init(_ listing: ExamSessionListing) {
        id = listing.session.id!
        examDate = listing.session.examDate
        target = listing.targetName
        body = listing.bodyName
        status = listing.session.status.rawValue
        statusText = SessionRowView.statusText(listing.session.status)
        registered = listing.registered
        capacity = listing.capacity
    }

    static func statusText(_ status: SessionStatus) -> String { "\(status.chineseName) \(status.englishName)" }
}

/// A session as `show` presents it: its rooms with their staff, and what the staffing breaks.
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
        statusText = SessionRowView.statusText(summary.session.status)
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
