/// The life of an enterprise apprenticeship (企业新型学徒制): registered (登记) → filed (备案, by the
/// bureau) → in training → completed (结业, with the certificate obtained) or terminated (with a
/// reason). A registered or filed apprenticeship may also be terminated before training starts.
public enum ApprenticeshipStatus: String, CaseIterable, Hashable, Sendable, Codable {
    case registered
    case filed
    case inTraining = "in-training"
    case completed
    case terminated

    public var chineseName: String {
        switch self {
        case .registered: "已登记"
        case .filed: "已备案"
        case .inTraining: "培训中"
        case .completed: "已结业"
        case .terminated: "已终止"
        }
    }

    public var englishName: String {
        switch self {
        case .registered: "registered"
        case .filed: "filed"
        case .inTraining: "in training"
        case .completed: "completed"
        case .terminated: "terminated"
        }
    }

    /// Where an apprenticeship in this state may go next; none once completed or terminated.
    public var allowedMoves: [ApprenticeshipStatus] {
        switch self {
        case .registered: [.filed, .terminated]
        case .filed: [.inTraining, .terminated]
        case .inTraining: [.completed, .terminated]
        case .completed, .terminated: []
        }
    }

    /// Moves to `target` if allowed, else refuses naming the moves that are.
    public mutating func transition(to target: ApprenticeshipStatus) throws(Rejection) {
        guard allowedMoves.contains(target) else {
            let allowedZh = allowedMoves.isEmpty ? "已是最终状态，不能再变更" : "只能改为 " + allowedMoves.map(\.chineseName).joined(separator: " 或 ")
            let allowedEn = allowedMoves.isEmpty ? "it is final and cannot change" : "it may only become " + allowedMoves.map(\.englishName).joined(separator: " or ")
            throw Rejection("学徒培养不能从“\(chineseName)”改为“\(target.chineseName)”：\(allowedZh)",
                            "an apprenticeship cannot move from \(englishName) to \(target.englishName): \(allowedEn)")
        }
        self = target
    }
}
