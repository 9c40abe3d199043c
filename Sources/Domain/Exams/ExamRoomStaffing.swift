/// A room (theory) or panel (practical, review) of a session with the people assigned to it,
/// as `ExamStaffingRules` needs to see it.
public struct ExamRoomStaffing: Equatable, Hashable, Sendable {
    public var name: String
    public var kind: ExamPart
    public var candidates: Int
    /// Invigilators in a theory room, examiners (考评员) on a practical or review panel.
    public var examiners: Int

    public init(name: String, kind: ExamPart, candidates: Int, examiners: Int) {
        self.name = name
        self.kind = kind
        self.candidates = candidates
        self.examiners = examiners
    }
}
