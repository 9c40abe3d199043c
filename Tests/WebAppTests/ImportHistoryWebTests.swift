import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Services
@testable import Store
@testable import WebApp

/// A trainee brought in by a list import has that import in her history: one audit event
/// records the whole list, and the person's page finds it through her enrolment's import.
@Suite struct ImportHistoryWebTests {
    /// The `<tr>` of a page's history table that holds `text`.
    static func historyRow(_ body: String, holding text: String) -> String {
        let history = body.components(separatedBy: "id=\"history-title\"").dropFirst().first ?? ""
        return history.components(separatedBy: "<tr>").first { $0.contains(text) } ?? ""
    }

    @Test func aTraineesPageShowsTheImportThatCreatedOrEnrolledHerWhoWhenAndWhichFile() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        // 王四 is on record already (the bureau registered her); 陈一 is new to the system.
        let wangId = try NationalID.parse(UploadLists.id(4), today: CivilDate(year: 2026, month: 11, day: 21)!)
        let wang = try w.store.registerPerson(NewPerson(nationalId: wangId, name: "王四"), actor: w.world.admin).person.id!
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let list = UploadLists.csv([("陈一", UploadLists.id(1), "13800130001"), ("王四", UploadLists.id(4), "13800130004")])
            let path = try await UploadWebTests.uploadList(browser, w.own, list, name: "十一月<i>名单.csv")
            _ = try await browser.waitForUpload(path)
            #expect(try await browser.post(path + "/confirm", ["rows": "all"]).status == .seeOther)
            #expect(try await browser.waitForUpload(path).body.contains("已记录 2 行"))

            let imported = try #require(try w.store.auditEvents(actor: w.world.admin, entity: "cohorts", key: String(w.own), page: .all).rows
                .first { $0.action == "cohort.import" })
            let chen = try w.store.person(nationalId: try NationalID.parse(UploadLists.id(1), today: CivilDate(year: 2026, month: 11, day: 21)!),
                                          actor: w.world.admin).id!
            let page = try await browser.get("/persons/\(chen)")
            #expect(page.status == .ok)
            let line = Self.historyRow(page.body, holding: "cohort.import")
            #expect(line.contains("<td>\(BureauTime.shown(imported.at))</td>"), "when: \(line)")
            #expect(line.contains("<td>clerk.a <small>institution</small></td>"), "who: \(line)")
            #expect(line.contains("名单导入新建人员记录") && line.contains("created by list import"), "created: \(line)")
            #expect(line.contains("文件 <span lang=\"en\">file</span> 十一月&lt;i&gt;名单.csv") && !page.body.contains("<i>名单"), "which file, as text: \(line)")
            #expect(line.contains("2026年第9期中式烹调师（四级）培训班"), "into which class: \(line)")
            #expect(line.contains("href=\"/cohorts/\(w.own)\""), "the class links: \(line)")
            #expect(!page.body.contains(UploadLists.id(1)) && !page.body.contains("13800130001"), "masked throughout")

            // 王四 was on record before: the import enrolled her, after the bureau created her.
            let wangPage = try await browser.get("/persons/\(wang)")
            let enrolled = Self.historyRow(wangPage.body, holding: "cohort.import")
            #expect(enrolled.contains("名单导入录入培训班") && enrolled.contains("enrolled by list import"), "enrolled: \(enrolled)")
            #expect(!enrolled.contains("新建人员记录"))
            #expect(wangPage.body.contains("person.create"))
        }
        // The bureau sees the same line, and the import is one event for the whole list.
        #expect(try w.store.auditEvents(actor: w.world.admin, filter: AuditFilter(action: "cohort.import")).total == 1)
        let history = try RecordHistories(store: w.store).history(of: .person(wang), actor: w.world.admin)
        #expect(history.total == 2 && history.events.map(\.audit.action) == ["cohort.import", "person.create"])
    }
}
