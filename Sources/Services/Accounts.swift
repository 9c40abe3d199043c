import Foundation
import Crypto
import HummingbirdBcrypt
import Domain
import Store

/// Passwords and sign-in, shared by the command line and the web app: the rules a new password
/// must pass, its bcrypt hash, and the random tokens of a session. The Store keeps hashes and
/// decides locks; a password never goes further than this type.
///
/// bcrypt is slow on purpose (a quarter of a second at cost 12): call these on the Store's
/// threads (`StoreThreads`), never on an event loop.
public struct Accounts: Sendable {
    /// bcrypt's work factor: 12 in service, the minimum 4 in tests.
    public let bcryptCost: UInt8
    public let limits: SignInLimits
    /// Checked when a login is unknown, so that its answer takes as long as a real check.
    private let decoyHash: String

    public static let minimumPasswordLength = 10
    public static let maximumPasswordBytes = 72

    public init(bcryptCost: UInt8 = 12, limits: SignInLimits = .standard) {
        self.bcryptCost = bcryptCost
        self.limits = limits
        decoyHash = Bcrypt.hash(Accounts.randomHex(bytes: 16), cost: bcryptCost)
    }

    // MARK: Passwords

    /// The hash of a new password for `login`, once it passes the rules.
    public func hashNewPassword(_ password: String, for login: String) throws(AccountError) -> String {
        guard password.count >= Accounts.minimumPasswordLength else {
            throw .passwordTooShort(minimum: Accounts.minimumPasswordLength)
        }
        guard password.utf8.count <= Accounts.maximumPasswordBytes else {
            throw .passwordTooLong(maximumBytes: Accounts.maximumPasswordBytes)
        }
        guard password.lowercased() != login.lowercased() else { throw .passwordIsLogin }
        return Bcrypt.hash(password, cost: bcryptCost)
    }

    /// Adds a user with an initial password, to be changed at the first sign-in. The password
    /// is checked before anything is written.
    public func addUser(login: String, name: String, role: Role, institutionId: Int64?, password: String,
                        actor: User, store: Store) throws -> User {
        let hash = try hashNewPassword(password, for: login)
        return try store.addUser(login: login, name: name, role: role, institutionId: institutionId, passwordHash: hash, actor: actor)
    }

    /// The bureau sets a password somebody else will use (a new account, a forgotten password),
    /// to be changed at the next sign-in unless `mustChange` is false (see `Store.setPassword`).
    public func setPassword(login: String, password: String, mustChange: Bool = true, actor: User, store: Store) throws {
        try store.setPassword(login: login, hash: try hashNewPassword(password, for: login), mustChange: mustChange, actor: actor)
    }

    /// Whether `password` is the one `user` signs in with, without counting as a sign-in or a
    /// failure: for `skillcert demo --accounts`, which prints a demo password only while it works.
    public func isCurrentPassword(_ password: String, of user: User, store: Store) throws -> Bool {
        guard let hash = try store.passwordHash(of: user) else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// The signed-in user replaces their password: the current one, then the new one twice.
    public func changeOwnPassword(current: String, new: String, repeated: String, session: WebSession, store: Store) throws {
        guard let hash = try store.passwordHash(of: session.user), Bcrypt.verify(current, hash: hash) else {
            throw AccountError.wrongCurrentPassword
        }
        guard new == repeated else { throw AccountError.passwordsDiffer }
        guard new != current else { throw AccountError.passwordUnchanged }
        let newHash = try hashNewPassword(new, for: session.user.login)
        try store.changeOwnPassword(hash: newHash, keepingSession: session.id, actor: session.user)
    }

    // MARK: Sign-in

    /// What a sign-in came to.
    public enum SignInOutcome: Sendable {
        /// Signed in: `token` goes into the browser's cookie, only its hash into the database.
        case signedIn(token: String, session: WebSession)
        /// Wrong login or password: one answer for both.
        case refused
        /// Too many failures lately for this login or from this address.
        case throttled
    }

    public func signIn(login: String, password: String, address: String, store: Store) throws -> SignInOutcome {
        let login = login.trimmingCharacters(in: .whitespaces)
        switch try store.signInCheck(login: login, address: address) {
        case .throttled:
            try store.recordThrottledSignIn(login: login, address: address)
            return .throttled
        case .proceed(let userId, let hash):
            let matches = Bcrypt.verify(password, hash: hash ?? decoyHash)
            guard let userId, hash != nil, matches else {
                try store.recordFailedSignIn(login: login, address: address, limits: limits)
                return .refused
            }
            let token = Accounts.randomHex(bytes: 32)
            guard let session = try store.startWebSession(userId: userId, address: address, tokenHash: Accounts.tokenHash(token),
                                                          csrfToken: Accounts.randomHex(bytes: 32)) else {
                return .throttled
            }
            return .signedIn(token: token, session: session)
        }
    }

    /// The session behind a browser's cookie.
    public func resume(token: String, store: Store) throws -> WebSessionLookup {
        try store.resumeWebSession(tokenHash: Accounts.tokenHash(token))
    }

    public func signOut(token: String, store: Store) throws {
        try store.endWebSession(tokenHash: Accounts.tokenHash(token))
    }

    // MARK: Tokens

    /// `bytes` random bytes from the system's secure generator, as lowercase hex.
    public static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in hexByte(UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// What the database keeps of a session token: its SHA-256, so that a copy of the database
    /// (a backup) does not sign anyone in.
    static func tokenHash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map(hexByte).joined()
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
    }

    /// Compares two tokens in time that does not depend on where they first differ.
    public static func tokensMatch(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count, !b.isEmpty else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
