import GRDB
import Domain

/// Signing in: the Store keeps the records and decides locks; checking a password against its
/// hash is the caller's (the Store never sees a password).
extension Store {
    /// Whether a sign-in as `login` from `address` may go on, and the hash to check against.
    public func signInCheck(login: String, address: String) throws(StoreError) -> SignInCheck {
        let now = clock.timestamp()
        return try read { db in
            if try Store.isLocked(db, login: login, address: address, now: now) { return .throttled }
            guard let user = try User.filter(Column("login") == login).fetchOne(db), user.active else {
                return .proceed(userId: nil, passwordHash: nil)
            }
            let hash = try String.fetchOne(db, sql: "SELECT hash FROM user_passwords WHERE user_id = ?", arguments: [user.id])
            return .proceed(userId: user.id, passwordHash: hash)
        }
    }

    /// Records a wrong password (or an unknown login) and locks the login or the address when it
    /// reached its limit. Returns true when this failure set a lock.
    ///
    /// An unknown login is audited as `?`: what was typed may be somebody's password.
    @discardableResult
    public func recordFailedSignIn(login: String, address: String, limits: SignInLimits = .standard) throws(StoreError) -> Bool {
        let now = clock.timestamp()
        let windowStart = clock.timestamp(secondsAgo: limits.window)
        let until = clock.timestamp(secondsAgo: -limits.lockDuration)
        let dayAgo = clock.timestamp(secondsAgo: 24 * 60 * 60)
        return try write { db in
            let user = try User.filter(Column("login") == login).fetchOne(db)
            let attemptId = try Store.recordAttempt(db, login: login, address: address, at: now, outcome: "failure")
            let who = user?.login ?? "?"
            let role = user?.role.rawValue ?? "anonymous"
            try audit(db, actorLogin: who, actorRole: role, action: "user.signin.fail", entity: "users", key: who,
                      after: ["address": address])

            // What an unknown login typed may be a password: attempts are kept a day, no longer.
            try db.execute(sql: "DELETE FROM sign_in_attempts WHERE at < ?", arguments: [dayAgo])

            var locked = false
            let loginFailures = try Store.failuresSinceLastReset(db, kind: "login", value: login, windowStart: windowStart)
            if loginFailures >= limits.failuresPerLogin {
                try Store.lock(db, kind: "login", value: login, attemptId: attemptId, until: until)
                try audit(db, actorLogin: who, actorRole: role, action: "user.lockout", entity: "users", key: who,
                          after: ["failures": String(loginFailures), "until": until])
                locked = true
            }
            let addressFailures = try Store.failuresSinceLastReset(db, kind: "address", value: address, windowStart: windowStart)
            if addressFailures >= limits.failuresPerAddress {
                try Store.lock(db, kind: "address", value: address, attemptId: attemptId, until: until)
                try audit(db, actorLogin: who, actorRole: role, action: "address.lockout", entity: "sign_in_addresses", key: address,
                          after: ["failures": String(addressFailures), "until": until])
                locked = true
            }
            return locked
        }
    }

    /// Records an attempt refused because its login or address was locked.
    public func recordThrottledSignIn(login: String, address: String) throws(StoreError) {
        let now = clock.timestamp()
        try write { db in
            let user = try User.filter(Column("login") == login).fetchOne(db)
            _ = try Store.recordAttempt(db, login: login, address: address, at: now, outcome: "throttled")
            try audit(db, actorLogin: user?.login ?? "?", actorRole: user?.role.rawValue ?? "anonymous",
                      action: "user.signin.throttled", entity: "users", key: user?.login ?? "?", after: ["address": address])
        }
    }

    /// Signs the user in once the caller has checked their password: records the success and
    /// starts a session under the hash of the browser's token. Nil when the user was disabled,
    /// or the login or address locked, since `signInCheck`.
    public func startWebSession(userId: Int64, address: String, tokenHash: String, csrfToken: String) throws(StoreError) -> WebSession? {
        let now = clock.timestamp()
        let dayAgo = clock.timestamp(secondsAgo: 24 * 60 * 60)
        return try write { db in
            guard let user = try User.fetchOne(db, key: userId), user.active,
                  try !Store.isLocked(db, login: user.login, address: address, now: now) else { return nil }
            _ = try Store.recordAttempt(db, login: user.login, address: address, at: now, outcome: "success")
            try db.execute(sql: """
                INSERT INTO web_sessions (token_hash, user_id, csrf_token, address, created_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [tokenHash, userId, csrfToken, address, now, now])
            let sessionId = db.lastInsertedRowID
            try audit(db, actor: user, action: "user.signin", entity: "users", key: user.login, after: ["address": address])

            // Housekeeping while holding the write lock anyway: sessions long idle, old attempts, spent locks.
            let idleStart = clock.timestamp(secondsAgo: Double(try Store.idleMinutes(db)) * 60)
            try db.execute(sql: "DELETE FROM web_sessions WHERE last_seen_at < ?", arguments: [idleStart])
            try db.execute(sql: "DELETE FROM sign_in_attempts WHERE at < ?", arguments: [dayAgo])
            try db.execute(sql: "DELETE FROM sign_in_locks WHERE until < ?", arguments: [now])
            return try Store.webSession(db, id: sessionId)
        }
    }

    // MARK: Throttling

    private static func isLocked(_ db: Database, login: String, address: String, now: String) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM sign_in_locks
                           WHERE ((kind = 'login' AND value = ?) OR (kind = 'address' AND value = ?)) AND until > ?)
            """, arguments: [login, address, now]) ?? false
    }

    private static func recordAttempt(_ db: Database, login: String, address: String, at: String, outcome: String) throws -> Int64 {
        try db.execute(sql: "INSERT INTO sign_in_attempts (login, address, at, outcome) VALUES (?, ?, ?, ?)",
                       arguments: [login, address, at, outcome])
        return db.lastInsertedRowID
    }

    /// Failures of a login (or from an address) within the window, counted from after its last
    /// lock and, for a login, its last success: ids order attempts within one second.
    private static func failuresSinceLastReset(_ db: Database, kind: String, value: String, windowStart: String) throws -> Int {
        let column = kind == "login" ? "login" : "address"
        let lastLock = try Int64.fetchOne(db, sql: "SELECT MAX(attempt_id) FROM sign_in_locks WHERE kind = ? AND value = ?",
                                          arguments: [kind, value]) ?? 0
        let lastSuccess = kind == "login"
            ? try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM sign_in_attempts WHERE login = ? AND outcome = 'success'",
                                 arguments: [value]) ?? 0
            : 0
        return try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM sign_in_attempts
            WHERE \(column) = ? AND outcome = 'failure' AND at > ? AND id > ?
            """, arguments: [value, windowStart, max(lastLock, lastSuccess)]) ?? 0
    }

    private static func lock(_ db: Database, kind: String, value: String, attemptId: Int64, until: String) throws {
        try db.execute(sql: "INSERT INTO sign_in_locks (kind, value, attempt_id, until) VALUES (?, ?, ?, ?)",
                       arguments: [kind, value, attemptId, until])
    }
}
