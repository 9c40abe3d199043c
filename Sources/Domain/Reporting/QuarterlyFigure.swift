/// The figures of the quarterly statistics (季度统计), each with what it counts and by which
/// date, so that the workbook's notes sheet, the README and the Store's queries say the same.
///
/// Every figure is counted twice: for the quarter, and for the year to date (1 January to the
/// quarter's last day). Money figures are in fen.
public enum QuarterlyFigure: String, CaseIterable, Hashable, Sendable {
    case classes
    case trained
    case completed
    case candidates
    case resultsPublished
    case passed
    case certificates
    case apprenticesRegistered
    case apprenticesFiled
    case apprenticesCompleted
    case apprenticesTerminated
    case trainingSubsidyDue
    case trainingSubsidyClaimed
    case apprenticeSubsidyDue

    public var isMoney: Bool {
        switch self {
        case .trainingSubsidyDue, .trainingSubsidyClaimed, .apprenticeSubsidyDue: true
        default: false
        }
    }

    public var chineseName: String {
        switch self {
        case .classes: "开班数"
        case .trained: "培训人数"
        case .completed: "结业人数"
        case .candidates: "报考人数"
        case .resultsPublished: "已公布成绩人数"
        case .passed: "合格人数"
        case .certificates: "取证人数"
        case .apprenticesRegistered: "学徒登记人数"
        case .apprenticesFiled: "学徒备案人数"
        case .apprenticesCompleted: "学徒结业人数"
        case .apprenticesTerminated: "学徒终止人数"
        case .trainingSubsidyDue: "以证定补应补金额（元）"
        case .trainingSubsidyClaimed: "以证定补已申领金额（元）"
        case .apprenticeSubsidyDue: "学徒补贴应付金额（元）"
        }
    }

    public var englishName: String {
        switch self {
        case .classes: "Classes started"
        case .trained: "People trained"
        case .completed: "Completions"
        case .candidates: "Exam candidates"
        case .resultsPublished: "Candidates with published results"
        case .passed: "Passes"
        case .certificates: "Certificates"
        case .apprenticesRegistered: "Apprentices registered"
        case .apprenticesFiled: "Apprentices filed"
        case .apprenticesCompleted: "Apprentices completed"
        case .apprenticesTerminated: "Apprentices terminated"
        case .trainingSubsidyDue: "Training subsidies due (yuan)"
        case .trainingSubsidyClaimed: "Training subsidies claimed (yuan)"
        case .apprenticeSubsidyDue: "Apprentice subsidies due (yuan)"
        }
    }

    /// Which records count, and the date that puts them in a period.
    public var definitionZh: String {
        switch self {
        case .classes: "开班日期在统计期内的培训班。"
        case .trained: "开班日期在统计期内的培训班的学员，不含已退学的。"
        case .completed: "结业日期在统计期内的学员。"
        case .candidates: "考试日期在统计期内的考试场次的报考人（含缺考）。"
        case .resultsPublished: "上述报考人中，其场次成绩已锁定（公布）的。"
        case .passed: "成绩已锁定的报考人中，各必考部分均合格（含补考保留的部分）的。合格率 = 合格人数 ÷ 已公布成绩人数。"
        case .certificates: "发证日期在统计期内且未被撤销的证书，按等级；专项职业能力证书单列。高技能人才 = 三级/高级工及以上，占比以全部证书（含专项）为分母。"
        case .apprenticesRegistered: "登记日期（录入系统之日，北京时间）在统计期内的学徒。"
        case .apprenticesFiled: "备案日期在统计期内的学徒。"
        case .apprenticesCompleted: "结业日期在统计期内的学徒（已取得目标职业证书）。"
        case .apprenticesTerminated: "终止日期在统计期内的学徒。"
        case .trainingSubsidyDue: "发证日期在统计期内、未撤销、目录有补贴标准的证书，按目录标准计。"
        case .trainingSubsidyClaimed: "申领日期在统计期内、已记录的以证定补申领所列金额。"
        case .apprenticeSubsidyDue: "备案日在统计期内的预付款，加结业日在统计期内的余款，减终止日在统计期内应退回的预付款。"
        }
    }

    public var definitionEn: String {
        switch self {
        case .classes: "Classes (cohorts) whose start date falls in the period."
        case .trained: "Trainees of the classes that started in the period, withdrawals excluded."
        case .completed: "Trainees whose completion (结业) date falls in the period."
        case .candidates: "Registrations of exam sessions whose exam date falls in the period (absent candidates included)."
        case .resultsPublished: "Of those, the candidates whose session's results are locked (published)."
        case .passed: "Candidates with locked results who passed every required part (parts kept from an earlier session count). "
            + "Pass rate = passes ÷ candidates with published results."
        case .certificates: "Certificates issued in the period and not revoked, by level; special-ability certificates apart. "
            + "High-skill = level 3 (高级工) and above; its share is of all certificates, special-ability ones included."
        case .apprenticesRegistered: "Apprenticeships entered into the system in the period (date in China Standard Time)."
        case .apprenticesFiled: "Apprenticeships filed (备案) by the bureau in the period."
        case .apprenticesCompleted: "Apprenticeships completed with the target certificate in the period."
        case .apprenticesTerminated: "Apprenticeships terminated in the period (by the termination date)."
        case .trainingSubsidyDue: "Valid certificates issued in the period at the catalog's training-subsidy rate, where it has one."
        case .trainingSubsidyClaimed: "Training-subsidy claims recorded with a claim date in the period."
        case .apprenticeSubsidyDue: "Advances of apprenticeships filed in the period, plus remainders of those completed in it, "
            + "less advances owed back by those terminated in it."
        }
    }

    /// The figure that a catalog target of this metric is compared with.
    public init(target metric: TargetMetric) {
        switch metric {
        case .classes: self = .classes
        case .trainees: self = .trained
        case .certifications: self = .certificates
        case .apprentices: self = .apprenticesRegistered
        }
    }
}

/// A figure for the quarter and for the year to date.
public struct QuarterAndYear: Hashable, Sendable {
    public var quarter: Int64
    public var yearToDate: Int64

    public init(quarter: Int64 = 0, yearToDate: Int64 = 0) {
        self.quarter = quarter
        self.yearToDate = yearToDate
    }

    public static let zero = QuarterAndYear()

    public static func + (a: QuarterAndYear, b: QuarterAndYear) -> QuarterAndYear {
        QuarterAndYear(quarter: a.quarter + b.quarter, yearToDate: a.yearToDate + b.yearToDate)
    }

    public static func += (a: inout QuarterAndYear, b: QuarterAndYear) { a = a + b }
}
