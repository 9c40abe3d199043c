import GRDB
import Domain

/// The sessions of signed-in browsers, found by the hash of their cookie's token.
extension Store {
    /// The session behind a browser's token, if it is still active.
    ///
    /// A session idle longer than the catalog's `session_idle_minutes` has expired. Using a
    /// session records that it was seen, at most once a minute and in the background: a page
    /// never waits for the write lock (a long import may hold it) just to say it was seen.
    public func resumeWebSession(tokenHash: String) throws(StoreError) -> WebSessionLookup {
        let now = clock.timestamp()
        let minuteAgo = clock.timestamp(secondsAgo: 60)
        let lookup: (session: WebSession, expired: Bool)? = try read { db in
            // Every request of a signed-in browser runs these: prepared once per connection.
            guard let id = try Int64.fetchOne(db, cached: "SELECT id FROM web_sessions WHERE token_hash = ?", arguments: [tokenHash]),
                  let session = try Store.webSession(db, id: id), session.user.active else { return nil }
            let idleStart = clock.timestamp(secondsAgo: Double(try Store.idleMinutes(db)) * 60)
            return (session, session.lastSeenAt < idleStart)
        }
        guard let lookup else { return .missing }
        let id = lookup.session.id
        if lookup.expired {
            inBackground { db in try db.execute(sql: "DELETE FROM web_sessions WHERE id = ?", arguments: [id]) }
            return .expired
        }
        if lookup.session.lastSeenAt < minuteAgo {
            inBackground { db in
                try db.execute(sql: "UPDATE web_sessions SET last_seen_at = ? WHERE id = ?", arguments: [now, id])
            }
        }
        return .active(lookup.session)
    }

    /// Signs out: the session ends and the audit trail says so.
    public func endWebSession(tokenHash: String) throws(StoreError) {
        try write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM web_sessions WHERE token_hash = ?", arguments: [tokenHash]),
                  let session = try Store.webSession(db, id: id) else { return }
            try db.execute(sql: "DELETE FROM web_sessions WHERE id = ?", arguments: [id])
            try audit(db, actor: session.user, action: "user.signout", entity: "users", key: session.user.login)
        }
    }

    /// The minutes a session may stay unused, from the catalog (its fallback before a sync).
    static func idleMinutes(_ db: Database) throws -> Int {
        let key = CatalogSettingKey.sessionIdleMinutes
        let text = try String.fetchOne(db, cached: "SELECT value FROM catalog_settings WHERE key = ?", arguments: [key.rawValue])
        return (try? key.parse(text ?? key.fallbackText)) ?? 30
    }

    static func webSession(_ db: Database, id: Int64) throws -> WebSession? {
        guard let row = try Row.fetchOne(db, cached: """
            SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, COALESCE(p.must_change, 0) AS must_change,
                   i.name AS institution_name
            FROM web_sessions s
            JOIN users u ON u.id = s.user_id
            LEFT JOIN user_passwords p ON p.user_id = s.user_id
            LEFT JOIN institutions i ON i.id = u.institution_id
            WHERE s.id = ?
            """, arguments: [id]),
              let user = try User.fetchOne(db, cached: "SELECT * FROM users WHERE id = ?", arguments: [row["user_id"] as Int64])
        else { return nil }
        return WebSession(id: row["id"], user: user, institutionName: row["institution_name"], csrfToken: row["csrf_token"],
                          mustChangePassword: row["must_change"], createdAt: row["created_at"], lastSeenAt: row["last_seen_at"])
    }

    /// Ends every session of a user, inside the caller's transaction (disabled, password reset).
    static func endWebSessions(_ db: Database, userId: Int64, except kept: Int64? = nil) throws {
        try db.execute(sql: "DELETE FROM web_sessions WHERE user_id = ? AND id IS NOT ?", arguments: [userId, kept])
    }

    /// Bookkeeping that no caller waits for; a failure loses only that bookkeeping.
    private func inBackground(_ updates: @escaping @Sendable (Database) throws -> Void) {
        writer.asyncWrite(updates, completion: { _, _ in })
    }
}
