/// Double entry (双人录入) of one part's mark: two different users enter it independently; equal
/// entries confirm it, different ones leave it pending as a mismatch for the bureau to settle.
public enum DoubleEntry: Hashable, Sendable {
    case awaitingFirst
    /// One entry so far; a second, by someone else, is needed.
    case awaitingSecond(ExamMark)
    case confirmed(ExamMark)
    case mismatch(first: ExamMark, second: ExamMark)

    /// The state after `entries`, in the order they were made (at most two count).
    public static func state(of entries: [ExamMark]) -> DoubleEntry {
        switch entries.count {
        case 0: .awaitingFirst
        case 1: .awaitingSecond(entries[0])
        default: entries[0] == entries[1] ? .confirmed(entries[0]) : .mismatch(first: entries[0], second: entries[1])
        }
    }

    /// Parts that need two entries: theory and practical. A review (综合评审) is a panel's single
    /// joint decision.
    public static func isRequired(for part: ExamPart) -> Bool { part != .review }
}
