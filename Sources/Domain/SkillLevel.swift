/// A grade on the 2022 "new eight-grade" ladder (新八级工): the five national skill levels,
/// 学徒工 below them and 特级技师, 首席技师 above them.
///
/// The five national levels are numbered downwards (5 = 五级/初级工 … 1 = 一级/高级技师);
/// that digit is what certificate numbers and catalog files carry.
public enum SkillLevel: Int, CaseIterable, Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    // Raw values order the ladder from the bottom; they are not the national digits.
    case apprentice = 0          // 学徒工
    case level5 = 1              // 五级/初级工
    case level4 = 2              // 四级/中级工
    case level3 = 3              // 三级/高级工
    case level2 = 4              // 二级/技师
    case level1 = 5              // 一级/高级技师
    case specialTechnician = 6   // 特级技师
    case chiefTechnician = 7     // 首席技师

    /// The five levels that national certificates and exams use.
    public static let nationalLevels: [SkillLevel] = [.level5, .level4, .level3, .level2, .level1]

    /// The national digit 5…1, or nil for the grades outside the five national levels.
    public var nationalDigit: Int? {
        switch self {
        case .level5: 5
        case .level4: 4
        case .level3: 3
        case .level2: 2
        case .level1: 1
        default: nil
        }
    }

    public init?(nationalDigit: Int) {
        guard let level = SkillLevel.nationalLevels.first(where: { $0.nationalDigit == nationalDigit }) else { return nil }
        self = level
    }

    /// High-skill talent (高技能人才): 高级工 and above.
    public var isHighSkill: Bool { self >= .level3 }

    /// 特级技师 and 首席技师 are assessed by employers, not in bureau exams.
    public var isAssessedByEmployer: Bool { self >= .specialTechnician }

    /// `五级/初级工`, `学徒工`, …
    public var chineseName: String {
        switch self {
        case .apprentice: "学徒工"
        case .level5: "五级/初级工"
        case .level4: "四级/中级工"
        case .level3: "三级/高级工"
        case .level2: "二级/技师"
        case .level1: "一级/高级技师"
        case .specialTechnician: "特级技师"
        case .chiefTechnician: "首席技师"
        }
    }

    public var englishName: String {
        switch self {
        case .apprentice: "apprentice"
        case .level5: "level 5 (junior)"
        case .level4: "level 4 (intermediate)"
        case .level3: "level 3 (senior)"
        case .level2: "level 2 (technician)"
        case .level1: "level 1 (senior technician)"
        case .specialTechnician: "special technician"
        case .chiefTechnician: "chief technician"
        }
    }

    public var description: String { chineseName }

    public static func < (a: SkillLevel, b: SkillLevel) -> Bool { a.rawValue < b.rawValue }

    /// The short code used in files and on the command line: the national digit, or
    /// `apprentice`, `special`, `chief`.
    public var code: String {
        if let digit = nationalDigit { return String(digit) }
        switch self {
        case .apprentice: return "apprentice"
        case .specialTechnician: return "special"
        default: return "chief"
        }
    }

    /// Accepts the code (`5`, `apprentice`), either Chinese name (`五级`, `初级工`, `五级/初级工`)
    /// or the English word (`junior`, `intermediate`, `senior`, `technician`, `senior technician`).
    public static func parse(_ text: String) throws(Rejection) -> SkillLevel {
        let key = text.trimmingWhitespace().lowercased()
        if let level = aliases[key] { return level }
        throw Rejection(
            "等级应为 5、4、3、2、1（五级/初级工 … 一级/高级技师）或 学徒工、特级技师、首席技师",
            "a level is 5, 4, 3, 2 or 1 (五级/初级工 … 一级/高级技师), or apprentice, special or chief")
    }

    private static let aliases: [String: SkillLevel] = {
        var table: [String: SkillLevel] = [:]
        let extra: [SkillLevel: [String]] = [
            .apprentice: ["学徒工", "学徒", "apprentice"],
            .level5: ["五级", "初级工", "初级", "junior", "level 5", "l5"],
            .level4: ["四级", "中级工", "中级", "intermediate", "level 4", "l4"],
            .level3: ["三级", "高级工", "高级", "senior", "level 3", "l3"],
            .level2: ["二级", "技师", "technician", "level 2", "l2"],
            .level1: ["一级", "高级技师", "senior technician", "level 1", "l1"],
            .specialTechnician: ["特级技师", "special", "special technician"],
            .chiefTechnician: ["首席技师", "chief", "chief technician"],
        ]
        for level in SkillLevel.allCases {
            table[level.code] = level
            table[level.chineseName.lowercased()] = level
            for alias in extra[level] ?? [] { table[alias] = level }
        }
        return table
    }()
}
