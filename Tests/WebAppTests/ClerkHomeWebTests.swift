import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
@testable import Store
@testable import WebApp

/// A clerk's home page is her desk: her classes by status with their people, the sessions open
/// for registration that fit her classes, and what waits on her. The bureau's and the
/// examiner's home pages stay as they were.
@Suite struct ClerkHomeWebTests {
    static func session(_ w: CohortWorld, _ target: CertificationTarget, on day: String, open: Bool) throws {
        let body = try w.store.institution("中山市丙职业技能评价中心", actor: w.world.admin)
        let session = try w.store.createExamSession(ExamSessionPlan(
            target: target, examDate: try CivilDate.parse(day),
            rooms: [ExamRoomPlan(name: "理论一室", part: .theory, seats: 30), ExamRoomPlan(name: "实操考评组", part: .practical, seats: 30)]),
            bodyId: body.id!, actor: w.world.admin)
        if open { _ = try w.store.moveExamSession(id: session.session.id!, to: .open, actor: w.world.admin) }
    }

    @Test func theClerksHomeShowsHerClassesTheOpenSessionsThatFitAndWhatWaits() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        // A planned class, an overdue one (ended yesterday with a trainee in training), a completed one.
        _ = try w.store.createCohort(CohortWorld.plan("十二月班", start: "2026-12-01", end: "2026-12-20"),
                                     institutionId: w.world.schoolA.id!, actor: w.world.clerkA)
        let overdue = try w.store.createCohort(CohortWorld.plan("<b>逾期班</b>", start: "2026-10-01", end: "2026-11-20"),
                                               institutionId: w.world.schoolA.id!, actor: w.world.clerkA)
        try w.enrol([("陈一", 1)], into: overdue.id!, actor: w.world.clerkA)
        let done = try w.store.createCohort(CohortWorld.plan("已结业班", start: "2026-09-01", end: "2026-09-30"),
                                            institutionId: w.world.schoolA.id!, actor: w.world.clerkA)
        try w.enrol([("王二", 2)], into: done.id!, actor: w.world.clerkA)
        try w.setHours(2, 90, in: done.id!, actor: w.world.clerkA)
        _ = try w.store.completeTrainees(cohortId: done.id!, actor: w.world.clerkA)
        // The class in training got its list with two rows refused, the valid rows recorded.
        try w.enrol([("李三", 3), ("赵四", 4)], into: w.own.id!, actor: w.world.clerkA, mode: .acceptValid, refusedRows: 2)
        // Sessions: open and fitting (cooking level 4); open but for a target none of her classes has;
        // fitting but not yet open.
        try Self.session(w, CohortWorld.cooking, on: "2026-12-15", open: true)
        try Self.session(w, .occupation(code: "4-03-02-02", level: .level5), on: "2026-12-16", open: true)
        try Self.session(w, CohortWorld.cooking, on: "2026-12-17", open: false)

        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.contains("未开班 <span lang=\"en\">planned</span> <strong>1</strong>"))
            #expect(home.body.contains("培训中 <span lang=\"en\">in training</span> <strong>2</strong>"))
            #expect(home.body.contains("已结业 <span lang=\"en\">completed</span> <strong>1</strong>"))
            #expect(home.body.contains("在读 <span lang=\"en\">In training</span> <strong>3</strong>"))
            #expect(home.body.contains("结业 <span lang=\"en\">Completed</span> <strong>1</strong>"))
            #expect(home.body.contains("2026年第9期中式烹调师（四级）培训班") && !home.body.contains("乙校"))
            // What waits on her: the overdue class (escaped), and the list with refused rows.
            #expect(home.body.contains("<a href=\"/cohorts/\(overdue.id!)/complete\">&lt;b&gt;逾期班&lt;/b&gt;</a>：已过结束日期"))
            #expect(home.body.contains("名单 名单.csv") && home.body.contains("只录入了 2 人，2 行被拒"))
            // Only the open session that fits her classes.
            #expect(home.body.contains("<td>2026-12-15</td><td>中式烹调师 四级/中级工</td><td>中山市丙职业技能评价中心</td><td>0 / 30</td>"))
            #expect(!home.body.contains("2026-12-16") && !home.body.contains("2026-12-17"))
        }
        // Once a corrected list is recorded whole, the refused list no longer waits on her.
        try w.enrol([("钱五", 5)], into: w.own.id!, actor: w.world.clerkA)
        try await w.world.withBrowser { browser in
            try await browser.signIn("clerk.a", WebWorld.ownPassword)
            let home = try await browser.get("/")
            #expect(!home.body.contains("行被拒"))
        }
    }

    @Test func aClerkWithNothingYetSeesAnEmptyDeskAndTheBureauItsUsualHome() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let home = try await browser.get("/")
            #expect(home.body.contains("暂无待办事项。") && home.body.contains("还没有培训班"))
            #expect(home.body.contains("报名中的考试场次") && home.body.contains("暂无 <span lang=\"en\">None at present</span>"))
        }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let home = try await browser.get("/")
            #expect(home.status == .ok && !home.body.contains("报名中的考试场次") && home.body.contains("href=\"/institutions\""))
        }
    }
}
