extension Diploma {
    /// English wording for refusals; the Chinese is `chineseName`.
    public var englishName: String {
        switch self {
        case .technicalSchool: "technical-school or secondary-vocational graduate of a relevant major"
        case .seniorTechnicalSchool: "senior technical school or technician college graduate"
        case .juniorCollege: "junior college (大专) graduate or higher"
        }
    }
}

extension Diploma {
    /// `technical-school`, `senior-technical-school`, `junior-college`, or 技校 / 技师学院 / 大专.
    public static func parse(_ text: String) throws(Rejection) -> Diploma {
        let key = text.trimmingWhitespace().lowercased()
        let aliases: [String: Diploma] = [
            "技校": .technicalSchool, "技工学校": .technicalSchool, "中职": .technicalSchool,
            "高级技工学校": .seniorTechnicalSchool, "技师学院": .seniorTechnicalSchool,
            "大专": .juniorCollege, "大专及以上": .juniorCollege,
        ]
        if let diploma = Diploma(rawValue: key) ?? aliases[key] { return diploma }
        throw Rejection("学历应为 technical-school（技校/中职）、senior-technical-school（高级技工学校/技师学院）或 junior-college（大专及以上）",
                        "a diploma is technical-school, senior-technical-school or junior-college")
    }
}
