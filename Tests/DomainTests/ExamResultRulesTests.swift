import Testing
@testable import Domain

@Suite struct ExamMarkTests {
    @Test func scoresHaveAtMostOneDecimalAndStayWithinTheMaximum() throws {
        #expect(try ExamMark.parse("85.5") == .score(tenths: 855))
        #expect(try ExamMark.parse(" 60 ") == .score(tenths: 600))
        #expect(try ExamMark.parse("100.0") == .score(tenths: 1000))
        #expect(try ExamMark.parse("0") == .score(tenths: 0))
        #expect(try ExamMark.parse("缺考") == .absent)
        #expect(try ExamMark.parse("Breach") == .breach)
        func refusal(_ text: String) -> String? {
            do { _ = try ExamMark.parse(text); return nil } catch { return error.english }
        }
        #expect(refusal("100.5") == "a score is between 0 and 100")
        #expect(refusal("1000") == "a score is between 0 and 100")
        #expect(refusal("85.55") == "a score has at most one decimal, e.g. 85.5")
        #expect(refusal("-5") == "a score cannot be negative")
        #expect(refusal("八十") == "a score is a number from 0 to 100, or 缺考 (absent) or 违纪 (breach)")
        #expect(refusal("") == "the score is empty; write 缺考 (absent) or 违纪 (breach) instead")
        #expect(refusal("８５")?.contains("full-width") == true)
    }

    @Test func marksPrintAsSheetsShowThem() {
        #expect(ExamMark.score(tenths: 855).description == "85.5")
        #expect(ExamMark.score(tenths: 600).code == "60")
        #expect(ExamMark.absent.description == "缺考")
        #expect(ExamMark.breach.code == "breach")
    }
}

@Suite struct DoubleEntryTests {
    @Test func twoEqualEntriesConfirmAndTwoDifferentOnesAreAMismatch() {
        #expect(DoubleEntry.state(of: []) == .awaitingFirst)
        #expect(DoubleEntry.state(of: [.score(tenths: 700)]) == .awaitingSecond(.score(tenths: 700)))
        #expect(DoubleEntry.state(of: [.score(tenths: 700), .score(tenths: 700)]) == .confirmed(.score(tenths: 700)))
        #expect(DoubleEntry.state(of: [.score(tenths: 700), .score(tenths: 710)])
                == .mismatch(first: .score(tenths: 700), second: .score(tenths: 710)))
        #expect(DoubleEntry.state(of: [.absent, .score(tenths: 0)]) == .mismatch(first: .absent, second: .score(tenths: 0)))
        #expect(DoubleEntry.isRequired(for: .theory) && DoubleEntry.isRequired(for: .practical))
        #expect(!DoubleEntry.isRequired(for: .review))
    }
}

@Suite struct PassRuleTests {
    static let parts = [ExamPartRule(scope: .level(.level4), part: .theory), ExamPartRule(scope: .level(.level4), part: .practical)]
    static let day = CivilDate(year: 2026, month: 12, day: 5)!

    @Test func everyPartAtOrAboveItsPassMarkPasses() {
        let result = PassRule.evaluate(parts: Self.parts, marks: [.theory: .score(tenths: 600), .practical: .score(tenths: 905)],
                                       sessionDate: Self.day, retentionMonths: 12)
        #expect(result.passed)
        #expect(result.parts[.theory] == .passed(.score(tenths: 600)))
        let short = PassRule.evaluate(parts: Self.parts, marks: [.theory: .score(tenths: 599), .practical: .score(tenths: 905)],
                                      sessionDate: Self.day, retentionMonths: 12)
        #expect(!short.passed)
        #expect(short.parts[.theory] == .failed(.score(tenths: 599)))
    }

    @Test func absentBreachOrAMissingPartFails() {
        for mark in [ExamMark.absent, .breach] {
            let result = PassRule.evaluate(parts: Self.parts, marks: [.theory: mark, .practical: .score(tenths: 1000)],
                                           sessionDate: Self.day, retentionMonths: 12)
            #expect(!result.passed)
            #expect(result.parts[.theory] == .failed(mark))
        }
        let missing = PassRule.evaluate(parts: Self.parts, marks: [.practical: .score(tenths: 800)], sessionDate: Self.day, retentionMonths: 12)
        #expect(!missing.passed && missing.parts[.theory] == .missing)
        #expect(!PassRule.evaluate(parts: [], marks: [:], sessionDate: Self.day, retentionMonths: 12).passed)
    }

    @Test func aPartPassedEarlierCountsWithinTheRetentionWindowOnly() {
        let passedOn = CivilDate(year: 2025, month: 12, day: 5)!
        let earlier: [ExamPart: (mark: ExamMark, passedOn: CivilDate)] = [.theory: (.score(tenths: 750), passedOn)]
        let retake = PassRule.evaluate(parts: Self.parts, marks: [.practical: .score(tenths: 650)], earlier: earlier,
                                       sessionDate: Self.day, retentionMonths: 12)
        #expect(retake.passed)
        #expect(retake.parts[.theory] == .retained(.score(tenths: 750), passedOn: passedOn))
        let late = PassRule.evaluate(parts: Self.parts, marks: [.practical: .score(tenths: 650)], earlier: earlier,
                                     sessionDate: Self.day.adding(days: 1), retentionMonths: 12)
        #expect(!late.passed && late.parts[.theory] == .missing)
        #expect(PassRule.isRetained(passedOn: CivilDate(year: 2026, month: 3, day: 15)!, on: CivilDate(year: 2027, month: 3, day: 15)!, months: 12))
        #expect(!PassRule.isRetained(passedOn: CivilDate(year: 2026, month: 3, day: 15)!, on: CivilDate(year: 2027, month: 3, day: 16)!, months: 12))
    }
}
