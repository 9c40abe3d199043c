/// Staffing rules of DOMAIN.md "Exams": theory rooms need at least 1 invigilator per 15
/// candidates and at least 2 per room; practical and review panels need at least 3 examiners
/// and an odd number (so that a panel vote cannot tie).
///
/// The rooms of one part of a session run at the same time, so a person counts in one room (or
/// panel) of a part only; the same examiner may invigilate theory and sit on the practical panel.
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

    /// The rules a session's rooms break: each room that has candidates by its own counts (a
    /// room nobody sits in needs no staff), then everyone assigned to two rooms of one part.
    public static func check(rooms: [ExamRoomStaffing]) -> [Rejection] {
        rooms.filter { $0.candidates > 0 }.flatMap { check(room: $0) } + overlaps(in: rooms).map(\.rejection)
    }

    /// Everyone assigned to more than one room of the same part, in the order the rooms and their
    /// staff are given. Rooms without candidates count too: the assignment is a promise to be there.
    public static func overlaps(in rooms: [ExamRoomStaffing]) -> [StaffOverlap] {
        var overlaps: [StaffOverlap] = []
        for part in ExamPart.allCases {
            let partRooms = rooms.filter { $0.kind == part }
            var seen: Set<Int64> = []
            for member in partRooms.flatMap(\.staff) where seen.insert(member.examinerId).inserted {
                let names = partRooms.filter { $0.staff.contains { $0.examinerId == member.examinerId } }.map(\.name)
                if names.count > 1 { overlaps.append(StaffOverlap(member: member, part: part, roomNames: names)) }
            }
        }
        return overlaps
    }
}

/// A person assigned to several rooms of one part, which run at the same time.
public struct StaffOverlap: Equatable, Hashable, Sendable {
    public var member: ExamStaffMember
    public var part: ExamPart
    public var roomNames: [String]

    public var rejection: Rejection {
        let (kindZh, kindEn) = switch part {
        case .theory: ("理论考场", "theory rooms")
        case .practical: ("操作技能考评组", "practical panels")
        case .review: ("综合评审组", "review panels")
        }
        let listEn = roomNames.count > 1
            ? roomNames.dropLast().joined(separator: ", ") + " and " + roomNames.last!
            : roomNames.joined()
        return Rejection(
            "考评员 \(member.name)（编号 \(member.examinerId)）同时被安排在\(kindZh) \(roomNames.joined(separator: "、"))：同一科目的考场同时开考，每人只能在其中一个",
            "examiner \(member.name) (no. \(member.examinerId)) is assigned to the \(kindEn) \(listEn): the rooms of one part run at the same time, so a person serves in one of them")
    }
}
