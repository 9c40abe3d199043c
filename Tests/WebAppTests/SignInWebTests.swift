import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Store
@testable import WebApp

/// Signing in through the pages, as a person in a browser without JavaScript would.
@Suite struct SignInWebTests {
    /// A sign-in page without what differs by design: the login typed back and the fresh token.
    static func withoutTyped(_ body: String, login: String) -> String {
        body.replacingOccurrences(of: "value=\"\(login)\"", with: "value=\"\"")
            .replacing(/value="[0-9a-f]{64}"/, with: "value=\"\"")
    }

    @Test func aSignedOutBrowserIsSentToTheSignInPageWhateverItAsksFor() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            for path in ["/", "/institutions", "/audit", "/institutions/1", "/no-such-page", "/password"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
            let post = try await browser.post("/institutions", [:])
            #expect(post.status == .seeOther && post.location == "/signin")

            let signIn = try await browser.get("/signin")
            #expect(signIn.status == .ok)
            #expect(signIn.body.contains("<label for=\"login\">登录名 <span lang=\"en\">Login</span></label>"))
            #expect(signIn.body.contains("<label for=\"password\">密码 <span lang=\"en\">Password</span></label>"))
            #expect(signIn.body.contains("name=\"_csrf\""))
            let css = try await browser.get("/static/site.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
        }
    }

    @Test func aWrongPasswordIsRefusedWithOneMessageAndAudited() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            let wrong = try await browser.signIn("clerk.a", "not-the-password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("登录名或密码不正确。") && wrong.body.contains("Wrong login or password."))
            #expect(browser.cookies[SessionCookies.sessionName] == nil)
            let unknown = try await browser.signIn("nobody", "not-the-password")
            #expect(unknown.status == .unauthorized)
            #expect(Self.withoutTyped(unknown.body, login: "nobody") == Self.withoutTyped(wrong.body, login: "clerk.a"),
                    "an unknown login gets the very page a wrong password gets")
        }
        let events = try world.store.auditEvents(actor: world.admin).rows
        #expect(events.filter { $0.action == "user.signin.fail" }.map(\.entityKey) == ["?", "clerk.a"])
    }

    @Test func aRightPasswordSignsInAndTheSessionCookieIsHttpOnlyStrictAndScopedToTheSite() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            let signIn = try await browser.get("/signin")
            #expect(signIn.headers[values: .setCookie].first?.hasPrefix("skillcert_signin=") == true)
            let signedIn = try await browser.post("/signin", ["login": "admin", "password": WebWorld.initialPassword])
            #expect(signedIn.status == .seeOther)
            let cookie = try #require(browser.setCookieHeaders.last { $0.hasPrefix("skillcert_session=") })
            let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(attributes == ["HttpOnly", "SameSite=Strict", "Path=/"])
            #expect(browser.cookies[SessionCookies.signInName] == nil, "the sign-in form's cookie is spent")
        }
        try await world.withBrowser(secureCookies: true) { browser in
            try await browser.signIn("admin", WebWorld.initialPassword)
            let cookie = try #require(browser.setCookieHeaders.last { $0.hasPrefix("skillcert_session=") })
            #expect(cookie.contains("; Secure"))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        }
    }

    @Test func anInitialPasswordMustBeChangedBeforeAnythingElse() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            let signedIn = try await browser.signIn("clerk.a", WebWorld.initialPassword)
            #expect(signedIn.location == "/password")
            for path in ["/", "/institutions"] {
                #expect(try await browser.get(path).location == "/password", "GET \(path)")
            }
            let form = try await browser.get("/password")
            #expect(form.body.contains("您正在使用他人为您设置的初始密码"))
            #expect(!form.body.contains("aria-label=\"主菜单 Main menu\""), "no menu until the password is changed")
            #expect(form.body.contains("<label for=\"new\">新密码 <span lang=\"en\">New password</span></label>"))

            let short = try await browser.post("/password", ["current": WebWorld.initialPassword, "new": "short", "repeat": "short"])
            #expect(short.status == .badRequest)
            #expect(short.body.contains("密码至少需要 10 个字符") && short.body.contains("a password has at least 10 characters"))
            let wrongCurrent = try await browser.post("/password", ["current": "guess-guess-1", "new": WebWorld.ownPassword,
                                                                    "repeat": WebWorld.ownPassword])
            #expect(wrongCurrent.body.contains("原密码不正确"))

            let changed = try await browser.post("/password", ["current": WebWorld.initialPassword, "new": WebWorld.ownPassword,
                                                               "repeat": WebWorld.ownPassword])
            #expect(changed.location == "/?password=changed")
            let home = try await browser.get("/?password=changed")
            #expect(home.status == .ok && home.body.contains("密码已更改。"))
        }
        // The old password no longer signs in; the new one does, straight to the home page.
        try await world.withBrowser { browser in
            let old = try await browser.signIn("clerk.a", WebWorld.initialPassword)
            #expect(old.status == .unauthorized)
            let new = try await browser.signIn("clerk.a", WebWorld.ownPassword)
            #expect(new.location == "/")
        }
        let actions = try world.store.auditEvents(actor: world.admin, entity: "users", key: "clerk.a").rows.map(\.action)
        #expect(actions.prefix(4) == ["user.signin", "user.signin.fail", "user.password.change", "user.signin"])
    }

    @Test func fiveFailuresLockTheAccountEvenForTheRightPasswordUntilFifteenMinutesPass() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            for _ in 1...5 { #expect(try await browser.signIn("clerk.a", "wrong-password-x").status == .unauthorized) }
            let locked = try await browser.signIn("clerk.a", WebWorld.initialPassword)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.contains("失败次数过多") && locked.body.contains("Too many failed attempts"))
            #expect(browser.cookies[SessionCookies.sessionName] == nil)
            world.clock.advance(minutes: 15.1)
            #expect(try await browser.signIn("clerk.a", WebWorld.initialPassword).location == "/password")
        }
        let actions = try world.store.auditEvents(actor: world.admin, entity: "users", key: "clerk.a").rows.map(\.action)
        #expect(actions.contains("user.lockout") && actions.contains("user.signin.throttled"))
    }

    @Test func twentyFailuresFromOneAddressLockItForEveryLogin() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            for attempt in 1...20 { try await browser.signIn("guess\(attempt)", "wrong-password-x") }
            #expect(try await browser.signIn("admin", WebWorld.initialPassword).status == .tooManyRequests)
        }
    }

    @Test func anIdleSessionExpiresAfterThirtyMinutesButUseKeepsItAlive() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            world.clock.advance(minutes: 29)
            #expect(try await browser.get("/").status == .ok)
            try world.store.waitForBackgroundWrites()  // the touch is written in the background
            world.clock.advance(minutes: 29)
            #expect(try await browser.get("/").status == .ok, "58 minutes after sign-in, 29 after last use")
            try world.store.waitForBackgroundWrites()
            world.clock.advance(minutes: 30.5)
            let expired = try await browser.get("/institutions")
            #expect(expired.status == .seeOther && expired.location == "/signin")
            #expect(browser.cookies[SessionCookies.sessionName] == nil, "the browser is told to forget the cookie")
        }
    }

    @Test func aDisabledUsersSessionEndsAtOnce() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            #expect(try await browser.get("/").status == .ok)
            _ = try world.store.setUserActive(login: "clerk.a", active: false, actor: world.admin)
            #expect(try await browser.get("/").location == "/signin")
            #expect(try await browser.signIn("clerk.a", WebWorld.ownPassword).status == .unauthorized)
        }
    }

    @Test func signingOutEndsTheSessionOnTheServer() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let token = try #require(browser.cookies[SessionCookies.sessionName])
            try await browser.get("/")
            #expect(try await browser.post("/signout", [:]).location == "/signin")
            #expect(browser.cookies[SessionCookies.sessionName] == nil)
            // Even a browser that kept the cookie is signed out.
            let kept = Browser(client: browser.client)
            _ = try await kept.getWithCookie(SessionCookies.sessionName, token, "/")
        }
        #expect(try world.store.auditEvents(actor: world.admin).rows.first?.action == "user.signout")
    }
}

extension Browser {
    /// A GET carrying one cookie set by hand.
    func getWithCookie(_ name: String, _ value: String, _ path: String) async throws -> Page {
        let response = try await client.execute(uri: path, method: .get, headers: [.cookie: "\(name)=\(value)"])
        #expect(response.status == .seeOther && response.headers[.location] == "/signin")
        return Page(status: response.status, location: response.headers[.location], body: String(buffer: response.body),
                    headers: response.headers)
    }
}

/// What a real browser does around the sign-in form (found by the browser tests): it fetches
/// /favicon.ico on its own, which signed out leads to the sign-in page again.
@Suite struct SignInFormTokenTests {
    @Test func theSignInFormStillSignsInAfterTheBrowserOpenedTheSignInPageAgainBehindIt() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.get("/signin")
            let shown = try #require(browser.formToken)
            let icon = try await browser.get("/favicon.ico")
            #expect(icon.status == .seeOther && icon.location == "/signin")
            try await browser.get("/signin")
            #expect(browser.formToken == shown, "the page opened behind the form keeps the browser's token")
            let signedIn = try await browser.post("/signin", ["login": "admin", "password": WebWorld.initialPassword], token: .given(shown))
            #expect(signedIn.status == .seeOther && signedIn.location == "/password")
        }
    }

    @Test func aBrowserWithoutAUsableSignInCookieGetsAFreshToken() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { first in
            try await first.get("/signin")
            try await world.withBrowser { second in
                try await second.get("/signin")
                #expect(second.formToken != first.formToken)
            }
        }
        // A cookie the server did not make (not 64 hex digits) is replaced, not taken up.
        let app = try await world.application()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/signin", method: .get, headers: [.cookie: "skillcert_signin=chosen-by-someone"])
            let token = try #require(String(buffer: response.body).firstMatch(of: /name="_csrf" value="([0-9a-f]*)"/)?.1)
            #expect(token.count == 64)
            #expect(response.headers[values: .setCookie].first?.hasPrefix("skillcert_signin=\(token);") == true)
        }
    }
}
