import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Services
@testable import Store
@testable import WebApp

extension WebWorld {
    /// Two browsers on one server: the bureau's and another user's, each with its own cookies.
    func withTwoBrowsers(_ test: @escaping @Sendable (Browser, Browser) async throws -> Void) async throws {
        let app = try await application()
        try await app.test(.router) { client in try await test(Browser(client: client), Browser(client: client)) }
    }
}

/// The bureau's administration of accounts through the pages: the list with its filters, adding
/// a user with an initial password, disabling (which ends their sessions at once), enabling and
/// resetting a password; every change audited, no password or hash ever shown, nobody else let in.
@Suite struct UserAdminWebTests {
    static let newClerk = ["login": "clerk.new", "name": "新经办", "role": "institution", "institution": "", "password": "first-pass-77"]

    func newClerk(_ world: WebWorld) -> [String: String] {
        Self.newClerk.merging(["institution": String(world.schoolB.id!)]) { $1 }
    }

    @Test func aSignedOutBrowserIsSentToSignInForEveryUserPageAndPost() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let id = world.clerkA.id!
        try await world.withBrowser { browser in
            for path in ["/users", "/users/new", "/users/\(id)"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
            for path in ["/users", "/users/\(id)/disable", "/users/\(id)/enable", "/users/\(id)/password"] {
                let page = try await browser.post(path, newClerk(world))
                #expect(page.status == .seeOther && page.location == "/signin", "POST \(path)")
            }
        }
        #expect(try world.store.userAccounts(actor: world.admin).total == 3)
    }

    @Test func clerksAndExaminersAreRefusedEveryUserPageAndChangeNothing() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let admin = world.admin.id!
        for login in ["clerk.a", "exam.1"] {
            try await world.withBrowser { browser in
                try await browser.signInFirstTime(login)
                let list = try await browser.get("/users")
                #expect(list.status == .forbidden)
                #expect(list.body.contains("无权执行 user list：只有人社局用户可以执行此操作") && list.body.contains("not permitted to user list"))
                let new = try await browser.get("/users/new")
                #expect(new.status == .forbidden && new.body.contains("无权执行 user add"))
                let own = try await browser.get("/users/\(admin)")
                #expect(own.status == .forbidden && own.body.contains("无权执行 user show"))
                #expect(try await browser.post("/users", newClerk(world)).status == .forbidden)
                #expect(try await browser.post("/users/\(admin)/disable", [:]).status == .forbidden)
                #expect(try await browser.post("/users/\(admin)/enable", [:]).status == .forbidden)
                #expect(try await browser.post("/users/\(admin)/password", ["password": "taken-over-1"]).status == .forbidden)
                #expect(try await browser.post("/users/999999/disable", [:]).status == .forbidden, "refused before anything is looked up")
            }
        }
        let accounts = try world.store.userAccounts(actor: world.admin)
        #expect(accounts.total == 3 && accounts.rows.allSatisfy(\.user.active))
        let actions = try world.store.auditEvents(actor: world.admin, entity: "users", key: "admin").rows.map(\.action)
        #expect(!actions.contains("user.disable") && actions.filter { $0 == "user.password.set" }.count == 1)
    }

    @Test func aPostWithoutTheFormsTokenIsRefusedAndChangesNothing() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let clerk = world.clerkA.id!
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            try await browser.get("/users/new")
            #expect(try await browser.post("/users", newClerk(world), token: .none).status == .forbidden)
            try await browser.get("/users/\(clerk)")
            #expect(try await browser.post("/users/\(clerk)/disable", [:], token: .none).status == .forbidden)
            #expect(try await browser.post("/users/\(clerk)/password", ["password": "reset-pass-99"],
                                           token: .given(String(repeating: "f", count: 64))).status == .forbidden)
        }
        #expect(try world.store.userAccounts(actor: world.admin).total == 3)
        let account = try world.store.userAccount(id: clerk, actor: world.admin)
        #expect(account.user.active)
        #expect(try world.store.auditEvents(actor: world.admin, entity: "users", key: "clerk.a").rows.filter { $0.action == "user.password.set" }.count == 1)
    }

    @Test func theBureauAddsAClerkWhoMustChangeTheInitialPasswordAtTheFirstSignIn() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let list = try await browser.get("/users")
            #expect(list.status == .ok && list.body.contains("<a class=\"button\" href=\"/users/new\">"))
            let form = try await browser.get("/users/new")
            #expect(form.status == .ok && form.body.contains("<form method=\"post\" action=\"/users\""))
            for name in ["login", "name"] { #expect(form.body.contains("<input id=\"\(name)\" name=\"\(name)\" type=\"text\"")) }
            #expect(form.body.contains("<input id=\"password\" name=\"password\" type=\"password\""))
            for name in ["role", "institution"] { #expect(form.body.contains("<select id=\"\(name)\" name=\"\(name)\"")) }
            for label in ["login", "name", "role", "institution", "password"] { #expect(form.body.contains("<label for=\"\(label)\">")) }
            for role in ["bureau", "institution", "examiner"] { #expect(form.body.contains("<option value=\"\(role)\">")) }
            #expect(form.body.contains("<option value=\"\" selected>无（人社局用户）"))
            #expect(form.body.contains("<option value=\"\(world.schoolB.id!)\">中山市乙家政培训中心（培训机构）</option>"))
            #expect(form.body.contains("<button type=\"submit\">"))

            let added = try await browser.post("/users", newClerk(world))
            #expect(added.status == .seeOther)
            let location = try #require(added.location)
            #expect(location.wholeMatch(of: /\/users\/\d+/) != nil)
            let page = try await browser.get(location)
            #expect(page.status == .ok && page.body.contains("clerk.new") && page.body.contains("新经办"))
            #expect(page.body.contains("中山市乙家政培训中心") && page.body.contains("初始密码，下次登录时须修改"))
        }
        let events = try world.store.auditEvents(actor: world.admin, entity: "users", key: "clerk.new").rows
        #expect(events.map(\.action) == ["user.password.set", "user.create"] && events.allSatisfy { $0.actorLogin == "admin" })
        try await world.withBrowser { browser in
            let signedIn = try await browser.signIn("clerk.new", "first-pass-77")
            #expect(signedIn.location == "/password", "the initial password must be changed first")
            let home = try await browser.get("/")
            #expect(home.location == "/password")
        }
    }

    @Test func aRefusedUserFormKeepsWhatWasTypedButThePasswordAndPlacesEachRefusal() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            try await browser.get("/users/new")
            let short = try await browser.post("/users", newClerk(world).merging(["password": "short-1", "name": "{{x}}<b>经办</b>"]) { $1 })
            #expect(short.status == .badRequest)
            #expect(short.body.contains("<span id=\"password-error\" class=\"error field-error\">密码至少需要 10 个字符 <span lang=\"en\">a password has at least 10 characters</span>"))
            #expect(short.body.contains("name=\"login\" type=\"text\" value=\"clerk.new\""))
            #expect(short.body.contains("value=\"{{x}}&lt;b&gt;经办&lt;/b&gt;\""), "a typed name is text")
            #expect(short.body.contains("<option value=\"\(world.schoolB.id!)\" selected>") && short.body.contains("<option value=\"institution\" selected>"))
            #expect(!short.body.contains("short-1"), "a password is never shown again")

            let taken = try await browser.post("/users", newClerk(world).merging(["login": "clerk.a"]) { $1 })
            #expect(taken.body.contains("<span id=\"login-error\" class=\"error field-error\">用户 clerk.a 已存在"))
            let badLogin = try await browser.post("/users", newClerk(world).merging(["login": "王 五"]) { $1 })
            #expect(badLogin.body.contains("<span id=\"login-error\" class=\"error field-error\">字段 登录名，值 &quot;王 五&quot;：登录名只能由英文字母、数字和 . _ - 组成"))
            let noRole = try await browser.post("/users", newClerk(world).merging(["role": "", "institution": "abc"]) { $1 })
            #expect(noRole.body.contains("<span id=\"role-error\" class=\"error field-error\">字段 角色，值 &quot;&quot;：角色应为 bureau（人社局）"))
            #expect(noRole.body.contains("<span id=\"institution-error\" class=\"error field-error\">字段 机构，值 &quot;abc&quot;：请从列表中选择机构"))
            let examiner = try await browser.post("/users", newClerk(world).merging(["role": "examiner"]) { $1 })
            #expect(examiner.body.contains("<span id=\"institution-error\" class=\"error field-error\">字段 机构，值 &quot;中山市乙家政培训中心&quot;：考评员必须属于评价机构 <span lang=\"en\">field institution, value &quot;中山市乙家政培训中心&quot;: an examiner belongs to an evaluation body</span>"))
            let bureau = try await browser.post("/users", newClerk(world).merging(["role": "bureau"]) { $1 })
            #expect(bureau.body.contains("人社局用户不属于任何机构"))
            let gone = try await browser.post("/users", newClerk(world).merging(["institution": "999999"]) { $1 })
            #expect(gone.status == .badRequest && gone.body.contains("<span id=\"institution-error\" class=\"error field-error\">找不到机构：999999"))
            for page in [taken, badLogin, noRole, examiner, bureau, gone] { #expect(page.status == .badRequest) }
        }
        #expect(try world.store.userAccounts(actor: world.admin).total == 3, "nothing written")
    }

    @Test func aDisabledUsersSessionsEndAtOnceAndEnablingLetsThemSignInAgain() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let clerk = world.clerkA.id!
        try await world.withTwoBrowsers { bureau, clerkBrowser in
            try await clerkBrowser.signInFirstTime("clerk.a")
            #expect(try await clerkBrowser.get("/institutions").status == .ok)
            try await bureau.signInFirstTime("admin")
            let page = try await bureau.get("/users/\(clerk)")
            #expect(page.body.contains("<form method=\"post\" action=\"/users/\(clerk)/disable\">"))

            let disabled = try await bureau.post("/users/\(clerk)/disable", [:])
            #expect(disabled.status == .seeOther && disabled.location == "/users/\(clerk)?done=disabled")
            let after = try await bureau.get("/users/\(clerk)?done=disabled")
            #expect(after.body.contains("已停用；该用户已在所有浏览器中退出。") && after.body.contains("action=\"/users/\(clerk)/enable\""))

            // The clerk's very next request lands on the sign-in page, and signing in is refused.
            let next = try await clerkBrowser.get("/institutions")
            #expect(next.status == .seeOther && next.location == "/signin")
            #expect(try await clerkBrowser.signIn("clerk.a", WebWorld.ownPassword).status == .unauthorized)

            let list = try await bureau.get("/users?status=disabled")
            #expect(list.body.contains("共 1 条") && list.body.contains("<a href=\"/users/\(clerk)\">clerk.a</a>"))

            let enabled = try await bureau.post("/users/\(clerk)/enable", [:])
            #expect(enabled.location == "/users/\(clerk)?done=enabled")
            #expect(try await clerkBrowser.signIn("clerk.a", WebWorld.ownPassword).location == "/")

            // Nobody disables themselves: the Store's refusal comes back on the page.
            let me = try await bureau.get("/users/\(world.admin.id!)")
            #expect(me.status == .ok)
            let refused = try await bureau.post("/users/\(world.admin.id!)/disable", [:])
            #expect(refused.status == .badRequest && refused.body.contains("不能停用自己的账号") && refused.body.contains("you cannot disable your own account"))
        }
        let actions = try world.store.auditEvents(actor: world.admin, entity: "users", key: "clerk.a").rows.map(\.action)
        #expect(actions.contains("user.disable") && actions.contains("user.enable"))
        #expect(actions.firstIndex(of: "user.enable")! < actions.firstIndex(of: "user.disable")!, "newest first")
        #expect(try world.store.userAccount(id: world.admin.id!, actor: world.admin).user.active)
    }

    @Test func aPasswordResetEndsTheSessionsAndTheNewInitialPasswordMustBeChanged() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let clerk = world.clerkA.id!
        try await world.withTwoBrowsers { bureau, clerkBrowser in
            try await clerkBrowser.signInFirstTime("clerk.a")
            try await bureau.signInFirstTime("admin")
            let page = try await bureau.get("/users/\(clerk)")
            #expect(page.body.contains("<form method=\"post\" action=\"/users/\(clerk)/password\""))
            #expect(page.body.contains("<input id=\"password\" name=\"password\" type=\"password\" value=\"\""))
            #expect(page.body.contains("用户已设置自己的密码"))

            let short = try await bureau.post("/users/\(clerk)/password", ["password": "clerk.a"])
            #expect(short.status == .badRequest && short.body.contains("<span id=\"password-error\" class=\"error field-error\">密码至少需要 10 个字符"))
            #expect(try await clerkBrowser.get("/institutions").status == .ok, "a refused reset changes nothing")

            let reset = try await bureau.post("/users/\(clerk)/password", ["password": "reset-pass-99"])
            #expect(reset.status == .seeOther && reset.location == "/users/\(clerk)?done=password")
            #expect(try await bureau.get(reset.location!).body.contains("已设置新的初始密码"))
            #expect(try await clerkBrowser.get("/institutions").location == "/signin")
            #expect(try await clerkBrowser.signIn("clerk.a", WebWorld.ownPassword).status == .unauthorized)
            #expect(try await clerkBrowser.signIn("clerk.a", "reset-pass-99").location == "/password")
        }
        let events = try world.store.auditEvents(actor: world.admin, entity: "users", key: "clerk.a").rows
        let set = events.filter { $0.action == "user.password.set" }
        #expect(set.count == 2 && set[0].actorLogin == "admin" && set[0].after == "{\"must_change\":true}")
    }

    @Test func theListPagesFiftyRowsWithTheTotalAndFiltersByRoleInstitutionStatusAndText() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        for index in 1...55 {
            _ = try world.store.addUser(login: String(format: "b.clerk%02d", index), name: "乙经办\(index)", role: .institution,
                                        institutionId: world.schoolB.id, actor: world.admin)
        }
        _ = try world.store.addUser(login: "hostile", name: "<script>alert(1)</script>{{x}}", role: .bureau, institutionId: nil,
                                    actor: world.admin)
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let first = try await browser.get("/users")
            #expect(first.body.contains("共 59 条，第 1–50 条（第 1/2 页）") && first.body.contains("59 in all"))
            #expect(first.body.matches(of: /<tr><td><a href="\/users\/\d+">/).count == 50)
            #expect(first.body.contains("<a href=\"/users?page=2\" rel=\"next\">"))
            for label in ["role", "institution", "status", "q"] { #expect(first.body.contains("<label for=\"\(label)\">")) }

            let school = try await browser.get("/users?institution=\(world.schoolB.id!)&page=2")
            #expect(school.body.contains("共 55 条，第 51–55 条（第 2/2 页）"))
            #expect(school.body.contains("<option value=\"\(world.schoolB.id!)\" selected>中山市乙家政培训中心</option>"))
            #expect(school.body.contains("href=\"/users?institution=\(world.schoolB.id!)&amp;page=1\""))
            #expect(try await browser.get("/users?role=examiner").body.contains("共 1 条"))
            #expect(try await browser.get("/users?role=bureau&status=enabled").body.contains("共 2 条"))
            let text = try await browser.get("/users?q=clerk0")
            #expect(text.body.contains("共 9 条") && text.body.contains("value=\"clerk0\""))
            #expect(try await browser.get("/users?q=%E4%B9%99%E7%BB%8F%E5%8A%9E5").body.contains("共 7 条"), "乙经办5 and 乙经办50-55, by name")

            let hostile = try await browser.get("/users?q=hostile")
            #expect(hostile.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;{{x}}") && !hostile.body.contains("<script>"))
            let id = try world.store.userAccounts(actor: world.admin, filter: UserFilter(loginOrName: "hostile")).rows[0].user.id!
            let detail = try await browser.get("/users/\(id)")
            #expect(detail.body.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;{{x}}（hostile）</h1>"))
            #expect(detail.body.contains("未设置，不能登录"))
            let missing = try await browser.get("/users/999999")
            let nonsense = try await browser.get("/users/abc")
            #expect(missing.status == .notFound && nonsense.status == .notFound && missing.body == nonsense.body)
        }
    }

    @Test func noPasswordOrHashAppearsInAnyPageTheLogOrTheAuditTrail() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let clerk = world.clerkA.id!
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            var bodies: [String] = []
            bodies.append(try await browser.get("/users/new").body)
            bodies.append(try await browser.post("/users", newClerk(world).merging(["password": "too-short"]) { $1 }).body)
            let added = try await browser.post("/users", newClerk(world))
            bodies.append(try await browser.get(added.location!).body)
            bodies.append(try await browser.post("/users/\(clerk)/password", ["password": "tiny"]).body)
            let reset = try await browser.post("/users/\(clerk)/password", ["password": "reset-pass-99"])
            bodies.append(try await browser.get(reset.location!).body)
            bodies.append(try await browser.get("/users").body)
            bodies.append(try await browser.get("/users/\(clerk)").body)
            bodies.append(try await browser.get("/audit").body)

            let hashes = try [world.clerkA, world.admin].compactMap { try world.store.passwordHash(of: $0) }
            let audit = try world.store.auditEvents(actor: world.admin, page: .all).rows.flatMap { [$0.before ?? "", $0.after ?? "", $0.reason ?? ""] }
            let everything = (bodies + world.log.lines + audit + browser.setCookieHeaders).joined(separator: "\n")
            for secret in ["first-pass-77", "too-short", "tiny", "reset-pass-99", WebWorld.initialPassword, WebWorld.ownPassword, "$2b$"] + hashes {
                #expect(!everything.contains(secret), "\(secret) appears")
            }
            #expect(world.log.lines.contains { $0.contains(" POST /users 303 ") })
            #expect(world.log.lines.contains { $0.contains(" POST /users/\(clerk)/password 303 ") })
        }
    }
}
