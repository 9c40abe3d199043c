/// The life of an exam session: planned → open → closed → held → resultsLocked.
///
/// Moves go forward one step at a time and never back: registrations, attendance and marks
/// are recorded against a stage, and reopening a stage would leave them inconsistent. There is
/// deliberately no cancel; a planned session that will not happen is simply never opened.
public enum SessionStatus: String, CaseIterable, Hashable, Sendable, Codable {
    case planned        // 计划中
    case open           // 报名中
    case closed         // 报名截止
    case held           // 已考试
    case resultsLocked = "results-locked"  // 成绩已锁定

    public var chineseName: String {
        switch self {
        case .planned: "计划中"
        case .open: "报名中"
        case .closed: "报名截止"
        case .held: "已考试"
        case .resultsLocked: "成绩已锁定"
        }
    }

    public var englishName: String {
        switch self {
        case .planned: "planned"
        case .open: "open for registration"
        case .closed: "registration closed"
        case .held: "held"
        case .resultsLocked: "results locked"
        }
    }

    /// The only state this one may move to; nil once results are locked.
    public var next: SessionStatus? {
        switch self {
        case .planned: .open
        case .open: .closed
        case .closed: .held
        case .held: .resultsLocked
        case .resultsLocked: nil
        }
    }

    /// Moves to `target` if it is the next state, else refuses naming both states.
    public mutating func transition(to target: SessionStatus) throws(Rejection) {
        guard next == target else {
            throw Rejection(
                "考试场次不能从“\(chineseName)”改为“\(target.chineseName)”：只能依次前进（计划中 → 报名中 → 报名截止 → 已考试 → 成绩已锁定）",
                "an exam session cannot move from \(englishName) to \(target.englishName): it only moves forward one step (planned → open → closed → held → results locked)")
        }
        self = target
    }
}
