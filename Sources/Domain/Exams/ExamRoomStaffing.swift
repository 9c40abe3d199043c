/// A room (theory) or panel (practical, review) of a session with the people assigned to it,
/// as `ExamStaffingRules` needs to see it.
public struct ExamRoomStaffing: Equatable, Hashable, Sendable {
    public var name: String
    public var kind: ExamPart
    public var candidates: Int
    /// Invigilators in a theory room, examiners (考评员) on a practical or review panel.
    public var staff: [ExamStaffMember]

    public init(name: String, kind: ExamPart, candidates: Int, staff: [ExamStaffMember]) {
        self.name = name
        self.kind = kind
        self.candidates = candidates
        self.staff = staff
    }

    public var examiners: Int { staff.count }
}

/// One person assigned to a room or panel: who they are matters, since a person counts once.
public struct ExamStaffMember: Equatable, Hashable, Sendable {
    public var examinerId: Int64
    public var name: String

    public init(examinerId: Int64, name: String) {
        self.examinerId = examinerId
        self.name = name
    }
}
