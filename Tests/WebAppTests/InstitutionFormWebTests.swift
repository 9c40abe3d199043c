import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
@testable import Store
@testable import WebApp

/// The bureau adds and changes institutions through forms: each refusal beside its field in
/// both languages with what was typed kept, the record and its audit event on success, and
/// nobody else let in.
@Suite struct InstitutionFormWebTests {
    /// Every field of an evaluation body, as the form posts them.
    static let evaluationBody = [
        "name": "中山市丁职业技能评价中心", "kind": "evaluation", "district": "小榄镇", "credit_code": "91440101MA5CJQ4N59",
        "contact_person": "陈主任", "contact_phone": "138-0013-8000", "address": "中山市小榄镇民安中路 1 号",
        "body_kind": "S", "body_code": "0000", "province": "44", "site": "000456",
    ]

    @Test func aSignedOutBrowserIsSentToSignInForEveryFormAndPost() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let id = world.schoolA.id!
        try await world.withBrowser { browser in
            for path in ["/institutions/new", "/institutions/\(id)/edit"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
            for path in ["/institutions", "/institutions/\(id)"] {
                let page = try await browser.post(path, Self.evaluationBody)
                #expect(page.status == .seeOther && page.location == "/signin", "POST \(path)")
            }
        }
        #expect(try world.store.institutions(actor: world.admin).count == 3)
    }

    @Test func clerksAndExaminersAreRefusedTheFormsAndThePostsWithTheStoresReason() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let own = world.schoolA.id!, other = world.schoolB.id!
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let list = try await browser.get("/institutions")
            #expect(list.status == .ok && !list.body.contains("/institutions/new"), "no add link for a clerk")
            #expect(!(try await browser.get("/institutions/\(own)")).body.contains("/edit\""), "no edit link for a clerk")

            let new = try await browser.get("/institutions/new")
            #expect(new.status == .forbidden)
            #expect(new.body.contains("无权执行 institution add：只有人社局用户可以执行此操作"))
            #expect(new.body.contains("not permitted to institution add: only bureau users may do this"))
            #expect(try await browser.post("/institutions", Self.evaluationBody).status == .forbidden)

            let edit = try await browser.get("/institutions/\(own)/edit")
            #expect(edit.status == .forbidden && edit.body.contains("institution update (name, district, credit code)"))
            var renamed = Self.evaluationBody
            renamed["name"] = "改名学校"
            #expect(try await browser.post("/institutions/\(own)", renamed).status == .forbidden)
            // Another institution's is the 404 of a missing one, for the form as for the post.
            let otherEdit = try await browser.get("/institutions/\(other)/edit")
            let missingEdit = try await browser.get("/institutions/999999/edit")
            #expect(otherEdit.status == .notFound && missingEdit.status == .notFound && otherEdit.body == missingEdit.body)
            #expect(try await browser.post("/institutions/\(other)", renamed).status == .notFound)
            // A refused post is refused whatever it holds: a bad field does not get a form back.
            var bad = Self.evaluationBody
            bad["credit_code"] = "nonsense"
            #expect(try await browser.post("/institutions", bad).status == .forbidden)
        }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            #expect(try await browser.get("/institutions/new").status == .forbidden)
            #expect(try await browser.post("/institutions", Self.evaluationBody).status == .forbidden)
        }
        #expect(try world.store.institutions(actor: world.admin).map(\.name)
                == ["中山市甲烹饪培训学校", "中山市乙家政培训中心", "中山市丙职业技能评价中心"])
        let actions = try world.store.auditEvents(actor: world.admin, entity: "institutions").rows.map(\.action)
        #expect(!actions.contains("institution.update") && actions.count == 3)
    }

    @Test func aPostWithoutTheFormsTokenIsRefusedAndWritesNothing() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            try await browser.get("/institutions/new")
            #expect(try await browser.post("/institutions", Self.evaluationBody, token: .none).status == .forbidden)
            try await browser.get("/institutions/\(world.schoolA.id!)/edit")
            var renamed = Self.evaluationBody
            renamed["name"] = "改名学校"
            let forged = try await browser.post("/institutions/\(world.schoolA.id!)", renamed, token: .given(String(repeating: "a", count: 64)))
            #expect(forged.status == .forbidden && forged.body.contains("表单已过期或不是从本站页面提交的"))
        }
        #expect(try world.store.institutions(actor: world.admin).count == 3)
        #expect(try world.store.institution(String(world.schoolA.id!), actor: world.admin).name == "中山市甲烹饪培训学校")
    }

    @Test func theBureauAddsAnEvaluationBodyThroughTheFormAndSeesItsPage() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let list = try await browser.get("/institutions")
            #expect(list.body.contains("<a class=\"button\" href=\"/institutions/new\">添加机构 <span lang=\"en\">Add</span></a>"))

            let form = try await browser.get("/institutions/new")
            #expect(form.status == .ok)
            #expect(form.body.contains("<form method=\"post\" action=\"/institutions\""))
            for name in ["name", "credit_code", "contact_person", "contact_phone", "address", "body_kind", "body_code", "province", "site"] {
                #expect(form.body.contains("<input id=\"\(name)\" name=\"\(name)\""), "input \(name)")
                #expect(form.body.contains("<label for=\"\(name)\">"), "label of \(name)")
            }
            for name in ["kind", "district"] {
                #expect(form.body.contains("<select id=\"\(name)\" name=\"\(name)\""), "select \(name)")
                #expect(form.body.contains("<label for=\"\(name)\">"), "label of \(name)")
            }
            for kind in ["training", "school", "evaluation"] { #expect(form.body.contains("<option value=\"\(kind)\">")) }
            #expect(form.body.contains("<option value=\"石岐街道\">石岐街道</option>") && form.body.contains("<option value=\"小榄镇\">"))
            #expect(form.body.contains("name=\"province\" type=\"text\" value=\"44\""), "Guangdong's code to start with")
            #expect(form.body.contains("<button type=\"submit\">"))
            #expect(form.body.contains("<label for=\"credit_code\">统一社会信用代码 <span lang=\"en\">Credit code</span></label>"))

            let added = try await browser.post("/institutions", Self.evaluationBody)
            #expect(added.status == .seeOther)
            let location = try #require(added.location)
            let id = try #require(Int64(location.replacingOccurrences(of: "/institutions/", with: "")))
            let page = try await browser.get(location)
            #expect(page.status == .ok && page.body.contains("<h1>中山市丁职业技能评价中心</h1>"))
            #expect(page.body.contains("S000044000456") && page.body.contains("小榄镇") && page.body.contains("评价机构"))
            #expect(page.body.contains("138****8000") && !page.body.contains("13800138000"), "the phone masked")
            #expect(page.body.contains("href=\"/institutions/\(id)/edit\""))

            let recorded = try world.store.institution(String(id), actor: world.admin)
            #expect(recorded.contactPhone == "13800138000" && recorded.creditCode == "91440101MA5CJQ4N59")
            #expect(recorded.contactPerson == "陈主任" && recorded.address == "中山市小榄镇民安中路 1 号")
            let event = try #require(try world.store.auditEvents(actor: world.admin, entity: "institutions", key: String(id)).rows.first)
            #expect(event.action == "institution.create" && event.actorLogin == "admin")
        }
    }

    @Test func aRefusedFormComesBackWithWhatWasTypedAndEachRefusalBesideItsFieldInBothLanguages() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            try await browser.get("/institutions/new")
            var typed = Self.evaluationBody
            typed["credit_code"] = "91440101MA5CJQ4NO9"
            typed["contact_phone"] = "0760-888"
            typed["body_code"] = "12"
            typed["name"] = "<script>alert(1)</script>{{x}}评价中心"
            let refused = try await browser.post("/institutions", typed)
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("未保存") && refused.body.contains("Not saved"))
            #expect(refused.body.contains("<span id=\"credit_code-error\" class=\"error field-error\">字段 统一社会信用代码，值 &quot;91440101MA5CJQ4NO9&quot;："))
            #expect(refused.body.contains("field credit code, value &quot;91440101MA5CJQ4NO9&quot;:"))
            #expect(refused.body.contains("<span id=\"contact_phone-error\" class=\"error field-error\">字段 联系电话，值 &quot;0760-888&quot;：联系电话有 7 位数字"))
            #expect(refused.body.contains("<span id=\"body_code-error\" class=\"error field-error\">字段 评价机构代码，值 &quot;12&quot;：应为 4 位数字 <span lang=\"en\">field body code, value &quot;12&quot;: must be 4 digits</span>"))
            #expect(refused.body.contains("name=\"credit_code\" type=\"text\" value=\"91440101MA5CJQ4NO9\" aria-invalid=\"true\""))
            #expect(refused.body.contains("name=\"name\" type=\"text\" value=\"&lt;script&gt;alert(1)&lt;/script&gt;{{x}}评价中心\""))
            #expect(!refused.body.contains("<script>"), "a typed name is text, not markup")
            #expect(refused.body.contains("<option value=\"evaluation\" selected>") && refused.body.contains("<option value=\"小榄镇\" selected>"))
            #expect(refused.body.contains("value=\"陈主任\"") && refused.body.contains("value=\"000456\""))
            #expect(!refused.body.contains("id=\"site-error\""), "a field that passed has no refusal")

            // The Store's own checks come back the same way: an empty name and an unknown district together.
            var storeRefused = Self.evaluationBody
            storeRefused["name"] = " "
            storeRefused["district"] = "天河区"
            let both = try await browser.post("/institutions", storeRefused)
            #expect(both.status == .badRequest)
            #expect(both.body.contains("<span id=\"name-error\" class=\"error field-error\">字段 机构名称，值 &quot; &quot;：不能为空 <span lang=\"en\">field institution name, value &quot; &quot;: must not be empty</span>"))
            #expect(both.body.contains("<span id=\"district-error\" class=\"error field-error\">字段 镇街，值 &quot;天河区&quot;：不在目录的镇街列表中"))

            // A name taken already is the name's refusal; a credit code taken, the code's.
            var taken = Self.evaluationBody
            taken["name"] = "中山市甲烹饪培训学校"
            let duplicate = try await browser.post("/institutions", taken)
            #expect(duplicate.status == .badRequest && duplicate.body.contains("<span id=\"name-error\" class=\"error field-error\">机构 中山市甲烹饪培训学校 已存在"))
            #expect(try await browser.post("/institutions", Self.evaluationBody).status == .seeOther)
            var sameCode = Self.evaluationBody
            sameCode["name"] = "另一评价中心"
            let code = try await browser.post("/institutions", sameCode)
            #expect(code.body.contains("<span id=\"credit_code-error\" class=\"error field-error\">机构 91440101MA5CJQ4N59 已存在"))

            // An evaluation body's missing number parts are each refused.
            let missing = try await browser.post("/institutions", ["name": "评价二", "kind": "evaluation", "district": "小榄镇", "province": "44"])
            for input in ["body_kind", "body_code", "site"] {
                #expect(missing.body.contains("<span id=\"\(input)-error\" class=\"error field-error\">"), "\(input)")
            }
            #expect(missing.body.contains("评价机构必须填写（证书编号的组成部分）"))
        }
        #expect(try world.store.institutions(actor: world.admin).count == 4, "only the one good post was recorded")
    }

    @Test func theBureauChangesAnInstitutionThroughTheEditFormWithEveryCheckAgain() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let id = world.schoolA.id!
        _ = try world.store.updateInstitution(id: id, InstitutionChanges(contactPerson: "李老师", contactPhone: "0760-88881234"),
                                              actor: world.admin)
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let form = try await browser.get("/institutions/\(id)/edit")
            #expect(form.status == .ok)
            #expect(form.body.contains("<form method=\"post\" action=\"/institutions/\(id)\""))
            #expect(form.body.contains("name=\"name\" type=\"text\" value=\"中山市甲烹饪培训学校\""))
            #expect(form.body.contains("<option value=\"石岐街道\" selected>") && form.body.contains("value=\"李老师\""))
            #expect(!form.body.contains("88881234") && form.body.contains("076*-****1234"), "the phone is never shown whole")
            #expect(!form.body.contains("name=\"kind\""), "the kind does not change")

            let fields = ["name": "中山市甲烹饪职业培训学校", "district": "小榄镇", "credit_code": "", "contact_person": "王老师",
                          "contact_phone": "", "address": "中山市小榄镇"]
            let bad = try await browser.post("/institutions/\(id)", fields.merging(["credit_code": "123", "contact_phone": "phone"]) { $1 })
            #expect(bad.status == .badRequest)
            #expect(bad.body.contains("<span id=\"credit_code-error\" class=\"error field-error\">字段 统一社会信用代码，值 &quot;123&quot;："))
            #expect(bad.body.contains("<span id=\"contact_phone-error\""))
            #expect(bad.body.contains("value=\"中山市甲烹饪职业培训学校\"") && bad.body.contains("value=\"王老师\""))
            #expect(try world.store.institution(String(id), actor: world.admin).name == "中山市甲烹饪培训学校", "nothing changed")

            let saved = try await browser.post("/institutions/\(id)", fields)
            #expect(saved.status == .seeOther && saved.location == "/institutions/\(id)")
            let page = try await browser.get("/institutions/\(id)")
            #expect(page.body.contains("<h1>中山市甲烹饪职业培训学校</h1>") && page.body.contains("王老师"))
            #expect(page.body.contains("076*-****1234"), "an empty phone field keeps the number")

            // A credit code on record can be corrected, not removed.
            #expect(try await browser.post("/institutions/\(id)", fields.merging(["credit_code": "91440101ma5cjq4n58"]) { $1 }).status == .seeOther)
            let pilot = try await browser.get("/institutions/\(id)")
            #expect(pilot.body.contains("91440101MA5CJQ4N58") && pilot.body.contains("注意：统一社会信用代码校验位应为 9，实际为 8"))
            let removed = try await browser.post("/institutions/\(id)", fields)
            #expect(removed.status == .badRequest && removed.body.contains("已登记的统一社会信用代码不能清空，只能改为正确的代码"))
        }
        let changed = try world.store.institution(String(id), actor: world.admin)
        #expect(changed.district == "小榄镇" && changed.contactPhone == "0760-88881234" && changed.creditCode == "91440101MA5CJQ4N58")
        let events = try world.store.auditEvents(actor: world.admin, entity: "institutions", key: String(id)).rows
        #expect(events.map(\.action).prefix(2) == ["institution.update", "institution.update"] && events[0].actorLogin == "admin")
        #expect(events[1].after?.contains("中山市甲烹饪职业培训学校") == true)
    }

    @Test func theListFiltersByDistrictAndPartOfTheNameAndItsPagesKeepTheFilters() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        for index in 1...60 {
            _ = try world.store.addInstitution(NewInstitution(name: "小榄第\(index)烹饪学校", kind: .training, district: "小榄镇"),
                                               actor: world.admin)
        }
        _ = try world.store.addInstitution(NewInstitution(name: "小榄家政中心", kind: .school, district: "小榄镇"), actor: world.admin)
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let form = try await browser.get("/institutions")
            #expect(form.body.contains("<label for=\"district\">") && form.body.contains("<label for=\"q\">"))
            let district = try await browser.get("/institutions?district=%E5%B0%8F%E6%A6%84%E9%95%87")
            #expect(district.body.contains("共 61 条，第 1–50 条（第 1/2 页）") && district.body.contains("<option value=\"小榄镇\" selected>"))
            #expect(district.body.contains("href=\"/institutions?district=%E5%B0%8F%E6%A6%84%E9%95%87&amp;page=2\""), "the filter stays on the next page")
            #expect(!district.body.contains("中山市甲烹饪培训学校"))
            let search = try await browser.get("/institutions?district=%E5%B0%8F%E6%A6%84%E9%95%87&q=%E7%83%B9%E9%A5%AA&page=2")
            #expect(search.body.contains("共 60 条，第 51–60 条（第 2/2 页）") && search.body.contains("value=\"烹饪\""))
            #expect(search.body.matches(of: /<tr><td>\d+<\/td>/).count == 10)
            let both = try await browser.get("/institutions?kind=school&q=%E5%AE%B6%E6%94%BF")
            #expect(both.body.contains("共 1 条") && both.body.contains("小榄家政中心"))
            let nothing = try await browser.get("/institutions?q=%3Cscript%3E")
            #expect(nothing.body.contains("共 0 条") && nothing.body.contains("value=\"&lt;script&gt;\"") && !nothing.body.contains("<script>"))
        }
    }
}
