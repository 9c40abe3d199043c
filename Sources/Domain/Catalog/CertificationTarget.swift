/// What a cohort trains for and an exam session assesses: a national level of an occupation,
/// or a special-ability item (which has no level).
public enum CertificationTarget: Hashable, Sendable {
    case occupation(code: String, level: SkillLevel)
    case specialAbility(code: String)

    /// The scope whose exam parts and pass marks the catalog holds.
    public var scope: CertificationScope {
        switch self {
        case .occupation(_, let level): .level(level)
        case .specialAbility: .specialAbility
        }
    }

    /// Rebuilds a target from the three columns records keep it in.
    public init?(occupationCode: String?, levelCode: String?, specialAbilityCode: String?) {
        if let occupationCode, let levelCode, let level = try? SkillLevel.parse(levelCode), specialAbilityCode == nil {
            self = .occupation(code: occupationCode, level: level)
        } else if let specialAbilityCode, occupationCode == nil, levelCode == nil {
            self = .specialAbility(code: specialAbilityCode)
        } else {
            return nil
        }
    }

    /// `中式烹调师 四级/中级工` or `广东烧味制作（专项职业能力）`, with the catalog's names.
    public func displayName(in catalog: Catalog) -> String {
        switch self {
        case .occupation(let code, let level):
            "\(catalog.occupation(code: code)?.name ?? code) \(level.chineseName)"
        case .specialAbility(let code):
            "\(catalog.specialAbility(code: code)?.name ?? code)（专项职业能力）"
        }
    }
}
