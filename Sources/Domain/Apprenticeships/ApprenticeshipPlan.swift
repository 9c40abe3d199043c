/// An enterprise apprenticeship as it is registered, checked against DOMAIN.md and the catalog:
/// target level 中级工 (4) up to 高级技师 (1); a labour contract of at least the catalog's
/// shortest length; one to two years of training, up to the catalog's longest only with a reason;
/// an enterprise mentor and an institution mentor.
public struct ApprenticeshipPlan: Hashable, Sendable {
    public var occupationCode: String
    public var targetLevel: SkillLevel
    public var contractStart: CivilDate
    public var contractYears: Int
    public var start: CivilDate
    public var end: CivilDate
    /// Why the apprenticeship runs longer than two years.
    public var extensionReason: String?
    public var enterpriseMentor: String
    public var institutionMentor: String

    public init(occupationCode: String, targetLevel: SkillLevel, contractStart: CivilDate, contractYears: Int, start: CivilDate,
                end: CivilDate, extensionReason: String? = nil, enterpriseMentor: String, institutionMentor: String) {
        self.occupationCode = occupationCode
        self.targetLevel = targetLevel
        self.contractStart = contractStart
        self.contractYears = contractYears
        self.start = start
        self.end = end
        self.extensionReason = extensionReason
        self.enterpriseMentor = enterpriseMentor
        self.institutionMentor = institutionMentor
    }

    /// Whole months of training planned.
    public var plannedMonths: Int { ApprenticeSubsidy.wholeMonths(from: start, to: end) }

    /// The column of an apprentice list that carries a value of the plan, so that a broken rule
    /// is shown on the row's cell; nil for a field the plan does not hold.
    public static func listField(for field: Field) -> ListField? {
        switch field {
        case .occupation: .occupation
        case .level: .targetLevel
        case .contractYears: .contractYears
        case .startDate: .apprenticeStart
        case .endDate: .apprenticeEnd
        case .extensionReason: .extensionReason
        case .enterpriseMentor: .enterpriseMentor
        case .institutionMentor: .institutionMentor
        default: nil
        }
    }

    /// A rule the plan breaks and the value that breaks it.
    public struct Issue: Hashable, Sendable {
        public let field: Field
        public let value: String
        public let rule: Rejection
    }

    /// Every rule the plan breaks, each naming the field that carries the value.
    public func problems(against catalog: Catalog) -> [FieldProblem] {
        issues(against: catalog).map { FieldProblem(field: $0.field, value: $0.value, rule: $0.rule) }
    }

    /// Every rule the plan breaks, in the order of the plan's values.
    public func issues(against catalog: Catalog) -> [Issue] {
        var problems: [Issue] = []
        func fail(_ field: Field, _ value: String, _ zh: String, _ en: String) {
            problems.append(Issue(field: field, value: value, rule: Rejection(zh, en)))
        }
        if let occupation = catalog.occupation(code: occupationCode) {
            if !occupation.levels.contains(targetLevel) {
                fail(.level, targetLevel.code, "\(occupation.name)不开设\(targetLevel.chineseName)", "\(occupation.name) does not offer \(targetLevel.englishName)")
            }
        } else {
            fail(.occupation, occupationCode, "不是目录中的职业", "is not an occupation in the catalog")
        }
        if !(SkillLevel.level4...SkillLevel.level1).contains(targetLevel) {
            fail(.level, targetLevel.code, "企业新型学徒制的目标等级为中级工（四级）至高级技师（一级）",
                 "an apprenticeship targets level 4 (intermediate) up to level 1 (senior technician)")
        }
        let minimumContract = catalog.integerSetting(.apprenticeMinContractYears)
        if contractYears < minimumContract {
            fail(.contractYears, String(contractYears), "劳动合同期限至少 \(minimumContract) 年",
                 "the labour contract must run at least \(minimumContract) year(s)")
        }
        let months = plannedMonths
        let maximumYears = catalog.integerSetting(.apprenticeMaxYears)
        if end <= start {
            fail(.endDate, end.description, "结束日期应晚于开始日期 \(start)", "the end must be after the start (\(start))")
        } else if months < 12 {
            fail(.endDate, end.description, "培养期至少 1 年（现为 \(months) 个月）", "an apprenticeship runs at least one year (this one \(months) months)")
        } else if months > maximumYears * 12 || (months == maximumYears * 12 && start.adding(months: months) < end) {
            fail(.endDate, end.description, "培养期最长 \(maximumYears) 年", "an apprenticeship runs at most \(maximumYears) years")
        } else if start.adding(months: 24) < end, extensionReason?.trimmingWhitespace().isEmpty ?? true {
            fail(.extensionReason, "", "培养期超过 2 年须说明理由", "an apprenticeship longer than two years needs a reason")
        }
        if start < contractStart {
            fail(.startDate, start.description, "学徒培养应在劳动合同开始（\(contractStart)）之后", "the apprenticeship starts before the labour contract (\(contractStart))")
        }
        if enterpriseMentor.trimmingWhitespace().isEmpty {
            fail(.enterpriseMentor, enterpriseMentor, "须有企业导师", "an enterprise mentor is required")
        }
        if institutionMentor.trimmingWhitespace().isEmpty {
            fail(.institutionMentor, institutionMentor, "须有院校导师", "an institution mentor is required")
        }
        return problems
    }
}
