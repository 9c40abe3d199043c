import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
@testable import Store
@testable import WebApp

/// The workbook of an upload's refused rows (trainee list, hours sheet, apprentice list), as the
/// clerk downloads it from the preview: masked by default, whole IDs and phones only with a
/// reason, which the audit trail keeps for the bureau naming the file and the rows; nobody but
/// the clerk who sent the list gets it, and a form without its token gets nothing.
@Suite struct ErrorWorkbookDownloadWebTests {
    static let sheet = "错误行 Rejected rows"

    /// The cells of the workbook's row for file row `row` (its first cell, 原行号), by column; a blank one "".
    static func cells(_ file: URL, row: Int) throws -> [String] {
        let rows = try XLSXReader(url: file).rows(sheet: sheet)
        let found = try #require(rows.first { $0.cells.first?.value == String(row) })
        return (0...(found.cells.map(\.columnIndex).max() ?? 0)).map { found[column: $0]?.value ?? "" }
    }

    /// The refused rows of `UploadLists.twoBad`: row 3's ID has a wrong check character, row 4 has no name.
    static let wholeValues = [UploadLists.badCheck(2), UploadLists.id(3), "13800130002", "13800130003"]

    static func disclosures(_ w: UploadWorld) throws -> [AuditEvent] {
        try w.store.auditEvents(actor: w.world.admin, entity: "import_errors", page: .all).rows
    }

    @Test func theTraineeListsRefusedRowsAreMaskedAndNothingIsRecorded() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let path = try await UploadWebTests.uploadList(browser, w.own, UploadLists.twoBad, name: "九期名单.csv")
            let preview = try await browser.waitForUpload(path)
            #expect(preview.body.contains("href=\"\(path)/errors\"") && preview.body.contains("href=\"\(path)/errors/whole\""))
            let download = try await browser.download(path + "/errors")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.hasSuffix("filename*=UTF-8''%E4%B9%9D%E6%9C%9F%E5%90%8D%E5%8D%95-%E9%94%99%E8%AF%AF%E8%A1%8C.xlsx") == true)
            // 原行号, 序号, 姓名, 身份证号, 手机号码, 原因
            let row3 = try Self.cells(download.file, row: 3)
            #expect(row3[2] == "李二" && row3[3] == Masking.nationalID(UploadLists.badCheck(2)) && row3[4] == "138****0002")
            #expect(try Self.cells(download.file, row: 4)[3] == Masking.nationalID(UploadLists.id(3)))
            let texts = try workbookTexts(download.file, sheet: Self.sheet)
            #expect(!texts.contains { $0.contains(/\d{17}[\dXx]/) }, "no 18-character ID anywhere")
            #expect(!texts.contains { text in Self.wholeValues.contains { text.contains($0) } })
        }
        #expect(try Self.disclosures(w).isEmpty, "a masked download discloses nobody")
        #expect(try w.trainees(w.own).isEmpty)
    }

    @Test func wholeValuesNeedAReasonAreAuditedAndTheBureauSeesTheEvent() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let path = try await UploadWebTests.uploadList(browser, w.own, UploadLists.twoBad, name: "九期名单.csv")
            try await browser.waitForUpload(path)
            let form = try await browser.get(path + "/errors/whole")
            #expect(form.status == .ok && form.body.contains("<label for=\"reason\">理由"))
            #expect(form.body.contains("action=\"\(path)/errors/whole\"") && form.body.contains("九期名单.csv"))

            // No token: refused, no file.
            let tokenless = try await browser.post(path + "/errors/whole", ["reason": "核对"], token: .none)
            #expect(tokenless.status == .forbidden && tokenless.headers[.contentDisposition] == nil)
            // Blank: the form again, naming the rule; no file.
            try await browser.get(path + "/errors/whole")
            let blank = try await browser.post(path + "/errors/whole", ["reason": "  "])
            #expect(blank.status == .badRequest && blank.headers[.contentDisposition] == nil)
            #expect(blank.body.contains("显示完整的身份证号和手机号须说明理由"))
            #expect(try Self.disclosures(w).isEmpty)

            try await browser.get(path + "/errors/whole")
            let whole = try await browser.downloadPosted(path + "/errors/whole", ["reason": "学员要求核对身份证号 <b>"])
            defer { try? FileManager.default.removeItem(at: whole.file) }
            #expect(whole.status == .ok && whole.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let row3 = try Self.cells(whole.file, row: 3)
            #expect(row3[3] == UploadLists.badCheck(2) && row3[4] == "13800130002")
            #expect(try Self.cells(whole.file, row: 4)[3] == UploadLists.id(3))
        }
        let events = try Self.disclosures(w)
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.action == "person.disclose" && event.actorLogin == "clerk.a" && event.entityKey == "九期名单.csv")
        #expect(event.reason == "学员要求核对身份证号 <b>")
        let after = try #require(event.after)
        #expect(after.contains(Masking.nationalID(UploadLists.badCheck(2))) && after.contains(Masking.nationalID(UploadLists.id(3))))
        #expect(!Self.wholeValues.contains { after.contains($0) }, "the trail holds no whole ID")
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let audit = try await browser.get("/audit?action=person.disclose")
            #expect(audit.body.contains("clerk.a") && audit.body.contains("九期名单.csv"))
            #expect(audit.body.contains("学员要求核对身份证号 &lt;b&gt;"))
            #expect(audit.body.contains(Masking.nationalID(UploadLists.id(3))) && !audit.body.contains(UploadLists.id(3)))
        }
    }

    @Test func anotherUsersUploadIsNotFoundForEveryDownload() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        _ = try WebWorld.accounts.addUser(login: "clerk.a2", name: "甲经办二", role: .institution, institutionId: w.world.schoolA.id,
                                          password: WebWorld.initialPassword, actor: w.world.admin, store: w.store)
        let sent = LockedText()
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let path = try await UploadWebTests.uploadList(browser, w.own, UploadLists.twoBad)
            try await browser.waitForUpload(path)
            sent.text = path
        }
        let path = sent.text
        for login in ["clerk.a2", "admin"] {
            try await w.withBrowser { browser in
                try await browser.signInFirstTime(login)
                for get in [path + "/errors", path + "/errors/whole"] {
                    let page = try await browser.get(get)
                    #expect(page.status == .notFound && page.headers[.contentDisposition] == nil, "\(login) GET \(get)")
                }
                try await browser.get("/")
                let posted = try await browser.post(path + "/errors/whole", ["reason": "核对"])
                #expect(posted.status == .notFound && posted.headers[.contentDisposition] == nil, "\(login) POST")
            }
        }
        #expect(try Self.disclosures(w).isEmpty)
    }

    @Test func theHoursSheetsRefusedRowsAreMaskedAndWholeOnlyWithAReason() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try w.cohorts.enrol([("陈一", 1)], into: w.own, actor: w.world.clerkA)
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get("/cohorts/\(w.own)/hours-sheet")
            // Row 3 is not a trainee of the class.
            let sheet = "身份证号,姓名,出勤学时\n\(UploadLists.id(1)),陈一,80\n\(UploadLists.id(7)),,50\n"
            let sent = try await browser.upload("/cohorts/\(w.own)/hours-sheet/upload", fileName: "学时.csv", bytes: Array(sheet.utf8))
            let path = try #require(sent.location)
            try await browser.waitForUpload(path)
            let masked = try await browser.download(path + "/errors")
            defer { try? FileManager.default.removeItem(at: masked.file) }
            #expect(masked.status == .ok)
            #expect(try Self.cells(masked.file, row: 3)[1] == Masking.nationalID(UploadLists.id(7)))
            #expect(!(try workbookTexts(masked.file, sheet: Self.sheet)).contains { $0.contains(UploadLists.id(7)) })

            try await browser.get(path + "/errors/whole")
            #expect(try await browser.post(path + "/errors/whole", ["reason": ""]).status == .badRequest)
            try await browser.get(path + "/errors/whole")
            let whole = try await browser.downloadPosted(path + "/errors/whole", ["reason": "核对学时"])
            defer { try? FileManager.default.removeItem(at: whole.file) }
            #expect(try Self.cells(whole.file, row: 3)[1] == UploadLists.id(7))
        }
        #expect(try Self.disclosures(w).map(\.entityKey) == ["学时.csv"])
    }

    @Test func theApprenticeListsRefusedRowsAreMaskedAndWholeOnlyWithAReason() async throws {
        let w = try ApprenticeListUploadWebTests.world()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            // Row 3 names an enterprise that is not on record.
            let path = try await ApprenticeListUploadWebTests.upload(browser, ApprenticeListUploadWebTests.header
                + ApprenticeListUploadWebTests.row(1, 1, "陈一") + ApprenticeListUploadWebTests.row(2, 2, "李二", enterprise: "91350100M000100Y43"))
            try await browser.waitForUpload(path)
            let masked = try await browser.download(path + "/errors")
            defer { try? FileManager.default.removeItem(at: masked.file) }
            #expect(masked.status == .ok)
            let texts = try workbookTexts(masked.file, sheet: Self.sheet)
            #expect(texts.contains(Masking.nationalID(UploadLists.id(2))) && !texts.contains { $0.contains(UploadLists.id(2)) })

            try await browser.get(path + "/errors/whole")
            let whole = try await browser.downloadPosted(path + "/errors/whole", ["reason": "企业核对学徒身份"])
            defer { try? FileManager.default.removeItem(at: whole.file) }
            #expect(try workbookTexts(whole.file, sheet: Self.sheet).contains(UploadLists.id(2)))
        }
        let event = try #require(try Self.disclosures(w).first)
        #expect(event.entityKey == "学徒.csv" && event.reason == "企业核对学徒身份")
        #expect(event.after?.contains(Masking.nationalID(UploadLists.id(2))) == true)
    }
}
