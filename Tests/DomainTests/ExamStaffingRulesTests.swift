import Domain
import Testing

@Suite("Exam staffing rules")
struct ExamStaffingRulesTests {
    /// `count` distinct people, numbered from 1.
    static func people(_ count: Int) -> [ExamStaffMember] {
        (0..<count).map { ExamStaffMember(examinerId: Int64($0 + 1), name: "考评员\($0 + 1)") }
    }

    func check(_ name: String, _ kind: ExamPart, candidates: Int, examiners: Int) -> [Rejection] {
        ExamStaffingRules.check(room: ExamRoomStaffing(name: name, kind: kind, candidates: candidates, staff: Self.people(examiners)))
    }

    @Test func theoryRoomsNeedOneInvigilatorPerFifteenCandidates() {
        #expect(check("A101", .theory, candidates: 30, examiners: 2) == [])
        #expect(check("A101", .theory, candidates: 31, examiners: 3) == [])
        #expect(check("A101", .theory, candidates: 31, examiners: 2) == [Rejection(
            "考场 A101：理论考场 31 名考生至少需要 3 名监考人员，现有 2 名",
            "room A101: a theory room with 31 candidates needs at least 3 invigilators (1 per 15), it has 2")])
    }

    @Test func theoryRoomsNeedTwoInvigilatorsHoweverFewCandidates() {
        #expect(check("A102", .theory, candidates: 0, examiners: 2) == [])
        #expect(check("A102", .theory, candidates: 10, examiners: 1) == [Rejection(
            "考场 A102：理论考场每场至少需要 2 名监考人员，现有 1 名",
            "room A102: a theory room needs at least 2 invigilators, it has 1")])
    }

    @Test func aTheoryRoomBreakingBothRulesShowsBoth() {
        let broken = check("A103", .theory, candidates: 40, examiners: 1)
        #expect(broken.map(\.chinese) == [
            "考场 A103：理论考场 40 名考生至少需要 3 名监考人员，现有 1 名",
            "考场 A103：理论考场每场至少需要 2 名监考人员，现有 1 名",
        ])
    }

    @Test func practicalPanelsNeedAtLeastThreeAndAnOddNumber() {
        #expect(check("P1", .practical, candidates: 20, examiners: 3) == [])
        #expect(check("P1", .practical, candidates: 20, examiners: 5) == [])
        #expect(check("P1", .practical, candidates: 20, examiners: 4) == [Rejection(
            "考场 P1：操作技能考评组考评员人数应为单数，现有 4 名",
            "room P1: a practical panel needs an odd number of examiners, it has 4")])
        #expect(check("P1", .practical, candidates: 20, examiners: 1) == [Rejection(
            "考场 P1：操作技能考评组至少需要 3 名考评员，现有 1 名",
            "room P1: a practical panel needs at least 3 examiners, it has 1")])
        #expect(check("P1", .practical, candidates: 20, examiners: 2).map(\.english) == [
            "room P1: a practical panel needs at least 3 examiners, it has 2",
            "room P1: a practical panel needs an odd number of examiners, it has 2",
        ])
    }

    @Test func reviewPanelsFollowThePanelRules() {
        #expect(check("R1", .review, candidates: 6, examiners: 3) == [])
        #expect(check("R1", .review, candidates: 6, examiners: 6) == [Rejection(
            "考场 R1：综合评审组考评员人数应为单数，现有 6 名",
            "room R1: a review panel needs an odd number of examiners, it has 6")])
        #expect(check("R1", .review, candidates: 6, examiners: 0).map(\.chinese) == [
            "考场 R1：综合评审组至少需要 3 名考评员，现有 0 名",
            "考场 R1：综合评审组考评员人数应为单数，现有 0 名",
        ])
    }

    @Test func invigilatorsForCandidatesRoundsUp() {
        #expect(ExamStaffingRules.invigilatorsForCandidates(0) == 0)
        #expect(ExamStaffingRules.invigilatorsForCandidates(15) == 1)
        #expect(ExamStaffingRules.invigilatorsForCandidates(16) == 2)
    }

    // MARK: one room of a part per person

    static let zhang = ExamStaffMember(examinerId: 1, name: "张监考")
    static let li = ExamStaffMember(examinerId: 2, name: "李监考")
    static let wang = ExamStaffMember(examinerId: 3, name: "王监考")
    static let zhao = ExamStaffMember(examinerId: 4, name: "赵监考")

    func room(_ name: String, _ kind: ExamPart, candidates: Int = 15, _ staff: [ExamStaffMember]) -> ExamRoomStaffing {
        ExamRoomStaffing(name: name, kind: kind, candidates: candidates, staff: staff)
    }

    @Test func theSameTwoInvigilatorsCannotWatchTwoTheoryRoomsAtOnce() {
        // Each room alone has the 2 invigilators that 15 candidates need; but the rooms of a
        // part run at the same time, so two people cannot be in both.
        let rooms = [room("理论一室", .theory, [Self.zhang, Self.li]), room("理论二室", .theory, [Self.zhang, Self.li])]
        #expect(rooms.allSatisfy { ExamStaffingRules.check(room: $0).isEmpty })
        #expect(ExamStaffingRules.check(rooms: rooms) == [
            Rejection("考评员 张监考（编号 1）同时被安排在理论考场 理论一室、理论二室：同一科目的考场同时开考，每人只能在其中一个",
                      "examiner 张监考 (no. 1) is assigned to the theory rooms 理论一室 and 理论二室: the rooms of one part run at the same time, so a person serves in one of them"),
            Rejection("考评员 李监考（编号 2）同时被安排在理论考场 理论一室、理论二室：同一科目的考场同时开考，每人只能在其中一个",
                      "examiner 李监考 (no. 2) is assigned to the theory rooms 理论一室 and 理论二室: the rooms of one part run at the same time, so a person serves in one of them"),
        ])
    }

    @Test func fourDistinctInvigilatorsForTwoTheoryRoomsPass() {
        let rooms = [room("理论一室", .theory, [Self.zhang, Self.li]), room("理论二室", .theory, [Self.wang, Self.zhao])]
        #expect(ExamStaffingRules.check(rooms: rooms) == [])
    }

    @Test func oneExaminerMayInvigilateTheoryAndSitOnThePracticalPanel() {
        let rooms = [room("理论一室", .theory, [Self.zhang, Self.li]), room("实操一组", .practical, [Self.zhang, Self.li, Self.wang])]
        #expect(ExamStaffingRules.check(rooms: rooms) == [])
    }

    @Test func anExaminerCannotSitOnTwoPanelsOfTheSamePart() {
        let five = Self.people(5)
        let rooms = [room("实操一组", .practical, Array(five[0...2])), room("实操二组", .practical, Array(five[2...4])),
                     room("理论一室", .theory, candidates: 10, [Self.zhang, Self.li])]
        #expect(ExamStaffingRules.check(rooms: rooms).map(\.english) == [
            "examiner 考评员3 (no. 3) is assigned to the practical panels 实操一组 and 实操二组: the rooms of one part run at the same time, so a person serves in one of them",
        ])
        let review = [room("评审一组", .review, Array(five[0...2])), room("评审二组", .review, Array(five[0...2])),
                      room("评审三组", .review, Array(five[0...2]))]
        #expect(ExamStaffingRules.check(rooms: review).first?.chinese ==
                "考评员 考评员1（编号 1）同时被安排在综合评审组 评审一组、评审二组、评审三组：同一科目的考场同时开考，每人只能在其中一个")
    }

    @Test func theSessionCheckAlsoAppliesEachRoomsOwnRules() {
        let rooms = [room("理论一室", .theory, candidates: 31, [Self.zhang, Self.li]), room("实操一组", .practical, [Self.zhang, Self.li])]
        #expect(ExamStaffingRules.check(rooms: rooms).map(\.english) == [
            "room 理论一室: a theory room with 31 candidates needs at least 3 invigilators (1 per 15), it has 2",
            "room 实操一组: a practical panel needs at least 3 examiners, it has 2",
            "room 实操一组: a practical panel needs an odd number of examiners, it has 2",
        ])
    }
}
