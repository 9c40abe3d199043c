import Testing
@testable import Domain

@Suite struct ApprenticeshipStatusTests {
    @Test func movesFollowTheWorkflowAndARefusalNamesTheAllowedOnes() throws {
        var status = ApprenticeshipStatus.registered
        try status.transition(to: .filed)
        try status.transition(to: .inTraining)
        try status.transition(to: .completed)
        #expect(status == .completed)
        var early = ApprenticeshipStatus.registered
        do {
            try early.transition(to: .completed)
            Issue.record("a registered apprenticeship was completed")
        } catch {
            #expect(error.english == "an apprenticeship cannot move from registered to completed: it may only become filed or terminated")
        }
        var done = ApprenticeshipStatus.terminated
        #expect(throws: Rejection.self) { try done.transition(to: .inTraining) }
        #expect(ApprenticeshipStatus.completed.allowedMoves.isEmpty)
        var filed = ApprenticeshipStatus.filed
        try filed.transition(to: .terminated)
        #expect(filed == .terminated)
    }
}

@Suite struct ApprenticeSubsidyTests {
    func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }
    /// 中级 5,500 yuan a year, half in advance.
    let intermediate = ApprenticeSubsidy(yearlyRate: Money(yuan: 5500), advancePercent: 50)

    @Test func wholeMonthsCountAcrossYearEndsAndMonthEnds() {
        #expect(ApprenticeSubsidy.wholeMonths(from: day(2026, 9, 1), to: day(2028, 8, 31)) == 23)
        #expect(ApprenticeSubsidy.wholeMonths(from: day(2026, 9, 1), to: day(2028, 9, 1)) == 24)
        #expect(ApprenticeSubsidy.wholeMonths(from: day(2026, 11, 15), to: day(2027, 2, 14)) == 2)
        #expect(ApprenticeSubsidy.wholeMonths(from: day(2026, 11, 15), to: day(2027, 2, 15)) == 3)
        #expect(ApprenticeSubsidy.wholeMonths(from: day(2026, 1, 31), to: day(2026, 2, 28)) == 1)
        #expect(ApprenticeSubsidy.wholeMonths(from: day(2026, 12, 31), to: day(2027, 1, 30)) == 0)
        #expect(ApprenticeSubsidy.wholeMonths(from: day(2027, 1, 1), to: day(2026, 1, 1)) == 0)
    }

    @Test func monthsEarnTheYearlyRateProRataDownToTheFen() {
        #expect(intermediate.earned(months: 12) == Money(yuan: 5500))
        #expect(intermediate.earned(months: 24) == Money(yuan: 11000))
        // 5,500 × 7 / 12 = 3,208.333… yuan: 320,833 fen, never 320,833.33.
        #expect(intermediate.earned(months: 7) == Money(fen: 320_833))
        #expect(ApprenticeSubsidy(yearlyRate: Money(yuan: 8500), advancePercent: 50).earned(months: 1) == Money(fen: 70_833))
    }

    @Test func anAdvanceOnFilingAndTheRestOnCompletionWithACertificate() {
        let planned = ApprenticeSubsidy.wholeMonths(from: day(2026, 9, 1), to: day(2028, 9, 1))
        let advance = intermediate.advance(plannedMonths: planned)
        #expect(advance == Money(yuan: 5500))
        let completed = intermediate.settlement(monthsTrained: 24, advancePaid: advance, completedWithCertificate: true)
        #expect(completed.due == Money(yuan: 5500) && completed.owedBack == .zero)
    }

    @Test func aTerminationEarnsOnlyTheMonthsTrainedAndTheExcessAdvanceIsOwedBack() {
        let advance = intermediate.advance(plannedMonths: 24)
        // Terminated after 8 months, across the year end: 5,500 × 8 / 12 = 3,666.66 earned.
        let months = ApprenticeSubsidy.wholeMonths(from: day(2026, 9, 1), to: day(2027, 5, 20))
        #expect(months == 8)
        let stopped = intermediate.settlement(monthsTrained: months, advancePaid: advance, completedWithCertificate: false)
        #expect(stopped.due == .zero)
        #expect(stopped.owedBack == Money(fen: 550_000 - 366_666))
        // Terminated after 14 months: the advance is earned, nothing is owed, nothing more is due.
        let later = intermediate.settlement(monthsTrained: 14, advancePaid: advance, completedWithCertificate: false)
        #expect(later.due == .zero && later.owedBack == .zero)
    }
}

@Suite struct ApprenticeshipPlanTests {
    func day(_ y: Int, _ m: Int, _ d: Int) -> CivilDate { CivilDate(year: y, month: m, day: d)! }
    let catalog = CatalogFixture.good.build().catalog!

    func plan(level: SkillLevel = .level4, contractYears: Int = 3, start: CivilDate? = nil, end: CivilDate? = nil,
              reason: String? = nil, mentor: String = "李师傅") -> ApprenticeshipPlan {
        ApprenticeshipPlan(occupationCode: "4-03-02-01", targetLevel: level, contractStart: day(2026, 9, 1), contractYears: contractYears,
                           start: start ?? day(2026, 9, 1), end: end ?? day(2028, 9, 1), extensionReason: reason,
                           enterpriseMentor: mentor, institutionMentor: "王老师")
    }

    @Test func aTwoYearApprenticeshipAtLevel4IsFine() {
        #expect(plan().problems(against: catalog).isEmpty)
        #expect(plan().plannedMonths == 24)
    }

    @Test func levelContractDurationAndMentorsAreChecked() {
        #expect(plan(level: .level5).problems(against: catalog).map(\.english)
                == ["field level, value \"5\": an apprenticeship targets level 4 (intermediate) up to level 1 (senior technician)"])
        #expect(plan(contractYears: 0).problems(against: catalog).map(\.field) == [.contractYears])
        #expect(plan(end: day(2027, 8, 31)).problems(against: catalog).map(\.english)
                == ["field end date, value \"2027-08-31\": an apprenticeship runs at least one year (this one 11 months)"])
        #expect(plan(end: day(2029, 9, 2)).problems(against: catalog).map(\.english)
                == ["field end date, value \"2029-09-02\": an apprenticeship runs at most 3 years"])
        #expect(plan(end: day(2029, 3, 1)).problems(against: catalog).map(\.field) == [.extensionReason])
        #expect(plan(end: day(2029, 3, 1), reason: "技师等级培养周期长").problems(against: catalog).isEmpty)
        #expect(plan(start: day(2026, 8, 1), end: day(2028, 8, 1)).problems(against: catalog).map(\.field) == [.startDate])
        #expect(plan(mentor: " ").problems(against: catalog).map(\.field) == [.enterpriseMentor])
    }
}
