/// The kind of evaluation body that issued a certificate: the first character of its number.
public enum EvaluationBodyKind: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// `Y`: an employer, which may only assess its own staff.
    case employer = "Y"
    /// `S`: a social training and evaluation organisation.
    case socialOrganisation = "S"

    public var letter: Character { Character(rawValue) }

    public var chineseName: String {
        switch self {
        case .employer: "用人单位"
        case .socialOrganisation: "社会培训评价组织"
        }
    }

    public var englishName: String {
        switch self {
        case .employer: "employer"
        case .socialOrganisation: "social training and evaluation organisation"
        }
    }

    public var description: String { chineseName }
}
