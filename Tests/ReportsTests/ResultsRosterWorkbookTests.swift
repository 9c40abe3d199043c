import Foundation
import Testing
import Domain
import Spreadsheet
import Reports
// Retained parts need an earlier locked session and a retake registration, which the Store
// cannot make yet: one test rebuilds a candidate's results with the internal initialisers.
@testable import Store

/// The 成绩册 read back as the bureau checking and handing it upwards would see it.
@Suite struct ResultsRosterWorkbookTests {
    static let results = "成绩册 Results"
    static let mismatches = "不一致处理 Mismatches settled"
    static let amendments = "成绩更正 Amendments"
    static let rechecks = "复核 Re-checks"

    /// The session of `ExamSessionFixture`, held and scored by two bureau users, then locked:
    /// 陈大文 theory 85.5, practical 72 against 75 settled at 74; 王𠈌 theory absent, practical 80;
    /// 李四 theory 58 (a fail), practical 90 amended after the lock to 92.5.
    static func lockedResults(_ fixture: ExamSessionFixture) throws -> SessionResults {
        let other = try fixture.holdSession()
        try fixture.enter(1, .theory, "85.5", "85.5", by: other)
        try fixture.enter(1, .practical, "72", "75", by: other)
        try fixture.enter(2, .theory, "缺考", "缺考", by: other)
        try fixture.enter(2, .practical, "80", "80", by: other)
        try fixture.enter(3, .theory, "58", "58", by: other)
        try fixture.enter(3, .practical, "90", "90", by: other)
        _ = try fixture.store.settleMismatch(sessionId: fixture.sessionId, ticket: fixture.ticket(1), part: .practical, mark: "74",
                                             reason: "核对评分表原件", actor: fixture.admin)
        _ = try fixture.store.lockResults(sessionId: fixture.sessionId, actor: fixture.admin)
        _ = try fixture.store.amendMark(sessionId: fixture.sessionId, ticket: fixture.ticket(3), part: .practical, mark: "92.5",
                                        reason: "评分表分项合计有误", actor: fixture.admin)
        return try fixture.store.sessionResults(id: fixture.sessionId, actor: fixture.admin)
    }

    func written(_ results: SessionResults, unmasked: Bool = false) throws -> (XLSXReader, URL) {
        let url = temporaryWorkbookURL("results")
        try ResultsRosterWorkbook.write(results, unmasked: unmasked, to: url)
        return (try XLSXReader(url: url), url)
    }

    /// The non-empty values of a row, left to right.
    func values(_ rows: [XLSXRow], _ number: Int) -> [String] {
        rows.row(number)?.cells.compactMap { $0.value.isEmpty ? nil : $0.value } ?? []
    }

    @Test func theSheetsComeInOrderUnderATitleAndASessionLine() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try Self.lockedResults(fixture))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(reader.visibleSheetNames == [Self.results, Self.mismatches, Self.amendments, Self.rechecks])
        let rows = try reader.rows(sheet: Self.results)
        #expect(rows.value("A1") == "中山市丙职业技能评价中心 中式烹调师 五级/初级工 成绩册 考试日期 2026-11-21")
        let details = try #require(rows.value("A2"))
        for part in ["场次 Session \(fixture.sessionId)", "成绩已锁定", "锁定日期 Locked on 2026-11-21", "理论知识 60/100",
                     "操作技能 60/100", "3 人"] {
            #expect(details.contains(part), "\(part)")
        }
        #expect(!details.contains("保管"))
        #expect(rows.value("A3")?.contains("缺考、违纪不是 0 分") == true)
        #expect(values(rows, 4) == [
            "序号 No.", "准考证号 Ticket", "姓名 Name", "身份证号 National ID", "培训机构 Institution",
            "理论知识 成绩 Theory mark", "理论知识 合格 Theory passed", "操作技能 成绩 Practical mark", "操作技能 合格 Practical passed",
            "结果 Result", "补考 Retake",
        ])
    }

    @Test func eachCandidateHasTheirMarksFlagsAndResultInTicketOrder() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try Self.lockedResults(fixture))
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.results)
        #expect(values(rows, 5) == ["1", fixture.ticket(1), "陈大文", "440524********0014", "中山市甲烹饪培训学校",
                                    "85.5", "是", "74", "是", "合格"])
        #expect(values(rows, 6) == ["2", fixture.ticket(2), "王𠈌", "110105********002X", "中山市甲烹饪培训学校",
                                    "缺考", "否", "80", "是", "不合格"])
        #expect(values(rows, 7) == ["3", fixture.ticket(3), "李四", "340524********001X", "个人报名 Self-applied",
                                    "58", "否", "92.5", "是", "不合格"])
        #expect(rows.value("K5") == nil, "no retake in this session")
        #expect(rows.row(8) == nil)
    }

    @Test func scoresAreNumbersWithOneDecimalAndOutcomesAndTicketsAreText() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try Self.lockedResults(fixture))
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.results)
        for reference in ["F5", "H5", "H7"] {
            let score = try #require(rows.cell(reference))
            #expect(score.kind == .number, "\(reference)")
            #expect(reader.numberFormat(forStyle: try #require(score.styleIndex))?.code == "0.0", "\(reference)")
        }
        #expect(rows.cell("F6")?.kind == .sharedString)
        let ticket = try #require(rows.cell("B5"))
        #expect(ticket.kind == .sharedString)
        #expect(reader.numberFormat(forStyle: try #require(ticket.styleIndex))?.isText == true)
    }

    @Test func theSummaryIsFormulasOverTheFlagsWithTheirValuesCached() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try Self.lockedResults(fixture))
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.results)
        #expect(values(rows, 9) == ["汇总 Summary", "人数 Count", "合格 Passed", "合格率 Pass rate"])

        // Theory: 王𠈌 was absent, so two sat and one passed.
        #expect(rows.value("A10") == "理论知识 实考 Theory, sat")
        #expect(rows.cell("D10")?.formula == "COUNT(F5:F7)+COUNTIF(F5:F7,\"违纪\")-COUNTIF(G5:G7,\"保留\")")
        #expect(rows.value("D10") == "2")
        #expect(rows.cell("E10")?.formula == "COUNTIF(G5:G7,\"是\")")
        #expect(rows.value("E10") == "1")
        #expect(rows.cell("F10")?.formula == "IF(D10=0,0,E10/D10)")
        #expect(rows.value("F10") == "0.5")
        let rate = try #require(rows.cell("F10"))
        #expect(reader.numberFormat(forStyle: try #require(rate.styleIndex))?.code == "0.0%")

        #expect(rows.value("A11") == "操作技能 实考 Practical, sat")
        #expect(rows.cell("E11")?.formula == "COUNTIF(I5:I7,\"是\")")
        #expect([rows.value("D11"), rows.value("E11"), rows.value("F11")] == ["3", "3", "1"])

        #expect(rows.value("A12") == "全部考生 All candidates")
        #expect(rows.cell("D12")?.formula == "COUNTA(C5:C7)")
        #expect(rows.value("D12") == "3")
        #expect(rows.cell("E12")?.formula == "COUNTIF(J5:J7,\"合格\")")
        #expect(rows.value("E12") == "1")
        #expect(abs(try #require(rows.value("F12").flatMap(Double.init)) - 1.0 / 3) < 1e-9)
        #expect(rows.value("A13")?.contains("合格人数 / 实考人数") == true)
    }

    @Test func theSettledMismatchAndTheAmendmentHaveTheirLines() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try Self.lockedResults(fixture))
        defer { try? FileManager.default.removeItem(at: url) }
        let mismatches = try reader.rows(sheet: Self.mismatches)
        #expect(mismatches.value("A1")?.contains("不一致处理") == true)
        #expect(values(mismatches, 2) == ["准考证号 Ticket", "姓名 Name", "科目 Part", "第一次录入 First entry", "第二次录入 Second entry",
                                          "确定成绩 Settled mark", "理由 Reason", "经办人 By", "时间（北京时间） At (CST)"])
        // The fixture's clock stands at noon bureau time; the Store keeps it as 04:00 UTC.
        #expect(values(mismatches, 3) == [fixture.ticket(1), "陈大文", "操作技能", "72", "75", "74", "核对评分表原件", "admin",
                                          "2026-11-21 12:00:00"])
        #expect(mismatches.cell("F3")?.kind == .number)
        #expect(mismatches.row(4) == nil)

        let amendments = try reader.rows(sheet: Self.amendments)
        #expect(values(amendments, 2) == ["准考证号 Ticket", "姓名 Name", "科目 Part", "更正前 Before", "更正后 After", "理由 Reason",
                                          "来自复核 From re-check", "经办人 By", "时间（北京时间） At (CST)"])
        #expect(values(amendments, 3) == [fixture.ticket(3), "李四", "操作技能", "90", "92.5", "评分表分项合计有误", "否", "admin",
                                          "2026-11-21 12:00:00"])
        #expect(amendments.row(4) == nil)
    }

    @Test func sheetsWithNothingToShowSaySo() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try Self.lockedResults(fixture))
        defer { try? FileManager.default.removeItem(at: url) }
        let rechecks = try reader.rows(sheet: Self.rechecks)
        #expect(values(rechecks, 2) == ["准考证号 Ticket", "姓名 Name", "申请日期 Requested on", "理由 Reason", "结果 Outcome",
                                        "决定日期 Decided on", "说明 Note"])
        #expect(values(rechecks, 3) == ["无 None"])
        #expect(rechecks.row(4) == nil)
    }

    @Test func aRecheckAndItsAmendmentHaveTheirLines() throws {
        let fixture = try ExamSessionFixture()
        _ = try Self.lockedResults(fixture)
        _ = try fixture.store.requestRecheck(sessionId: fixture.sessionId, ticket: fixture.ticket(3), reason: "理论成绩有异议",
                                             actor: fixture.admin)
        _ = try fixture.store.decideRecheck(sessionId: fixture.sessionId, ticket: fixture.ticket(3),
                                            decision: .amended(part: .theory, mark: "60", note: "漏计一题"), actor: fixture.admin)
        let (reader, url) = try written(try fixture.store.sessionResults(id: fixture.sessionId, actor: fixture.admin))
        defer { try? FileManager.default.removeItem(at: url) }
        let rechecks = try reader.rows(sheet: Self.rechecks)
        #expect(values(rechecks, 3) == [fixture.ticket(3), "李四", "2026-11-21", "理论成绩有异议", "更正 amended", "2026-11-21", "漏计一题"])
        let amendments = try reader.rows(sheet: Self.amendments)
        #expect(values(amendments, 4).prefix(7) == [fixture.ticket(3), "李四", "理论知识", "58", "60", "复核 re-check: 漏计一题", "是"])
        // The amended theory mark passes 李四.
        #expect(try reader.rows(sheet: Self.results).value("J7") == "合格")
    }

    @Test func marksNotYetFinalAreNamedAndLeaveTheResultPending() throws {
        let fixture = try ExamSessionFixture()
        let other = try fixture.holdSession()
        try fixture.enter(1, .theory, "85.5", by: other)
        try fixture.enter(1, .practical, "72", "75", by: other)
        try fixture.enter(2, .theory, "违纪", "违纪", by: other)
        try fixture.enter(2, .practical, "61", "61", by: other)
        let (reader, url) = try written(try fixture.store.sessionResults(id: fixture.sessionId, actor: fixture.admin))
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.results)
        #expect(rows.value("A2")?.contains("已考试 held　未锁定 not locked") == true)
        #expect(values(rows, 5).suffix(3) == ["待第二人录入", "不一致 72/75", "待定"])
        #expect(values(rows, 6).suffix(5) == ["违纪", "否", "61", "是", "不合格"])
        #expect(values(rows, 7).suffix(3) == ["未录入", "未录入", "待定"])
        #expect(rows.value("G5") == nil && rows.value("I5") == nil && rows.value("G7") == nil)
        // A breach was sat; pending marks are not counted yet.
        #expect([rows.value("D10"), rows.value("E10"), rows.value("F10")] == ["1", "0", "0"])
        #expect([rows.value("D11"), rows.value("E11"), rows.value("F11")] == ["1", "1", "1"])
        #expect([rows.value("D12"), rows.value("E12"), rows.value("F12")] == ["3", "0", "0"])
        #expect(try reader.rows(sheet: Self.mismatches).value("A3") == "无 None")
        #expect(try reader.rows(sheet: Self.amendments).value("A3") == "无 None")
    }

    @Test func aRetainedPartShowsItsEarlierMarkAndIsNeitherSatNorPassedHere() throws {
        let fixture = try ExamSessionFixture()
        let locked = try Self.lockedResults(fixture)
        let li = locked.candidates[2]
        let retake = CandidateResult(
            registrationId: li.registrationId, personId: li.personId, ticketNumber: li.ticketNumber, name: li.name,
            nationalId: li.nationalId, institutionName: nil,
            parts: [PartResult(part: .theory, standing: .retained(.score(tenths: 780), passedOn: CivilDate(year: 2026, month: 6, day: 6)!)),
                    li.parts[1]],
            isRetake: true)
        let results = SessionResults(summary: locked.summary, parts: locked.parts, candidates: Array(locked.candidates.prefix(2)) + [retake],
                                     settledMismatches: [], amendments: [], rechecks: [])
        let (reader, url) = try written(results)
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.results)
        #expect(values(rows, 7).suffix(6) == ["78", "保留", "92.5", "是", "合格", "是"])
        #expect(rows.cell("F7")?.kind == .number)
        // Theory: 陈大文 sat and passed; 王𠈌 was absent; 李四's part is kept from June.
        #expect([rows.value("D10"), rows.value("E10"), rows.value("F10")] == ["1", "1", "1"])
        #expect([rows.value("D12"), rows.value("E12")] == ["3", "2"])
    }

    @Test func aSessionWithoutCandidatesStillHasValidCounts() throws {
        let fixture = try ExamSessionFixture()
        let held = try fixture.store.sessionResults(id: fixture.sessionId, actor: fixture.admin)
        let empty = SessionResults(summary: held.summary, parts: held.parts, candidates: [], settledMismatches: [], amendments: [],
                                   rechecks: [])
        let (reader, url) = try written(empty)
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.results)
        #expect(rows.row(5) == nil)
        // One blank bordered line stands in for the candidates, so the ranges stay valid.
        #expect(rows.value("A10") == "全部考生 All candidates")
        #expect(rows.cell("D10")?.formula == "COUNTA(C5:C5)")
        #expect([rows.value("D10"), rows.value("E10"), rows.value("F10")] == ["0", "0", "0"])
        #expect([rows.value("D8"), rows.value("F8")] == ["0", "0"])
    }

    @Test func idsAreMaskedEverywhereUnlessAskedForWholeWithAWarning() throws {
        let fixture = try ExamSessionFixture()
        let results = try Self.lockedResults(fixture)
        let (masked, maskedURL) = try written(results)
        defer { try? FileManager.default.removeItem(at: maskedURL) }
        let text = try masked.allText()
        #expect(ExamSessionFixture.wholeIDs.filter { text.contains($0) }.isEmpty)

        let (reader, url) = try written(results, unmasked: true)
        defer { try? FileManager.default.removeItem(at: url) }
        let rows = try reader.rows(sheet: Self.results)
        #expect([5, 6, 7].map { rows.value("D\($0)") } == ExamSessionFixture.wholeIDs)
        #expect(rows.value("A2")?.contains("请妥善保管") == true)
        #expect(rows.row(4)?.cells.first?.value == "序号 No.")
    }

    @Test func theRosterPrintsLandscapeOnePageWideWithItsHeaderOnEveryPage() throws {
        let fixture = try ExamSessionFixture()
        let (reader, url) = try written(try Self.lockedResults(fixture))
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try reader.sheetXML(Self.results)
        #expect(sheet.contains("orientation=\"landscape\"") && sheet.contains("paperSize=\"9\""))
        #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>") && sheet.contains("fitToHeight=\"0\""))
        #expect(sheet.contains("<pane ySplit=\"4\""))
        #expect(sheet.contains("<autoFilter ref=\"A4:K7\"/>"))
        #expect(sheet.contains("<mergeCell ref=\"A1:K1\"/>"))
        let workbook = try reader.rawXML(path: "xl/workbook.xml")
        #expect(workbook.contains("'\(Self.results)'!$1:$4"))
        for name in [Self.mismatches, Self.amendments, Self.rechecks] {
            #expect(try reader.sheetXML(name).contains("orientation=\"landscape\""), "\(name)")
            #expect(workbook.contains("'\(name)'!$1:$2"), "\(name)")
        }
    }
}
