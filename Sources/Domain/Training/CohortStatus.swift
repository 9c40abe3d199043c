/// Where a training class stands, as its clerk sees it. It is not kept: it follows from the
/// class's dates and its trainees (`Store` works it out), so it can never disagree with them.
///
/// - planned (未开班): the first day is still to come.
/// - completed (已结业): it has started, nobody is still in training (在读), and at least one
///   trainee completed (结业); the others, if any, withdrew.
/// - training (培训中): everything else, including a class past its end date whose trainees
///   were not yet completed or withdrawn: that class waits on its clerk.
public enum CohortStatus: String, CaseIterable, Hashable, Sendable, Codable {
    case planned
    case training
    case completed

    public var chineseName: String {
        switch self {
        case .planned: "未开班"
        case .training: "培训中"
        case .completed: "已结业"
        }
    }

    public var englishName: String {
        switch self {
        case .planned: "planned"
        case .training: "in training"
        case .completed: "completed"
        }
    }
}
