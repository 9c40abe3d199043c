/// The catalog: every value that varies by place or year (occupations, levels offered, exam
/// parts and pass marks, eligibility routes, subsidy rates, districts, key groups, targets,
/// settings). Read from the text files in `Catalog/`, checked by `CatalogBuilder`, and copied
/// into the database so that a database is self-contained.
public struct Catalog: Equatable, Sendable {
    public var projects: [Project]
    public var occupations: [Occupation]
    public var specialAbilities: [SpecialAbility]
    public var examParts: [ExamPartRule]
    public var eligibilityRoutes: [EligibilityRoute]
    public var trainingSubsidies: [TrainingSubsidyRate]
    public var apprenticeSubsidies: [ApprenticeSubsidyRate]
    public var districts: [District]
    public var keyGroups: [KeyGroup]
    public var targets: [YearlyTarget]
    public var settings: [CatalogSetting]
    /// Closed lists for trainee records: 文化程度 and 户籍类型.
    public var educationLevels: [CatalogChoice]
    public var householdTypes: [CatalogChoice]
    /// Where each field of a printed certificate sits (证书打印).
    public var certificateLayout: [CertificateFieldPlacement]

    public init(
        projects: [Project] = [], occupations: [Occupation] = [], specialAbilities: [SpecialAbility] = [],
        examParts: [ExamPartRule] = [], eligibilityRoutes: [EligibilityRoute] = [],
        trainingSubsidies: [TrainingSubsidyRate] = [], apprenticeSubsidies: [ApprenticeSubsidyRate] = [],
        districts: [District] = [], keyGroups: [KeyGroup] = [], targets: [YearlyTarget] = [],
        settings: [CatalogSetting] = [], educationLevels: [CatalogChoice] = [], householdTypes: [CatalogChoice] = [],
        certificateLayout: [CertificateFieldPlacement] = []
    ) {
        self.projects = projects
        self.occupations = occupations
        self.specialAbilities = specialAbilities
        self.examParts = examParts
        self.eligibilityRoutes = eligibilityRoutes
        self.trainingSubsidies = trainingSubsidies
        self.apprenticeSubsidies = apprenticeSubsidies
        self.districts = districts
        self.keyGroups = keyGroups
        self.targets = targets
        self.settings = settings
        self.educationLevels = educationLevels
        self.householdTypes = householdTypes
        self.certificateLayout = certificateLayout
    }
}

/// An entry of a closed list (education level, household type): a stable code stored with
/// records, and the names a clerk may type or pick instead.
public struct CatalogChoice: Equatable, Hashable, Sendable, Codable {
    public var code: String
    public var nameZh: String
    public var nameEn: String

    public init(code: String, nameZh: String, nameEn: String) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
    }
}

/// One of the three Guangdong projects (三项工程).
public struct Project: Equatable, Hashable, Sendable, Codable {
    /// Short stable code used in other files: `yuecai`, `nanyue`, `jigong`.
    public var code: String
    public var nameZh: String
    public var nameEn: String

    public init(code: String, nameZh: String, nameEn: String) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
    }
}

/// An occupation of the 2022 national classification (职业分类大典 2022).
public struct Occupation: Equatable, Hashable, Sendable, Codable {
    /// `4-03-02-01`: the 2022 code, never the 1999 one.
    public var code: String
    public var name: String
    public var projectCode: String
    /// For 南粤家政: 母婴, 居家, 养老 or 医护; empty otherwise.
    public var strand: String
    /// National levels offered, highest number first (e.g. 5, 4, 3, 2 for 家政服务员).
    public var levels: [SkillLevel]
    /// 工种 within the occupation, e.g. 母婴护理员 of 家政服务员.
    public var subTrades: [String]
    /// True until the code has been checked against the 2022 classification.
    public var unconfirmed: Bool

    public init(code: String, name: String, projectCode: String, strand: String = "", levels: [SkillLevel],
                subTrades: [String] = [], unconfirmed: Bool = false) {
        self.code = code
        self.name = name
        self.projectCode = projectCode
        self.strand = strand
        self.levels = levels
        self.subTrades = subTrades
        self.unconfirmed = unconfirmed
    }
}

/// A province-defined special-ability assessment (专项职业能力考核): skills only, no level.
public struct SpecialAbility: Equatable, Hashable, Sendable, Codable {
    /// A code local to this catalog (the province publishes names, not stable codes).
    public var code: String
    public var name: String
    public var projectCode: String

    public init(code: String, name: String, projectCode: String) {
        self.code = code
        self.name = name
        self.projectCode = projectCode
    }
}

/// What is being certified: a national level, or a special-ability item (which has no level).
public enum CertificationScope: Hashable, Sendable, Comparable, CustomStringConvertible {
    case level(SkillLevel)
    case specialAbility

    /// `5` … `1`, or `special-ability`.
    public var code: String {
        switch self {
        case .level(let level): level.code
        case .specialAbility: "special-ability"
        }
    }

    public var description: String {
        switch self {
        case .level(let level): level.chineseName
        case .specialAbility: "专项职业能力"
        }
    }

    public static func parse(_ text: String) throws(Rejection) -> CertificationScope {
        let key = text.trimmingWhitespace().lowercased()
        if ["special-ability", "special ability", "专项职业能力", "专项"].contains(key) { return .specialAbility }
        do {
            let level = try SkillLevel.parse(key)
            guard level.nationalDigit != nil else { throw Rejection("", "") }
            return .level(level)
        } catch {
            throw Rejection("应为国家等级 5 至 1 或 special-ability（专项职业能力）",
                            "must be a national level 5 to 1 or special-ability")
        }
    }

    public static func < (a: CertificationScope, b: CertificationScope) -> Bool {
        switch (a, b) {
        case (.level(let x), .level(let y)): x < y
        case (.level, .specialAbility): true
        default: false
        }
    }
}

/// An exam part (科目).
public enum ExamPart: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    case theory       // 理论知识
    case practical    // 操作技能
    case review       // 综合评审

    public var chineseName: String {
        switch self {
        case .theory: "理论知识"
        case .practical: "操作技能"
        case .review: "综合评审"
        }
    }

    public static func < (a: ExamPart, b: ExamPart) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A part required at a level (or for special-ability items), with its marks and duration.
public struct ExamPartRule: Equatable, Hashable, Sendable {
    public var scope: CertificationScope
    public var part: ExamPart
    /// Marks are out of `maxScore` (100); a part passes at `passMark` (60) or above.
    public var maxScore: Int
    public var passMark: Int
    /// The shortest the part may last, in minutes (theory 90, practical 60), if the rules set one.
    public var minimumMinutes: Int?

    public init(scope: CertificationScope, part: ExamPart, maxScore: Int = 100, passMark: Int = 60, minimumMinutes: Int? = nil) {
        self.scope = scope
        self.part = part
        self.maxScore = maxScore
        self.passMark = passMark
        self.minimumMinutes = minimumMinutes
    }
}

/// A diploma that some eligibility routes ask for.
public enum Diploma: String, CaseIterable, Hashable, Sendable, Codable {
    /// 技工院校 or 中等职业学校 graduate of a relevant major.
    case technicalSchool = "technical-school"
    /// 高级技工学校 or 技师学院 graduate.
    case seniorTechnicalSchool = "senior-technical-school"
    /// 大专 (junior college) or higher.
    case juniorCollege = "junior-college"

    public var chineseName: String {
        switch self {
        case .technicalSchool: "技工院校或中职相关专业毕业"
        case .seniorTechnicalSchool: "高级技工学校或技师学院毕业"
        case .juniorCollege: "大专及以上学历"
        }
    }
}

/// One way to qualify for a level (申报条件). A candidate qualifies by ANY route of the level.
///
/// Template routes have `occupationCode == nil`. When an occupation has routes of its own for a
/// level, they replace the template's routes for that occupation and level.
public struct EligibilityRoute: Equatable, Hashable, Sendable {
    public var occupationCode: String?
    public var level: SkillLevel
    /// Short code unique within occupation and level, e.g. `4B`.
    public var routeCode: String
    /// The certificate the candidate must already hold (e.g. level 5 to apply for level 4).
    public var requiredCertificate: SkillLevel?
    /// Years in the occupation (after obtaining `requiredCertificate`, if one is required).
    public var minimumYears: Int
    public var requiredDiploma: Diploma?
    /// A completed apprenticeship qualifies on its own for this route.
    public var requiresApprenticeship: Bool
    /// Final-year students of the required diploma may apply before graduating.
    public var finalYearStudentsAllowed: Bool
    /// The route as the policy text puts it, for people to read.
    public var descriptionZh: String

    public init(occupationCode: String? = nil, level: SkillLevel, routeCode: String, requiredCertificate: SkillLevel? = nil,
                minimumYears: Int = 0, requiredDiploma: Diploma? = nil, requiresApprenticeship: Bool = false,
                finalYearStudentsAllowed: Bool = false, descriptionZh: String) {
        self.occupationCode = occupationCode
        self.level = level
        self.routeCode = routeCode
        self.requiredCertificate = requiredCertificate
        self.minimumYears = minimumYears
        self.requiredDiploma = requiredDiploma
        self.requiresApprenticeship = requiresApprenticeship
        self.finalYearStudentsAllowed = finalYearStudentsAllowed
        self.descriptionZh = descriptionZh
    }
}

/// Skill-upgrading subsidy (以证定补) per certificate: `occupationCode == nil` is the default rate.
public struct TrainingSubsidyRate: Equatable, Hashable, Sendable {
    public var occupationCode: String?
    public var level: SkillLevel
    public var amount: Money

    public init(occupationCode: String? = nil, level: SkillLevel, amount: Money) {
        self.occupationCode = occupationCode
        self.level = level
        self.amount = amount
    }
}

/// Enterprise new-type apprenticeship subsidy per apprentice per year, by target level.
public struct ApprenticeSubsidyRate: Equatable, Hashable, Sendable {
    public var level: SkillLevel
    public var amountPerYear: Money

    public init(level: SkillLevel, amountPerYear: Money) {
        self.level = level
        self.amountPerYear = amountPerYear
    }
}

/// A town or subdistrict (镇街) or district that reports are broken down by.
public struct District: Equatable, Hashable, Sendable, Codable {
    public var name: String
    /// 街道, 镇 or 区.
    public var kind: String
    public var city: String

    public init(name: String, kind: String, city: String) {
        self.name = name
        self.kind = kind
        self.city = city
    }
}

/// A key group (重点群体) that reports count separately.
public struct KeyGroup: Equatable, Hashable, Sendable, Codable {
    /// `graduate`, `rural`, `veteran`, `disabled`, `hardship`, `poverty`.
    public var code: String
    public var nameZh: String
    public var nameEn: String

    public init(code: String, nameZh: String, nameEn: String) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
    }
}

/// What a yearly target counts.
public enum TargetMetric: String, CaseIterable, Hashable, Sendable, Codable {
    case classes          // 培训班数
    case trainees         // 培训人数
    case certifications   // 技能人才评价（取证）人数
    case apprentices      // 企业新型学徒制人数

    public var chineseName: String {
        switch self {
        case .classes: "培训班数"
        case .trainees: "培训人数"
        case .certifications: "取证人数"
        case .apprentices: "学徒人数"
        }
    }
}

/// A planned figure for a year, for the whole area or one district, for one project or all.
public struct YearlyTarget: Equatable, Hashable, Sendable {
    public var year: Int
    /// A district name from the district list, or nil for the whole area.
    public var district: String?
    /// A project code, or nil for all projects.
    public var projectCode: String?
    public var metric: TargetMetric
    public var value: Int

    public init(year: Int, district: String? = nil, projectCode: String? = nil, metric: TargetMetric, value: Int) {
        self.year = year
        self.district = district
        self.projectCode = projectCode
        self.metric = metric
        self.value = value
    }
}

/// A named setting (`retained_part_months` = 12 …). Known keys and their checks are in
/// `CatalogSettingKey`; the value is kept as text and read through the typed accessors.
public struct CatalogSetting: Equatable, Hashable, Sendable {
    public var key: String
    public var value: String
    public var note: String

    public init(key: String, value: String, note: String = "") {
        self.key = key
        self.value = value
        self.note = note
    }
}
