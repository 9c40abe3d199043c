import Testing
import GRDB
import Domain
@testable import Store

/// A held session of ExamWorld with its three candidates (tickets …0001 陈大文, …0002 王𠈌,
/// …0003 李四), fully staffed, and two users who enter marks: the administrator and a second
/// bureau user.
struct ResultsWorld {
    let exams: ExamWorld
    let session: ExamSession
    let second: User
    var store: Store { exams.store }
    var admin: User { exams.admin }

    static let tickets = ["2026000010001", "2026000010002", "2026000010003"]

    init(exams: ExamWorld? = nil, plan: ExamSessionPlan = ExamWorld.plan()) throws {
        let exams = try exams ?? ExamWorld()
        self.exams = exams
        let open = try exams.openSession(plan)
        _ = try exams.store.registerCohort(sessionId: open.id!, cohortId: exams.cohort.id!,
                                           declaration: CandidateDeclaration(declaredYears: 1), actor: exams.world.clerkA)
        try exams.staff(open, room: "理论一室", Array(exams.examiners[0...1]))
        try exams.staff(open, room: "实操一组", Array(exams.examiners[0...2]))
        _ = try exams.store.moveExamSession(id: open.id!, to: .closed, actor: exams.admin)
        session = try exams.store.holdExamSession(id: open.id!, actor: exams.admin).session
        if let existing = try? exams.store.user(login: "bureau.two") {
            second = existing
        } else {
            second = try exams.store.addUser(login: "bureau.two", name: "录入员二", role: .bureau, institutionId: nil, actor: exams.admin)
        }
    }

    @discardableResult
    func enter(_ ticket: Int, _ part: String, _ mark: String, by user: User? = nil) throws -> ScoreEntryResult {
        try store.enterScore(sessionId: session.id!, ScoreLine(ticket: ResultsWorld.tickets[ticket], part: part, mark: mark),
                             actor: user ?? admin)
    }

    /// Both entries, equal.
    func confirm(_ ticket: Int, _ part: String, _ mark: String) throws {
        try enter(ticket, part, mark)
        try enter(ticket, part, mark, by: second)
    }

    func results() throws -> SessionResults { try store.sessionResults(id: session.id!, actor: admin) }
}

func storeError(_ body: () throws -> Void) -> String {
    do { try body(); return "" } catch { return (error as? StoreError)?.english ?? "\(error)" }
}

@Suite struct ScoreEntryTests {
    @Test func twoEqualEntriesByTwoUsersConfirmAMarkAndDifferentOnesAreAMismatch() throws {
        let r = try ResultsWorld()
        #expect(try r.enter(0, "theory", "85.5") == .awaitingSecondEntry)
        #expect(try r.enter(0, "theory", "85.5") == .unchanged)
        #expect(storeError { try r.enter(0, "theory", "58.5") }
                .contains("you already entered 85.5 for candidate 2026000010001, theory; an entry is never overwritten"))
        #expect(try r.enter(0, "theory", "85.5", by: r.second) == .confirmed(.score(tenths: 855)))
        #expect(try r.enter(0, "理论", "85.5", by: r.second) == .unchanged)

        try r.enter(0, "practical", "72")
        #expect(try r.enter(0, "practical", "27", by: r.second) == .mismatch(first: .score(tenths: 720), second: .score(tenths: 270)))
        let examiner = try r.store.addUser(login: "exam.2", name: "第三人", role: .examiner, institutionId: r.exams.world.body.id, actor: r.admin)
        // A session the examiner does not staff is, to them, no session at all.
        #expect(storeError { try r.enter(0, "practical", "72", by: examiner) } == "no exam session \(r.session.id!)")
        let third = try r.store.addUser(login: "bureau.three", name: "三", role: .bureau, institutionId: nil, actor: r.admin)
        #expect(storeError { try r.enter(0, "practical", "72", by: third) }
                .contains("two users have entered the practical mark of candidate 2026000010001; the bureau settles the mismatch"))
        let entries = try r.store.auditEvents(actor: r.admin, entity: "exam_registrations").filter { $0.action == "results.enter" }
        #expect(entries.count == 4)
        #expect(entries.contains { $0.actorLogin == "bureau.two" && $0.after?.contains("\"mark\":\"27\"") == true })
        let standing = try r.results().candidates[0]
        #expect(standing.standing(.theory) == .final(.score(tenths: 855), passed: true))
        #expect(standing.standing(.practical) == .mismatch(first: .score(tenths: 720), second: .score(tenths: 270)))
        #expect(standing.isPending)
    }

    @Test func anExaminerEntersOnlyTheMarksOfTheRoomsTheyStaff() throws {
        let exams = try ExamWorld()
        var withLogin = ExamWorld.examiner("442000197507070071", "有账号", body: exams.world.body,
                                           qualifications: [.occupation(code: "4-03-02-01", level: .level5)])
        withLogin.userLogin = "exam.1"
        let examiner = try exams.store.addExaminer(withLogin, actor: exams.admin)
        let session = try exams.openSession()
        _ = try exams.store.registerCohort(sessionId: session.id!, cohortId: exams.cohort.id!,
                                           declaration: CandidateDeclaration(declaredYears: 1), actor: exams.world.clerkA)
        try exams.staff(session, room: "理论一室", [examiner, exams.examiners[0]])
        try exams.staff(session, room: "实操一组", Array(exams.examiners[0...2]))
        _ = try exams.store.moveExamSession(id: session.id!, to: .closed, actor: exams.admin)
        _ = try exams.store.holdExamSession(id: session.id!, actor: exams.admin)
        func enter(_ part: String) throws -> ScoreEntryResult {
            try exams.store.enterScore(sessionId: session.id!, ScoreLine(ticket: "2026000010001", part: part, mark: "70"), actor: exams.world.examiner)
        }
        #expect(try enter("theory") == .awaitingSecondEntry)
        #expect(storeError { _ = try enter("practical") }
                .contains("candidate 2026000010001 sits the practical part in room 实操一组, which you do not staff"))
    }

    @Test func aReviewIsOnePanelDecisionFinalAtItsFirstEntry() throws {
        let exams = try ExamWorld()
        let technician = CertificationTarget.occupation(code: "4-03-02-01", level: .level2)
        for examiner in exams.examiners.prefix(3) {
            _ = try exams.store.qualifyExaminer(id: examiner.examiner.id!, target: technician, actor: exams.admin)
        }
        let session = try exams.openSession(ExamWorld.plan([ExamRoomPlan(name: "理论", part: .theory, seats: 5),
                                                            ExamRoomPlan(name: "实操", part: .practical, seats: 5),
                                                            ExamRoomPlan(name: "评审", part: .review, seats: 5)], target: technician))
        _ = try exams.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId, declaration: CandidateDeclaration(),
                                              overrideReason: "外省三级证书已核验", actor: exams.admin)
        try exams.staff(session, room: "理论", Array(exams.examiners[0...1]))
        try exams.staff(session, room: "实操", Array(exams.examiners[0...2]))
        try exams.staff(session, room: "评审", Array(exams.examiners[0...2]))
        _ = try exams.store.moveExamSession(id: session.id!, to: .closed, actor: exams.admin)
        _ = try exams.store.holdExamSession(id: session.id!, actor: exams.admin)
        let second = try exams.store.addUser(login: "bureau.two", name: "二", role: .bureau, institutionId: nil, actor: exams.admin)
        func enter(_ part: String, _ mark: String, by user: User) throws -> ScoreEntryResult {
            try exams.store.enterScore(sessionId: session.id!, ScoreLine(ticket: "2026000010001", part: part, mark: mark), actor: user)
        }
        #expect(try enter("review", "78", by: exams.admin) == .confirmed(.score(tenths: 780)))
        #expect(storeError { _ = try enter("review", "78", by: second) }.contains("the review mark of candidate 2026000010001 is already final (78)"))
        #expect(try enter("theory", "70", by: exams.admin) == .awaitingSecondEntry)
    }

    @Test func entriesAreRefusedOutOfRangeForUnknownTicketsPartsAndStages() throws {
        let exams = try ExamWorld()
        let open = try exams.openSession()
        #expect(storeError {
            _ = try exams.store.enterScore(sessionId: open.id!, ScoreLine(ticket: "x", part: "theory", mark: "60"), actor: exams.admin)
        }.contains("the session is open for registration: scores are entered once it is held"))
        let r = try ResultsWorld()
        #expect(storeError { try r.enter(0, "theory", "100.5") }.contains("value \"100.5\": a score is between 0 and 100"))
        #expect(storeError { try r.enter(0, "theory", "85.55") }.contains("a score has at most one decimal"))
        #expect(storeError { try r.enter(0, "review", "80") }.contains("this session has no review part"))
        #expect(storeError {
            _ = try r.store.enterScore(sessionId: r.session.id!, ScoreLine(ticket: "2026000019999", part: "theory", mark: "60"), actor: r.admin)
        }.contains("value \"2026000019999\": no candidate of this session has this ticket"))
        #expect(storeError {
            _ = try r.store.enterScore(sessionId: r.session.id!, ScoreLine(ticket: ResultsWorld.tickets[0], part: "theory", mark: "60"),
                                       actor: r.exams.world.clerkA)
        }.contains("institution users do not enter scores"))
        #expect(try r.exams.count("score_entries") == 0)
    }

    /// A ticket or a name with a character nobody can see is refused for that character, not as
    /// an unknown ticket or another person's name.
    @Test func aHiddenCharacterInATicketOrANameIsNamed() throws {
        let r = try ResultsWorld()
        let t = ResultsWorld.tickets
        let lines = [
            ScoreLine(sheet: "s.xlsx › 理论一室", row: 5, ticket: t[0] + "\u{200B}", name: "陈大文", part: "theory", mark: "85"),
            ScoreLine(sheet: "s.xlsx › 理论一室", row: 6, ticket: t[1], name: "王\u{200D}𠈌", part: "theory", mark: "70"),
        ]
        let refused = try r.store.importScores(sessionId: r.session.id!, fileName: "s.xlsx", lines: lines, actor: r.admin)
        #expect(refused.problems.map(\.english) == [
            "s.xlsx › 理论一室 line 5 · field Ticket, value \"2026000010001\u{200B}\": character 14 of the ticket number is the "
                + "invisible character U+200B (zero width space: it comes with text copied from web pages and chat messages); "
                + "delete it and type the value again",
            "s.xlsx › 理论一室 line 6 · field Name, value \"王\u{200D}𠈌\": character 2 of the name is the invisible character "
                + "U+200D (zero width joiner: it comes with text copied from web pages and chat messages); delete it and type the value again",
        ])
        #expect(try r.exams.count("score_entries") == 0)
    }

    @Test func aScoreSheetIsEnteredWholeOrNotAtAllWithEveryBadLineReported() throws {
        let r = try ResultsWorld()
        let t = ResultsWorld.tickets
        let lines = [
            ScoreLine(sheet: "s.xlsx › 理论一室", row: 5, ticket: t[0], name: "陈大文", part: "theory", mark: "85.5"),
            ScoreLine(sheet: "s.xlsx › 理论一室", row: 6, ticket: t[1], name: "王小二", part: "theory", mark: "70"),
            ScoreLine(sheet: "s.xlsx › 理论一室", row: 7, ticket: t[2], name: "李四", part: "theory", mark: "", outcome: "缺考"),
            ScoreLine(sheet: "s.xlsx › 理论一室", row: 8, ticket: t[0], name: "陈大文", part: "theory", mark: "85.5"),
            ScoreLine(sheet: "s.xlsx › 实操一组", row: 5, ticket: t[2], name: "李四", part: "practical", mark: "80", outcome: "违纪"),
        ]
        let refused = try r.store.importScores(sessionId: r.session.id!, fileName: "s.xlsx", lines: lines, actor: r.admin)
        #expect(refused.problems.map(\.index) == [1, 3, 4])
        #expect(refused.problems.map(\.english) == [
            "s.xlsx › 理论一室 line 6 · field Name, value \"王小二\": is not the name of candidate 2026000010002",
            "s.xlsx › 理论一室 line 8 · field Ticket, value \"2026000010001\": the same candidate and part appear twice (row 5)",
            "s.xlsx › 实操一组 line 5 · field Score, value \"80 / 违纪\": both a score and 违纪 are given; fill in one of them",
        ])
        #expect(try r.exams.count("score_entries") == 0)

        let good = [lines[0], lines[2]]
        let summary = try r.store.importScores(sessionId: r.session.id!, fileName: "s.xlsx", lines: good, actor: r.admin)
        #expect(summary.problems.isEmpty && summary.results == [.awaitingSecondEntry, .awaitingSecondEntry])
        let again = try r.store.importScores(sessionId: r.session.id!, fileName: "s.xlsx", lines: good, actor: r.second)
        #expect(again.results == [.confirmed(.score(tenths: 855)), .confirmed(.absent)])
        #expect(try r.exams.auditActions().filter { $0 == "results.import" }.count == 2)
    }
}

@Suite struct ResultLockTests {
    @Test func theBureauSettlesMismatchesAndLocksOnlyWhenNothingIsPending() throws {
        let r = try ResultsWorld()
        try r.confirm(0, "theory", "85.5")
        try r.enter(0, "practical", "72")
        try r.enter(0, "practical", "27", by: r.second)
        try r.confirm(1, "theory", "缺考")
        try r.confirm(1, "practical", "90")
        try r.enter(2, "theory", "59.5")
        #expect(throws: StoreError.self) { try r.store.lockResults(sessionId: r.session.id!, actor: r.exams.world.clerkA) }
        #expect {
            try r.store.lockResults(sessionId: r.session.id!, actor: r.admin)
        } throws: { error in
            brokenRules(error) == [
                "candidate 2026000010001, practical: the two entries differ (72 / 27); the bureau settles it",
                "candidate 2026000010003, theory: one entry of two",
                "candidate 2026000010003, practical: no mark entered",
            ]
        }
        #expect(storeError {
            _ = try r.store.settleMismatch(sessionId: r.session.id!, ticket: ResultsWorld.tickets[1], part: .practical, mark: "90",
                                           reason: "核对", actor: r.admin)
        }.contains("there is no unsettled mismatch"))
        #expect(throws: StoreError.self) {
            try r.store.settleMismatch(sessionId: r.session.id!, ticket: ResultsWorld.tickets[0], part: .practical, mark: "72",
                                       reason: " ", actor: r.admin)
        }
        #expect(try r.store.settleMismatch(sessionId: r.session.id!, ticket: ResultsWorld.tickets[0], part: .practical, mark: "72",
                                           reason: "核对原始评分表", actor: r.admin) == .score(tenths: 720))
        let settled = try r.store.auditEvents(actor: r.admin, entity: "exam_registrations").first { $0.action == "results.settle" }
        #expect(settled?.reason == "核对原始评分表" && settled?.before?.contains("\"second\":\"27\"") == true)
        // Examiners who do not staff this session see none of its results; another school none of its candidates.
        #expect(throws: StoreError.self) { try r.store.sessionResults(id: r.session.id!, actor: r.exams.world.examiner) }
        #expect(try r.store.sessionResults(id: r.session.id!, actor: r.exams.world.clerkB).candidates.isEmpty)
        #expect(try r.store.sessionResults(id: r.session.id!, actor: r.exams.world.clerkA).candidates.count == 3)
        try r.enter(2, "theory", "59.5", by: r.second)
        try r.confirm(2, "practical", "88")

        let locked = try r.store.lockResults(sessionId: r.session.id!, actor: r.admin)
        #expect(locked.summary.session.status == .resultsLocked)
        #expect(locked.summary.session.resultsLockedOn == "2026-11-21")
        #expect(locked.candidates.map(\.passed) == [true, false, false])
        #expect(locked.candidates[1].standing(.theory) == .final(.absent, passed: false))
        #expect(locked.candidates[2].standing(.theory) == .final(.score(tenths: 595), passed: false))
        #expect(locked.settledMismatches.map(\.reason) == ["核对原始评分表"])
        #expect(locked.settledMismatches.first?.first == .score(tenths: 720) && locked.settledMismatches.first?.second == .score(tenths: 270))
        #expect(storeError { try r.enter(2, "theory", "60") }.contains("the results are locked: nothing more is entered"))
    }

    @Test func afterTheLockOnlyTheBureauAmendsWithAReasonAndBeforeAndAfterAreKept() throws {
        let r = try lockedWorld()
        #expect(throws: StoreError.self) {
            try r.store.amendMark(sessionId: r.session.id!, ticket: ResultsWorld.tickets[2], part: .theory, mark: "60",
                                  reason: "加分错误", actor: r.exams.world.examiner)
        }
        #expect(storeError {
            _ = try r.store.amendMark(sessionId: r.session.id!, ticket: ResultsWorld.tickets[2], part: .theory, mark: "59.5",
                                      reason: "核对", actor: r.admin)
        }.contains("is the mark already recorded: nothing to amend"))
        let amendment = try r.store.amendMark(sessionId: r.session.id!, ticket: ResultsWorld.tickets[2], part: .theory, mark: "60",
                                              reason: "加分错误", actor: r.admin)
        #expect(amendment.before == .score(tenths: 595) && amendment.after == .score(tenths: 600))
        let results = try r.results()
        #expect(results.candidates[2].passed)
        #expect(results.amendments.map(\.reason) == ["加分错误"])
        let event = try r.store.auditEvents(actor: r.admin, entity: "exam_registrations").first!
        #expect(event.action == "results.amend" && event.before?.contains("59.5") == true && event.after?.contains("60") == true)
    }

    @Test func aRecheckIsAskedForOnceWithinTheWindowAndItsOutcomeRecorded() throws {
        let r = try lockedWorld()
        #expect(throws: StoreError.self) {
            try r.store.requestRecheck(sessionId: r.session.id!, ticket: ResultsWorld.tickets[2], reason: "有异议", actor: r.exams.world.clerkB)
        }
        let request = try r.store.requestRecheck(sessionId: r.session.id!, ticket: ResultsWorld.tickets[2], reason: "理论成绩有异议",
                                                 actor: r.exams.world.clerkA)
        #expect(request.requestedOn == "2026-11-21" && request.outcome == nil)
        #expect(storeError {
            _ = try r.store.requestRecheck(sessionId: r.session.id!, ticket: ResultsWorld.tickets[2], reason: "再次", actor: r.admin)
        }.contains("already exists"))
        let decided = try r.store.decideRecheck(sessionId: r.session.id!, ticket: ResultsWorld.tickets[2],
                                                decision: .amended(part: .theory, mark: "61", note: "漏计一题"), actor: r.admin)
        #expect(decided.outcome == "amended")
        #expect(try r.results().amendments.map(\.fromRecheck) == [true])
        #expect(throws: StoreError.self) {
            try r.store.decideRecheck(sessionId: r.session.id!, ticket: ResultsWorld.tickets[2], decision: .unchanged(note: "维持"), actor: r.admin)
        }

        // Published more than 15 days ago: too late.
        try r.store.rawWrite { db in try db.execute(sql: "UPDATE exam_sessions SET results_locked_on = '2026-11-05'") }
        #expect(storeError {
            _ = try r.store.requestRecheck(sessionId: r.session.id!, ticket: ResultsWorld.tickets[1], reason: "有异议", actor: r.admin)
        }.contains("a re-check must be asked for within 15 days of the results' publication on 2026-11-05, by 2026-11-20"))
    }

    /// Candidate 1 passes, 2 is absent in theory, 3 fails theory with 59.5.
    func lockedWorld(exams: ExamWorld? = nil) throws -> ResultsWorld {
        let r = try ResultsWorld(exams: exams)
        try r.confirm(0, "theory", "85.5")
        try r.confirm(0, "practical", "72")
        try r.confirm(1, "theory", "缺考")
        try r.confirm(1, "practical", "90")
        try r.confirm(2, "theory", "59.5")
        try r.confirm(2, "practical", "88")
        _ = try r.store.lockResults(sessionId: r.session.id!, actor: r.admin)
        return r
    }
}

@Suite struct RetakeTests {
    /// The locked first session moved back to `date`, as if it had been held then.
    func earlierSession(on date: String) throws -> ResultsWorld {
        let first = try ResultLockTests().lockedWorld()
        try first.store.rawWrite { db in
            try db.execute(sql: "UPDATE exam_sessions SET exam_date = ? WHERE id = ?", arguments: [date, first.session.id])
        }
        return first
    }

    @Test func aRetakeSitsOnlyTheFailedPartAndThePassedPartIsKept() throws {
        let first = try earlierSession(on: "2026-06-01")
        let open = try first.exams.openSession()
        let outcome = try first.store.registerCandidate(sessionId: open.id!, nationalId: li.nationalId,
                                                        declaration: CandidateDeclaration(), retake: true, actor: first.exams.world.clerkA)
        #expect(outcome.registered.first?.result == .registered(ticket: "2026000020001", eligibility: .route, route: "5A"))
        let sheets = try first.store.examSessionSheets(id: open.id!, actor: first.admin)
        #expect(sheets.candidates[0].seats.map(\.part) == [.theory])

        try first.exams.staff(open, room: "理论一室", Array(first.exams.examiners[0...1]))
        _ = try first.store.moveExamSession(id: open.id!, to: .closed, actor: first.admin)
        _ = try first.store.holdExamSession(id: open.id!, actor: first.admin)
        #expect(storeError {
            _ = try first.store.enterScore(sessionId: open.id!, ScoreLine(ticket: "2026000020001", part: "practical", mark: "90"), actor: first.admin)
        }.contains("is not registered for the practical part (a retake sits only the failed parts)"))
        for user in [first.admin, first.second] {
            _ = try first.store.enterScore(sessionId: open.id!, ScoreLine(ticket: "2026000020001", part: "theory", mark: "66"), actor: user)
        }
        let result = try first.store.sessionResults(id: open.id!, actor: first.admin).candidates[0]
        #expect(result.isRetake)
        #expect(result.standing(.practical) == .retained(.score(tenths: 880), passedOn: CivilDate(year: 2026, month: 6, day: 1)!))
        #expect(result.passed)
        // Nothing is pending: the retained part needs no mark here.
        #expect(try first.store.lockResults(sessionId: open.id!, actor: first.admin).candidates[0].passed)
    }

    @Test func aRetakeNeedsAnEarlierResultWithAPartStillKept() throws {
        let stale = try earlierSession(on: "2025-10-01")
        let open = try stale.exams.openSession()
        #expect(storeError {
            _ = try stale.store.registerCandidate(sessionId: open.id!, nationalId: li.nationalId, declaration: CandidateDeclaration(),
                                                  retake: true, actor: stale.admin)
        }.contains("no part passed within the 12-month retention window: register for the whole exam (not as a retake)"))
        #expect(storeError {
            _ = try stale.store.registerCandidate(sessionId: open.id!, nationalId: chen.nationalId, declaration: CandidateDeclaration(),
                                                  retake: true, actor: stale.admin)
        }.contains("no part passed within the 12-month retention window"))
        let fresh = try ExamWorld()
        let session = try fresh.openSession()
        #expect(storeError {
            _ = try fresh.store.registerCandidate(sessionId: session.id!, nationalId: li.nationalId, declaration: CandidateDeclaration(),
                                                  retake: true, actor: fresh.admin)
        }.contains("there is no earlier locked result for this occupation and level to retake"))
    }

    @Test func someoneWhoPassedEveryPartHasNothingToRetake() throws {
        let first = try earlierSession(on: "2026-06-01")
        let open = try first.exams.openSession()
        #expect(storeError {
            _ = try first.store.registerCandidate(sessionId: open.id!, nationalId: chen.nationalId, declaration: CandidateDeclaration(),
                                                  retake: true, actor: first.admin)
        }.contains("every part is already passed: there is nothing to retake"))
    }
}
