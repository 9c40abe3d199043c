/// A browser signed in to the web app: whose it is, the token its forms carry against
/// cross-site requests, and whether the user must first change an initial password.
public struct WebSession: Sendable, Equatable {
    public let id: Int64
    /// The user as the database holds them now (a disabled user has no session).
    public let user: User
    /// The name of the user's institution or evaluation body; nil for the bureau.
    public let institutionName: String?
    /// Put in a hidden field of every form this session's pages show; a POST must bring it back.
    public let csrfToken: String
    /// True while the password is one somebody else set (`user add`, a reset): nothing else may
    /// be done until it is changed.
    public let mustChangePassword: Bool
    /// UTC, ISO 8601.
    public let createdAt: String
    public let lastSeenAt: String
}

/// What a browser's session token leads to.
public enum WebSessionLookup: Sendable, Equatable {
    case active(WebSession)
    /// The session existed but was idle longer than the catalog's `session_idle_minutes`.
    case expired
    /// No such session: never one, signed out, or ended with its user.
    case missing

    /// The session when active.
    public var session: WebSession? {
        if case .active(let session) = self { return session }
        return nil
    }
}

/// Whether a sign-in may go on to check the password.
public enum SignInCheck: Sendable, Equatable {
    /// The login or the address failed too often lately: refused before any password is checked.
    case throttled
    /// Check the password against `passwordHash`. Both are nil when the login is unknown, the
    /// user is disabled or has no password: the caller still spends the time of a check, so
    /// that an answer's delay does not tell which logins exist, and then records a failure.
    case proceed(userId: Int64?, passwordHash: String?)
}

/// How many failed sign-ins lock what, and for how long.
public struct SignInLimits: Sendable, Equatable {
    /// Failures of one login within `window` (since its last success) that lock it.
    public var failuresPerLogin: Int
    /// Failures from one address within `window`, whatever the logins, that lock it.
    public var failuresPerAddress: Int
    /// Seconds over which failures are counted.
    public var window: Double
    /// Seconds a lock lasts from the failure that set it.
    public var lockDuration: Double

    public init(failuresPerLogin: Int, failuresPerAddress: Int, window: Double, lockDuration: Double) {
        self.failuresPerLogin = failuresPerLogin
        self.failuresPerAddress = failuresPerAddress
        self.window = window
        self.lockDuration = lockDuration
    }

    /// Five failures in 15 minutes lock a login for 15 minutes; twenty lock an address.
    public static let standard = SignInLimits(failuresPerLogin: 5, failuresPerAddress: 20, window: 15 * 60, lockDuration: 15 * 60)
}
