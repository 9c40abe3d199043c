import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
import Store
@testable import WebApp

extension Browser {
    /// A download as the browser saves it: status, headers and the file's bytes, written to a
    /// temporary file that the caller removes.
    func download(_ path: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, file: URL) {
        var headers: HTTPFields = [:]
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        let response = try await client.execute(uri: path, method: .get, headers: headers, body: nil)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-downloaded-\(UUID().uuidString).xlsx")
        try Data(response.body.readableBytesView).write(to: file)
        return (response.status, response.headers, file)
    }
}

/// 导出 Excel: the workbooks the pages offer, downloaded and read back. Serialized: each test
/// also checks that the server left no temporary file behind, which another download running
/// beside it would blur.
@Suite(.serialized) struct DownloadWebTests {
    static func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("skillcert-download-") }
    }

    /// The download folders left since `before`, once other tests' downloads in flight (the
    /// folder is shared, and tests run in parallel) have had five seconds to finish: a folder a
    /// download leaks stays, one being written goes.
    static func leftovers(since before: [String]) async throws -> [String] {
        var left: [String] = []
        for _ in 0..<50 {
            left = try leftovers().filter { !before.contains($0) }
            if left.isEmpty { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        return left
    }

    @Test func theAuditDownloadHoldsEveryRowOfTheFilterMaskedUnderItsChineseName() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        for index in 1...60 {
            _ = try world.store.addInstitution(NewInstitution(name: "第\(index)培训学校", kind: .training, district: "石岐街道",
                                                              contactPhone: "13800138000"), actor: world.admin)
        }
        _ = try world.store.addInstitution(NewInstitution(name: "=HYPERLINK(\"http://x\")", kind: .school, district: "石岐街道"),
                                           actor: world.admin)
        let id = try NationalID.parse("440524188001010014", today: CivilDate(year: 2026, month: 11, day: 21)!)
        _ = try world.store.registerPerson(NewPerson(nationalId: id, name: "陈大文", phone: try MobilePhone.parse("13800138000")),
                                           actor: world.admin)
        _ = try world.store.updatePerson(nationalId: id, phone: try MobilePhone.parse("13700137000"), reason: "=1+1 本人换号",
                                         actor: world.admin)
        let before = try Self.leftovers()
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/audit?user=admin&action=institution.create")
            #expect(page.body.contains("href=\"/audit.xlsx?user=admin&amp;action=institution.create\""))

            let download = try await browser.download("/audit.xlsx?user=admin&action=institution.create")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(download.headers[.contentDisposition]
                    == "attachment; filename=\"audit-trail.xlsx\"; filename*=UTF-8''%E5%AE%A1%E8%AE%A1%E8%AE%B0%E5%BD%95.xlsx")
            #expect(download.headers[.cacheControl] == "private, no-store")

            let reader = try XLSXReader(url: download.file)
            #expect(reader.sheetNames == ["审计记录 Audit trail"])
            let rows = try reader.rows(sheet: "审计记录 Audit trail")
            #expect(rows[0][column: 0]?.value == "审计记录 Audit trail")
            #expect(rows[1][column: 0]?.value == "筛选 Filter：用户 user admin；操作 action institution.create。时间为北京时间 Times are China Standard Time.")
            #expect(rows[2].cells.map(\.value) == ["时间（北京时间） At (China time)", "用户 User", "角色 Role", "操作 Action", "对象 Record",
                                                   "键 Key", "修改前 Before", "修改后 After", "原因 Reason"])
            // Every row the filter selects, not the page's fifty: the world's three and these 61.
            let events = Array(rows.dropFirst(3))
            #expect(events.count == 64)
            let newest = try #require(events.first)
            #expect(newest[column: 0]?.value == "2026-11-21 12:00:00")
            #expect(newest[column: 1]?.value == "admin" && newest[column: 2]?.value == "人社局 bureau")
            #expect(newest[column: 3]?.value == "institution.create" && newest[column: 4]?.value == "institutions")
            #expect(try #require(newest[column: 7]?.value).contains("=HYPERLINK(\\\"http://x\\\")"))
            let masked = try #require(events[1][column: 7]?.value)
            #expect(masked.contains("\"contact_phone\":\"138****8000\"") && masked.contains("第60培训学校"))
            #expect(!events.contains { $0.cells.contains { $0.value.contains("13800138000") } })
            #expect(events.allSatisfy { $0[column: 3]?.value == "institution.create" })

            // A reason typed like a formula is text in the workbook; the person's ID is masked.
            let person = try await browser.download("/audit.xlsx?action=person.update")
            defer { try? FileManager.default.removeItem(at: person.file) }
            let update = try #require(try XLSXReader(url: person.file).rows(sheet: "审计记录 Audit trail").dropFirst(3).first)
            #expect(update[column: 8]?.value == "=1+1 本人换号" && update[column: 8]?.formula == nil)
            #expect(update[column: 6]?.value.contains("440524********0014") == true && update[column: 7]?.value.contains("137****7000") == true)
            #expect(!update.cells.contains { $0.value.contains("440524188001010014") || $0.value.contains("13700137000") })
        }
        #expect(try await DownloadWebTests.leftovers(since: before).isEmpty, "the temporary workbook is gone")
    }

    @Test func aBadFilterInADownloadIsA400NamingTheFieldAndNoFile() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let bad = try await browser.get("/audit.xlsx?to=2026-02-30")
            #expect(bad.status == .badRequest && bad.headers[.contentDisposition] == nil)
            #expect(bad.body.contains("字段 结束日期，值 &quot;2026-02-30&quot;：日期不存在"))
        }
    }

    @Test func theCatalogDownloadIsTheCatalogWorkbookForTheBureauOnly() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        let before = try Self.leftovers()
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let download = try await browser.download("/catalog.xlsx")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"catalog.xlsx\"; filename*=UTF-8''%E7%9B%AE%E5%BD%95.xlsx")
            let reader = try XLSXReader(url: download.file)
            #expect(reader.visibleSheetNames.first == "概览 Overview" && reader.visibleSheetNames.contains("设置 Settings"))
            let settings = try reader.rows(sheet: "设置 Settings")
            #expect(settings.contains { $0[column: 0]?.value == "session_idle_minutes" && $0[column: 1]?.value == "30" })
            let occupations = try reader.rows(sheet: "职业 Occupations")
            #expect(occupations.contains { $0[column: 1]?.value == "中式烹调师" })
        }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let refused = try await browser.get("/catalog.xlsx")
            #expect(refused.status == .forbidden && refused.headers[.contentDisposition] == nil)
            #expect(refused.body.contains("无权执行 catalog view：只有人社局用户可以执行此操作"))
        }
        #expect(try await DownloadWebTests.leftovers(since: before).isEmpty)
    }

    @Test func theInstitutionDownloadHoldsEveryInstitutionOfTheFilterAndAClerkGetsOnlyHerOwn() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        for index in 1...55 {
            _ = try world.store.addInstitution(NewInstitution(name: "第\(index)家政培训中心", kind: .training, district: "小榄镇"),
                                               actor: world.admin)
        }
        _ = try world.store.addInstitution(NewInstitution(name: "小榄技工学校", kind: .school, district: "小榄镇"), actor: world.admin)
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/institutions?kind=training&district=%E5%B0%8F%E6%A6%84%E9%95%87")
            #expect(page.body.contains("href=\"/institutions.xlsx?kind=training&amp;district=%E5%B0%8F%E6%A6%84%E9%95%87\""))

            let download = try await browser.download("/institutions.xlsx?kind=training&district=%E5%B0%8F%E6%A6%84%E9%95%87")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"institutions.xlsx\"; filename*=UTF-8''%E6%9C%BA%E6%9E%84.xlsx")
            let rows = try XLSXReader(url: download.file).rows(sheet: "机构 Institutions")
            #expect(rows[1][column: 0]?.value == "筛选 Filter：类型 kind 培训机构 training；镇街 district 小榄镇")
            #expect(rows[2].cells.map(\.value) == ["编号 ID", "名称 Name", "类型 Kind", "镇街 District", "统一社会信用代码 Credit code"])
            // All 55 training centres of 小榄镇, past the page's fifty; not the school, not 石岐街道's.
            let listed = rows.dropFirst(3).compactMap { $0[column: 1]?.value }
            #expect(listed.count == 55)
            #expect(listed.contains("第55家政培训中心") && !listed.contains("小榄技工学校") && !listed.contains("中山市甲烹饪培训学校"))
        }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let download = try await browser.download("/institutions.xlsx")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            let rows = try XLSXReader(url: download.file).rows(sheet: "机构 Institutions")
            #expect(rows.dropFirst(3).compactMap { $0[column: 1]?.value } == ["中山市甲烹饪培训学校"])
        }
    }

    @Test func theUserDownloadIsTheBureausAndHoldsNoPassword() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/users?role=institution")
            #expect(page.body.contains("href=\"/users.xlsx?role=institution\""))
            let download = try await browser.download("/users.xlsx?role=institution")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"users.xlsx\"; filename*=UTF-8''%E7%94%A8%E6%88%B7.xlsx")
            let rows = try XLSXReader(url: download.file).rows(sheet: "用户 Users")
            #expect(rows[1][column: 0]?.value == "筛选 Filter：角色 role 机构经办人 institution")
            let users = Array(rows.dropFirst(3))
            #expect(users.map { $0.cells.map(\.value) } == [["clerk.a", "甲经办", "机构经办人", "中山市甲烹饪培训学校", "启用 enabled", "是 yes"]])
            let text = rows.flatMap { $0.cells.map(\.value) }.joined(separator: " ")
            #expect(!text.contains(WebWorld.initialPassword) && !text.contains("$2"))
        }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let refused = try await browser.get("/users.xlsx")
            #expect(refused.status == .forbidden && refused.headers[.contentDisposition] == nil)
        }
        try await world.withBrowser { browser in
            let signedOut = try await browser.get("/users.xlsx")
            #expect(signedOut.status == .seeOther && signedOut.location?.hasPrefix("/signin") == true)
        }
    }

    @Test func theDownloadNameKeepsOnlySafeCharacters() {
        let name = DownloadName(chinese: "机构 \"名单\"/2026", ascii: "inst\"itutions/../x")
        #expect(name.contentDisposition == "attachment; filename=\"inst_itutions_.._x.xlsx\"; "
                + "filename*=UTF-8''%E6%9C%BA%E6%9E%84%20%22%E5%90%8D%E5%8D%95%22%2F2026.xlsx")
    }
}
