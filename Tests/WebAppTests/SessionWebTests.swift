import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
@testable import Store
@testable import WebApp

/// The bureau's exam sessions: RegistrationWorld's open cooking level-4 session of 2026-12-15 at
/// 中山市丙职业技能评价中心, with 陈一 and 王二 of clerk.a's class registered (and so seated in
/// 理论一室 and 实操考评组), and five examiners of that body: 考评员甲, 乙, 丙 and a hostile name,
/// qualified for cooking up to level 4, and 电工考评员, qualified for electricians only.
struct SessionWebWorld: Sendable {
    let r: RegistrationWorld
    let qualified: [ExaminerSummary]
    let electrician: ExaminerSummary
    var world: WebWorld { r.world }
    var store: Store { r.store }
    var session: ExamSession { r.session }
    var id: Int64 { r.session.id! }

    static let hostile = "<script>alert(1)</script>"
    static let cooking4 = CertificationTarget.occupation(code: "4-03-02-01", level: .level4)

    init() throws {
        r = try RegistrationWorld()
        let store = r.store, admin = r.world.admin
        _ = try store.registerClassTrainees(sessionId: r.session.id!, cohortId: r.done.id!, chosen: [
            try r.place(1): CandidateDeclaration(declaredYears: 6), try r.place(2): CandidateDeclaration(declaredYears: 6),
        ], actor: r.world.clerkA)
        let body = try store.institution("中山市丙职业技能评价中心", actor: admin)
        func examiner(_ n: Int, _ name: String, _ target: CertificationTarget) throws -> ExaminerSummary {
            let id = try NationalID.parse(CohortWorld.nationalId(200 + n), today: CivilDate(year: 2026, month: 11, day: 21)!)
            return try store.addExaminer(NewExaminer(person: NewPerson(nationalId: id, name: name), bodyId: body.id!,
                                                     qualifications: [target]), actor: admin)
        }
        qualified = try [examiner(1, "考评员甲", Self.cooking4), examiner(2, "考评员乙", Self.cooking4),
                         examiner(3, "考评员丙", Self.cooking4), examiner(4, Self.hostile, Self.cooking4)]
        electrician = try examiner(5, "电工考评员", .occupation(code: "6-31-01-03", level: .level4))
    }

    func remove() { r.remove() }

    func summary() throws -> ExamSessionSummary { try store.examSession(id: id, actor: world.admin) }

    func auditCount(_ action: String) throws -> Int { try r.auditCount(action) }

    /// A second session of the same body, planned and not opened.
    func plan(date: String = "2026-12-20", target: CertificationTarget = SessionWebWorld.cooking4) throws -> ExamSessionSummary {
        let body = try store.institution("中山市丙职业技能评价中心", actor: world.admin)
        return try store.createExamSession(ExamSessionPlan(
            target: target, examDate: try CivilDate.parse(date),
            rooms: [ExamRoomPlan(name: "理论二室", part: .theory, seats: 20), ExamRoomPlan(name: "实操二组", part: .practical, seats: 20)]),
            bodyId: body.id!, actor: world.admin)
    }
}

/// A row of a workbook that holds `text` in one of its cells.
func workbookRow(_ rows: [XLSXRow], holding text: String) -> XLSXRow? {
    rows.first { $0.cells.contains { $0.value == text } }
}

@Suite struct SessionWebTests {
    @Test func theBureauListsSessionsFilteredFiftyToAPageAndDownloadsTheSameRows() async throws {
        let s = try SessionWebWorld()
        defer { s.remove() }
        let planned = try s.plan(date: "2026-12-20")
        let electric = try s.plan(date: "2027-01-10", target: .occupation(code: "6-31-01-03", level: .level4))
        try await s.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let home = try await browser.get("/")
            #expect(home.body.contains("<a href=\"/sessions\"") && home.body.contains("考试场次"))
            let all = try await browser.get("/sessions")
            #expect(all.status == .ok)
            for id in [s.id, planned.session.id!, electric.session.id!] { #expect(all.body.contains("<a href=\"/sessions/\(id)\">\(id)</a>")) }
            #expect(all.body.contains("<label for=\"status\">") && all.body.contains("<label for=\"from\">") && all.body.contains("<label for=\"body\">"))

            let open = try await browser.get("/sessions?status=open")
            #expect(open.body.contains("<a href=\"/sessions/\(s.id)\">") && !open.body.contains("<a href=\"/sessions/\(planned.session.id!)\">"))
            #expect(open.body.contains("<option value=\"open\" selected>"))
            let december = try await browser.get("/sessions?from=2026-12-16&to=2026-12-31")
            #expect(december.body.contains("<a href=\"/sessions/\(planned.session.id!)\">"))
            #expect(!december.body.contains("<a href=\"/sessions/\(s.id)\">") && !december.body.contains("<a href=\"/sessions/\(electric.session.id!)\">"))
            let electricians = try await browser.get("/sessions?occupation=6-31-01-03&level=4")
            #expect(electricians.body.contains("<a href=\"/sessions/\(electric.session.id!)\">") && !electricians.body.contains("<a href=\"/sessions/\(s.id)\">"))
            let badDate = try await browser.get("/sessions?from=2026-13-01")
            #expect(badDate.status == .ok && badDate.body.contains("2026-13-01") && badDate.body.contains("class=\"error\""))

            #expect(december.body.contains("href=\"/sessions.xlsx?from=2026-12-16&amp;to=2026-12-31\""))
            let download = try await browser.download("/sessions.xlsx?from=2026-12-16&to=2026-12-31")
            defer { try? FileManager.default.removeItem(at: download.file) }
            #expect(download.status == .ok)
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"exam-sessions.xlsx\"") == true)
            let rows = try XLSXReader(url: download.file).rows(sheet: "考试场次 Sessions")
            #expect(rows[1][column: 0]?.value == "筛选 Filter：考试日期 exam date 2026-12-16 至 to 2026-12-31")
            #expect(rows.dropFirst(3).compactMap { $0[column: 0]?.value } == [String(planned.session.id!)])
            #expect(rows.dropFirst(3).first?[column: 4]?.value == "计划中 planned")
        }
    }

    @Test func theListPagesFiftyAtATime() async throws {
        let s = try SessionWebWorld()
        defer { s.remove() }
        for day in 1...55 { _ = try s.plan(date: "2027-02-\(String(format: "%02d", day % 28 + 1))") }
        try await s.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let first = try await browser.get("/sessions?status=planned")
            #expect(first.body.components(separatedBy: "<tr><td><a href=\"/sessions/").count - 1 == 50)
            #expect(first.body.contains("href=\"/sessions?status=planned&amp;page=2\""))
            let second = try await browser.get("/sessions?status=planned&page=2")
            #expect(second.body.components(separatedBy: "<tr><td><a href=\"/sessions/").count - 1 == 5)
        }
    }

    @Test func everyBureauPageRefusesTheSignedOutClerksAndExaminersAndAMissingSessionIsNotFound() async throws {
        let s = try SessionWebWorld()
        defer { s.remove() }
        let id = s.id
        let pages = ["/sessions", "/sessions.xlsx", "/sessions/new", "/sessions/\(id)", "/sessions/\(id)/open", "/sessions/\(id)/close",
                     "/sessions/\(id)/hold", "/sessions/\(id)/staff"]
        let posts: [(String, [String: String])] = [
            ("/sessions", ["body": "1", "occupation": "4-03-02-01", "level": "4", "date": "2026-12-30"]),
            ("/sessions/\(id)/close", [:]), ("/sessions/\(id)/staff", ["room": "理论一室", "action": "assign", "examiner-\(s.qualified[0].examiner.id!)": "on"]),
            ("/sessions/\(id)/unassign", ["room": "理论一室", "examiner": "1", "reason-1-1": "x"]),
        ]
        try await s.world.withBrowser { browser in
            for path in pages + ["/sessions/\(id)/sign-in", "/sessions/\(id)/score-sheets/whole"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location?.hasPrefix("/signin") == true, "\(path)")
            }
            for (path, fields) in posts {
                let page = try await browser.post(path, fields, token: .none)
                #expect(page.status == .seeOther && page.location == "/signin", "\(path)")
            }
        }
        for login in ["clerk.a", "exam.1"] {
            try await s.world.withBrowser { browser in
                try await browser.signInFirstTime(login)
                if login == "clerk.a" {
                    #expect(!(try await browser.get("/")).body.contains("<a href=\"/sessions\""), "the bureau's menu entry")
                } else {
                    try await browser.get("/")
                }
                for path in pages + ["/sessions/999999"] {
                    #expect(try await browser.get(path).status == .forbidden, "\(login) \(path)")
                }
                for (path, fields) in posts {
                    #expect(try await browser.post(path, fields).status == .forbidden, "\(login) \(path)")
                }
                // The room sheets: refused to a clerk; to an examiner not staffing it, no such session.
                let sheet = try await browser.get("/sessions/\(id)/sign-in")
                #expect(sheet.status == (login == "clerk.a" ? .forbidden : .notFound) && sheet.headers[.contentDisposition] == nil)
            }
        }
        try await s.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            for path in ["/sessions/999999", "/sessions/999999/open", "/sessions/999999/staff", "/sessions/999999/sign-in",
                         "/sessions/999999/score-sheets/whole", "/sessions/abc"] {
                #expect(try await browser.get(path).status == .notFound, "\(path)")
            }
            try await browser.get("/sessions/\(id)/close")
            #expect(try await browser.post("/sessions/999999/close", [:]).status == .notFound)
            // Without the form's token nothing moves.
            for (path, fields) in posts {
                let refused = try await browser.post(path, fields, token: .none)
                #expect(refused.status == .forbidden && refused.body.contains("表单已失效"), "\(path)")
            }
            let wrong = try await browser.post("/sessions/\(id)/sign-in/whole", ["reason": "核对"], token: .given(String(repeating: "a", count: 64)))
            #expect(wrong.status == .forbidden && wrong.headers[.contentDisposition] == nil)
        }
        #expect(try s.summary().session.status == .open)
        #expect(try s.summary().rooms.allSatisfy { $0.examiners.isEmpty })
        #expect(try s.store.examSessionListing(actor: s.world.admin).total == 1)
        #expect(try s.auditCount("person.disclose") == 0)
    }

    @Test func planningASessionRefusesEachFieldBesideItAndRecordsTheSession() async throws {
        let s = try SessionWebWorld()
        defer { s.remove() }
        let body = try s.store.institution("中山市丙职业技能评价中心", actor: s.world.admin)
        try await s.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let form = try await browser.get("/sessions/new")
            #expect(form.status == .ok)
            for input in ["body", "occupation", "level", "sub-trade", "date", "room-1-name", "room-1-part", "room-1-seats"] {
                #expect(form.body.contains("<label for=\"\(input)\"") && form.body.contains("id=\"\(input)\""), "\(input)")
            }
            #expect(form.body.contains("<option value=\"\(body.id!)\">中山市丙职业技能评价中心</option>"))
            #expect(form.body.contains("<option value=\"4-03-02-01\">中式烹调师 4-03-02-01</option>"))

            // What was typed is refused beside each input: no body, no level, a date that is none, seats that are no number.
            var refused = try await browser.post("/sessions", ["body": "", "occupation": "4-03-02-01", "level": "", "date": "2026-02-30",
                                                               "room-1-name": "理论一室", "room-1-part": "theory", "room-1-seats": "三十"])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("id=\"body-error\"") && refused.body.contains("请从列表中选择评价机构"))
            #expect(refused.body.contains("id=\"level-error\"") && refused.body.contains("choose the occupation&#39;s level")
                    || refused.body.contains("id=\"level-error\"") && refused.body.contains("请为职业选择等级"))
            #expect(refused.body.contains("id=\"date-error\"") && refused.body.contains("考试日期"))
            #expect(refused.body.contains("座位数应为整数") && refused.body.contains("value=\"三十\""))

            // The catalog's rules, the Store's: level 4 has no review part, and its practical part needs a room; a date gone by.
            refused = try await browser.post("/sessions", [
                "body": String(body.id!), "occupation": "4-03-02-01", "level": "4", "date": "2026-11-20",
                "room-1-name": "理论一室", "room-1-part": "theory", "room-1-seats": "30",
                "room-2-name": "评审组", "room-2-part": "review", "room-2-seats": "10"])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("id=\"date-error\"") && refused.body.contains("考试日期早于今天 2026-11-21"))
            #expect(refused.body.contains("本场考试没有综合评审科目"), "beside the review row")
            #expect(refused.body.contains("缺少操作技能考场（每个科目至少一个考场）"))
            #expect(refused.body.contains("value=\"评审组\""), "what was typed stays")
            // A sub-trade the occupation has not.
            refused = try await browser.post("/sessions", [
                "body": String(body.id!), "occupation": "4-03-02-01", "level": "4", "date": "2026-12-30", "sub-trade": SessionWebWorld.hostile,
                "room-1-name": "理论一室", "room-1-part": "theory", "room-1-seats": "30",
                "room-2-name": "实操一组", "room-2-part": "practical", "room-2-seats": "30"])
            #expect(refused.status == .badRequest && refused.body.contains("id=\"sub-trade-error\""))
            #expect(refused.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !refused.body.contains("<script>alert"))
            #expect(try s.store.examSessionListing(actor: s.world.admin).total == 1, "nothing refused is recorded")

            let created = try await browser.post("/sessions", [
                "body": String(body.id!), "occupation": "4-03-02-01", "level": "4", "date": "2026-12-30",
                "room-1-name": "理论一室", "room-1-part": "theory", "room-1-seats": "30",
                "room-3-name": "实操一组", "room-3-part": "practical", "room-3-seats": "25"])
            #expect(created.status == .seeOther)
            let newest = try #require(try s.store.examSessionListing(actor: s.world.admin).rows.first)
            #expect(created.location == "/sessions/\(newest.session.id!)")
            #expect(newest.session.examDate == "2026-12-30" && newest.session.status == .planned && newest.capacity == 25)
            #expect(try s.auditCount("session.create") == 2)
            let page = try await browser.get(created.location!)
            #expect(page.body.contains("理论一室") && page.body.contains("实操一组") && page.body.contains("计划中"))
            #expect(page.body.contains("href=\"/sessions/\(newest.session.id!)/open\""))
        }
    }

    @Test func closeOpenAndHoldAreAskedForThenMadeByTheStoreWhichAuditsThem() async throws {
        let s = try SessionWebWorld()
        defer { s.remove() }
        let planned = try s.plan()
        let plannedId = planned.session.id!
        try await s.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            var page = try await browser.get("/sessions/\(plannedId)")
            #expect(page.body.contains("<a class=\"button\" href=\"/sessions/\(plannedId)/open\">开始报名"))
            let ask = try await browser.get("/sessions/\(plannedId)/open")
            #expect(ask.status == .ok && ask.body.contains("确认开始报名") && ask.body.contains("method=\"post\" action=\"/sessions/\(plannedId)/open\""))
            #expect(try s.store.examSession(id: plannedId, actor: s.world.admin).session.status == .planned, "asking changes nothing")
            var done = try await browser.post("/sessions/\(plannedId)/open", [:])
            #expect(done.status == .seeOther && done.location == "/sessions/\(plannedId)?done=open")
            #expect(try s.store.examSession(id: plannedId, actor: s.world.admin).session.status == .open)
            #expect(try s.auditCount("session.open") == 2)
            page = try await browser.get(done.location!)
            #expect(page.body.contains("已开始报名") && page.body.contains("href=\"/sessions/\(plannedId)/close\""))
            // Once open, opening again is refused, naming both states; nothing changes.
            try await browser.get("/sessions/\(plannedId)/open")
            let again = try await browser.post("/sessions/\(plannedId)/open", [:])
            #expect(again.status == .badRequest && again.body.contains("考试场次不能从“报名中”改为“报名中”"))

            try await browser.get("/sessions/\(s.id)/close")
            done = try await browser.post("/sessions/\(s.id)/close", [:])
            #expect(done.status == .seeOther && done.location == "/sessions/\(s.id)?done=close")
            #expect(try s.summary().session.status == .closed)
            #expect(try s.r.audited("session.closed").first?.entityKey == String(s.id))
            // Held before the exam day and with nobody staffing: refused with every reason, still closed.
            try await browser.get("/sessions/\(s.id)/hold")
            let hold = try await browser.post("/sessions/\(s.id)/hold", [:])
            #expect(hold.status == .badRequest)
            #expect(hold.body.contains("考试日期为 2026-12-15，当天起才能记录为已考试"))
            #expect(hold.body.contains("考场 理论一室：理论考场每场至少需要 2 名监考人员，现有 0 名"))
            #expect(try s.summary().session.status == .closed && s.auditCount("session.held") == 0)
        }
    }

    @Test func heldOnTheExamDayOnceStaffed() async throws {
        let s = try SessionWebWorld()
        defer { s.remove() }
        _ = try s.store.moveExamSession(id: s.id, to: .closed, actor: s.world.admin)
        let ids = s.qualified.map { $0.examiner.id! }
        _ = try s.store.assignExaminers(sessionId: s.id, roomName: "理论一室", examinerIds: Array(ids[0..<2]), actor: s.world.admin)
        _ = try s.store.assignExaminers(sessionId: s.id, roomName: "实操考评组", examinerIds: Array(ids[0..<3]), actor: s.world.admin)
        s.world.clock.advance(minutes: 24 * 24 * 60)   // 2026-12-15
        try await s.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/sessions/\(s.id)")
            #expect(page.body.contains("人员配置符合规定") && page.body.contains("href=\"/sessions/\(s.id)/hold\""))
            try await browser.get("/sessions/\(s.id)/hold")
            let held = try await browser.post("/sessions/\(s.id)/hold", [:])
            #expect(held.status == .seeOther && held.location == "/sessions/\(s.id)?done=hold")
        }
        #expect(try s.summary().session.status == .held)
        #expect(try s.auditCount("session.held") == 1)
    }

    @Test func staffingIsCheckedBeforeItIsSavedThenAssignedAndTakenOutWithAReason() async throws {
        let s = try SessionWebWorld()
        defer { s.remove() }
        let (a, b, c) = (s.qualified[0].examiner.id!, s.qualified[1].examiner.id!, s.qualified[2].examiner.id!)
        let hostileId = s.qualified[3].examiner.id!, electricianId = s.electrician.examiner.id!
        // 考评员丙 already invigilates another session the same day.
        let sameDay = try s.plan(date: "2026-12-15")
        _ = try s.store.assignExaminers(sessionId: sameDay.session.id!, roomName: "理论二室", examinerIds: [c], actor: s.world.admin)
        let path = "/sessions/\(s.id)/staff"
        try await s.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            // Each examiner of the body with what they may assess, labelled; the hostile name as text.
            let theoryRoom = try #require(s.summary().rooms.first { $0.room.name == "理论一室" }).room.id!
            #expect(page.body.contains("<label for=\"examiner-\(theoryRoom)-\(a)\">考评员甲（\(a)）· 资格"))
            #expect(page.body.contains("中式烹调师 四级/中级工"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;（\(hostileId)）") && !page.body.contains("<script>alert"))
            #expect(tableFreeLine(page.body, containing: "电工考评员").contains("无本场考评资格"))
            #expect(page.body.contains("考场 理论一室：理论考场每场至少需要 2 名监考人员，现有 0 名"))

            // The check: the electrician is not qualified; nothing is saved and there is no way to confirm.
            var checked = try await browser.post(path, ["room": "理论一室", "action": "check", "examiner-\(a)": "on", "examiner-\(electricianId)": "on"])
            #expect(checked.status == .ok)
            #expect(checked.body.contains("考场 理论一室：考评员 电工考评员（编号 \(electricianId)）没有中式烹调师 四级/中级工的考评资格"))
            #expect(!checked.body.contains("value=\"assign\""))
            #expect(checked.body.contains("name=\"examiner-\(electricianId)\" checked"), "what was ticked stays ticked")
            // Confirming anyway is the Store's refusal, all or none.
            let forced = try await browser.post(path, ["room": "理论一室", "action": "assign", "examiner-\(a)": "on", "examiner-\(electricianId)": "on"])
            #expect(forced.status == .badRequest && forced.body.contains("不能安排考评员 电工考评员"))
            #expect(try s.summary().rooms.allSatisfy { $0.examiners.isEmpty })

            // 甲 alone: allowed, still one short; 丙 is elsewhere the same day, which is shown.
            checked = try await browser.post(path, ["room": "理论一室", "action": "check", "examiner-\(a)": "on"])
            #expect(checked.body.contains("可以安排") && checked.body.contains("value=\"assign\""))
            #expect(checked.body.contains("安排后仍不足：考场 理论一室：理论考场每场至少需要 2 名监考人员，现有 1 名"))
            checked = try await browser.post(path, ["room": "理论一室", "action": "check", "examiner-\(a)": "on", "examiner-\(c)": "on"])
            #expect(checked.body.contains("同日另有安排：考评员 考评员丙（编号 \(c)）同日（2026-12-15）已在考试场次 \(sameDay.session.id!) 的考场 理论二室"))
            #expect(!checked.body.contains("安排后仍不足"))
            #expect(try s.summary().rooms.allSatisfy { $0.examiners.isEmpty }, "checking saves nothing")

            let assigned = try await browser.post(path, ["room": "理论一室", "action": "assign", "examiner-\(a)": "on", "examiner-\(b)": "on"])
            #expect(assigned.status == .seeOther && assigned.location == "\(path)?assigned=2")
            #expect(try s.summary().rooms.first { $0.room.name == "理论一室" }?.examiners.map(\.examiner.id!) == [a, b])
            #expect(try s.auditCount("session.assign") == 3)
            // 甲 is no longer offered for the theory room; sent anyway, the Store refuses him twice there.
            #expect(!(try await browser.get(path)).body.contains("id=\"examiner-\(theoryRoom)-\(a)\""))
            let twice = try await browser.post(path, ["room": "理论一室", "action": "check", "examiner-\(a)": "on"])
            #expect(twice.status == .badRequest && twice.body.contains("\(a) @ 理论一室"))

            // Taken out: a reason is required, then it is audited.
            let input = "reason-\(theoryRoom)-\(b)"
            let staffPage = try await browser.get(path)
            #expect(staffPage.body.contains("<label for=\"\(input)\">"))
            let blank = try await browser.post("/sessions/\(s.id)/unassign", ["room": "理论一室", "examiner": String(b), input: " "])
            #expect(blank.status == .badRequest && blank.body.contains("id=\"\(input)-error\""))
            #expect(try s.summary().rooms.first { $0.room.name == "理论一室" }?.examiners.count == 2)
            let removed = try await browser.post("/sessions/\(s.id)/unassign", ["room": "理论一室", "examiner": String(b), input: "病假 {{x}}"])
            #expect(removed.status == .seeOther && removed.location == "\(path)?removed=1")
            #expect(try s.summary().rooms.first { $0.room.name == "理论一室" }?.examiners.map(\.examiner.id!) == [a])
            #expect(try s.r.audited("session.unassign").first?.reason == "病假 {{x}}")
        }
    }

    @Test func theSessionPageShowsEachRoomsCandidatesMaskedAndItsSheetsDownloadMasked() async throws {
        let s = try SessionWebWorld()
        defer { s.remove() }
        _ = try s.store.assignExaminers(sessionId: s.id, roomName: "理论一室", examinerIds: [s.qualified[3].examiner.id!], actor: s.world.admin)
        try await s.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/sessions/\(s.id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("中式烹调师 四级/中级工") && page.body.contains("中山市丙职业技能评价中心") && page.body.contains("报名中"))
            // The first room's candidates, masked; the hostile examiner's name as text.
            #expect(page.body.contains("<td>陈一</td><td>\(RegistrationWorld.masked(1))</td>") || page.body.contains(RegistrationWorld.masked(1)))
            #expect(page.body.contains(RegistrationWorld.masked(2)) && !page.body.contains(CohortWorld.nationalId(1)))
            #expect(!page.body.contains("13800130001"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.body.contains("<script>alert"))
            #expect(page.body.contains("考场 理论一室：理论考场每场至少需要 2 名监考人员，现有 1 名"))
            let practical = try #require(s.summary().rooms.first { $0.room.name == "实操考评组" }).room.id!
            let other = try await browser.get("/sessions/\(s.id)?room=\(practical)")
            #expect(other.body.contains("考生 <span lang=\"en\">Candidates</span>：实操考评组") && other.body.contains(RegistrationWorld.masked(1)))
            // The downloads: tickets (ExamRegistrationRoutes'), sign-in and score sheets, each masked or whole for a reason.
            for href in ["/sessions/\(s.id)/tickets", "/sessions/\(s.id)/sign-in", "/sessions/\(s.id)/score-sheets"] {
                #expect(page.body.contains("href=\"\(href)\"") && page.body.contains("href=\"\(href)/whole\""), "\(href)")
            }
            // and the tickets printed, a page each (TicketPDFRoutes').
            #expect(page.body.contains("href=\"/sessions/\(s.id)/tickets.pdf\""))
            #expect(try await browser.get("/sessions/\(s.id)/tickets.pdf").status == .ok)

            for (path, sheetName) in [("/sessions/\(s.id)/sign-in", "理论一室"), ("/sessions/\(s.id)/score-sheets", "理论一室")] {
                let download = try await browser.download(path)
                defer { try? FileManager.default.removeItem(at: download.file) }
                #expect(download.status == .ok, "\(path)")
                let reader = try XLSXReader(url: download.file)
                let rows = try reader.rows(sheet: try #require(reader.sheetNames.first { $0.hasPrefix(sheetName) }))
                let chen = try #require(workbookRow(rows, holding: "陈一"), "\(path)")
                #expect(chen.cells.contains { $0.value == RegistrationWorld.masked(1) }, "\(path)")
                #expect(!rows.contains { $0.cells.contains { $0.value == CohortWorld.nationalId(1) } }, "\(path)")
            }
            #expect(try s.auditCount("person.disclose") == 0)

            let ask = try await browser.get("/sessions/\(s.id)/sign-in/whole")
            #expect(ask.status == .ok && ask.body.contains("签到表"))
            let blank = try await browser.post("/sessions/\(s.id)/sign-in/whole", ["reason": ""])
            #expect(blank.status == .badRequest && blank.headers[.contentDisposition] == nil)
            #expect(try s.auditCount("person.disclose") == 0)
            // With a reason: whole IDs in the score sheets, and the disclosure in the audit trail.
            try await browser.get("/sessions/\(s.id)/score-sheets/whole")
            let whole = try await browser.downloadPosted("/sessions/\(s.id)/score-sheets/whole", ["reason": "人社局核对考生身份"])
            defer { try? FileManager.default.removeItem(at: whole.file) }
            #expect(whole.status == .ok && whole.headers[.contentDisposition]?.contains("score-sheets-session-\(s.id).xlsx") == true)
            let reader = try XLSXReader(url: whole.file)
            let rows = try reader.rows(sheet: try #require(reader.sheetNames.first { $0.hasPrefix("理论一室") }))
            #expect(workbookRow(rows, holding: "陈一")?.cells.contains { $0.value == CohortWorld.nationalId(1) } == true)
            #expect(try s.r.audited("person.disclose").first?.reason == "人社局核对考生身份")
        }
        // A session nobody registered for offers no tickets.
        let empty = try s.plan()
        try await s.world.withBrowser { browser in
            try await browser.signIn("admin", WebWorld.ownPassword)
            let page = try await browser.get("/sessions/\(empty.session.id!)")
            #expect(page.status == .ok && !page.body.contains("/tickets") && page.body.contains("href=\"/sessions/\(empty.session.id!)/sign-in\""))
            #expect(page.body.contains("本考场还没有考生"))
        }
    }
}

/// The line of a page (between two `<p` tags) that holds `text`.
func tableFreeLine(_ body: String, containing text: String) -> String {
    body.components(separatedBy: "<p").first { $0.contains(text) } ?? ""
}
