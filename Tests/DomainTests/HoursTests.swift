import Domain
import Testing

@Suite("Hours attended")
struct HoursTests {
    @Test(arguments: [("12", 120), ("12.5", 125), (" 8 ", 80), ("0", 0), ("12.0", 120), ("12.50", 125), ("007", 70),
                      ("99999.9", 999_999)])
    func wholeAndTenthsAreRead(_ text: String, _ tenths: Int) throws {
        #expect(try Hours.parse(text).tenths == tenths)
    }

    @Test func tenthsAreWhatTheStoreKeeps() throws {
        #expect(try Hours.parseTenths("7.5") == 75)
        #expect(AttendanceEntry(nationalId: try NationalID.parse("440524188001010014", today: CivilDate(year: 2026, month: 1, day: 1)!),
                                hours: Hours(tenths: 75)).hoursTenths == 75)
    }

    @Test func hoursPrintWithoutANeedlessDecimal() throws {
        #expect(try Hours.parse("12").description == "12")
        #expect(try Hours.parse("12.5").description == "12.5")
        #expect(Hours(whole: 3) + Hours(tenths: 5) == Hours(tenths: 35))
        #expect(Hours(tenths: 5) < Hours(whole: 1))
    }

    @Test(arguments: ["-3", "-12.5", " -0.5"])
    func negativeHoursAreRefused(_ text: String) {
        #expect(throws: Rejection("学时不能为负数", "hours cannot be negative")) { try Hours.parse(text) }
    }

    @Test(arguments: ["12.25", "0.05", "1.123"])
    func moreThanOneDecimalIsRefused(_ text: String) {
        #expect(throws: Rejection("学时最多保留一位小数，例如 12.5", "hours may have at most one decimal, e.g. 12.5")) {
            try Hours.parse(text)
        }
    }

    @Test(arguments: ["abc", "12h", "12小时", "1e2", "12.", ".5", "1,5", "+3", "1.2.3", "-abc"])
    func nonNumbersAreRefused(_ text: String) {
        #expect(throws: Rejection("学时应为数字，例如 12 或 12.5", "hours must be a number such as 12 or 12.5")) {
            try Hours.parse(text)
        }
    }

    @Test func emptyFullWidthAndHugeValuesAreRefused() {
        #expect(throws: Rejection("学时为空", "the hours are empty")) { try Hours.parse("  ") }
        #expect(throws: Rejection("学时含全角字符“１”，请把输入法切换为半角后重新输入",
                                  "the hours contains the full-width character \"１\"; switch the input method to half-width and type it again")) {
            try Hours.parse("１２")
        }
        #expect(throws: Rejection("学时不能超过 99999.9", "hours cannot exceed 99999.9")) { try Hours.parse("100000") }
    }
}

@Suite("Attendance rows: field rules")
struct AttendanceRowRulesTests {
    let today = CivilDate(year: 2026, month: 3, day: 1)!

    @Test func aGoodRowGivesTheIDAndTheHours() throws {
        let result = AttendanceRowRules.check([.nationalId: CellText("440524188001010014"), .hours: CellText("12.5", storedAsNumber: true)],
                                              today: today)
        let entry = try #require(result.entry)
        #expect(entry.nationalId.value == "440524188001010014")
        #expect(entry.hours == Hours(tenths: 125))
        #expect(result.issues == [])
    }

    @Test func bothFieldsAreCheckedAndReported() {
        let result = AttendanceRowRules.check([.nationalId: CellText("4.40524E+17", storedAsNumber: true), .hours: CellText("-2")],
                                              today: today)
        #expect(result.entry == nil)
        #expect(result.issues.map(\.field) == [.nationalId, .hours])
        #expect(result.issues[0].rule.english.hasPrefix("Excel stored the national ID as a number (shown as 4.40524E+17)"))
        #expect(result.issues[1] == ListFieldIssue(field: .hours, value: "-2", rule: Rejection("学时不能为负数", "hours cannot be negative")))
    }

    @Test func missingHoursAreAnIssue() {
        let result = AttendanceRowRules.check([.nationalId: CellText("440524188001010014")], today: today)
        #expect(result.issues == [ListFieldIssue(field: .hours, value: "", rule: Rejection("学时为空", "the hours are empty"))])
    }
}
