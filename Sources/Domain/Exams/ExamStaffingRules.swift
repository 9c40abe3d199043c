/// Staffing rules of DOMAIN.md "Exams": theory rooms need at least 1 invigilator per 15
/// candidates and at least 2 per room; practical and review panels need at least 3 examiners
/// and an odd number (so that a panel vote cannot tie).
///
/// Every broken rule is reported on its own, so a room short on both counts shows both.
public enum ExamStaffingRules {
    public static let candidatesPerInvigilator = 15
    public static let minimumInvigilatorsPerRoom = 2
    public static let minimumPanelExaminers = 3

    /// Invigilators a theory room of `candidates` needs under the per-15 rule alone.
    public static func invigilatorsForCandidates(_ candidates: Int) -> Int {
        max(0, (candidates + candidatesPerInvigilator - 1) / candidatesPerInvigilator)
    }

    /// The rules `room` breaks; empty when it is staffed correctly.
    public static func check(room: ExamRoomStaffing) -> [Rejection] {
        var broken: [Rejection] = []
        let have = room.examiners
        switch room.kind {
        case .theory:
            let needed = invigilatorsForCandidates(room.candidates)
            if have < needed {
                broken.append(Rejection(
                    "考场 \(room.name)：理论考场 \(room.candidates) 名考生至少需要 \(needed) 名监考人员，现有 \(have) 名",
                    "room \(room.name): a theory room with \(room.candidates) candidates needs at least \(needed) invigilators (1 per \(candidatesPerInvigilator)), it has \(have)"))
            }
            if have < minimumInvigilatorsPerRoom {
                broken.append(Rejection(
                    "考场 \(room.name)：理论考场每场至少需要 \(minimumInvigilatorsPerRoom) 名监考人员，现有 \(have) 名",
                    "room \(room.name): a theory room needs at least \(minimumInvigilatorsPerRoom) invigilators, it has \(have)"))
            }
        case .practical, .review:
            let zh = room.kind == .practical ? "操作技能考评组" : "综合评审组"
            let en = room.kind == .practical ? "a practical panel" : "a review panel"
            if have < minimumPanelExaminers {
                broken.append(Rejection(
                    "考场 \(room.name)：\(zh)至少需要 \(minimumPanelExaminers) 名考评员，现有 \(have) 名",
                    "room \(room.name): \(en) needs at least \(minimumPanelExaminers) examiners, it has \(have)"))
            }
            if have % 2 == 0 {
                broken.append(Rejection(
                    "考场 \(room.name)：\(zh)考评员人数应为单数，现有 \(have) 名",
                    "room \(room.name): \(en) needs an odd number of examiners, it has \(have)"))
            }
        }
        return broken
    }
}
