import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
@testable import Store
@testable import WebApp

/// The apprenticeship desk's pages (enterprises, apprentices, subsidy claims) as a whole: who is
/// let in, and the enterprises themselves: recording one with the CLI's checks and its pilot-code
/// warning, and a clerk's list that holds her enterprises only.
@Suite struct EnterpriseWebTests {
    /// Every page of the desk, with another institution's records in the addresses that take one.
    static func pages(_ w: ApprenticeWorld) -> [String] {
        ["/enterprises", "/enterprises/new", "/enterprises/\(w.ownEnterprise.id!)", "/apprenticeships", "/apprenticeships/new",
         "/apprenticeships/\(w.own.id!)", "/apprenticeships/roster.xlsx", "/claims", "/claims?period=2026Q4",
         "/claims/sheet.xlsx?period=2026Q4", "/claims/apprentices.xlsx?enterprise=\(w.ownEnterprise.id!)&period=2026Q4"]
    }

    static let posts = ["/enterprises", "/apprenticeships", "/claims"]

    static func everyField(_ w: ApprenticeWorld) -> [String: String] {
        w.validRegistration.merging(["creditCode": "91440300MA5DC4RX8U", "name": "新企业", "district": "石岐街道", "period": "2026Q4"]) { a, _ in a }
    }

    @Test func aSignedOutBrowserIsSentToSignInForEveryPageAndPost() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            for path in Self.pages(w) + ["/claims/1", "/claims/1/sheet.xlsx"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
            for path in Self.posts {
                let page = try await browser.post(path, Self.everyField(w))
                #expect(page.status == .seeOther && page.location == "/signin", "POST \(path)")
            }
        }
        #expect(try w.apprenticeshipCount() == 2)
        #expect(try w.store.enterprises(actor: w.world.admin).total == 2)
        #expect(try w.store.recordedSubsidyClaims(actor: w.world.admin).isEmpty)
    }

    @Test func anExaminerIsRefusedEveryPageAndPostWithTheStoresReason() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            let home = try await browser.get("/")
            #expect(!home.body.contains("href=\"/claims\"") && !home.body.contains("href=\"/enterprises\""), "not in an examiner's menu")
            for path in Self.pages(w) {
                let page = try await browser.get(path)
                #expect(page.status == .forbidden, "GET \(path)")
                #expect(page.headers[.contentDisposition] == nil, "GET \(path)")
            }
            let enterprises = try await browser.get("/enterprises")
            #expect(enterprises.body.contains("考评员不查看企业") && enterprises.body.contains("examiners do not see enterprises"))
            let claims = try await browser.get("/claims")
            #expect(claims.body.contains("考评员不申领补贴") && claims.body.contains("examiners do not claim subsidies"))
            for path in Self.posts {
                let page = try await browser.post(path, Self.everyField(w))
                #expect(page.status == .forbidden, "POST \(path)")
            }
        }
        #expect(try w.apprenticeshipCount() == 2)
        #expect(try w.store.enterprises(actor: w.world.admin).total == 2)
        #expect(try w.store.recordedSubsidyClaims(actor: w.world.admin).isEmpty)
    }

    @Test func aPostWithoutTheFormsTokenIsRefusedAndRecordsNothing() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            for path in Self.posts {
                let missing = try await browser.post(path, Self.everyField(w), token: .none)
                #expect(missing.status == .forbidden && missing.body.contains("表单已过期或不是从本站页面提交的"), "POST \(path)")
                let forged = try await browser.post(path, Self.everyField(w), token: .given(String(repeating: "0", count: 64)))
                #expect(forged.status == .forbidden, "POST \(path)")
            }
        }
        #expect(try w.apprenticeshipCount() == 2)
        #expect(try w.store.enterprises(actor: w.world.admin).total == 2)
        #expect(try w.store.recordedSubsidyClaims(actor: w.world.admin).isEmpty)
    }

    @Test func anotherInstitutionsEnterpriseIsTheSame404AsAMissingOneAndNotInHerList() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        let other = w.otherEnterprise.id!
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let list = try await browser.get("/enterprises")
            #expect(list.status == .ok && list.body.contains("中山市某某酒家") && !list.body.contains("乙方制造厂"))
            #expect(list.body.contains("共 1 条"))
            let otherPage = try await browser.get("/enterprises/\(other)")
            let missing = try await browser.get("/enterprises/999999")
            #expect(otherPage.status == .notFound && missing.status == .notFound && otherPage.body == missing.body)
            let roster = try await browser.get("/apprenticeships/roster.xlsx?enterprise=\(other)")
            #expect(roster.status == .notFound && roster.headers[.contentDisposition] == nil)
            let claim = try await browser.get("/claims/apprentices.xlsx?enterprise=\(other)&period=2026Q4")
            #expect(claim.status == .notFound && claim.headers[.contentDisposition] == nil && !claim.body.contains("乙方"))
            let filter = try await browser.get("/apprenticeships?enterprise=\(other)")
            #expect(filter.status == .ok && !filter.body.contains("乙校学徒") && !filter.body.contains("乙方制造厂"))
        }
    }

    @Test func anEnterpriseIsRecordedWithThePilotCodeWarningAsTheCLIPrintsIt() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        let pilot = "91350100M000100Y44"
        let warning = try #require(try CreditCode.parse(pilot).warnings.first)
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let form = try await browser.get("/enterprises/new")
            #expect(form.status == .ok)
            #expect(form.body.contains("<label for=\"creditCode\">统一社会信用代码") && form.body.contains("<option value=\"小榄镇\">小榄镇</option>"))
            let saved = try await browser.post("/enterprises", ["creditCode": " \(pilot.lowercased()) ", "name": "早期试点企业", "district": "小榄镇"])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.location)
            let page = try await browser.get(location)
            #expect(page.status == .ok && page.body.contains("早期试点企业") && page.body.contains(pilot))
            // The CLI's line, HTML-escaped (code's → code&#39;s).
            let line = "注意 Warning: \(warning.chinese) / \(warning.english)".replacingOccurrences(of: "'", with: "&#39;")
            #expect(page.body.contains(line))
            let list = try await browser.get("/enterprises")
            #expect(list.body.contains("早期试点企业") && list.body.contains("校验位不符"))
            // A code that passes its check has no warning.
            let plain = try await browser.get("/enterprises/\(w.ownEnterprise.id!)")
            #expect(!plain.body.contains("注意 Warning"))
        }
        let recorded = try w.store.enterprise(pilot, actor: w.world.admin)
        #expect(recorded.name == "早期试点企业" && recorded.district == "小榄镇" && recorded.creditCodeWarning == warning.english)
        #expect(try w.auditEvents("enterprise.create").first == "clerk.a \(recorded.id!)")
    }

    @Test func aRefusedEnterpriseShowsEachRuleBesideItsFieldAndRecordsNothing() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get("/enterprises/new")
            let badCode = try await browser.post("/enterprises", ["creditCode": "91440101MA5CJQ4NI9", "name": "某厂", "district": "小榄镇"])
            #expect(badCode.status == .badRequest)
            #expect(badCode.body.contains("id=\"creditCode-error\"") && badCode.body.contains("统一社会信用代码不使用 I、O、S、V、Z"))
            #expect(badCode.body.contains("credit codes never use I, O, S, V or Z"))
            #expect(badCode.body.contains("value=\"某厂\""), "what was typed is kept")
            let noName = try await browser.post("/enterprises", ["creditCode": "91440300MA5DC4RX8U", "name": " ", "district": "小榄镇"])
            #expect(noName.status == .badRequest && noName.body.contains("id=\"name-error\""))
            let noDistrict = try await browser.post("/enterprises", ["creditCode": "91440300MA5DC4RX8U", "name": "某厂", "district": "火星"])
            #expect(noDistrict.status == .badRequest && noDistrict.body.contains("id=\"district-error\""))
            // Already on her list: the code's refusal.
            let duplicate = try await browser.post("/enterprises", ["creditCode": "91440101MA5CJQ4N59", "name": "又一家", "district": "小榄镇"])
            #expect(duplicate.status == .badRequest && duplicate.body.contains("id=\"creditCode-error\""))
            #expect(duplicate.body.contains("enterprise 91440101MA5CJQ4N59 already exists"))
        }
        #expect(try w.store.enterprises(actor: w.world.admin).total == 2)
        #expect(try w.auditEvents("enterprise.create").count == 2)
    }

    @Test func anEnterpriseAnotherInstitutionRecordedJoinsHerListAsItIsOnFile() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        let other = w.otherEnterprise.id!
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get("/enterprises/new")
            let saved = try await browser.post("/enterprises", ["creditCode": "91350100M000100Y43", "name": "乙方", "district": "石岐街道"])
            #expect(saved.status == .seeOther && saved.location == "/enterprises/\(other)?done=added")
            let page = try await browser.get("/enterprises/\(other)")
            #expect(page.status == .ok && page.body.contains("中山市乙方制造厂"))
            // Her list gains the enterprise, never the other school's apprentices there.
            #expect(page.body.contains("还没有学徒") && !page.body.contains("乙校学徒"))
        }
        #expect(try w.store.enterprises(actor: w.world.admin).total == 2, "no second record")
        #expect(try w.auditEvents("enterprise.list") == ["clerk.a \(other)"])
    }

    @Test func aHostileEnterpriseNameIsShownAsText() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get("/enterprises/new")
            let saved = try await browser.post("/enterprises", ["creditCode": "91440300MA5DC4RX8U", "name": "<script>alert(1)</script>{{x}}",
                                                                "district": "石岐街道"])
            let location = try #require(saved.location)
            for path in ["/enterprises", location, "/apprenticeships/new"] {
                let page = try await browser.get(path)
                #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;{{x}}") && !page.body.contains("<script>alert"), "\(path)")
            }
        }
    }
}
