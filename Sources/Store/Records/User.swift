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

extension User {
    /// Read column by column: every page of the web app reads its user twice (the session, then
    /// the actor's re-check), and `Decodable` with snake-case keys cost more than SQLite did.
    public init(row: Row) throws {
        let roleText: String = try row.decode(forColumn: "role")
        guard let role = Role(rawValue: roleText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a user with an unknown role: \(roleText)")
        }
        self.init(
            id: try row.decode(forColumn: "id"),
            login: try row.decode(forColumn: "login"),
            name: try row.decode(forColumn: "name"),
            role: role,
            institutionId: try row.decode(forColumn: "institution_id"),
            active: try row.decode(forColumn: "active"),
            createdAt: try row.decode(forColumn: "created_at"))
    }
}
