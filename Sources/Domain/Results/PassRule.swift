/// The pass rule of DOMAIN.md: a candidate passes when every required part is at or above its
/// pass mark; absent or breach in any part fails. A part passed in an earlier session and still
/// within the catalog's retention window counts as passed (补考 combines the parts). The Store
/// applies these per part to what it knows of each candidate (`CandidateResult`).
public enum PassRule {
    /// A mark passes when it is a score at or above the pass mark.
    public static func passes(_ mark: ExamMark, rule: ExamPartRule) -> Bool {
        passes(mark, passMark: rule.passMark)
    }

    /// The same, for a pass mark read on its own (statistics count marks in bulk).
    public static func passes(_ mark: ExamMark, passMark: Int) -> Bool {
        if case .score(let tenths) = mark { return tenths >= passMark * 10 }
        return false
    }

    /// Whether a part passed on `passedOn` still counts at a session on `date`: within `months`
    /// months (a part passed 2026-03-15 with 12 months counts up to and including 2027-03-15).
    public static func isRetained(passedOn: CivilDate, on date: CivilDate, months: Int) -> Bool {
        passedOn <= date && date <= passedOn.adding(months: months)
    }
}
