/// What an examiner records for a candidate in one part: a score out of the part's maximum
/// with at most one decimal, absent (缺考) or a disciplinary breach (违纪). Absent and breach are
/// outcomes of their own, never scores of 0.
public enum ExamMark: Hashable, Sendable, CustomStringConvertible {
    /// Whole tenths of a mark: 85.5 is 855, so comparisons with the pass mark are exact.
    case score(tenths: Int)
    case absent
    case breach

    /// `85.5`, `缺考`, `违纪`, as sheets show it.
    public var description: String {
        switch self {
        case .score(let tenths): tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
        case .absent: "缺考"
        case .breach: "违纪"
        }
    }

    /// The code records keep: the score (`85.5`), `absent` or `breach`.
    public var code: String {
        switch self {
        case .score: description
        case .absent: "absent"
        case .breach: "breach"
        }
    }

    /// Reads a score (`0` to `maximum`, one decimal at most) or 缺考 / absent / 违纪 / breach.
    public static func parse(_ text: String, maximum: Int = 100) throws(Rejection) -> ExamMark {
        let key = text.trimmingWhitespace().lowercased()
        if ["缺考", "absent"].contains(key) { return .absent }
        if ["违纪", "breach"].contains(key) { return .breach }
        switch OneDecimalNumber.tenths(key, maximumWholeDigits: 3) {
        case .success(let tenths) where tenths <= maximum * 10: return .score(tenths: tenths)
        case .success, .failure(.tooLarge):
            throw Rejection("成绩应在 0 至 \(maximum) 之间", "a score is between 0 and \(maximum)")
        case .failure(.empty): throw Rejection("成绩为空；缺考请填“缺考”，违纪请填“违纪”", "the score is empty; write 缺考 (absent) or 违纪 (breach) instead")
        case .failure(.fullWidth(let wide)):
            throw InputScreening.fullWidthRejection(wide, chineseSubject: "成绩", englishSubject: "score")
        case .failure(.negative): throw Rejection("成绩不能为负数", "a score cannot be negative")
        case .failure(.notANumber):
            throw Rejection("成绩应为 0 至 \(maximum) 的数字，或“缺考”“违纪”", "a score is a number from 0 to \(maximum), or 缺考 (absent) or 违纪 (breach)")
        case .failure(.tooManyDecimals): throw Rejection("成绩最多保留一位小数，例如 85.5", "a score has at most one decimal, e.g. 85.5")
        }
    }

    /// Reads a score sheet line, whose score cell and 缺考/违纪 cell are separate: exactly one
    /// of them is filled.
    public static func parse(score: String, outcome: String, maximum: Int = 100) throws(Rejection) -> ExamMark {
        let score = score.trimmingWhitespace(), outcome = outcome.trimmingWhitespace()
        switch (score.isEmpty, outcome.isEmpty) {
        case (false, false):
            throw Rejection("既填了成绩又标记了“\(outcome)”，只能填其一", "both a score and \(outcome) are given; fill in one of them")
        case (true, false):
            let mark = try parse(outcome, maximum: maximum)
            guard mark == .absent || mark == .breach else {
                throw Rejection("缺考/违纪栏只能填“缺考”或“违纪”", "the absent/breach column takes 缺考 or 违纪 only")
            }
            return mark
        default:
            return try parse(score, maximum: maximum)
        }
    }
}
