import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
@testable import Store
@testable import WebApp

/// A clerk's apprentices (企业新型学徒制) on the web: registering one with the CLI's checks and
/// each refusal beside its field, the list with its filters fifty to a page, one apprenticeship
/// with its subsidy, and the roster download, IDs masked; nothing of another institution's.
@Suite struct ApprenticeWebTests {
    @Test func aRegistrationIsRecordedWithItsAuditEventAndShownMaskedWithItsSubsidy() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let form = try await browser.get("/apprenticeships/new")
            #expect(form.status == .ok)
            #expect(form.body.contains("<label for=\"occupation\">职业") && form.body.contains("<option value=\"4-03-02-01\">中式烹调师 4-03-02-01</option>"))
            #expect(form.body.contains("<label for=\"level\">目标等级") && form.body.contains("<option value=\"4\">四级/中级工"))
            #expect(!form.body.contains("<option value=\"5\">"), "an apprenticeship targets level 4 or higher")
            #expect(form.body.contains("中山市某某酒家 91440101MA5CJQ4N59") && !form.body.contains("乙方制造厂"))
            let saved = try await browser.post("/apprenticeships", w.validRegistration)
            #expect(saved.status == .seeOther)
            let location = try #require(saved.location)
            let page = try await browser.get(location)
            #expect(page.status == .ok && page.body.contains("已登记学徒"))
            #expect(page.body.contains("陈小明") && page.body.contains(Masking.nationalID(CohortWorld.nationalId(1))))
            #expect(!page.body.contains(CohortWorld.nationalId(1)))
            #expect(page.body.contains("已登记 <span lang=\"en\">registered</span>"))
            #expect(page.body.contains("2026-12-01 至 2028-12-01（计划 24 个月"))
            #expect(page.body.contains("5,500.00 元/年") && page.body.contains("李师傅") && page.body.contains("王老师"))
        }
        let registered = try #require(try w.store.apprenticeships(ApprenticeshipFilter(), actor: w.world.admin)
            .first { $0.nationalId == CohortWorld.nationalId(1) })
        #expect(registered.apprenticeship.institutionId == w.world.schoolA.id && registered.apprenticeship.enterpriseId == w.ownEnterprise.id)
        #expect(registered.apprenticeship.status == .registered && registered.apprenticeship.endDate == "2028-12-01")
        #expect(try w.auditEvents("apprentice.register").first == "clerk.a \(registered.apprenticeship.id!)")
    }

    @Test func aRefusedRegistrationShowsEachRuleBesideItsFieldAndRecordsNothing() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get("/apprenticeships/new")
            // The plan's rules, all at once, each beside its field.
            let plan = try await browser.post("/apprenticeships", w.validRegistration.merging(
                ["end": "2027-06-01", "enterpriseMentor": " ", "contractYears": "0"]) { _, b in b })
            #expect(plan.status == .badRequest)
            #expect(plan.body.contains("id=\"end-error\"") && plan.body.contains("培养期至少 1 年（现为 6 个月）")
                    && plan.body.contains("an apprenticeship runs at least one year (this one 6 months)"))
            #expect(plan.body.contains("id=\"enterpriseMentor-error\"") && plan.body.contains("须有企业导师"))
            #expect(plan.body.contains("id=\"contractYears-error\"") && plan.body.contains("劳动合同期限至少 1 年"))
            #expect(plan.body.contains("value=\"2027-06-01\""), "what was typed is kept")
            // What was typed, before the Store: a bad ID and a date that does not exist.
            let typed = try await browser.post("/apprenticeships", w.validRegistration.merging(
                ["nationalId": "110105194912310021", "start": "2026-02-30"]) { _, b in b })
            #expect(typed.status == .badRequest && typed.body.contains("id=\"nationalId-error\"") && typed.body.contains("id=\"start-error\""))
            // A person not on file, one already under way: the ID's refusal.
            let unknown = try await browser.post("/apprenticeships", w.validRegistration.merging(
                ["nationalId": CohortWorld.nationalId(9)]) { _, b in b })
            #expect(unknown.status == .badRequest && unknown.body.contains("id=\"nationalId-error\""))
            let underWay = try await browser.post("/apprenticeships", w.validRegistration.merging(
                ["nationalId": CohortWorld.nationalId(2)]) { _, b in b })
            #expect(underWay.status == .badRequest && underWay.body.contains("id=\"nationalId-error\"")
                    && underWay.body.contains("already has an apprenticeship under way"))
            #expect(underWay.body.contains("class=\"error field-error\">\(Masking.nationalID(CohortWorld.nationalId(2))) 已有进行中的学徒培养"),
                    "the ID masked in the refusal")
            // Another institution's enterprise is, to her, not on file: the enterprise's refusal.
            let otherEnterprise = try await browser.post("/apprenticeships", w.validRegistration.merging(
                ["enterprise": String(w.otherEnterprise.id!)]) { _, b in b })
            #expect(otherEnterprise.status == .badRequest && otherEnterprise.body.contains("id=\"enterprise-error\""))
            #expect(!otherEnterprise.body.contains("乙方制造厂"))
            let noEnterprise = try await browser.post("/apprenticeships", w.validRegistration.merging(["enterprise": ""]) { _, b in b })
            #expect(noEnterprise.status == .badRequest && noEnterprise.body.contains("id=\"enterprise-error\""))
        }
        #expect(try w.apprenticeshipCount() == 2)
        #expect(try w.auditEvents("apprentice.register").count == 2)
    }

    @Test func anotherInstitutionsApprenticeshipIsTheSame404AsAMissingOne() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let other = try await browser.get("/apprenticeships/\(w.other.id!)")
            let missing = try await browser.get("/apprenticeships/999999")
            #expect(other.status == .notFound && missing.status == .notFound && other.body == missing.body)
            let list = try await browser.get("/apprenticeships")
            #expect(list.body.contains("王二") && !list.body.contains("乙校学徒") && list.body.contains("共 1 条"))
        }
    }

    @Test func theListFiltersByStatusEnterpriseOccupationAndNameFiftyToAPageWithTheTotal() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        let second = try w.store.addEnterprise(creditCode: try CreditCode.parse("91440300MA5DC4RX8U"), name: "中山市第二酒店",
                                               district: "石岐街道", actor: w.world.clerkA)
        for n in 10..<70 {
            _ = try w.store.registerPerson(NewPerson(nationalId: ApprenticeWorld.id(n), name: "学徒\(n)"), actor: w.world.admin)
            _ = try w.store.registerApprenticeship(ApprenticeWorld.plan(), enterpriseId: second.id!, institutionId: w.world.schoolA.id!,
                                                   nationalId: ApprenticeWorld.id(n), actor: w.world.clerkA)
        }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let first = try await browser.get("/apprenticeships")
            #expect(first.body.contains("共 61 条，第 1–50 条（第 1/2 页）"))
            #expect(first.body.components(separatedBy: "<tr><td><a href=\"/apprenticeships/").count - 1 == 50)
            let next = try await browser.get("/apprenticeships?page=2")
            #expect(next.body.components(separatedBy: "<tr><td><a href=\"/apprenticeships/").count - 1 == 11)
            #expect(next.body.contains("王二"), "the oldest last")
            let filed = try await browser.get("/apprenticeships?status=filed")
            #expect(filed.body.contains("共 1 条") && filed.body.contains("王二"))
            let byEnterprise = try await browser.get("/apprenticeships?enterprise=\(w.ownEnterprise.id!)")
            #expect(byEnterprise.body.contains("共 1 条") && byEnterprise.body.contains("王二"))
            #expect(byEnterprise.body.contains("href=\"/apprenticeships/roster.xlsx?enterprise=\(w.ownEnterprise.id!)\""))
            let byName = try await browser.get("/apprenticeships?name=%E5%AD%A6%E5%BE%921")  // 学徒1
            #expect(byName.body.contains("共 10 条"))
            let byOccupation = try await browser.get("/apprenticeships?occupation=4-03-02-02")
            #expect(byOccupation.body.contains("共 0 条") && byOccupation.body.contains("没有学徒"))
            let secondPage = try await browser.get("/apprenticeships?enterprise=\(second.id!)&page=2")
            #expect(secondPage.body.contains("共 60 条，第 51–60 条") && secondPage.body.contains("href=\"/apprenticeships?enterprise=\(second.id!)&amp;page=1\""))
        }
    }

    @Test func theRosterHoldsHerApprenticesOnlyMaskedUnderItsChineseName() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let download = try await browser.download("/apprenticeships/roster.xlsx")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]
                    == "attachment; filename=\"apprentice-roster.xlsx\"; filename*=UTF-8''%E5%AD%A6%E5%BE%92%E8%8A%B1%E5%90%8D%E5%86%8C.xlsx")
            let rows = try XLSXReader(url: download.file).rows(sheet: "学徒花名册 Apprentices")
            let people = rows.filter { $0[column: 5]?.value.contains("*") == true }
            #expect(people.map { $0[column: 4]?.value } == ["王二"])
            #expect(people.first?[column: 5]?.value == Masking.nationalID(CohortWorld.nationalId(2)))
            #expect(!rows.contains { $0.cells.contains { $0.value == CohortWorld.nationalId(2) || $0.value.contains("乙校") } })

            let ofEnterprise = try await browser.download("/apprenticeships/roster.xlsx?enterprise=\(w.ownEnterprise.id!)")
            defer { try? FileManager.default.removeItem(at: ofEnterprise.file) }
            #expect(ofEnterprise.headers[.contentDisposition]?.contains(
                "%E4%B8%AD%E5%B1%B1%E5%B8%82%E6%9F%90%E6%9F%90%E9%85%92%E5%AE%B6%E5%AD%A6%E5%BE%92%E8%8A%B1%E5%90%8D%E5%86%8C.xlsx") == true)
        }
    }

    @Test func aHostileApprenticeNameIsShownAsText() async throws {
        let w = try ApprenticeWorld()
        defer { w.remove() }
        _ = try w.store.registerPerson(NewPerson(nationalId: ApprenticeWorld.id(5), name: "<script>alert(1)</script>{{x}}"), actor: w.world.admin)
        let hostile = try w.store.registerApprenticeship(ApprenticeWorld.plan(), enterpriseId: w.ownEnterprise.id!,
                                                         institutionId: w.world.schoolA.id!, nationalId: ApprenticeWorld.id(5), actor: w.world.clerkA)
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            for path in ["/apprenticeships", "/apprenticeships/\(hostile.id!)", "/enterprises/\(w.ownEnterprise.id!)"] {
                let page = try await browser.get(path)
                #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;{{x}}") && !page.body.contains("<script>alert"), "\(path)")
            }
        }
    }
}
