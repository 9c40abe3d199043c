import Foundation
import Testing
import GRDB
import Domain
@testable import Store

/// The session list reads a row per session in one statement, and shows what the session's
/// full summary (`session show`) says of it.
@Suite struct ExamSessionListingTests {
    /// Sessions of every shape a row must get right: two rooms of one part (capacity is the
    /// smallest part's seats), a special-ability item, a sub-trade, registered candidates, and
    /// a staffed room.
    static func varied(_ w: ExamWorld) throws -> [ExamSession] {
        let plain = try w.openSession()
        let uneven = try w.openSession(ExamWorld.plan([
            ExamRoomPlan(name: "理论一室", part: .theory, seats: 20), ExamRoomPlan(name: "理论二室", part: .theory, seats: 15),
            ExamRoomPlan(name: "实操一组", part: .practical, seats: 25)]))
        let item = try w.openSession(ExamWorld.plan([ExamRoomPlan(name: "实操", part: .practical, seats: 12)],
                                                    target: .specialAbility(code: "YC01")))
        var housekeeping = ExamWorld.plan(target: .occupation(code: "4-10-01-06", level: .level5))
        housekeeping.subTrade = "母婴护理员"
        let subTrade = try w.openSession(housekeeping)
        _ = try w.store.registerCohort(sessionId: uneven.id!, cohortId: w.cohort.id!,
                                       declaration: CandidateDeclaration(declaredYears: 2), actor: w.world.clerkA)
        try w.staff(uneven, room: "实操一组", [w.examiners[0], w.examiners[1]])
        return [plain, uneven, item, subTrade]
    }

    @Test func aRowShowsWhatTheSessionsSummaryShows() throws {
        let w = try ExamWorld()
        let sessions = try Self.varied(w)
        let page = try w.store.examSessionListing(actor: w.admin, page: .first)
        #expect(page.map(\.session.id) == sessions.reversed().map(\.id))
        #expect(page.total == 4)
        for row in page {
            let summary = try w.store.examSession(id: row.session.id!, actor: w.admin)
            #expect(row.session == summary.session)
            #expect(row.bodyName == summary.bodyName)
            #expect(row.targetName == summary.targetName)
            #expect(row.registered == summary.registered)
            #expect(row.capacity == summary.capacity)
        }
        let figures = page.map { "\($0.targetName) \($0.registered)/\($0.capacity)" }
        #expect(figures == ["家政服务员 五级/初级工（母婴护理员） 0/30", "广东烧味制作（专项职业能力） 0/12",
                            "中式烹调师 五级/初级工 3/25", "中式烹调师 五级/初级工 0/30"])
    }

    @Test func pagesSplitTheSessionsNewestFirstWithTheirTotal() throws {
        let w = try ExamWorld()
        let ids = try (0..<7).map { _ in try w.openSession().id! }
        let second = try w.store.examSessionListing(actor: w.admin, page: PageRequest(number: 2, size: 3))
        #expect(second.map(\.session.id!) == Array(ids.reversed()[3..<6]))
        #expect((second.total, second.firstPosition, second.lastPosition, second.hasMore) == (7, 4, 6, true))
        let last = try w.store.examSessionListing(actor: w.admin, page: PageRequest(number: 3, size: 3))
        #expect(last.map(\.session.id!) == [ids[0]])
        #expect((last.total, last.hasMore) == (7, false))
        let beyond = try w.store.examSessionListing(actor: w.admin, page: PageRequest(number: 4, size: 3))
        #expect(beyond.isEmpty && beyond.total == 7)
        #expect(try w.store.examSessionListing(actor: w.admin, page: .all).map(\.session.id!) == ids.reversed())
    }

    /// The bureau's list filters: each condition alone and together, dates from and to included.
    @Test func filtersSelectByStatusOccupationLevelDatesAndBody() throws {
        let w = try ExamWorld()
        let sessions = try Self.varied(w)
        let (plain, uneven, item, subTrade) = (sessions[0].id!, sessions[1].id!, sessions[2].id!, sessions[3].id!)
        let later = try w.store.createExamSession(ExamWorld.plan(date: ExamWorld.examDay.adding(days: 10)), bodyId: w.world.body.id!,
                                                  actor: w.admin).session.id!
        func ids(_ filter: ExamSessionFilter) throws -> [Int64] {
            try w.store.examSessionListing(actor: w.admin, filter: filter).map(\.session.id!)
        }
        #expect(try ids(ExamSessionFilter(status: .planned)) == [later])
        #expect(try ids(ExamSessionFilter(status: .open)) == [subTrade, item, uneven, plain])
        #expect(try ids(ExamSessionFilter(occupationCode: "4-03-02-01")) == [later, uneven, plain])
        #expect(try ids(ExamSessionFilter(occupationCode: "4-03-02-01", level: .level4)).isEmpty)
        #expect(try ids(ExamSessionFilter(level: .level5)) == [later, subTrade, uneven, plain])
        #expect(try ids(ExamSessionFilter(from: ExamWorld.examDay.adding(days: 10))) == [later], "from is included")
        #expect(try ids(ExamSessionFilter(to: ExamWorld.examDay.adding(days: 9))) == [subTrade, item, uneven, plain], "to is included")
        #expect(try ids(ExamSessionFilter(from: ExamWorld.examDay.adding(days: 1), to: ExamWorld.examDay.adding(days: 9))).isEmpty)
        #expect(try ids(ExamSessionFilter(bodyId: w.world.body.id!)).count == 5)
        #expect(try ids(ExamSessionFilter(bodyId: w.world.schoolA.id!)).isEmpty)
        let page = try w.store.examSessionListing(actor: w.admin, filter: ExamSessionFilter(status: .open), page: PageRequest(number: 2, size: 3))
        #expect(page.map(\.session.id!) == [plain] && page.total == 4)
    }

    @Test func anExaminersPagesAndTotalHoldOnlyTheSessionsTheyStaff() throws {
        let w = try ExamWorld()
        var withLogin = ExamWorld.examiner("442000197507070071", "有账号", body: w.world.body,
                                           qualifications: [.occupation(code: "4-03-02-01", level: .level5)])
        withLogin.userLogin = "exam.1"
        let examiner = try w.store.addExaminer(withLogin, actor: w.admin)
        let sessions = try (0..<5).map { _ in try w.openSession() }
        for session in [sessions[0], sessions[2], sessions[3]] { try w.staff(session, room: "实操一组", [examiner]) }
        let first = try w.store.examSessionListing(actor: w.world.examiner, page: PageRequest(number: 1, size: 2))
        #expect(first.map(\.session.id) == [sessions[3].id, sessions[2].id])
        #expect(first.total == 3)
        let second = try w.store.examSessionListing(actor: w.world.examiner, page: PageRequest(number: 2, size: 2))
        #expect(second.map(\.session.id) == [sessions[0].id])
        #expect(second.total == 3)
        #expect(try w.store.examSessionListing(actor: w.world.clerkA, page: .first).total == 5)
    }

    /// A page costs the same statements whether it holds 10 sessions or 50, whatever their
    /// rooms, staff and candidates: nothing is read per session.
    @Test func aPageRunsTheSameNumberOfStatementsWhateverItsSize() throws {
        let w = try ExamWorld()
        _ = try Self.varied(w)
        for _ in 0..<56 { _ = try w.openSession() }
        let counter = StatementCounter()
        w.store.writer.writeWithoutTransaction { db in db.trace { _ in counter.add() } }
        func statements(pageSize: Int) throws -> Int {
            counter.reset()
            let page = try w.store.examSessionListing(actor: w.admin, page: PageRequest(number: 1, size: pageSize))
            #expect(page.count == pageSize)
            #expect(page.total == 60)
            return counter.value
        }
        #expect(try statements(pageSize: 10) == (try statements(pageSize: 50)))
        // The last page, with the varied sessions on it.
        counter.reset()
        let last = try w.store.examSessionListing(actor: w.admin, page: PageRequest(number: 2, size: 50))
        let forTheLastPage = counter.value
        #expect(last.count == 10)
        #expect(forTheLastPage == (try statements(pageSize: 50)))
    }
}
