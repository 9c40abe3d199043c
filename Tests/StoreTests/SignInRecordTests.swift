import Foundation
import Testing
import Domain
@testable import Store

/// The sign-in records: password hashes beside the users (never in their audit JSON), sessions
/// that idle out and end with a disabled user, failed attempts that lock an account and an
/// address for a while, and an audit event for each of these.
@Suite struct SignInRecordTests {
    /// A clock the test moves forward by hand, starting at noon bureau time on the fixed day.
    final class MovingClock: @unchecked Sendable {
        private let lock = NSLock()
        private var current: Date

        init() { current = Clock.fixed(fixedDay).now() }

        var clock: Clock { Clock { [self] in lock.withLock { current } } }

        func advance(minutes: Double) { lock.withLock { current += minutes * 60 } }
    }

    static func world(_ moving: MovingClock) throws -> World {
        let store = try Store.inMemory(clock: moving.clock)
        return try World(store: store, admin: try store.initialize(catalog: sampleCatalog()))
    }

    /// Stands for a bcrypt hash: the Store only keeps what it is given.
    static let hashA = "$2b$04$abcdefghijklmnopqrstuuFakeHashForTestsOnly0123456789ab"
    static let hashB = "$2b$04$zyxwvutsrqponmlkjihgfuAnotherFakeHashForTests987654321"

    @Test func aPasswordSetByTheBureauMustBeChangedAndNeverAppearsInTheAudit() throws {
        let world = try Self.world(MovingClock())
        try world.store.setPassword(login: "clerk.a", hash: Self.hashA, actor: world.admin)
        #expect(try world.store.signInCheck(login: "clerk.a", address: "10.0.0.1")
                == .proceed(userId: world.clerkA.id, passwordHash: Self.hashA))
        #expect(try world.store.passwordHash(of: world.clerkA) == Self.hashA)

        let session = try #require(try world.store.startWebSession(userId: world.clerkA.id!, address: "10.0.0.1", tokenHash: "t1", csrfToken: "c1"))
        #expect(session.mustChangePassword)
        #expect(session.user == world.clerkA)

        // A clerk cannot set someone's password.
        #expect(throws: StoreError.self) { try world.store.setPassword(login: "clerk.b", hash: Self.hashB, actor: world.clerkA) }

        let events = try world.store.auditEvents(actor: world.admin, entity: "users", key: "clerk.a").rows
        #expect(events.map(\.action) == ["user.signin", "user.password.set", "user.create"])
        for event in events {
            #expect(!(event.before ?? "").contains("$2b$") && !(event.after ?? "").contains("$2b$"))
        }
    }

    /// The demo year's published passwords: set by the bureau, audited, but not to be changed
    /// at the first sign-in (anyone trying the demo signs in with the printed password).
    @Test func aPasswordSetWithoutAForcedChangeLeadsStraightIn() throws {
        let world = try Self.world(MovingClock())
        try world.store.setPassword(login: "clerk.a", hash: Self.hashA, mustChange: false, actor: world.admin)
        let session = try #require(try world.store.startWebSession(userId: world.clerkA.id!, address: "10.0.0.1", tokenHash: "t1", csrfToken: "c1"))
        #expect(!session.mustChangePassword)
        let set = try #require(try world.store.auditEvents(actor: world.admin, entity: "users", key: "clerk.a").rows
            .first { $0.action == "user.password.set" })
        #expect(set.after?.contains("\"must_change\":false") == true)
        #expect(!(set.after ?? "").contains("$2b$"))
        // Still the bureau's alone.
        #expect(throws: StoreError.self) {
            try world.store.setPassword(login: "clerk.b", hash: Self.hashB, mustChange: false, actor: world.clerkA)
        }
    }

    @Test func aUserWithoutPasswordOrUnknownOrDisabledGetsNoHash() throws {
        let world = try Self.world(MovingClock())
        #expect(try world.store.signInCheck(login: "clerk.a", address: "a") == .proceed(userId: world.clerkA.id, passwordHash: nil))
        #expect(try world.store.signInCheck(login: "nobody", address: "a") == .proceed(userId: nil, passwordHash: nil))
        try world.store.setPassword(login: "clerk.a", hash: Self.hashA, actor: world.admin)
        _ = try world.store.setUserActive(login: "clerk.a", active: false, actor: world.admin)
        #expect(try world.store.signInCheck(login: "clerk.a", address: "a") == .proceed(userId: nil, passwordHash: nil))
    }

    @Test func fiveFailuresLockTheAccountForFifteenMinutesAndAreAudited() throws {
        let moving = MovingClock()
        let world = try Self.world(moving)
        try world.store.setPassword(login: "clerk.a", hash: Self.hashA, actor: world.admin)
        for attempt in 1...5 {
            #expect(try world.store.signInCheck(login: "clerk.a", address: "10.0.0.\(attempt)") != .throttled)
            let locked = try world.store.recordFailedSignIn(login: "clerk.a", address: "10.0.0.\(attempt)")
            #expect(locked == (attempt == 5))
            moving.advance(minutes: 1)
        }
        // Locked from any address, even with the right password (the check comes first).
        #expect(try world.store.signInCheck(login: "clerk.a", address: "10.9.9.9") == .throttled)
        // Another account from one of the same addresses is not locked.
        #expect(try world.store.signInCheck(login: "clerk.b", address: "10.0.0.1") != .throttled)
        try world.store.recordThrottledSignIn(login: "clerk.a", address: "10.9.9.9")

        // The fifth failure was at minute 4; fifteen minutes after it the account opens again.
        moving.advance(minutes: 13.9)
        #expect(try world.store.signInCheck(login: "clerk.a", address: "10.9.9.9") == .throttled)
        moving.advance(minutes: 0.2)
        #expect(try world.store.signInCheck(login: "clerk.a", address: "10.9.9.9") != .throttled)

        let actions = try world.store.auditEvents(actor: world.admin, entity: "users", key: "clerk.a").rows.map(\.action)
        #expect(actions.filter { $0 == "user.signin.fail" }.count == 5)
        #expect(actions.filter { $0 == "user.lockout" }.count == 1)
        #expect(actions.filter { $0 == "user.signin.throttled" }.count == 1)
    }

    @Test func aSuccessfulSignInClearsTheAccountsEarlierFailures() throws {
        let world = try Self.world(MovingClock())
        try world.store.setPassword(login: "clerk.a", hash: Self.hashA, actor: world.admin)
        for _ in 1...4 { _ = try world.store.recordFailedSignIn(login: "clerk.a", address: "x") }
        _ = try world.store.startWebSession(userId: world.clerkA.id!, address: "x", tokenHash: "t", csrfToken: "c")
        #expect(try world.store.recordFailedSignIn(login: "clerk.a", address: "x") == false)
        #expect(try world.store.signInCheck(login: "clerk.a", address: "x") != .throttled)
    }

    @Test func twentyFailuresFromOneAddressLockThatAddressWhateverTheLogin() throws {
        let world = try Self.world(MovingClock())
        for attempt in 1...20 {
            let locked = try world.store.recordFailedSignIn(login: "guess\(attempt)", address: "203.0.113.7")
            #expect(locked == (attempt == 20))
        }
        #expect(try world.store.signInCheck(login: "clerk.a", address: "203.0.113.7") == .throttled)
        #expect(try world.store.signInCheck(login: "clerk.a", address: "203.0.113.8") != .throttled)
        let lockouts = try world.store.auditEvents(actor: world.admin, entity: "sign_in_addresses").rows
        #expect(lockouts.map(\.action) == ["address.lockout"])
        // An unknown login's failure is audited without the text typed (it may be a password).
        let failures = try world.store.auditEvents(actor: world.admin).rows.filter { $0.action == "user.signin.fail" }
        #expect(failures.count == 20)
        #expect(failures.allSatisfy { $0.entityKey == "?" && $0.actorLogin == "?" && !($0.after ?? "").contains("guess") })
    }

    @Test func whatAnUnknownLoginTypedIsKeptADayAtMost() throws {
        let moving = MovingClock()
        let world = try Self.world(moving)
        try world.store.recordFailedSignIn(login: "Pa55word-typed-as-login", address: "x")
        let kept = { try world.store.rawRead { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sign_in_attempts WHERE login = 'Pa55word-typed-as-login'") } }
        #expect(try kept() == 1)
        moving.advance(minutes: 24 * 60 + 1)
        try world.store.recordFailedSignIn(login: "clerk.a", address: "x")
        #expect(try kept() == 0)
    }

    @Test func aSessionIdlesOutAfterTheCatalogsMinutesAndIsTouchedWhenUsed() throws {
        let moving = MovingClock()
        let world = try Self.world(moving)
        try world.store.setPassword(login: "clerk.a", hash: Self.hashA, actor: world.admin)
        let started = try #require(try world.store.startWebSession(userId: world.clerkA.id!, address: "x", tokenHash: "tok", csrfToken: "csrf"))

        moving.advance(minutes: 29)
        guard case .active(let session) = try world.store.resumeWebSession(tokenHash: "tok") else {
            Issue.record("the session should still be active after 29 minutes"); return
        }
        #expect(session.id == started.id && session.csrfToken == "csrf")
        try world.store.rawWrite { _ in }  // waits for the touch written in the background
        moving.advance(minutes: 29)
        #expect(try world.store.resumeWebSession(tokenHash: "tok").session != nil, "used 29 minutes ago: still active")
        try world.store.rawWrite { _ in }
        moving.advance(minutes: 30.1)
        #expect(try world.store.resumeWebSession(tokenHash: "tok") == .expired)
        try world.store.rawWrite { _ in }
        #expect(try world.store.resumeWebSession(tokenHash: "tok") == .missing, "an expired session is deleted")
    }

    @Test func theIdleLimitIsTheCatalogSetting() throws {
        let moving = MovingClock()
        let world = try Self.world(moving)
        var catalog = sampleCatalog()
        catalog.settings.append(CatalogSetting(key: "session_idle_minutes", value: "10", note: ""))
        _ = try world.store.syncCatalog(catalog, actor: world.admin)
        _ = try world.store.startWebSession(userId: world.admin.id!, address: "x", tokenHash: "tok", csrfToken: "c")
        moving.advance(minutes: 10.1)
        #expect(try world.store.resumeWebSession(tokenHash: "tok") == .expired)
    }

    @Test func disablingAUserEndsEveryOneOfTheirSessionsAtOnce() throws {
        let world = try Self.world(MovingClock())
        try world.store.setPassword(login: "clerk.a", hash: Self.hashA, actor: world.admin)
        _ = try world.store.startWebSession(userId: world.clerkA.id!, address: "x", tokenHash: "one", csrfToken: "c")
        _ = try world.store.startWebSession(userId: world.clerkA.id!, address: "y", tokenHash: "two", csrfToken: "c")
        _ = try world.store.startWebSession(userId: world.clerkB.id!, address: "y", tokenHash: "other", csrfToken: "c")
        _ = try world.store.setUserActive(login: "clerk.a", active: false, actor: world.admin)
        #expect(try world.store.resumeWebSession(tokenHash: "one") == .missing)
        #expect(try world.store.resumeWebSession(tokenHash: "two") == .missing)
        #expect(try world.store.resumeWebSession(tokenHash: "other").session?.user == world.clerkB)
        // Ended, not merely hidden: enabling the user again does not bring the sessions back.
        _ = try world.store.setUserActive(login: "clerk.a", active: true, actor: world.admin)
        #expect(try world.store.resumeWebSession(tokenHash: "one") == .missing)
    }

    @Test func changingOnesOwnPasswordClearsTheFlagAndEndsOtherSessions() throws {
        let world = try Self.world(MovingClock())
        try world.store.setPassword(login: "clerk.a", hash: Self.hashA, actor: world.admin)
        let here = try #require(try world.store.startWebSession(userId: world.clerkA.id!, address: "x", tokenHash: "here", csrfToken: "c"))
        _ = try world.store.startWebSession(userId: world.clerkA.id!, address: "y", tokenHash: "elsewhere", csrfToken: "c")
        try world.store.changeOwnPassword(hash: Self.hashB, keepingSession: here.id, actor: world.clerkA)
        #expect(try world.store.resumeWebSession(tokenHash: "here").session?.mustChangePassword == false)
        #expect(try world.store.resumeWebSession(tokenHash: "elsewhere") == .missing)
        #expect(try world.store.passwordHash(of: world.clerkA) == Self.hashB)
        let actions = try world.store.auditEvents(actor: world.admin, entity: "users", key: "clerk.a").rows.map(\.action)
        #expect(actions.first == "user.password.change")

        // A reset by the bureau ends the user's sessions and asks for a change again.
        try world.store.setPassword(login: "clerk.a", hash: Self.hashA, actor: world.admin)
        #expect(try world.store.resumeWebSession(tokenHash: "here") == .missing)
    }

    @Test func signingOutEndsTheSessionAndIsAudited() throws {
        let world = try Self.world(MovingClock())
        _ = try world.store.startWebSession(userId: world.admin.id!, address: "x", tokenHash: "tok", csrfToken: "c")
        try world.store.endWebSession(tokenHash: "tok")
        #expect(try world.store.resumeWebSession(tokenHash: "tok") == .missing)
        #expect(try world.store.auditEvents(actor: world.admin).rows.first?.action == "user.signout")
    }

    @Test func aUserAddedWithAPasswordHashHasItInTheSameTransaction() throws {
        let world = try Self.world(MovingClock())
        let user = try world.store.addUser(login: "new.clerk", name: "新经办", role: .institution, institutionId: world.schoolA.id,
                                           passwordHash: Self.hashA, actor: world.admin)
        #expect(try world.store.passwordHash(of: user) == Self.hashA)
        #expect(throws: StoreError.self) {
            try world.store.addUser(login: "new.clerk", name: "again", role: .institution, institutionId: world.schoolA.id,
                                    passwordHash: Self.hashB, actor: world.admin)
        }
        #expect(try world.store.passwordHash(of: user) == Self.hashA)
    }
}
