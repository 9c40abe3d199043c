import Domain
import Testing

@Suite("Exam staffing rules")
struct ExamStaffingRulesTests {
    func check(_ name: String, _ kind: ExamPart, candidates: Int, examiners: Int) -> [Rejection] {
        ExamStaffingRules.check(room: ExamRoomStaffing(name: name, kind: kind, candidates: candidates, examiners: examiners))
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
}
