import Domain
import Testing

@Suite("Exam session status")
struct ExamSessionStatusTests {
    @Test func aSessionWalksForwardThroughEveryState() throws {
        var status = SessionStatus.planned
        for target: SessionStatus in [.open, .closed, .held, .resultsLocked] {
            try status.transition(to: target)
            #expect(status == target)
        }
        #expect(status.next == nil)
    }

    @Test func everyOtherMoveIsRefusedAndLeavesTheStateAlone() {
        for from in SessionStatus.allCases {
            for to in SessionStatus.allCases where to != from.next {
                var status = from
                #expect(throws: Rejection.self) { try status.transition(to: to) }
                #expect(status == from)
            }
        }
    }

    @Test func theRefusalNamesBothStates() {
        var status = SessionStatus.open
        #expect(throws: Rejection(
            "考试场次不能从“报名中”改为“计划中”：只能依次前进（计划中 → 报名中 → 报名截止 → 已考试 → 成绩已锁定）",
            "an exam session cannot move from open for registration to planned: it only moves forward one step (planned → open → closed → held → results locked)")) {
            try status.transition(to: .planned)
        }
        var locked = SessionStatus.resultsLocked
        #expect(throws: Rejection.self) { try locked.transition(to: .resultsLocked) }
    }

    @Test func chineseNames() {
        #expect(SessionStatus.allCases.map(\.chineseName) == ["计划中", "报名中", "报名截止", "已考试", "成绩已锁定"])
        #expect(SessionStatus.held.next == .resultsLocked)
        #expect(SessionStatus.planned.next == .open)
    }
}
