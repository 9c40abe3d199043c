import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Intake
import Spreadsheet
@testable import Store
@testable import WebApp

/// An apprentice list uploaded in the browser with the same preview and confirmation as a
/// trainee list: registered whole on confirmation, or, with a refused row, not at all.
@Suite struct ApprenticeListUploadWebTests {
    static let header = "序号,企业统一社会信用代码,身份证号,姓名,职业,目标等级,劳动合同起始日期,合同年限,学徒开始日期,学徒结束日期,延长理由,企业导师,院校导师\n"
    static let enterprise = "91440101MA5CJQ4N59"

    /// A two-year apprenticeship at the world's enterprise for the trainee with ID sequence `n`.
    static func row(_ number: Int, _ n: Int, _ name: String, enterprise: String = enterprise) -> String {
        "\(number),\(enterprise),\(UploadLists.id(n)),\(name),中式烹调师,4,2026-09-01,3,2026-09-01,2028-09-01,,李师傅,王老师\n"
    }

    /// Two people on file (陈一 and 李二, as clerk.a's trainees) and an enterprise.
    static func world() throws -> UploadWorld {
        let w = try UploadWorld()
        try w.cohorts.enrol([("陈一", 1), ("李二", 2)], into: w.own, actor: w.world.clerkA)
        _ = try w.store.addEnterprise(creditCode: try CreditCode.parse(enterprise), name: "中山市某某酒家", district: "石岐街道",
                                      actor: w.world.clerkA)
        return w
    }

    static func registered(_ w: UploadWorld) throws -> (apprenticeships: Int, imports: Int) {
        (try w.store.apprenticeships(ApprenticeshipFilter(), actor: w.world.admin).count,
         try w.store.auditEvents(actor: w.world.admin, entity: "apprenticeships", page: .all).rows.filter { $0.action == "apprentice.import" }.count)
    }

    static func upload(_ browser: Browser, _ list: String) async throws -> String {
        let form = try await browser.get("/apprentice-lists")
        #expect(form.body.contains("action=\"/apprentice-lists/upload\"") && form.body.contains("href=\"/apprentice-lists/template\""))
        let sent = try await browser.upload("/apprentice-lists/upload", fileName: "学徒.csv", bytes: Array(list.utf8))
        #expect(sent.status == .seeOther)
        return try #require(sent.location)
    }

    @Test func aGoodListIsPreviewedThenRegisteredWholeOnConfirmation() async throws {
        let w = try Self.world()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            #expect(try await browser.get("/").body.contains("href=\"/apprentice-lists\""), "in her menu")
            let path = try await Self.upload(browser, Self.header + Self.row(1, 1, "陈一") + Self.row(2, 2, "李二"))
            #expect(path.hasPrefix("/apprentice-lists/uploads/"))
            let preview = try await browser.waitForUpload(path)
            #expect(preview.body.contains("<dt>将记录 <span lang=\"en\">Would be recorded</span></dt><dd>2</dd>"))
            #expect(preview.body.contains("确认记录全部 2 行"))
            #expect(try Self.registered(w) == (0, 0), "nothing registered before she confirms")
            #expect(try await browser.post(path + "/confirm", ["rows": "all"]).status == .seeOther)
            #expect(try await browser.waitForUpload(path).body.contains("已记录 2 行"))
        }
        #expect(try Self.registered(w) == (2, 1))
        #expect(w.uploadFolders.isEmpty)
    }

    @Test func eachApprenticesPageShowsTheListThatRegisteredHerApprenticeship() async throws {
        let w = try Self.world()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let path = try await Self.upload(browser, Self.header + Self.row(1, 1, "陈一"))
            _ = try await browser.waitForUpload(path)
            #expect(try await browser.post(path + "/confirm", ["rows": "all"]).status == .seeOther)
            #expect(try await browser.waitForUpload(path).body.contains("已记录 1 行"))
            let chen = try #require(try w.store.person(nationalId: try NationalID.parse(UploadLists.id(1), today: CivilDate(year: 2026, month: 11, day: 21)!),
                                                       actor: w.world.admin).id)
            let apprenticeship = try #require(try w.store.apprenticeships(ApprenticeshipFilter(), actor: w.world.admin).first?.apprenticeship.id)
            let page = try await browser.get("/persons/\(chen)")
            let line = page.body.components(separatedBy: "<tr>").first { $0.contains("apprentice.import") } ?? ""
            #expect(line.contains("<td>clerk.a <small>institution</small></td>"), "\(line)")
            #expect(line.contains("学徒名单导入登记学徒培养"), "\(line)")
            #expect(line.contains("学徒.csv") && line.contains("<a href=\"/apprenticeships/\(apprenticeship)\">中山市某某酒家</a>"), "\(line)")
        }
    }

    @Test func aListWithARefusedRowShowsItAndRegistersNobody() async throws {
        let w = try Self.world()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let path = try await Self.upload(browser, Self.header + Self.row(1, 1, "陈一")
                                                 + Self.row(2, 2, "李二", enterprise: "91350100M000100Y43"))
            let preview = try await browser.waitForUpload(path)
            #expect(preview.body.contains("<tr class=\"refused-row\"><td>3</td><td>B 企业统一社会信用代码</td><td>91350100M000100Y43</td>"))
            #expect(preview.body.contains("学徒名单须全部通过检查才能登记"))
            #expect(!preview.body.contains("只记录有效的") && !preview.body.contains("确认记录全部"))
            #expect(preview.body.contains("href=\"\(path)/errors\""))
            for rows in ["valid", "all"] {
                #expect(try await browser.post(path + "/confirm", ["rows": rows]).status == .badRequest, "\(rows)")
            }
        }
        #expect(try Self.registered(w) == (0, 0))
    }

    @Test func signedOutExaminerOtherUsersAndPostsWithoutTheTokenAreRefused() async throws {
        let w = try Self.world()
        defer { w.remove() }
        _ = try WebWorld.accounts.addUser(login: "clerk.a2", name: "甲经办二", role: .institution, institutionId: w.world.schoolA.id,
                                          password: WebWorld.initialPassword, actor: w.world.admin, store: w.store)
        let list = Self.header + Self.row(1, 1, "陈一")
        let gets = ["/apprentice-lists", "/apprentice-lists/template", "/apprentice-lists/uploads/0123456789abcdef0123456789abcdef"]
        try await w.withBrowser { browser in
            for path in gets { #expect(try await browser.get(path).location == "/signin", "GET \(path)") }
            #expect(try await browser.upload("/apprentice-lists/upload", fileName: "学徒.csv", bytes: Array(list.utf8),
                                             token: .given("x")).location == "/signin")
            try await browser.signInFirstTime("exam.1")
            for path in gets.prefix(2) { #expect(try await browser.get(path).status == .forbidden, "GET \(path)") }
            try await browser.get("/")
            #expect(try await browser.upload("/apprentice-lists/upload", fileName: "学徒.csv", bytes: Array(list.utf8)).status == .forbidden)
        }
        #expect(w.uploadFolders.isEmpty, "nothing of a refused upload is kept")
        let path = LockedText()
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get("/apprentice-lists")
            #expect(try await browser.upload("/apprentice-lists/upload", fileName: "学徒.csv", bytes: Array(list.utf8),
                                             token: .none).status == .forbidden)
            path.text = try await Self.upload(browser, list)
            try await browser.waitForUpload(path.text)
            #expect(try await browser.post(path.text + "/confirm", ["rows": "all"], token: .none).status == .forbidden)
            // Her upload is not found under a class of hers.
            let id = String(path.text.split(separator: "/").last!)
            #expect(try await browser.get("/cohorts/\(w.own)/uploads/\(id)").status == .notFound)
        }
        for login in ["clerk.a2", "admin"] {
            try await w.withBrowser { browser in
                try await browser.signInFirstTime(login)
                #expect(try await browser.get(path.text).status == .notFound, "\(login)")
                try await browser.get("/")
                #expect(try await browser.post(path.text + "/confirm", ["rows": "all"]).status == .notFound, "\(login)")
            }
        }
        #expect(try Self.registered(w) == (0, 0))
    }

    @Test func theTemplateIsTheApprenticeListWorkbookUnderItsChineseName() async throws {
        let w = try Self.world()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let download = try await browser.download("/apprentice-lists/template")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.hasSuffix("filename*=UTF-8''%E5%AD%A6%E5%BE%92%E5%90%8D%E5%8D%95%E6%A8%A1%E6%9D%BF.xlsx") == true)
            let reader = try XLSXReader(url: download.file)
            let sheet = try #require(reader.sheetNames.first)
            let header = try reader.rows(sheet: sheet)[0].cells.map(\.value)
            #expect(header.contains { $0.hasPrefix("企业统一社会信用代码") } && header.contains { $0.hasPrefix("身份证号") })
        }
    }
}
