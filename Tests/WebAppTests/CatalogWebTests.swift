import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Store
@testable import WebApp

/// The catalog page: what the database's catalog holds, read-only, for the bureau.
@Suite struct CatalogWebTests {
    @Test func signedOutThePageAndItsDownloadSendToTheSignInPage() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            for path in ["/catalog", "/catalog.xlsx"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
        }
    }

    @Test func theBureauSeesEveryTableWithItsCountsAndTheSettings() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let catalog = try world.store.catalog()
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/catalog")
            #expect(page.status == .ok)
            #expect(page.body.contains("<a href=\"/catalog\" aria-current=\"page\">目录"))
            #expect(page.body.contains("<a href=\"/catalog.xlsx\" download>导出 Excel <span lang=\"en\">Export</span></a>"))
            #expect(page.body.contains("<a href=\"#districts\">镇街 <span lang=\"en\">Districts</span></a>（\(catalog.districts.count)）"))
            #expect(page.body.contains("<a href=\"#occupations\">职业 <span lang=\"en\">Occupations</span></a>（\(catalog.occupations.count)）"))
            #expect(page.body.contains("<tr><td>session_idle_minutes</td><td>网页会话空闲时限（分钟） Web session idle limit (minutes)</td><td>30</td>"))
            #expect(page.body.contains("<tr><td>completion_share_percent</td><td>结业出勤比例（%） Hours share to complete (%)</td><td>80</td>"))
            #expect(page.body.contains("<tr><td>4-03-02-01</td><td>中式烹调师</td><td>粤菜师傅</td><td></td><td>五级/初级工、四级/中级工"))
            #expect(page.body.contains("<td>石岐街道</td><td>街道</td><td>中山市</td>"))
            #expect(page.body.contains("<td>理论知识 theory</td>"), "the exam parts with their pass marks")
            // Read-only: no form but signing out.
            #expect(page.body.components(separatedBy: "<form").count == 2)
        }
    }

    @Test func aClerkAndAnExaminerAreRefusedWithTheStoresReason() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        for login in ["clerk.a", "exam.1"] {
            try await world.withBrowser { browser in
                try await browser.signInFirstTime(login)
                let page = try await browser.get("/catalog")
                #expect(page.status == .forbidden)
                #expect(page.body.contains("无权执行 catalog view：只有人社局用户可以执行此操作（当前用户 \(login)"))
                #expect(page.body.contains("not permitted to catalog view: only bureau users may do this"))
            }
        }
    }

    @Test func theReadOnlyPagesTakeNoPostWithOrWithoutTheFormsToken() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let before = try world.store.auditEvents(actor: world.admin, page: .all).total
            for path in ["/catalog", "/catalog.xlsx", "/audit", "/audit.xlsx"] {
                try await browser.get("/catalog")
                #expect(try await browser.post(path, ["user": "admin"], token: .none).status == .forbidden, "POST \(path)")
                let withToken = try await browser.post(path, ["user": "admin"])
                #expect(withToken.status == .notFound || withToken.status == .methodNotAllowed, "POST \(path): \(withToken.status)")
            }
            #expect(try world.store.auditEvents(actor: world.admin, page: .all).total == before)
        }
    }

    @Test func catalogTextThatLooksLikeMarkupOrATemplateIsShownAsText() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        var catalog = try world.store.catalog()
        catalog.keyGroups[0].nameEn = "<script>alert(1)</script>"
        catalog.keyGroups[0].nameZh = "{{x}}{{{frame}}}"
        _ = try world.store.syncCatalog(catalog, actor: world.admin)
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/catalog")
            #expect(page.body.contains("<td>{{x}}{{{frame}}}</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
            #expect(!page.body.contains("<script>"))
        }
    }
}
