import GRDB
import Domain

extension Store {
    /// True once `initialize` has run on this database.
    public func isInitialized() throws(StoreError) -> Bool {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'initialized_at'") != nil }
    }

    /// Creates the bureau administrator and loads the catalog, in one transaction.
    /// Refused on a database that is already initialised.
    @discardableResult
    public func initialize(catalog: Catalog, adminLogin: String = "admin", adminName: String = "系统管理员") throws(StoreError) -> User {
        let path = location
        return try write { db in
            if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'initialized_at'") != nil {
                throw StoreError.alreadyInitialized(path: path)
            }
            let login = try Store.validLogin(adminLogin)
            var admin = User(id: nil, login: login, name: adminName, role: .bureau, institutionId: nil,
                             active: true, createdAt: clock.timestamp())
            try admin.insert(db)
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('initialized_at', ?), ('admin_login', ?)",
                           arguments: [clock.timestamp(), login])
            try audit(db, actor: admin, action: "user.create", entity: "users", key: login, after: admin)
            _ = try applyCatalog(db, catalog, actor: admin, action: "catalog.load")
            return admin
        }
    }

    /// The login that `--as` defaults to: the administrator `initialize` created.
    public func administratorLogin() throws(StoreError) -> String {
        let path = location
        return try read { db in
            guard let login = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'admin_login'") else {
                throw StoreError.notInitialized(path: path)
            }
            return login
        }
    }

    /// The user who acts; refused when unknown or disabled.
    public func user(login: String) throws(StoreError) -> User {
        let path = location
        return try read { db in
            if try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'initialized_at'") == nil {
                throw StoreError.notInitialized(path: path)
            }
            guard let user = try User.filter(Column("login") == login).fetchOne(db) else {
                throw StoreError.notFound(kind: "用户", key: login)
            }
            guard user.active else { throw StoreError.userDisabled(login: login) }
            return user
        }
    }

    /// Adds a user. Bureau only. Institution users belong to a training institution or school,
    /// examiners to an evaluation body, bureau users to none. With `passwordHash` the user gets
    /// an initial password, to be changed at the first sign-in, in the same transaction.
    public func addUser(login: String, name: String, role: Role, institutionId: Int64?, passwordHash: String? = nil,
                        actor: User) throws(StoreError) -> User {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "user add")
            let login = try Store.validLogin(login)
            let name = try Store.requiredText(name, field: .name)
            if try User.filter(Column("login") == login).fetchCount(db) > 0 {
                throw StoreError.duplicate(kind: "用户", key: login)
            }
            try Store.checkScope(db, role: role, institutionId: institutionId)
            var user = User(id: nil, login: login, name: name, role: role, institutionId: role == .bureau ? nil : institutionId,
                            active: true, createdAt: clock.timestamp())
            try user.insert(db)
            try audit(db, actor: actor, action: "user.create", entity: "users", key: login, after: user)
            if let passwordHash {
                try Store.savePassword(db, userId: user.id!, hash: passwordHash, mustChange: true, at: clock.timestamp())
                try audit(db, actor: actor, action: "user.password.set", entity: "users", key: login, after: ["must_change": true])
            }
            return user
        }
    }

    /// Enables or disables a user. Bureau only; nobody disables themselves (no lock-out).
    public func setUserActive(login: String, active: Bool, actor: User) throws(StoreError) -> User {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: active ? "user enable" : "user disable")
            guard var user = try User.filter(Column("login") == login).fetchOne(db) else {
                throw StoreError.notFound(kind: "用户", key: login)
            }
            if user.id == actor.id && !active {
                throw StoreError.conflict(reasonZh: "不能停用自己的账号", reasonEn: "you cannot disable your own account")
            }
            let before = user
            user.active = active
            try user.update(db)
            // A disabled user is signed out everywhere at once, not at their next idle timeout.
            if !active { try Store.endWebSessions(db, userId: user.id!) }
            try audit(db, actor: actor, action: active ? "user.enable" : "user.disable", entity: "users", key: login,
                      before: before, after: user)
            return user
        }
    }

    /// Bureau users see every user; the others see the users of their own institution.
    public func users(actor: User, page: PageRequest = .all) throws(StoreError) -> Page<User> {
        try read { db in
            let actor = try currentActor(db, actor)
            var request = User.order(Column("login"))
            if actor.role != .bureau {
                request = request.filter(Column("institution_id") == actor.institutionId)
            }
            return try fetchPage(db, request, page)
        }
    }

    private static func checkScope(_ db: Database, role: Role, institutionId: Int64?) throws {
        switch role {
        case .bureau:
            if institutionId != nil {
                throw StoreError.invalid(FieldProblem(field: .institution, value: String(institutionId!), rule: Rejection(
                    "人社局用户不属于任何机构", "bureau users belong to no institution")))
            }
        case .institution, .examiner:
            guard let institutionId else {
                throw StoreError.invalid(FieldProblem(field: .institution, value: "", rule: Rejection(
                    "\(role.chineseName)必须属于一个机构", "a \(role.rawValue) user must belong to an institution")))
            }
            guard let institution = try Institution.fetchOne(db, key: institutionId) else {
                throw StoreError.notFound(kind: "机构", key: String(institutionId))
            }
            let fits = role == .examiner ? institution.kind == .evaluation : institution.kind != .evaluation
            if !fits {
                throw StoreError.invalid(FieldProblem(field: .institution, value: institution.name, rule: Rejection(
                    role == .examiner ? "考评员必须属于评价机构" : "机构经办人必须属于培训机构或技工院校",
                    role == .examiner ? "an examiner belongs to an evaluation body"
                                      : "an institution user belongs to a training institution or technical school")))
            }
        }
    }

    static func validLogin(_ text: String) throws -> String {
        let login = text.trimmingWhitespace()
        let allowed = login.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
        guard !login.isEmpty, login.count <= 64, allowed else {
            throw StoreError.invalid(FieldProblem(field: .login, value: text, rule: Rejection(
                "登录名只能由英文字母、数字和 . _ - 组成，最长 64 位",
                "a login is made of letters, digits and . _ - (at most 64)")))
        }
        return login
    }

    static func requiredText(_ text: String, field: Field) throws -> String {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw StoreError.invalid(FieldProblem(field: field, value: text, rule: Rejection("不能为空", "must not be empty")))
        }
        return trimmed
    }
}
