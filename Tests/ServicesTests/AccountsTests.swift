import Foundation
import Testing
import Domain
import Store
import Intake
@testable import Services

/// Passwords and sign-in as a user meets them: the rules a new password must pass (in both
/// languages, never repeating it), one answer for a wrong login and a wrong password, and a
/// session token that the database does not hold as such.
@Suite struct AccountsTests {
    let accounts = Accounts(bcryptCost: 4)

    func world() throws -> (Store, User) {
        let store = try Store.inMemory(clock: .fixed(StoreThreadsTests.day))
        let catalogFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Catalog")
        return (store, try store.initialize(catalog: try #require(CatalogReader.load(catalogFolder).catalog)))
    }

    @Test func aNewPasswordMustPassTheRulesAndTheMessageNeverRepeatsIt() throws {
        #expect(throws: AccountError.passwordTooShort(minimum: 10)) { try accounts.hashNewPassword("short9chr", for: "clerk") }
        #expect(throws: AccountError.passwordIsLogin) { try accounts.hashNewPassword("Clerk.Wang01", for: "clerk.wang01") }
        #expect(throws: AccountError.passwordTooLong(maximumBytes: 72)) {
            try accounts.hashNewPassword(String(repeating: "密", count: 25), for: "clerk")
        }
        let message = AccountError.passwordTooShort(minimum: 10).description
        #expect(message == "密码至少需要 10 个字符\na password has at least 10 characters")
        let hash = try accounts.hashNewPassword("长城-Great-Wall-2026", for: "clerk")
        #expect(hash.hasPrefix("$2b$04$") && !hash.contains("Great"))
    }

    @Test func aWrongPasswordAndAnUnknownLoginGetTheSameAnswerAndARightOneASession() throws {
        let (store, admin) = try world()
        try accounts.setPassword(login: "admin", password: "initial-password-1", actor: admin, store: store)

        guard case .refused = try accounts.signIn(login: "admin", password: "wrong-password-1", address: "a", store: store),
              case .refused = try accounts.signIn(login: "nobody", password: "initial-password-1", address: "a", store: store),
              case .signedIn(let token, let session) = try accounts.signIn(login: " admin ", password: "initial-password-1",
                                                                           address: "a", store: store) else {
            Issue.record("expected refused, refused, signed in"); return
        }
        #expect(session.mustChangePassword)
        #expect(token.count == 64)
        #expect(try accounts.resume(token: token, store: store).session?.id == session.id)
        // The database holds the token's hash, not the token: the token itself finds nothing.
        #expect(try store.resumeWebSession(tokenHash: token) == .missing)
    }

    @Test func changingTheInitialPasswordNeedsTheCurrentOneAndTwoEqualNewOnes() throws {
        let (store, admin) = try world()
        try accounts.setPassword(login: "admin", password: "initial-password-1", actor: admin, store: store)
        guard case .signedIn(_, let session) = try accounts.signIn(login: "admin", password: "initial-password-1", address: "a", store: store) else {
            Issue.record("sign-in failed"); return
        }
        #expect(throws: AccountError.wrongCurrentPassword) {
            try accounts.changeOwnPassword(current: "nope-nope-nope", new: "brand-new-pass-2", repeated: "brand-new-pass-2", session: session, store: store)
        }
        #expect(throws: AccountError.passwordsDiffer) {
            try accounts.changeOwnPassword(current: "initial-password-1", new: "brand-new-pass-2", repeated: "brand-new-pass-3", session: session, store: store)
        }
        #expect(throws: AccountError.passwordUnchanged) {
            try accounts.changeOwnPassword(current: "initial-password-1", new: "initial-password-1", repeated: "initial-password-1", session: session, store: store)
        }
        try accounts.changeOwnPassword(current: "initial-password-1", new: "brand-new-pass-2", repeated: "brand-new-pass-2", session: session, store: store)
        guard case .signedIn(_, let again) = try accounts.signIn(login: "admin", password: "brand-new-pass-2", address: "a", store: store) else {
            Issue.record("the new password should sign in"); return
        }
        #expect(!again.mustChangePassword)
    }

    @Test func tokensCompareOnlyWhenEqualAndNonEmpty() {
        #expect(Accounts.tokensMatch("abc", "abc"))
        #expect(!Accounts.tokensMatch("abd", "abc"))
        #expect(!Accounts.tokensMatch("ab", "abc"))
        #expect(!Accounts.tokensMatch("", ""))
    }
}
