import GRDB
import Domain

/// What a user may do: the bureau acts everywhere, the others only inside their scope.
public enum Role: String, Codable, Sendable, CaseIterable {
    case bureau        // 人社局
    case institution   // 培训机构 / 技工院校 clerk
    case examiner      // 考评员 of an evaluation body

    public var chineseName: String {
        switch self {
        case .bureau: "人社局"
        case .institution: "机构经办人"
        case .examiner: "考评员"
        }
    }

    /// A role as typed or chosen: its code (`bureau`, `institution`, `examiner`) or its Chinese name.
    public static func parse(_ text: String) throws(Rejection) -> Role {
        let key = text.trimmingWhitespace()
        if let role = Role(rawValue: key.lowercased()) ?? allCases.first(where: { $0.chineseName == key }) { return role }
        throw Rejection("角色应为 bureau（人社局）、institution（机构经办人）或 examiner（考评员）",
                        "a role is bureau, institution or examiner")
    }
}

/// A person who signs in. Every change in the Store is made by one, and recorded as theirs.
public struct User: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "users"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var login: String
    public var name: String
    public var role: Role
    /// The institution or evaluation body the user belongs to; nil for bureau users.
    public var institutionId: Int64?
    public var active: Bool
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
