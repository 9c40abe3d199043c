import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Intake
import Spreadsheet
@testable import Services
@testable import Store
@testable import WebApp

/// A class's lists uploaded in the browser: the template, the upload streamed to the server
/// under a size limit, the check in the background with its progress, the preview of every
/// refused row, the error workbook, and the recording only once the clerk confirms. Nobody but
/// the clerk who sent a list sees it, and nobody outside the class's institution learns it exists.
@Suite struct UploadWebTests {
    /// Every address the upload pages answer, for a class and an upload id.
    static func getPaths(_ cohort: Int64, upload: String, trainee: Int64) -> [String] {
        ["/cohorts/\(cohort)/trainee-list", "/cohorts/\(cohort)/hours-sheet", "/cohorts/\(cohort)/trainee-list/template",
         "/cohorts/\(cohort)/uploads/\(upload)", "/cohorts/\(cohort)/uploads/\(upload)/errors",
         "/cohorts/\(cohort)/trainees/\(trainee)/hours"]
    }

    static func formPosts(_ cohort: Int64, upload: String, trainee: Int64) -> [String] {
        ["/cohorts/\(cohort)/uploads/\(upload)/confirm", "/cohorts/\(cohort)/uploads/\(upload)/discard",
         "/cohorts/\(cohort)/trainees/\(trainee)/hours"]
    }

    static let uploadPosts = ["trainee-list", "hours-sheet"]

    /// Uploads `list` as the trainee list of class `cohort` from its form; returns the upload's page address.
    static func uploadList(_ browser: Browser, _ cohort: Int64, _ list: String, name: String = "名单.csv") async throws -> String {
        try await browser.get("/cohorts/\(cohort)/trainee-list")
        let sent = try await browser.upload("/cohorts/\(cohort)/trainee-list/upload", fileName: name, bytes: Array(list.utf8))
        #expect(sent.status == .seeOther, "upload answered \(sent.status): \(sent.body)")
        return try #require(sent.location)
    }

    @Test func aSignedOutBrowserIsSentToSignInForEveryUploadPageAndPost() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try w.cohorts.enrol([("陈一", 1)], into: w.own, actor: w.world.clerkA)
        let trainee = try w.cohorts.enrolmentId(1, in: w.own)
        try await w.withBrowser { browser in
            for path in Self.getPaths(w.own, upload: "0123456789abcdef0123456789abcdef", trainee: trainee) {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
            for path in Self.formPosts(w.own, upload: "0123456789abcdef0123456789abcdef", trainee: trainee) {
                let page = try await browser.post(path, ["rows": "all", "hours": "10"])
                #expect(page.status == .seeOther && page.location == "/signin", "POST \(path)")
            }
            for kind in Self.uploadPosts {
                let page = try await browser.upload("/cohorts/\(w.own)/\(kind)/upload", fileName: "名单.csv",
                                                    bytes: Array(UploadLists.twoBad.utf8), token: .given("x"))
                #expect(page.status == .seeOther && page.location == "/signin", "POST \(kind)")
            }
        }
        #expect(w.uploadFolders.isEmpty)
        #expect(try w.trainees(w.own).map(\.hours) == [0])
    }

    @Test func anExaminerIsRefusedEveryUploadPageAndPost() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try w.cohorts.enrol([("陈一", 1)], into: w.own, actor: w.world.clerkA)
        let trainee = try w.cohorts.enrolmentId(1, in: w.own)
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            for path in Self.getPaths(w.own, upload: "0123456789abcdef0123456789abcdef", trainee: trainee) {
                let page = try await browser.get(path)
                #expect(page.status == .forbidden, "GET \(path)")
                #expect(page.body.contains("考评员不能处理培训班"), "GET \(path)")
            }
            try await browser.get("/")
            for path in Self.formPosts(w.own, upload: "0123456789abcdef0123456789abcdef", trainee: trainee) {
                #expect(try await browser.post(path, ["rows": "all", "hours": "10"]).status == .forbidden, "POST \(path)")
            }
            for kind in Self.uploadPosts {
                let page = try await browser.upload("/cohorts/\(w.own)/\(kind)/upload", fileName: "名单.csv",
                                                    bytes: Array(UploadLists.twoBad.utf8))
                #expect(page.status == .forbidden, "POST \(kind)")
            }
        }
        #expect(w.uploadFolders.isEmpty)
        #expect(try w.trainees(w.own).map(\.hours) == [0])
    }

    @Test func anotherInstitutionsClassAndAnotherUsersUploadAreTheSame404AsMissingOnes() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try w.cohorts.enrol([("乙校学员", 9)], into: w.other, actor: w.world.admin)
        let otherTrainee = try w.cohorts.enrolmentId(9, in: w.other)
        // A second clerk of the same school, and a second class of clerk.a's.
        _ = try WebWorld.accounts.addUser(login: "clerk.a2", name: "甲经办二", role: .institution, institutionId: w.world.schoolA.id,
                                          password: WebWorld.initialPassword, actor: w.world.admin, store: w.store)
        let second = try w.store.createCohort(CohortWorld.plan("2026年第11期中式烹调师（四级）培训班"), institutionId: w.world.schoolA.id!,
                                              actor: w.world.clerkA).id!
        let uploadPage = LockedText()
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let missing = try await browser.get("/cohorts/999999")
            for path in Self.getPaths(w.other, upload: "0123456789abcdef0123456789abcdef", trainee: otherTrainee) {
                let page = try await browser.get(path)
                #expect(page.status == .notFound && page.body == missing.body, "GET \(path)")
            }
            try await browser.get("/cohorts/\(w.own)")
            for path in Self.formPosts(w.other, upload: "0123456789abcdef0123456789abcdef", trainee: otherTrainee) {
                #expect(try await browser.post(path, ["rows": "all", "hours": "10"]).status == .notFound, "POST \(path)")
            }
            for kind in Self.uploadPosts {
                try await browser.get("/cohorts/\(w.own)/\(kind)")
                let page = try await browser.upload("/cohorts/\(w.other)/\(kind)/upload", fileName: "名单.csv",
                                                    bytes: Array(UploadLists.twoBad.utf8))
                #expect(page.status == .notFound, "POST \(kind)")
            }
            #expect(w.uploadFolders.isEmpty, "nothing of a refused upload is kept")
            // Her own upload: under another class of hers it is not found either.
            let path = try await Self.uploadList(browser, w.own, UploadLists.twoBad)
            try await browser.waitForUpload(path)
            uploadPage.text = path
            let id = String(path.split(separator: "/").last!)
            #expect(try await browser.get("/cohorts/\(second)/uploads/\(id)").status == .notFound)
            #expect(try await browser.get("/cohorts/\(second)/uploads/\(id)/errors").status == .notFound)
        }
        let path = uploadPage.text
        // Another user of the same school, and the bureau, who may both open the class: not found.
        for login in ["clerk.a2", "admin"] {
            try await w.withBrowser { browser in
                try await browser.signInFirstTime(login)
                #expect(try await browser.get("/cohorts/\(w.own)").status == .ok)
                #expect(try await browser.get(path).status == .notFound, "\(login)")
                #expect(try await browser.get(path + "/errors").status == .notFound, "\(login)")
                #expect(try await browser.post(path + "/confirm", ["rows": "valid"]).status == .notFound, "\(login)")
                #expect(try await browser.post(path + "/discard", [:]).status == .notFound, "\(login)")
            }
        }
        #expect(try w.trainees(w.own).isEmpty)
        #expect(try w.trainees(w.other).map(\.hours) == [0])
    }

    @Test func postsWithoutTheFormsTokenAreRefusedAndChangeNothing() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try w.cohorts.enrol([("陈一", 1)], into: w.own, actor: w.world.clerkA)
        let trainee = try w.cohorts.enrolmentId(1, in: w.own)
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get("/cohorts/\(w.own)/trainee-list")
            let list = Array(UploadLists.csv([("王四", UploadLists.id(4), "13800130004")]).utf8)
            let none = try await browser.upload("/cohorts/\(w.own)/trainee-list/upload", fileName: "名单.csv", bytes: list, token: .none)
            #expect(none.status == .forbidden && none.body.contains("表单已过期或不是从本站页面提交的"))
            let wrong = try await browser.upload("/cohorts/\(w.own)/trainee-list/upload", fileName: "名单.csv", bytes: list,
                                                 token: .given(String(repeating: "a", count: 64)))
            #expect(wrong.status == .forbidden)
            // The token after the file: the file is not written before the form has shown it.
            try await browser.get("/cohorts/\(w.own)/trainee-list")
            let late = try await browser.upload("/cohorts/\(w.own)/trainee-list/upload", fileName: "名单.csv", bytes: list,
                                                tokenAfterFile: true)
            #expect(late.status == .forbidden)
            #expect(w.uploadFolders.isEmpty)

            // A checked upload is not recorded by a post without the token.
            let path = try await Self.uploadList(browser, w.own, String(decoding: list, as: UTF8.self))
            try await browser.waitForUpload(path)
            #expect(try await browser.post(path + "/confirm", ["rows": "all"], token: .none).status == .forbidden)
            #expect(try await browser.post(path + "/discard", [:], token: .none).status == .forbidden)
            #expect(try await browser.get(path).body.contains("确认记录全部 1 行"), "still waiting for her")
            try await browser.get("/cohorts/\(w.own)/trainees/\(trainee)/hours")
            #expect(try await browser.post("/cohorts/\(w.own)/trainees/\(trainee)/hours", ["hours": "40"], token: .none).status == .forbidden)
        }
        #expect(try w.trainees(w.own).map(\.name) == ["陈一"])
        #expect(try w.trainees(w.own).map(\.hours) == [0])
    }

    @Test func aListWithTwoBadRowsShowsBothInThePreviewAndRecordsNothingUntilSheConfirmsTheValidRows() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let form = try await browser.get("/cohorts/\(w.own)/trainee-list")
            #expect(form.body.contains("enctype=\"multipart/form-data\"") && form.body.contains("<label for=\"file\">"))
            #expect(form.body.contains("href=\"/cohorts/\(w.own)/trainee-list/template\""))
            let path = try await Self.uploadList(browser, w.own, UploadLists.twoBad)
            let preview = try await browser.waitForUpload(path)
            #expect(preview.status == .ok)
            let body = preview.body
            #expect(body.contains("<dt>读取行数 <span lang=\"en\">Rows read</span></dt><dd>4</dd>"))
            #expect(body.contains("<dt>将记录 <span lang=\"en\">Would be recorded</span></dt><dd>2</dd>"))
            #expect(body.contains("<strong class=\"error\">2</strong>"))
            // Row 3: the ID's check character, in column C, the ID masked.
            let maskedBad = Masking.nationalID(UploadLists.badCheck(2))
            #expect(body.contains("<tr class=\"refused-row\"><td>3</td><td>C 身份证号</td><td>\(maskedBad)</td><td>身份证号校验位应为"))
            #expect(body.contains("the national ID&#39;s check character should be") || body.contains("the national ID's check character should be"))
            // Row 4: no name, in column B.
            #expect(body.contains("<tr class=\"refused-row\"><td>4</td><td>B 姓名</td><td></td>"))
            #expect(!body.contains(UploadLists.badCheck(2)) && !body.contains(UploadLists.id(3)), "IDs are masked")
            #expect(body.contains("只记录有效的 2 行") && !body.contains("确认记录全部"))
            #expect(try w.trainees(w.own).isEmpty, "nothing recorded before she confirms")
            #expect(try !w.auditActions(w.own).contains("cohort.import"))

            // "All" cannot be asked for while rows are refused.
            let all = try await browser.post(path + "/confirm", ["rows": "all"])
            #expect(all.status == .badRequest && all.body.contains("没有可以这样记录的行"))
            #expect(try w.trainees(w.own).isEmpty)

            let confirmed = try await browser.post(path + "/confirm", ["rows": "valid"])
            #expect(confirmed.status == .seeOther && confirmed.location == path)
            let result = try await browser.waitForUpload(path)
            #expect(result.body.contains("已记录 2 行，2 行被拒绝未记录"))
            // A second click records nothing twice.
            #expect(try await browser.post(path + "/confirm", ["rows": "valid"]).location == path)
        }
        let recorded = try w.trainees(w.own)
        #expect(recorded.map(\.name).sorted() == ["王四", "陈一"])
        #expect(Set(recorded.map(\.id)) == [UploadLists.id(1), UploadLists.id(4)])
        let imports = try w.store.auditEvents(actor: w.world.admin, entity: "cohorts", key: String(w.own), page: .all).rows
            .filter { $0.action == "cohort.import" }
        #expect(imports.count == 1 && imports.first?.actorLogin == "clerk.a")
        #expect(w.uploadFolders.isEmpty, "the file is removed once recorded")
    }

    @Test func aCleanListIsRecordedWholeWhenSheConfirmsAll() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let list = UploadLists.csv([("陈一", UploadLists.id(1), "13800130001"), ("王四", UploadLists.id(4), "13800130004")])
            let path = try await Self.uploadList(browser, w.own, list)
            let preview = try await browser.waitForUpload(path)
            #expect(preview.body.contains("确认记录全部 2 行") && !preview.body.contains("只记录有效的"))
            #expect(!preview.body.contains("/errors"), "no error workbook when nothing is refused")
            #expect(try await browser.post(path + "/confirm", ["rows": "all"]).status == .seeOther)
            #expect(try await browser.waitForUpload(path).body.contains("已记录 2 行"))
            let page = try await browser.get("/cohorts/\(w.own)")
            #expect(page.body.contains("陈一") && page.body.contains(Masking.nationalID(UploadLists.id(1))))
        }
        #expect(try w.trainees(w.own).count == 2)
        #expect(try w.auditActions(w.own).contains("cohort.import"))
    }

    @Test func theErrorWorkbookDownloadHoldsTheRefusedRowsWithTheirReasons() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let path = try await Self.uploadList(browser, w.own, UploadLists.twoBad, name: "九期名单.csv")
            let preview = try await browser.waitForUpload(path)
            #expect(preview.body.contains("href=\"\(path)/errors\""))
            let download = try await browser.download(path + "/errors")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.hasSuffix("filename*=UTF-8''%E4%B9%9D%E6%9C%9F%E5%90%8D%E5%8D%95-%E9%94%99%E8%AF%AF%E8%A1%8C.xlsx") == true)
            let reader = try TraineeListReader(url: download.file, required: [.nationalId, .name], optional: [])
            var rows: [[String]] = []
            try reader.forEachRow { rows.append($0.cells) }
            #expect(reader.header.first == "原行号 Row" && reader.header.last == "原因 Reason")
            #expect(rows.count == 2)
            #expect(rows.map { $0.first } == ["3", "4"])
            #expect(rows[0].last?.contains("身份证号") == true && rows[1].last?.contains("姓名") == true)
        }
        #expect(try w.trainees(w.own).isEmpty)
    }

    @Test func theTemplateIsTheCatalogsTraineeListWorkbookUnderItsChineseName() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let download = try await browser.download("/cohorts/\(w.own)/trainee-list/template")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.hasSuffix("filename*=UTF-8''%E5%AD%A6%E5%91%98%E5%90%8D%E5%8D%95%E6%A8%A1%E6%9D%BF.xlsx") == true)
            let reader = try TraineeListReader(url: download.file, required: [.nationalId, .name], optional: [.phone])
            #expect(reader.columns[.nationalId] != nil && reader.columns[.phone] != nil)
        }
    }

    @Test func anUploadOverTheLimitIsRefusedBeforeItIsRead() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        let limit = 4096
        try await w.withBrowser(limitBytes: limit) { browser in
            try await browser.signInFirstTime("clerk.a")
            let big = Array(UploadLists.csv((1...100).map { ("学员\($0)", UploadLists.id($0), "13800130001") }).utf8)
            #expect(big.count > limit)
            try await browser.get("/cohorts/\(w.own)/trainee-list")
            let page = try await browser.upload("/cohorts/\(w.own)/trainee-list/upload", fileName: "名单.csv", bytes: big)
            #expect(page.status == .contentTooLarge)
            #expect(page.body.contains("文件太大：上传不能超过 4 KB") && page.body.contains("the file is too large"))
            #expect(page.body.contains("enctype=\"multipart/form-data\""), "the form again, to choose another file")
            // Just under the limit goes through.
            let small = Array(UploadLists.csv([("陈一", UploadLists.id(1), "13800130001")]).utf8)
            try await browser.get("/cohorts/\(w.own)/trainee-list")
            let fits = try await browser.upload("/cohorts/\(w.own)/trainee-list/upload", fileName: "名单.csv", bytes: small)
            #expect(fits.status == .seeOther)
        }
        #expect(w.uploadFolders.count == 1, "only the upload that fits is kept")
        #expect(try w.trainees(w.own).isEmpty)
    }

    /// The test client always sends the true length; the receiver is asked directly whether a
    /// declared length over the limit is refused without a byte of the body being read.
    @Test func aDeclaredLengthOverTheLimitIsRefusedWithoutReadingTheBody() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let body = WatchedBody()
        var head = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/cohorts/1/trainee-list/upload")
        head.headerFields[.contentType] = "multipart/form-data; boundary=abc"
        head.headerFields[.contentLength] = "4097"
        let receiver = UploadReceiver(limitBytes: 4096)
        await #expect(throws: UploadRefusal.tooLarge(limitBytes: 4096)) {
            try await receiver.receive(Request(head: head, body: RequestBody(asyncSequence: body)), expectedToken: "t", into: folder)
        }
        #expect(!body.wasRead)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        // At the limit, the body is read (and here found to hold no form).
        head.headerFields[.contentLength] = "4096"
        await #expect(throws: WebError.self) {
            try await receiver.receive(Request(head: head, body: RequestBody(asyncSequence: body)), expectedToken: "t", into: folder)
        }
        #expect(body.wasRead)
    }

    /// A body that comes in pieces without a length is counted as it arrives and refused once
    /// it passes the limit: the pieces after that are never taken.
    @Test func anUnannouncedBodyIsCountedAndRefusedOnceItPassesTheLimit() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let start = "--abc\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nt\r\n"
            + "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"名单.csv\"\r\n\r\n"
        let pieces = [start] + Array(repeating: String(repeating: "x", count: 1000), count: 10) + ["\r\n--abc--\r\n"]
        let body = PiecesBody(pieces)
        var head = HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/cohorts/1/trainee-list/upload")
        head.headerFields[.contentType] = "multipart/form-data; boundary=abc"
        await #expect(throws: UploadRefusal.tooLarge(limitBytes: 4096)) {
            try await UploadReceiver(limitBytes: 4096).receive(Request(head: head, body: RequestBody(asyncSequence: body)),
                                                               expectedToken: "t", into: folder)
        }
        #expect(body.taken == 5, "the piece that passed the limit is the last one taken")
        // The same body under a larger limit is received whole.
        let whole = try await UploadReceiver(limitBytes: 20_000).receive(
            Request(head: head, body: RequestBody(asyncSequence: PiecesBody(pieces))), expectedToken: "t", into: folder)
        #expect(whole.fileName == "名单.csv")
        #expect(try Data(contentsOf: whole.file).count == 10_000)
    }

    @Test func aGB18030ListIsReadWithItsChineseNames() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let text = UploadLists.csv([("欧阳晓燕", UploadLists.id(1), "13800130001"), ("黄嘉琪", UploadLists.id(2), "13800130002")])
            let bytes = try UploadLists.gb18030(text)
            #expect(bytes != Array(text.utf8))
            try await browser.get("/cohorts/\(w.own)/trainee-list")
            let sent = try await browser.upload("/cohorts/\(w.own)/trainee-list/upload", fileName: "名单GB.csv", bytes: bytes)
            let path = try #require(sent.location)
            let preview = try await browser.waitForUpload(path)
            #expect(preview.body.contains("确认记录全部 2 行"))
            #expect(try await browser.post(path + "/confirm", ["rows": "all"]).status == .seeOther)
            try await browser.waitForUpload(path)
        }
        #expect(try w.trainees(w.own).map(\.name).sorted() == ["欧阳晓燕", "黄嘉琪"].sorted())
    }

    @Test func aListStillBeingCheckedShowsItsProgressAndOtherPagesStayOpen() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get("/cohorts/\(w.own)/trainee-list")
            // The records are busy with another write: the check waits behind it.
            let hold = w.holdWriter()
            let sent = try await browser.upload("/cohorts/\(w.own)/trainee-list/upload", fileName: "名单.csv",
                                                bytes: Array(UploadLists.twoBad.utf8))
            let path = try #require(sent.location)
            let progress = try await browser.get(path)
            #expect(progress.status == .ok)
            #expect(progress.headers[.init("Refresh")!] == "2")
            #expect(progress.body.contains("正在读取并检查：已读取 0 行") && progress.body.contains("rows read so far"))
            #expect(progress.body.contains("href=\"\(path)\""), "a link for a browser that ignores Refresh")
            #expect(!progress.body.contains("只记录有效的"))
            // Meanwhile the class page (a read) answers.
            #expect(try await browser.get("/cohorts/\(w.own)").status == .ok)
            hold.let_go()
            let preview = try await browser.waitForUpload(path)
            #expect(preview.headers[.init("Refresh")!] == nil)
            #expect(preview.body.contains("只记录有效的 2 行"))
        }
    }

    @Test func hostileNamesInTheListAndTheFileNameShowAsText() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            // A refused row whose name is markup (its ID is bad), and a file name that is markup.
            let list = UploadLists.csv([("<script>alert(1)</script>", UploadLists.badCheck(5), "13800130005"),
                                        ("{{x}}", UploadLists.badCheck(6), "13800130006")])
            let path = try await Self.uploadList(browser, w.own, list, name: "{{x}}<b>x.csv")
            let preview = try await browser.waitForUpload(path)
            #expect(!preview.body.contains("<script>alert(1)</script>") && !preview.body.contains("<b>x"))
            #expect(preview.body.contains("{{x}}&lt;b&gt;x.csv"))
            #expect(preview.body.contains("没有可以记录的行"))
        }
    }

    @Test func oneTraineesHoursAreSetOnTheClassPageWithTheStoresChecks() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try w.cohorts.enrol([("陈一", 1), ("王四", 4)], into: w.own, actor: w.world.clerkA)
        let trainee = try w.cohorts.enrolmentId(1, in: w.own)
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let page = try await browser.get("/cohorts/\(w.own)")
            #expect(page.body.contains("href=\"/cohorts/\(w.own)/trainees/\(trainee)/hours\""))
            let form = try await browser.get("/cohorts/\(w.own)/trainees/\(trainee)/hours")
            #expect(form.body.contains("<label for=\"hours\">出勤学时"))
            let notANumber = try await browser.post("/cohorts/\(w.own)/trainees/\(trainee)/hours", ["hours": "六十"])
            #expect(notANumber.status == .badRequest && notANumber.body.contains("id=\"hours-error\""))
            let tooMany = try await browser.post("/cohorts/\(w.own)/trainees/\(trainee)/hours", ["hours": "100.5"])
            #expect(tooMany.status == .badRequest && tooMany.body.contains("超过本班计划学时 100"))
            #expect(tooMany.body.contains("value=\"100.5\""), "what she typed is kept")
            let done = try await browser.post("/cohorts/\(w.own)/trainees/\(trainee)/hours", ["hours": "64.5"])
            #expect(done.status == .seeOther && done.location == "/cohorts/\(w.own)?done=hours")
            let after = try await browser.get(done.location!)
            #expect(after.body.contains("学时已记录") && after.body.contains("64.5"))
        }
        #expect(try w.trainees(w.own).map(\.hours).sorted() == [0, 645])
        let events = try w.store.auditEvents(actor: w.world.admin, entity: "enrolments", key: String(trainee), page: .all).rows
        #expect(events.map(\.action) == ["enrolment.hours"])
    }

    @Test func theHoursSheetIsPreviewedAndRecordedOnConfirmation() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try w.cohorts.enrol([("陈一", 1), ("王四", 4), ("赵五", 5)], into: w.own, actor: w.world.clerkA)
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let form = try await browser.get("/cohorts/\(w.own)/hours-sheet")
            #expect(form.body.contains("action=\"/cohorts/\(w.own)/hours-sheet/upload\""))
            // Row 4 is not a trainee of the class; row 5 claims more than the planned 100 hours.
            let sheet = "身份证号,姓名,出勤学时\n\(UploadLists.id(1)),陈一,80\n\(UploadLists.id(4)),王四,96.5\n"
                + "\(UploadLists.id(7)),,50\n\(UploadLists.id(5)),,120\n"
            let sent = try await browser.upload("/cohorts/\(w.own)/hours-sheet/upload", fileName: "学时.csv", bytes: Array(sheet.utf8))
            let path = try #require(sent.location)
            let preview = try await browser.waitForUpload(path)
            #expect(preview.body.contains("<dt>读取行数 <span lang=\"en\">Rows read</span></dt><dd>4</dd>"))
            #expect(preview.body.contains("<td>4</td><td>A 身份证号</td><td>\(Masking.nationalID(UploadLists.id(7)))</td><td>不是本培训班的学员"))
            #expect(preview.body.contains("<td>5</td><td>C 出勤学时</td><td>120</td><td>超过本班计划学时 100"))
            #expect(try w.trainees(w.own).map(\.hours) == [0, 0, 0], "nothing recorded before she confirms")
            #expect(try await browser.post(path + "/confirm", ["rows": "valid"]).status == .seeOther)
            #expect(try await browser.waitForUpload(path).body.contains("已记录 2 行"))
        }
        #expect(try w.trainees(w.own).map(\.hours).sorted() == [0, 800, 965])
        #expect(try w.auditActions(w.own).contains("cohort.hours-import"))
    }

    @Test func aFileThatIsNoListSaysWhyAndOffersNothingToRecord() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let path = try await Self.uploadList(browser, w.own, "备注,日期\n你好,2026-11-01\n", name: "随便.csv")
            let page = try await browser.waitForUpload(path)
            #expect(page.status == .ok)
            #expect(page.body.contains("无法读取这个文件") && page.body.contains("The file could not be read"))
            #expect(page.body.contains("随便.csv") && page.body.contains("身份证号"), "names the file and the missing column")
            #expect(!page.body.contains("/confirm"))
            #expect(try await browser.post(path + "/confirm", ["rows": "all"]).location == path, "nothing to confirm")
            // No file chosen at all.
            try await browser.get("/cohorts/\(w.own)/trainee-list")
            let none = try await browser.upload("/cohorts/\(w.own)/trainee-list/upload", fileName: "", bytes: [])
            #expect(none.status == .badRequest && none.body.contains("没有选择文件"))
        }
        #expect(try w.trainees(w.own).isEmpty)
    }

    @Test func discardingAnUploadRemovesItsFileAndRecordsNothing() async throws {
        let w = try UploadWorld()
        defer { w.remove() }
        try await w.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let path = try await Self.uploadList(browser, w.own, UploadLists.twoBad)
            try await browser.waitForUpload(path)
            #expect(w.uploadFolders.count == 1)
            let discarded = try await browser.post(path + "/discard", [:])
            #expect(discarded.status == .seeOther && discarded.location == "/cohorts/\(w.own)")
            #expect(try await browser.get(path).status == .notFound)
        }
        #expect(w.uploadFolders.isEmpty)
        #expect(try w.trainees(w.own).isEmpty)
    }

    @Test func oldUploadsAndTheirFoldersAreSweptAway() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-uploads-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let jobs = UploadJobs(workDirectory: folder, keepFor: 3600)
        let (id, upload) = try jobs.newFolder()
        let file = upload.appendingPathComponent("名单.csv")
        try Data("x".utf8).write(to: file)
        let owner = UploadJob.Owner(login: "clerk.a", cohortId: 1)
        jobs.add(UploadJob(id: id, owner: owner, kind: .traineeList, folder: upload, file: file, created: Date()))
        jobs.sweep(now: Date().addingTimeInterval(1800))
        #expect(jobs.job(id, owner: owner) != nil && FileManager.default.fileExists(atPath: file.path))
        #expect(jobs.job(id, owner: UploadJob.Owner(login: "clerk.b", cohortId: 1)) == nil)
        #expect(jobs.job(id, owner: UploadJob.Owner(login: "clerk.a", cohortId: 2)) == nil)
        jobs.sweep(now: Date().addingTimeInterval(7200))
        #expect(jobs.job(id, owner: owner) == nil && !FileManager.default.fileExists(atPath: upload.path))
    }
}

/// A request body that notes whether anyone started reading it; it holds no form.
final class WatchedBody: AsyncSequence, @unchecked Sendable {
    typealias Element = ByteBuffer
    private let lock = NSLock()
    private var read = false
    var wasRead: Bool { lock.withLock { read } }

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining = [ByteBuffer(string: "not a form")]
        mutating func next() async throws -> ByteBuffer? { remaining.popLast() }
    }

    func makeAsyncIterator() -> AsyncIterator {
        lock.withLock { read = true }
        return AsyncIterator()
    }
}

/// A request body handed over in pieces, counting how many were taken.
final class PiecesBody: AsyncSequence, @unchecked Sendable {
    typealias Element = ByteBuffer
    private let lock = NSLock()
    private let pieces: [String]
    private var count = 0
    var taken: Int { lock.withLock { count } }

    init(_ pieces: [String]) { self.pieces = pieces }

    struct AsyncIterator: AsyncIteratorProtocol {
        let body: PiecesBody
        mutating func next() async throws -> ByteBuffer? { body.take() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }

    private func take() -> ByteBuffer? {
        lock.withLock {
            guard count < pieces.count else { return nil }
            count += 1
            return ByteBuffer(string: pieces[count - 1])
        }
    }
}

/// A text set inside one browser session and read after it.
final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""
    var text: String {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
