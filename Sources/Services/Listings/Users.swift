import Store

/// Users as an interface lists them.
public struct UserDirectory: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// One page of the users `actor` may see.
    public func list(actor: User, page: PageRequest = .first) throws -> Page<UserView> {
        try store.users(actor: actor, page: page).mapRows(UserView.init)
    }
}

public struct UserView: Encodable, Sendable, Equatable {
    public let login: String
    public let name: String
    /// `bureau`, `institution`, `examiner`.
    public let role: String
    public let institutionId: Int64?
    public let active: Bool

    init(_ user: User) {
        login = user.login
        name = user.name
        role = user.role.rawValue
        institutionId = user.institutionId
        active = user.active
    }
}
