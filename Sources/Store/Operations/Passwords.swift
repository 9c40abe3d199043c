import GRDB
import Domain

/// Password hashes, kept beside the users. The Store is handed hashes only; a hash never
/// leaves it except to the sign-in check, and never enters an audit event.
extension Store {
    /// Sets the password somebody else chose for `login` (a new account, a forgotten password):
    /// the user must change it at their next sign-in, and every session they have ends.
    /// `mustChange: false` is for a password that is public anyway (the demo year's accounts,
    /// printed for anyone trying the demo), where a forced change would only stand in the way.
    /// Bureau only.
    public func setPassword(login: String, hash: String, mustChange: Bool = true, actor: User) throws(StoreError) {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "user set-password")
            guard let user = try User.filter(Column("login") == login).fetchOne(db) else {
                throw StoreError.notFound(kind: "用户", key: login)
            }
            try Store.savePassword(db, userId: user.id!, hash: hash, mustChange: mustChange, at: clock.timestamp())
            try Store.endWebSessions(db, userId: user.id!)
            try audit(db, actor: actor, action: "user.password.set", entity: "users", key: login, after: ["must_change": mustChange])
        }
    }

    /// The signed-in user replaces their own password; their other sessions end, the one they
    /// changed it from goes on.
    public func changeOwnPassword(hash: String, keepingSession sessionId: Int64?, actor: User) throws(StoreError) {
        try write { db in
            let actor = try currentActor(db, actor)
            try Store.savePassword(db, userId: actor.id!, hash: hash, mustChange: false, at: clock.timestamp())
            try Store.endWebSessions(db, userId: actor.id!, except: sessionId)
            try audit(db, actor: actor, action: "user.password.change", entity: "users", key: actor.login)
        }
    }

    /// The hash to check a user's current password against; nil when they have none.
    public func passwordHash(of user: User) throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT hash FROM user_passwords WHERE user_id = ?", arguments: [user.id])
        }
    }

    static func savePassword(_ db: Database, userId: Int64, hash: String, mustChange: Bool, at: String) throws {
        try db.execute(sql: """
            INSERT INTO user_passwords (user_id, hash, must_change, set_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, must_change = excluded.must_change, set_at = excluded.set_at
            """, arguments: [userId, hash, mustChange, at])
    }
}
