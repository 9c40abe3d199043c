import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Store
@testable import WebApp

/// The pages a signed-in user sees: the frame, the menu of their role, the Store's refusals as
/// 403 and 404 pages, forms that need their token, names shown as text, and what the log keeps.
@Suite struct PagesWebTests {
    @Test func theFrameShowsWhoIsSignedInTheirRoleInstitutionAndTheirRolesMenu() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let home = try await browser.get("/")
            #expect(home.body.contains("系统管理员（admin）"))
            #expect(home.body.contains("人社局 <span lang=\"en\">Bureau</span>"))
            for entry in ["机构", "用户", "目录", "审计"] { #expect(home.body.contains(">\(entry) <span lang=\"en\">"), "\(entry)") }
            #expect(home.body.contains("<a href=\"/\" aria-current=\"page\">首页"))
            #expect(!home.body.contains("<script"), "pages work without JavaScript")
        }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let home = try await browser.get("/")
            #expect(home.body.contains("甲经办（clerk.a）"))
            #expect(home.body.contains("机构经办人 <span lang=\"en\">Institution clerk</span>"))
            #expect(home.body.contains("<span class=\"institution\">中山市甲烹饪培训学校</span>"))
            #expect(home.body.contains("href=\"/cohorts\""))
            for bureauPage in ["/users", "/catalog", "/audit"] { #expect(!home.body.contains("href=\"\(bureauPage)\""), "\(bureauPage)") }
        }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            let home = try await browser.get("/")
            #expect(home.body.contains("考评员 <span lang=\"en\">Examiner</span>") && home.body.contains("href=\"/rooms\""))
            // Her rooms replace the sessions list in an examiner's menu.
            #expect(!home.body.contains("href=\"/sessions\""))
        }
    }

    /// The bureau's fifteen entries stand in a few labelled groups, plain nested lists that need
    /// no script: every entry is a link on every page (one click away), the current one marked.
    @Test func theBureausMenuGroupsEveryEntryUnderALabelAndEachIsOneClickFromEveryPage() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let groups: [(label: String, entries: [(href: String, text: String)])] = [
            ("培训 <span lang=\"en\">Training</span>", [("/cohorts", "培训班"), ("/persons", "人员"), ("/apprenticeships", "学徒"), ("/apprenticeships/claims", "学徒补贴")]),
            ("考试 <span lang=\"en\">Exams</span>", [("/sessions", "考试场次"), ("/results", "成绩"), ("/mismatches", "成绩不一致"), ("/rechecks", "复核")]),
            ("证书与统计 <span lang=\"en\">Certificates and statistics</span>", [("/certificates", "证书"), ("/statistics", "统计")]),
            ("管理 <span lang=\"en\">Administration</span>", [("/institutions", "机构"), ("/users", "用户"), ("/catalog", "目录"), ("/audit", "审计")]),
        ]
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            for (path, current) in [("/", "/"), ("/statistics", "/statistics"), ("/audit", "/audit"), ("/cohorts", "/cohorts"), ("/persons/999", "/persons"),
                                  ("/apprenticeships/claims", "/apprenticeships/claims"), ("/apprenticeships/7", "/apprenticeships")] {
                let body = try await browser.get(path).body
                let nav = try #require(body.components(separatedBy: "<nav class=\"menu\"").dropFirst().first?.components(separatedBy: "</nav>").first,
                                       "a menu on \(path)")
                #expect(!nav.contains("<script") && !nav.contains("<details") && !nav.contains("<button"), "no control to open on \(path)")
                let blocks = nav.components(separatedBy: "<li class=\"menu-group\">").dropFirst()
                #expect(blocks.count == groups.count + 1, "home and four groups on \(path)")
                #expect(blocks.first?.contains("<a href=\"/\"") == true && blocks.first?.contains("menu-heading") == false, "home first, unlabelled")
                for (group, block) in zip(groups, blocks.dropFirst()) {
                    #expect(block.contains("class=\"menu-heading\""), "\(group.label) is a heading")
                    #expect(block.contains(group.label), "\(group.label) on \(path)")
                    for entry in group.entries {
                        #expect(block.contains("<a href=\"\(entry.href)\"") && block.contains(">\(entry.text) <span lang=\"en\">"),
                                "\(entry.text) under \(group.label) on \(path)")
                    }
                }
                let links = nav.components(separatedBy: "<a href=").count - 1
                #expect(links == 15, "every entry on \(path)")
                #expect(nav.components(separatedBy: "aria-current=\"page\"").count == 2, "one entry current on \(path)")
                #expect(nav.contains("<a href=\"\(current)\" aria-current=\"page\">"), "\(current) current on \(path)")
            }
        }
        // The clerk's and the examiner's short menus stay one unlabelled row.
        for login in ["clerk.a", "exam.1"] {
            try await world.withBrowser { browser in
                try await browser.signInFirstTime(login)
                let body = try await browser.get("/").body
                #expect(body.contains("<nav class=\"menu\"") && !body.contains("menu-heading"), "\(login)")
            }
        }
    }

    @Test func aClerkOpeningABureauPageIsRefusedWithTheStoresReasonInBothLanguages() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let audit = try await browser.get("/audit")
            #expect(audit.status == .forbidden)
            #expect(audit.body.contains("无权执行 audit list：只有人社局用户可以执行此操作（当前用户 clerk.a 的角色是机构经办人）"))
            #expect(audit.body.contains("not permitted to audit list: only bureau users may do this (clerk.a is an institution user)"))
            #expect(audit.body.contains("甲经办（clerk.a）"), "the refusal keeps the page frame")
        }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let audit = try await browser.get("/audit")
            #expect(audit.status == .ok && audit.body.contains("user.password.change"))
        }
    }

    @Test func anotherInstitutionsRecordIsTheSame404AsAMissingOne() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let own = try await browser.get("/institutions/\(world.schoolA.id!)")
            #expect(own.status == .ok && own.body.contains("中山市甲烹饪培训学校"))
            let other = try await browser.get("/institutions/\(world.schoolB.id!)")
            let missing = try await browser.get("/institutions/999999")
            let nonsense = try await browser.get("/institutions/abc")
            let unknownPage = try await browser.get("/no-such-page")
            #expect(other.status == .notFound && missing.status == .notFound && nonsense.status == .notFound)
            #expect(other.body == missing.body && missing.body == nonsense.body)
            #expect(unknownPage.status == .notFound && unknownPage.body.contains("没有这个页面或记录。"))
            #expect(!other.body.contains("乙家政") && !other.body.contains(String(world.schoolB.id!) + "<"))

            // The list shows the clerk their own institution only: the Store's scope.
            let list = try await browser.get("/institutions")
            #expect(list.body.contains("中山市甲烹饪培训学校") && !list.body.contains("中山市乙家政培训中心"))
        }
    }

    @Test func aPostWithoutTheFormsTokenIsRefusedAndChangesNothing() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            // Signing in itself needs the sign-in page's token.
            try await browser.get("/signin")
            let noToken = try await browser.post("/signin", ["login": "admin", "password": WebWorld.initialPassword], token: .none)
            #expect(noToken.status == .forbidden)
            #expect(noToken.body.contains("表单已过期或不是从本站页面提交的") && noToken.body.contains("the form has expired"))
            #expect(browser.cookies[SessionCookies.sessionName] == nil)

            try await browser.signIn("admin", WebWorld.initialPassword)
            try await browser.get("/password")
            let forged = try await browser.post("/password", ["current": WebWorld.initialPassword, "new": WebWorld.ownPassword,
                                                              "repeat": WebWorld.ownPassword], token: .given(String(repeating: "0", count: 64)))
            #expect(forged.status == .forbidden)
            let missing = try await browser.post("/password", ["current": WebWorld.initialPassword, "new": WebWorld.ownPassword,
                                                               "repeat": WebWorld.ownPassword], token: .none)
            #expect(missing.status == .forbidden)
            #expect(try await browser.post("/signout", [:], token: .none).status == .forbidden)
        }
        let actions = try world.store.auditEvents(actor: world.admin, entity: "users", key: "admin").rows.map(\.action)
        #expect(!actions.contains("user.password.change") && !actions.contains("user.signout"))
    }

    @Test func namesThatLookLikeMarkupOrTemplatesAreShownAsText() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let script = try world.store.addInstitution(NewInstitution(name: "<script>alert(1)</script>培训学校", kind: .training,
                                                                   district: "石岐街道", address: "\"><img src=x onerror=alert(2)>"), actor: world.admin)
        let template = try world.store.addInstitution(NewInstitution(name: "{{x}}{{{frame}}}培训中心", kind: .school, district: "石岐街道"),
                                                      actor: world.admin)
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let list = try await browser.get("/institutions")
            #expect(list.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;培训学校"))
            #expect(!list.body.contains("<script>"))
            #expect(list.body.contains("{{x}}{{{frame}}}培训中心"))
            let detail = try await browser.get("/institutions/\(script.id!)")
            #expect(detail.body.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;") && !detail.body.contains("<img"))
            #expect(try await browser.get("/institutions/\(template.id!)").body.contains("<h1>{{x}}{{{frame}}}培训中心</h1>"))
        }
    }

    @Test func theInstitutionListPagesFiftyRowsWithTheTotalAndFiltersByKind() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        for index in 1...118 {
            _ = try world.store.addInstitution(NewInstitution(name: "第\(index)培训学校", kind: index.isMultiple(of: 2) ? .school : .training,
                                                              district: "石岐街道"), actor: world.admin)
        }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let first = try await browser.get("/institutions")
            #expect(first.body.matches(of: /<tr><td>\d+<\/td>/).count == 50)
            #expect(first.body.contains("共 121 条，第 1–50 条（第 1/3 页）"))
            #expect(first.body.contains("121 in all, rows 1–50 (page 1 of 3)"))
            #expect(first.body.contains("<a href=\"/institutions?page=2\" rel=\"next\">"))
            let last = try await browser.get("/institutions?page=3")
            #expect(last.body.matches(of: /<tr><td>\d+<\/td>/).count == 21)
            #expect(last.body.contains("第 101–121 条（第 3/3 页）") && !last.body.contains("rel=\"next\""))

            let schools = try await browser.get("/institutions?kind=school")
            #expect(schools.body.contains("共 59 条") && schools.body.contains("<option value=\"school\" selected>"))
            #expect(schools.body.contains("href=\"/institutions?kind=school&amp;page=2\""), "the & escaped in the attribute")
            #expect(try await browser.get("/institutions?page=-4").body.contains("第 1–50 条"))
        }
    }

    @Test func everyRequestIsOneLogLineAndNoPasswordOrHashAppearsInAPageOrTheLog() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let hash = try #require(try world.store.passwordHash(of: world.clerkA))
        try await world.withBrowser { browser in
            var bodies: [String] = []
            bodies.append(try await browser.signIn("clerk.a", "a-wrong-password").body)
            bodies.append(try await browser.signIn("clerk.a", WebWorld.initialPassword).body)
            bodies.append(try await browser.get("/password").body)
            bodies.append(try await browser.post("/password", ["current": WebWorld.initialPassword, "new": "tooshort",
                                                               "repeat": "tooshort"]).body)
            bodies.append(try await browser.post("/password", ["current": WebWorld.initialPassword, "new": WebWorld.ownPassword,
                                                               "repeat": WebWorld.ownPassword]).body)
            bodies.append(try await browser.get("/institutions?kind=training&page=1").body)
            bodies.append(try await browser.get("/").body)

            let lines = world.log.lines
            #expect(lines.count == 9)
            #expect(lines.first?.contains(" GET /signin 200 ") == true)
            #expect(lines.contains { $0.contains(" POST /signin 401 ") })
            #expect(lines.contains { $0.contains(" GET /institutions 200 ") }, "the query string is left out")
            #expect(lines.allSatisfy { $0.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \S+ (GET|POST) \/[a-z\/]* \d{3} \d+ms/) != nil })
            let everything = (bodies + lines + browser.setCookieHeaders).joined(separator: "\n")
            for secret in [WebWorld.initialPassword, WebWorld.ownPassword, "a-wrong-password", "tooshort", hash, "$2b$"] {
                #expect(!everything.contains(secret), "\(secret) appears")
            }
        }
    }
}
