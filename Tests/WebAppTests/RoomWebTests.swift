import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
@testable import Store
@testable import WebApp

/// An examiner's rooms and score-entry grid: her own rooms only, every valid value saved and a
/// refused one kept as typed with its reason, blind double entry, read-only after the lock.
@Suite struct RoomWebTests {
    @Test func signedOutClerksAndOtherRoomsAreRefused() async throws {
        let r = try RoomWorld()
        defer { r.remove() }
        let paths = ["/rooms", r.gridPath, "\(r.gridPath)/score-sheet"]
        try await r.world.withBrowser { browser in
            for path in paths {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
            let post = try await browser.post(r.gridPath, [r.field(0): "60"], token: .none)
            #expect(post.status == .seeOther && post.location == "/signin")
        }
        try await r.world.withBrowser { clerk in
            try await clerk.signInFirstTime("clerk.a")
            for path in paths {
                #expect(try await clerk.get(path).status == .forbidden, "clerk GET \(path)")
            }
            #expect(try await clerk.post(r.gridPath, [r.field(0): "60"]).status == .forbidden)
        }
        try await r.world.withBrowser { examiner in
            try await examiner.signInFirstTime("exam.1")
            // A room she does not staff is, to her, the same as a room that is not there.
            let other = try await examiner.get("/rooms/\(r.practicalRoom)")
            let missing = try await examiner.get("/rooms/999999")
            #expect(other.status == .notFound && missing.status == .notFound)
            #expect(other.body == missing.body)
            #expect(try await examiner.get("/rooms/\(r.practicalRoom)/score-sheet").status == .notFound)
            try await examiner.get(r.gridPath)
            #expect(try await examiner.post("/rooms/\(r.practicalRoom)", ["mark-1": "60"]).status == .notFound)
        }
        #expect(try r.enterScoreAuditCount() == 0)
        // The practical panel is the bureau's to see, and exists.
        #expect(try r.store.roomScoreGrid(roomId: r.practicalRoom, actor: r.world.admin).room.part == .practical)
        try await r.world.withBrowser { bureau in
            try await bureau.signInFirstTime("admin")
            // The bureau staffs no room: "my rooms" is an examiner's page.
            #expect(try await bureau.get("/rooms").status == .forbidden)
            #expect(try await bureau.get("/rooms/\(r.practicalRoom)").status == .ok)
        }
    }

    @Test func herRoomsListTheSessionAndTheGridShowsEveryCandidateMaskedAndEscaped() async throws {
        let r = try RoomWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            let home = try await browser.get("/")
            #expect(home.body.contains("href=\"/rooms\"") && home.body.contains("我的考场"))
            let rooms = try await browser.get("/rooms")
            #expect(rooms.status == .ok)
            #expect(rooms.body.contains("href=\"\(r.gridPath)\"") && rooms.body.contains("理论一室") && rooms.body.contains("2026-12-15"))
            #expect(!rooms.body.contains("实操考评组"), "only the rooms she staffs")
            #expect(rooms.body.contains("<td>3</td>"), "three candidates")
            let grid = try await browser.get(r.gridPath)
            #expect(grid.status == .ok)
            for line in r.lines {
                #expect(grid.body.contains(line.ticket) && grid.body.contains("name=\"mark-\(line.registrationId)\""))
            }
            #expect(grid.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !grid.body.contains("<script>alert"))
            #expect(!grid.body.contains(CohortWorld.nationalId(1)) && grid.body.contains(Masking.nationalID(CohortWorld.nationalId(1))))
            #expect(grid.body.contains("<script src=\"/static/score-grid.js\" defer></script>"))
            #expect(grid.body.contains("缺考") && grid.body.contains("<kbd>Q</kbd>") && grid.body.contains("<kbd>W</kbd>"))
            #expect(grid.body.contains("pattern=\"100(\\.0)?|[1-9]?[0-9](\\.[0-9])?|缺考|违纪"))
            let script = try await browser.get("/static/score-grid.js")
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.body.contains("'Enter'") && script.body.contains("成绩最多保留一位小数"))
        }
    }

    @Test func aRefusedValueStaysOnThePageWithItsReasonWhileTheOthersAreSaved() async throws {
        let r = try RoomWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            try await browser.get(r.gridPath)
            let refused = try await browser.post(r.gridPath, [r.field(0): "86.5", r.field(1): "105", r.field(2): "缺考"])
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("1 个成绩未保存") && refused.body.contains("已保存 2 个成绩"))
            #expect(refused.body.contains("name=\"\(r.field(1))\" value=\"105\""), "the refused value as typed")
            #expect(refused.body.contains("成绩应在 0 至 100 之间") && refused.body.contains("a score is between 0 and 100"))
            #expect(refused.body.contains("<strong>86.5</strong>") && refused.body.contains("<strong>缺考</strong>"))
            #expect(!refused.body.contains("name=\"\(r.field(0))\""), "an entry made is not typed again")
        }
        let grid = try r.grid(as: r.world.examiner)
        #expect(grid.lines.map(\.ownEntry) == [.score(tenths: 865), nil, .absent])
        #expect(grid.lines.map(\.state) == [.awaitingSecond, .notEntered, .awaitingSecond])
        #expect(try r.enterScoreAuditCount() == 2)
    }

    @Test func theSecondEntryIsBlindAndADisagreementIsShownAsSuch() async throws {
        let r = try RoomWorld()
        defer { r.remove() }
        try await r.world.withBrowser { first in
            try await first.signInFirstTime("exam.1")
            try await first.get(r.gridPath)
            let saved = try await first.post(r.gridPath, [r.field(0): "86.5", r.field(2): "缺考"])
            #expect(saved.status == .seeOther && saved.location == "\(r.gridPath)?saved=2")
            #expect(try await first.get(saved.location!).body.contains("已保存 2 个成绩"))
        }
        try await r.world.withBrowser { second in
            try await second.signInFirstTime("exam.2")
            let blind = try await second.get(r.gridPath)
            #expect(blind.body.contains("待第二人录入") && !blind.body.contains("86.5"), "the first entry is not shown")
            #expect(blind.body.contains("name=\"\(r.field(0))\" value=\"\""))
            let saved = try await second.post(r.gridPath, [r.field(0): "80", r.field(2): "absent"])
            #expect(saved.status == .seeOther)
            let grid = try await second.get(r.gridPath)
            #expect(grid.body.contains("两次录入不一致，待人社局处理") && grid.body.contains("Entries disagree"))
            #expect(grid.body.contains("<strong>80</strong>") && !grid.body.contains("86.5"), "still blind after the disagreement")
            #expect(grid.body.contains("两次一致，已确定"))
            #expect(grid.body.contains("class=\"line-disagrees\" data-ticket=\"\(r.lines[0].ticket)\""))
            let rooms = try await second.get("/rooms")
            #expect(rooms.body.contains("<strong class=\"error\">1</strong>"), "one line disagreeing")
        }
        #expect(try r.grid(as: r.world.admin).lines.map(\.state) == [.disagrees, .notEntered, .matched])
    }

    @Test func aPostWithoutTheFormTokenRecordsNothing() async throws {
        let r = try RoomWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            try await browser.get(r.gridPath)
            let forged = try await browser.post(r.gridPath, [r.field(0): "86.5"], token: .none)
            #expect(forged.status == .forbidden && forged.body.contains("表单已失效"))
            #expect(try await browser.post(r.gridPath, [r.field(0): "86.5"], token: .given("00ff")).status == .forbidden)
        }
        #expect(try r.grid(as: r.world.examiner).lines.allSatisfy { $0.ownEntry == nil })
        #expect(try r.enterScoreAuditCount() == 0)
    }

    @Test func afterTheLockTheGridIsReadOnlyAndAPostIsRefused() async throws {
        let r = try RoomWorld()
        defer { r.remove() }
        let store = r.store, admin = r.world.admin, sessionId = r.session.id!
        let second = try store.addUser(login: "bureau.two", name: "录入员二", role: .bureau, institutionId: nil, actor: admin)
        for (_, ticket) in r.lines {
            for part in ["theory", "practical"] {
                for user in [admin, second] {
                    _ = try store.enterScore(sessionId: sessionId, ScoreLine(ticket: ticket, part: part, mark: "75"), actor: user)
                }
            }
        }
        _ = try store.lockResults(sessionId: sessionId, actor: admin)
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            let grid = try await browser.get(r.gridPath)
            #expect(grid.status == .ok)
            #expect(grid.body.contains("本考场只读") && grid.body.contains("成绩已锁定"))
            #expect(!grid.body.contains("class=\"mark\"") && !grid.body.contains("id=\"save-marks\""), "no input, no save button")
            #expect(!grid.body.contains("/score-sheet"))
            let refused = try await browser.post(r.gridPath, [r.field(0): "90"])
            #expect(refused.status == .badRequest && refused.body.contains("成绩已锁定"))
            #expect(try await browser.get("\(r.gridPath)/score-sheet").status == .badRequest)
            let rooms = try await browser.get("/rooms")
            #expect(rooms.body.contains("已锁定") && !rooms.body.contains("录入成绩 <span"))
        }
        #expect(try r.grid(as: r.world.examiner).lines.allSatisfy { $0.ownEntry == nil && $0.state == .matched && !$0.open })
    }

    @Test func aFilledScoreSheetIsPreviewedWithItsRefusedRowsAndEnteredOnlyOnConfirmation() async throws {
        let r = try RoomWorld()
        defer { r.remove() }
        let work = r.world.folder.appendingPathComponent("work")
        let app = try await WebServer.application(store: r.store, accounts: WebWorld.accounts,
                                                  options: .init(host: "127.0.0.1", port: 0, workDirectory: work),
                                                  log: r.world.log.requestLog)
        let header = "准考证号,科目,成绩,缺考/违纪\n"
        let bad = header + "\(r.lines[0].ticket),theory,86.5,\n\(r.lines[1].ticket),theory,185,\n\(r.lines[2].ticket),theory,,缺考\n"
        let good = header + "\(r.lines[0].ticket),theory,86.5,\n\(r.lines[1].ticket),theory,58,\n\(r.lines[2].ticket),theory,,缺考\n"
        try await app.test(.router) { client in
            let browser = Browser(client: client)
            try await browser.signInFirstTime("exam.1")
            let grid = try await browser.get(r.gridPath)
            #expect(grid.body.contains("href=\"\(r.gridPath)/score-sheet\""))
            let form = try await browser.get("\(r.gridPath)/score-sheet")
            #expect(form.status == .ok && form.body.contains("action=\"\(r.gridPath)/score-sheet/upload\""))
            let forged = try await browser.upload("\(r.gridPath)/score-sheet/upload", fileName: "评分表.csv", bytes: Array(good.utf8),
                                                  token: .none)
            #expect(forged.status == .forbidden)
            let sent = try await browser.upload("\(r.gridPath)/score-sheet/upload", fileName: "评分表.csv", bytes: Array(bad.utf8))
            #expect(sent.status == .seeOther)
            let location = try #require(sent.location)
            #expect(location.hasPrefix("/rooms/\(r.theoryRoom)/uploads/"))
            let preview = try await browser.waitForUpload(location)
            #expect(preview.body.contains("检查结果（尚未写入）"))
            #expect(preview.body.contains("<td>3</td>") && preview.body.contains("185") && preview.body.contains("成绩应在 0 至 100 之间"))
            #expect(preview.body.contains("评分表须全部通过检查才能录入"))
            #expect(!preview.body.contains("name=\"rows\" value=\"all\"") && !preview.body.contains("name=\"rows\" value=\"valid\""),
                    "a score sheet with a refused line cannot be confirmed")
            // Nothing written by the check.
            #expect(try r.grid(as: r.world.examiner).lines.allSatisfy { $0.ownEntry == nil })
            #expect(try await browser.post("\(location)/discard", [:]).status == .seeOther)

            try await browser.get("\(r.gridPath)/score-sheet")
            let resent = try await browser.upload("\(r.gridPath)/score-sheet/upload", fileName: "评分表.csv", bytes: Array(good.utf8))
            let checked = try await browser.waitForUpload(try #require(resent.location))
            #expect(checked.body.contains("确认记录全部 3 行"))
            #expect(try r.grid(as: r.world.examiner).lines.allSatisfy { $0.ownEntry == nil }, "nothing before confirmation")
            #expect(try await browser.post("\(resent.location!)/confirm", ["rows": "all"], token: .none).status == .forbidden)
            // Her upload is hers: the other examiner of the room does not find it.
            let other = Browser(client: client)
            try await other.signInFirstTime("exam.2")
            #expect(try await other.get(resent.location!).status == .notFound)
            #expect(try r.grid(as: r.world.examiner).lines.allSatisfy { $0.ownEntry == nil })
            try await browser.get(resent.location!)
            let confirmed = try await browser.post("\(resent.location!)/confirm", ["rows": "all"])
            #expect(confirmed.status == .seeOther)
            let result = try await browser.waitForUpload(resent.location!)
            #expect(result.body.contains("已记录 3 行"))
        }
        #expect(try r.grid(as: r.world.examiner).lines.map(\.ownEntry) == [.score(tenths: 865), .score(tenths: 580), .absent])
        #expect(try r.store.auditEvents(actor: r.world.admin, entity: "exam_sessions", page: .all).rows.contains { $0.action == "results.import" })
    }
}
