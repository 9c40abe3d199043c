/// Sex as a national ID number records it (digit 17: odd male, even female).
public enum Sex: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    case male
    case female

    /// `男` or `女`, as rosters print it.
    public var chineseName: String {
        switch self {
        case .male: "男"
        case .female: "女"
        }
    }

    public var englishName: String { rawValue }

    public var description: String { chineseName }
}
