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
    static let theory = ExamPartRule(scope: .level(.level4), part: .theory)

    @Test func aScoreAtOrAboveThePassMarkPassesAndAbsentOrBreachNever() {
        #expect(PassRule.passes(.score(tenths: 600), rule: Self.theory))
        #expect(PassRule.passes(.score(tenths: 1000), rule: Self.theory))
        #expect(!PassRule.passes(.score(tenths: 599), rule: Self.theory))
        #expect(!PassRule.passes(.absent, rule: Self.theory))
        #expect(!PassRule.passes(.breach, rule: Self.theory))
        let strict = ExamPartRule(scope: .level(.level4), part: .practical, maxScore: 100, passMark: 70)
        #expect(!PassRule.passes(.score(tenths: 695), rule: strict))
    }

    @Test func aPartPassedEarlierCountsWithinTheRetentionWindowOnly() {
        let passedOn = CivilDate(year: 2026, month: 3, day: 15)!
        #expect(PassRule.isRetained(passedOn: passedOn, on: CivilDate(year: 2027, month: 3, day: 15)!, months: 12))
        #expect(!PassRule.isRetained(passedOn: passedOn, on: CivilDate(year: 2027, month: 3, day: 16)!, months: 12))
        #expect(!PassRule.isRetained(passedOn: passedOn, on: CivilDate(year: 2026, month: 3, day: 14)!, months: 12))
    }
}

@Suite struct SpecialAbilityNumberPatternTests {
    let issuer = try! CertificateIssuer(bodyKind: .socialOrganisation, bodyCode: 0, provinceCode: "44", siteSequence: 123)

    @Test func aPatternRendersIssuerYearItemAndSerial() throws {
        let pattern = try SpecialAbilityNumberPattern.parse("{issuer}{yy}Z{serial:6}")
        #expect(pattern.number(issuer: issuer, year: 2026, itemCode: "YC01", serial: 7) == "S00004400012326Z000007")
        #expect(pattern.maximumSerial == 999_999)
        let long = try SpecialAbilityNumberPattern.parse("ZX-{issuer}-{yyyy}-{item}-{serial:4}")
        #expect(long.number(issuer: issuer, year: 2026, itemCode: "YC01", serial: 12) == "ZX-S000044000123-2026-YC01-0012")
    }

    @Test func aPatternThatCouldRepeatNumbersIsRefused() {
        func refusal(_ text: String) -> String? {
            do { _ = try SpecialAbilityNumberPattern.parse(text); return nil } catch { return error.english }
        }
        #expect(refusal("{yy}Z{serial:6}")?.contains("needs {issuer} and {yy} or {yyyy}") == true)
        #expect(refusal("{issuer}Z{serial:6}")?.contains("needs {issuer} and {yy} or {yyyy}") == true)
        #expect(refusal("{issuer}{yy}") == "the numbering pattern needs exactly one {serial:N}")
        #expect(refusal("{issuer}{yy}{serial:9}")?.contains("is not a placeholder") == true)
        #expect(refusal("{issuer}{yy}z{serial:6}") == "the fixed characters of the numbering pattern are capital letters, digits and -")
    }
}
