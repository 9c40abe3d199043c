/// The pass rule of DOMAIN.md: a candidate passes when every required part is at or above its
/// pass mark; absent or breach in any part fails. A part passed in an earlier session and still
/// within the catalog's retention window counts as passed (补考 combines the parts).
public enum PassRule {
    /// How one part stands for the candidate.
    public enum PartOutcome: Hashable, Sendable {
        case passed(ExamMark)
        case failed(ExamMark)
        /// Passed in an earlier session on that date, kept for this one.
        case retained(ExamMark, passedOn: CivilDate)
        /// No confirmed mark yet.
        case missing

        public var counts: Bool {
            switch self {
            case .passed, .retained: true
            case .failed, .missing: false
            }
        }
    }

    /// A mark passes when it is a score at or above the pass mark.
    public static func passes(_ mark: ExamMark, rule: ExamPartRule) -> Bool {
        if case .score(let tenths) = mark { return tenths >= rule.passMark * 10 }
        return false
    }

    /// Each required part's outcome and the overall result: `marks` are this session's
    /// confirmed marks, `earlier` the parts passed before with their dates.
    public static func evaluate(parts: [ExamPartRule], marks: [ExamPart: ExamMark],
                                earlier: [ExamPart: (mark: ExamMark, passedOn: CivilDate)] = [:],
                                sessionDate: CivilDate, retentionMonths: Int) -> (parts: [ExamPart: PartOutcome], passed: Bool) {
        var outcomes: [ExamPart: PartOutcome] = [:]
        for rule in parts {
            if let mark = marks[rule.part] {
                outcomes[rule.part] = passes(mark, rule: rule) ? .passed(mark) : .failed(mark)
            } else if let kept = earlier[rule.part], isRetained(passedOn: kept.passedOn, on: sessionDate, months: retentionMonths) {
                outcomes[rule.part] = .retained(kept.mark, passedOn: kept.passedOn)
            } else {
                outcomes[rule.part] = .missing
            }
        }
        return (outcomes, !parts.isEmpty && outcomes.values.allSatisfy(\.counts))
    }

    /// Whether a part passed on `passedOn` still counts at a session on `date`: within `months`
    /// months (a part passed 2026-03-15 with 12 months counts up to and including 2027-03-15).
    public static func isRetained(passedOn: CivilDate, on date: CivilDate, months: Int) -> Bool {
        passedOn <= date && date <= passedOn.adding(months: months)
    }
}
