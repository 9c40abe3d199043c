import GRDB
import Domain

/// Which users the bureau's list of accounts shows; nil shows all.
public struct UserFilter: Sendable, Equatable {
    public var role: Role?
    public var institutionId: Int64?
    /// True for enabled users only, false for disabled ones.
    public var active: Bool?
    /// Part of the login or of the name, as typed in a search box.
    public var loginOrName: String?

    public init(role: Role? = nil, institutionId: Int64? = nil, active: Bool? = nil, loginOrName: String? = nil) {
        self.role = role
        self.institutionId = institutionId
        self.active = active
        self.loginOrName = loginOrName
    }
}

/// A user as the bureau administers them: their institution's name and where their password
/// stands. Never the password's hash.
public struct UserAccount: Sendable, Equatable {
    public let user: User
    public let institutionName: String?
    /// False for a user added without a password (on the command line): they cannot sign in yet.
    public let hasPassword: Bool
    /// The password was set by somebody else and must be changed at the next sign-in.
    public let mustChangePassword: Bool
    /// When the password was last set (UTC, ISO 8601).
    public let passwordSetAt: String?
}

/// The bureau's administration of accounts: who has one, in which institution, enabled or not.
/// Bureau only; an institution's own users are listed by `users(actor:page:)`.
extension Store {
    public func userAccounts(actor: User, filter: UserFilter = UserFilter(), page: PageRequest = .all) throws(StoreError)
        -> Page<UserAccount> {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "user list")
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let role = filter.role {
                conditions.append("u.role = ?")
                arguments += [role.rawValue]
            }
            if let institutionId = filter.institutionId {
                conditions.append("u.institution_id = ?")
                arguments += [institutionId]
            }
            if let active = filter.active {
                conditions.append("u.active = ?")
                arguments += [active]
            }
            if let pattern = Store.containsPattern(filter.loginOrName) {
                conditions.append("(u.login LIKE ? ESCAPE '\\' OR u.name LIKE ? ESCAPE '\\')")
                arguments += [pattern, pattern]
            }
            let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchAll(db, sql: Store.accountSelect + whereClause + " ORDER BY u.login" + page.sqlClause,
                                        arguments: arguments)
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM users u" + whereClause, arguments: arguments) ?? 0
            return Page(rows: try rows.map(Store.account), total: total, request: page)
        }
    }

    /// One account by its user's id.
    public func userAccount(id: Int64, actor: User) throws(StoreError) -> UserAccount {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "user show")
            guard let row = try Row.fetchOne(db, sql: Store.accountSelect + " WHERE u.id = ?", arguments: [id]) else {
                throw StoreError.notFound(kind: "用户", key: String(id))
            }
            return try Store.account(row)
        }
    }

    /// What the form adding a user offers: the institutions and evaluation bodies a user may
    /// belong to. Bureau only, as adding a user is.
    public func userFormChoices(actor: User) throws(StoreError) -> [Institution] {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "user add")
            return try Institution.order(Column("name")).fetchAll(db)
        }
    }

    /// What the forms adding or changing an institution offer: the catalog's districts. Bureau
    /// only, as adding an institution and changing its name, district or code are.
    public func institutionFormChoices(actor: User, editing: Bool) throws(StoreError) -> [District] {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: editing ? "institution update (name, district, credit code)" : "institution add")
            return try Store.districts(db)
        }
    }

    private static let accountSelect = """
        SELECT u.*, i.name AS institution_name, p.user_id IS NOT NULL AS has_password,
               COALESCE(p.must_change, 0) AS must_change, p.set_at AS password_set_at
        FROM users u
        LEFT JOIN institutions i ON i.id = u.institution_id
        LEFT JOIN user_passwords p ON p.user_id = u.id
        """

    private static func account(_ row: Row) throws -> UserAccount {
        UserAccount(user: try User(row: row), institutionName: row["institution_name"], hasPassword: row["has_password"],
                    mustChangePassword: row["must_change"], passwordSetAt: row["password_set_at"])
    }
}
