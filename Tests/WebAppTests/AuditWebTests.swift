import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Store
@testable import WebApp

/// The audit trail page: filters by user, action, record and days kept on every page, fifty
/// rows a page with the filter's total, before and after masked, bureau only.
@Suite struct AuditWebTests {
    /// One row of the table: every row starts with its time (the world's clock, noon in Zhongshan).
    static var row: Regex<Substring> { /<tr><td>2026-11-2\d \d\d:\d\d:\d\d<\/td>/ }

    @Test func timesAreShownInChinaStandardTime() {
        #expect(BureauTime.shown("2026-11-20T15:59:59Z") == "2026-11-20 23:59:59")
        #expect(BureauTime.shown("2026-11-20T16:00:00Z") == "2026-11-21 00:00:00")
        #expect(BureauTime.shown("2026-12-31T16:30:05Z") == "2027-01-01 00:30:05")
        #expect(BureauTime.shown("1969-12-31T23:59:59Z") == "1970-01-01 07:59:59")
        // Anything else is shown as stored.
        #expect(BureauTime.shown("2026-11-20 16:00") == "2026-11-20 16:00")
        #expect(BureauTime.shown("2026-02-30T16:00:00Z") == "2026-02-30T16:00:00Z")
    }

    @Test func signedOutTheTrailAndItsDownloadSendToTheSignInPage() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            for path in ["/audit", "/audit?user=admin", "/audit.xlsx", "/audit.xlsx?action=user.signin"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
        }
    }

    @Test func aClerkAndAnExaminerAreRefusedThePageAndTheDownloadWhateverTheFilter() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        for login in ["clerk.a", "exam.1"] {
            try await world.withBrowser { browser in
                try await browser.signInFirstTime(login)
                // A bad filter does not turn the refusal into a complaint about the filter.
                for path in ["/audit", "/audit?from=2026-13-45", "/audit.xlsx", "/audit.xlsx?user=admin&from=nonsense"] {
                    let page = try await browser.get(path)
                    #expect(page.status == .forbidden, "\(login) GET \(path)")
                    #expect(page.body.contains("无权执行 audit list：只有人社局用户可以执行此操作"), "\(login) GET \(path)")
                    #expect(page.headers[.contentDisposition] == nil)
                }
            }
        }
    }

    @Test func aFilterKeepsItsValuesOnEveryPageAndTheTotalIsTheFilters() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        for index in 1...60 {
            _ = try world.store.addInstitution(NewInstitution(name: "第\(index)培训学校", kind: .training, district: "石岐街道"), actor: world.admin)
        }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let first = try await browser.get("/audit?user=admin&action=institution.create")
            #expect(first.status == .ok)
            // The world's three institutions and these sixty.
            #expect(first.body.contains("共 63 条，第 1–50 条（第 1/2 页）"))
            #expect(first.body.matches(of: Self.row).count == 50)
            #expect(first.body.contains("<input id=\"user\" name=\"user\" value=\"admin\""))
            #expect(first.body.contains("<option value=\"institution.create\" selected>"))
            #expect(first.body.contains("<a href=\"/audit?user=admin&amp;action=institution.create&amp;page=2\" rel=\"next\">"))
            #expect(first.body.contains("<a href=\"/audit.xlsx?user=admin&amp;action=institution.create\" download>导出 Excel"))
            // Newest first: the sixtieth school's event heads the first page.
            #expect(first.body.contains("第60培训学校") && !first.body.contains("第10培训学校"))

            let second = try await browser.get("/audit?user=admin&action=institution.create&page=2")
            #expect(second.body.contains("共 63 条，第 51–63 条（第 2/2 页）"))
            #expect(second.body.matches(of: Self.row).count == 13)
            #expect(second.body.contains("<input id=\"user\" name=\"user\" value=\"admin\""))
            #expect(second.body.contains("<option value=\"institution.create\" selected>"))
            #expect(second.body.contains("<a href=\"/audit?user=admin&amp;action=institution.create&amp;page=1\" rel=\"prev\">"))
            #expect(!second.body.contains("<td>user.") && !second.body.contains("<td>catalog.load"))

            // The record filter: a table and a key.
            let clerk = try await browser.get("/audit?entity=users&key=clerk.a")
            #expect(clerk.body.matches(of: Self.row).count == 2 && clerk.body.contains("<td>user.password.set</td>"))
            #expect(clerk.body.contains("<option value=\"users\" selected>") && clerk.body.contains("value=\"clerk.a\""))

            // Unfiltered, the total is the whole trail's.
            let all = try await browser.get("/audit")
            let total = try world.store.auditEvents(actor: world.admin, page: .all).total
            #expect(all.body.contains("共 \(total) 条，第 1–50 条"))
        }
    }

    @Test func daysAreTheBureausAndABadOrReversedDayIsNamedOnThePageWithTheFilterKept() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        world.clock.advance(minutes: 24 * 60)
        _ = try world.store.addInstitution(NewInstitution(name: "次日培训学校", kind: .training, district: "石岐街道"), actor: world.admin)
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let nextDay = try await browser.get("/audit?action=institution.create&from=2026-11-22")
            #expect(nextDay.body.contains("共 1 条") && nextDay.body.contains("次日培训学校"))
            #expect(nextDay.body.contains("<td>2026-11-22 12:00:00</td>"), "shown in China Standard Time")
            let firstDay = try await browser.get("/audit?action=institution.create&from=2026-11-21&to=2026-11-21")
            #expect(firstDay.body.contains("共 3 条") && !firstDay.body.contains("次日培训学校"))
            let none = try await browser.get("/audit?from=2026-11-23")
            #expect(none.body.contains("共 0 条") && none.body.contains("没有符合条件的记录"))

            let bad = try await browser.get("/audit?user=admin&from=2026-13-01")
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("字段 开始日期，值 &quot;2026-13-01&quot;：日期不存在"))
            #expect(bad.body.contains("field start date, value &quot;2026-13-01&quot;: no such date in the calendar"))
            #expect(bad.body.contains("value=\"2026-13-01\"") && bad.body.contains("value=\"admin\""))
            #expect(bad.body.matches(of: Self.row).isEmpty)

            let reversed = try await browser.get("/audit?from=2026-11-22&to=2026-11-21")
            #expect(reversed.status == .badRequest)
            #expect(reversed.body.contains("字段 结束日期，值 &quot;2026-11-21&quot;：结束日期早于开始日期 2026-11-22"))

            let keyAlone = try await browser.get("/audit?key=clerk.a")
            #expect(keyAlone.status == .badRequest && keyAlone.body.contains("请同时选择对象"))
        }
    }

    @Test func hostileFilterValuesAndRecordedNamesAreShownAsText() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        _ = try world.store.addInstitution(NewInstitution(name: "<script>alert(1)</script>{{x}}培训学校", kind: .training,
                                                          district: "石岐街道"), actor: world.admin)
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/audit?user=%3Cscript%3Ealert(1)%3C%2Fscript%3E&entity=users&key=%7B%7Bx%7D%7D"
                                             + "&action=%22%3E%3Cimg%20src%3Dx%3E")
            #expect(page.status == .ok)
            #expect(page.body.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
            #expect(page.body.contains("<input id=\"key\" name=\"key\" value=\"{{x}}\""))
            #expect(page.body.contains("<option value=\"&quot;&gt;&lt;img src=x&gt;\" selected>"))
            #expect(!page.body.contains("<script>") && !page.body.contains("<img"))
            #expect(page.body.contains("href=\"/audit.xlsx?user=%3Cscript%3Ealert%281%29%3C%2Fscript%3E&amp;action=%22%3E%3Cimg%20src%3Dx%3E"
                                       + "&amp;entity=users&amp;key=%7B%7Bx%7D%7D\""))

            let created = try await browser.get("/audit?action=institution.create")
            #expect(created.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;{{x}}培训学校"))
            #expect(!created.body.contains("<script>"))
        }
    }

    @Test func beforeAndAfterAreShownWithIDsAndPhonesMasked() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let id = try NationalID.parse("440524188001010014", today: CivilDate(year: 2026, month: 11, day: 21)!)
        _ = try world.store.registerPerson(NewPerson(nationalId: id, name: "陈大文", phone: try MobilePhone.parse("13800138000")),
                                           actor: world.admin)
        _ = try world.store.updatePerson(nationalId: id, phone: try MobilePhone.parse("13700137000"), reason: "本人换号", actor: world.admin)
        _ = try world.store.updateInstitution(id: world.schoolA.id!, InstitutionChanges(contactPhone: "13900139000"), actor: world.admin)
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let persons = try await browser.get("/audit?entity=persons")
            #expect(persons.body.contains("440524********0014") && persons.body.contains("138****8000") && persons.body.contains("137****7000"))
            #expect(persons.body.contains("<td>本人换号</td>"))
            let institutions = try await browser.get("/audit?action=institution.update")
            #expect(institutions.body.contains("139****9000"))
            for page in [persons, institutions] {
                for whole in ["440524188001010014", "1880-01-01", "13800138000", "13700137000", "13900139000"] {
                    #expect(!page.body.contains(whole), "\(whole)")
                }
            }
        }
    }
}
