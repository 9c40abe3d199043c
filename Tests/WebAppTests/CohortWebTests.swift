import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
@testable import Store
@testable import WebApp

/// A clerk's classes (培训班) on the web: the list with its filters and paging, the form that
/// opens a class with each refusal beside its field, a class with its trainees masked, a
/// withdrawal with its reason, and completion after seeing who reaches the hours. Nobody
/// outside the class's institution learns that it exists.
@Suite struct CohortWebTests {
    /// Every field of a valid class, as the form posts them.
    static let validClass = [
        "name": "2026年第10期中式烹调师（四级）培训班", "project": "yuecai", "occupation": "4-03-02-01", "level": "4",
        "district": "小榄镇", "start": "2026-12-01", "end": "2026-12-31", "hours": "120", "capacity": "50",
    ]

    @Test func aSignedOutBrowserIsSentToSignInForEveryCohortPageAndPost() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        try w.enrol([("陈一", 1)], into: w.own.id!, actor: w.world.clerkA)
        let id = w.own.id!, trainee = try w.enrolmentId(1, in: id)
        try await w.world.withBrowser { browser in
            for path in ["/cohorts", "/cohorts/new", "/cohorts/\(id)", "/cohorts/\(id)/complete",
                         "/cohorts/\(id)/trainees/\(trainee)/withdraw"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
            for path in ["/cohorts", "/cohorts/\(id)/complete", "/cohorts/\(id)/trainees/\(trainee)/withdraw"] {
                let page = try await browser.post(path, Self.validClass.merging(["reason": "找到工作"]) { a, _ in a })
                #expect(page.status == .seeOther && page.location == "/signin", "POST \(path)")
            }
        }
        #expect(try w.store.cohorts(actor: w.world.admin).count == 2)
        #expect(try w.store.cohortTrainees(cohortId: id, actor: w.world.admin).rows.map(\.status) == [.enrolled])
    }

    @Test func anExaminerIsRefusedEveryCohortPageAndPostWithTheStoresReason() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        try w.enrol([("陈一", 1)], into: w.own.id!, actor: w.world.clerkA)
        let id = w.own.id!, trainee = try w.enrolmentId(1, in: id)
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            let home = try await browser.get("/")
            #expect(home.status == .ok && !home.body.contains("报名中的考试场次"), "no clerk's desk for an examiner")
            for path in ["/cohorts", "/cohorts/new", "/cohorts/\(id)", "/cohorts/\(id)/complete",
                         "/cohorts/\(id)/trainees/\(trainee)/withdraw"] {
                let page = try await browser.get(path)
                #expect(page.status == .forbidden, "GET \(path)")
                #expect(page.body.contains("考评员不能处理培训班") && page.body.contains("examiners do not handle cohorts"), "GET \(path)")
            }
            for path in ["/cohorts", "/cohorts/\(id)/complete", "/cohorts/\(id)/trainees/\(trainee)/withdraw"] {
                let page = try await browser.post(path, Self.validClass.merging(["reason": "找到工作"]) { a, _ in a })
                #expect(page.status == .forbidden, "POST \(path)")
            }
        }
        #expect(try w.store.cohorts(actor: w.world.admin).count == 2)
        #expect(try w.store.cohortTrainees(cohortId: id, actor: w.world.admin).rows.map(\.status) == [.enrolled])
    }

    @Test func anotherInstitutionsClassAndTraineeAreTheSame404AsMissingOnes() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        try w.enrol([("陈一", 1)], into: w.own.id!, actor: w.world.clerkA)
        try w.enrol([("乙校学员", 2)], into: w.other.id!, actor: w.world.admin)
        try w.setHours(2, 100, in: w.other.id!, actor: w.world.admin)
        let own = w.own.id!, other = w.other.id!
        let otherTrainee = try w.enrolmentId(2, in: other)
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let list = try await browser.get("/cohorts")
            #expect(list.body.contains("2026年第9期中式烹调师（四级）培训班") && !list.body.contains("乙校2026年第1期"))
            let otherPage = try await browser.get("/cohorts/\(other)")
            let missing = try await browser.get("/cohorts/999999")
            #expect(otherPage.status == .notFound && missing.status == .notFound && otherPage.body == missing.body)
            #expect(!otherPage.body.contains("乙校"))
            let otherComplete = try await browser.get("/cohorts/\(other)/complete")
            #expect(otherComplete.status == .notFound && otherComplete.body == missing.body)
            let otherWithdraw = try await browser.get("/cohorts/\(other)/trainees/\(otherTrainee)/withdraw")
            #expect(otherWithdraw.status == .notFound && otherWithdraw.body == missing.body)
            // Another class's trainee named under her own class is not found either.
            #expect(try await browser.get("/cohorts/\(own)/trainees/\(otherTrainee)/withdraw").status == .notFound)
            try await browser.get("/cohorts/\(own)")
            #expect(try await browser.post("/cohorts/\(other)/complete", [:]).status == .notFound)
            #expect(try await browser.post("/cohorts/\(other)/trainees/\(otherTrainee)/withdraw", ["reason": "x"]).status == .notFound)
            #expect(try await browser.post("/cohorts/\(own)/trainees/\(otherTrainee)/withdraw", ["reason": "x"]).status == .notFound)
        }
        #expect(try w.store.cohortTrainees(cohortId: other, actor: w.world.admin).rows.map(\.status) == [.enrolled])
    }

    @Test func postsWithoutTheFormsTokenAreRefusedAndChangeNothing() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        try w.enrol([("陈一", 1)], into: w.own.id!, actor: w.world.clerkA)
        try w.setHours(1, 100, in: w.own.id!, actor: w.world.clerkA)
        let id = w.own.id!, trainee = try w.enrolmentId(1, in: id)
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get("/cohorts/new")
            let create = try await browser.post("/cohorts", Self.validClass, token: .none)
            #expect(create.status == .forbidden && create.body.contains("表单已过期或不是从本站页面提交的"))
            try await browser.get("/cohorts/\(id)/trainees/\(trainee)/withdraw")
            #expect(try await browser.post("/cohorts/\(id)/trainees/\(trainee)/withdraw", ["reason": "找到工作"], token: .none).status == .forbidden)
            try await browser.get("/cohorts/\(id)/complete")
            #expect(try await browser.post("/cohorts/\(id)/complete", [:], token: .given(String(repeating: "a", count: 64))).status == .forbidden)
        }
        #expect(try w.store.cohorts(actor: w.world.admin).count == 2)
        #expect(try w.store.cohortTrainees(cohortId: id, actor: w.world.admin).rows.map(\.status) == [.enrolled])
    }

    @Test func aClerkOpensAClassFromTheCatalogsChoicesAndItIsRecordedAndAudited() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let list = try await browser.get("/cohorts")
            #expect(list.body.contains("href=\"/cohorts/new\""))
            let form = try await browser.get("/cohorts/new")
            #expect(form.status == .ok && form.body.contains("<form method=\"post\" action=\"/cohorts\""))
            for name in ["project", "occupation", "level", "district"] {
                #expect(form.body.contains("<select id=\"\(name)\" name=\"\(name)\""), "select \(name)")
                #expect(form.body.contains("<label for=\"\(name)\">"), "label of \(name)")
            }
            for name in ["name", "start", "end", "hours", "capacity"] {
                #expect(form.body.contains("<input id=\"\(name)\" name=\"\(name)\""), "input \(name)")
                #expect(form.body.contains("<label for=\"\(name)\">"), "label of \(name)")
            }
            #expect(!form.body.contains("<select id=\"institution\""), "a clerk's class is her institution's")
            #expect(form.body.contains("<option value=\"yuecai\">") && form.body.contains("<option value=\"4-03-02-01\">中式烹调师 4-03-02-01</option>"))
            #expect(form.body.contains("<option value=\"special:"), "special-ability items are offered")
            #expect(form.body.contains("<option value=\"小榄镇\">小榄镇</option>"))

            let saved = try await browser.post("/cohorts", Self.validClass)
            #expect(saved.status == .seeOther)
            let location = try #require(saved.location)
            let page = try await browser.get(location)
            #expect(page.status == .ok && page.body.contains("<h1>2026年第10期中式烹调师（四级）培训班</h1>"))
            #expect(page.body.contains("中式烹调师 四级/中级工") && page.body.contains("2026-12-01 至 2026-12-31"))
            #expect(page.body.contains("未开班 <span lang=\"en\">planned</span>"))
        }
        let created = try #require(try w.store.cohorts(actor: w.world.admin).rows.first { $0.cohort.name == "2026年第10期中式烹调师（四级）培训班" })
        #expect(created.cohort.institutionId == w.world.schoolA.id && created.cohort.district == "小榄镇")
        #expect(created.cohort.plannedHours == 120 && created.cohort.capacity == 50 && created.cohort.level == "4")
        let events = try w.store.auditEvents(actor: w.world.admin, entity: "cohorts", key: String(created.cohort.id!)).rows
        #expect(events.map(\.action) == ["cohort.create"] && events[0].actorLogin == "clerk.a")
    }

    @Test func aRefusedClassFormComesBackWithWhatWasTypedAndEachRefusalBesideItsField() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get("/cohorts/new")
            // What the form itself refuses: a level for a special-ability item, dates and numbers that do not parse.
            var typed = Self.validClass
            typed["occupation"] = "special:\(try #require(try w.store.catalog().specialAbilities.first).code)"
            typed["start"] = "2026-13-01"
            typed["hours"] = "八十"
            let first = try await browser.post("/cohorts", typed)
            #expect(first.status == .badRequest)
            #expect(first.body.contains("未保存：请按各栏下方的说明修改后再提交。"))
            #expect(first.body.contains("id=\"level-error\"") && first.body.contains("专项职业能力不分等级"))
            #expect(first.body.contains("id=\"start-error\""))
            #expect(first.body.contains("id=\"hours-error\"") && first.body.contains("须为整数"))
            #expect(first.body.contains("value=\"八十\"") && first.body.contains("value=\"2026-13-01\""), "what was typed is kept")
            #expect(first.body.contains("name=\"name\" type=\"text\" value=\"2026年第10期中式烹调师（四级）培训班\""))

            // What the catalog refuses, through the Store: an occupation of another project, a level it
            // does not offer, an end before the start, no places.
            typed = Self.validClass
            typed["project"] = "nanyue"
            typed["end"] = "2026-11-30"
            typed["capacity"] = "0"
            let second = try await browser.post("/cohorts", typed)
            #expect(second.status == .badRequest)
            #expect(second.body.contains("id=\"occupation-error\"") && second.body.contains("不属于项目"))
            #expect(second.body.contains("id=\"end-error\"") && second.body.contains("结束日期早于开始日期"))
            #expect(second.body.contains("id=\"capacity-error\"") && second.body.contains("班额必须大于 0"))
            #expect(second.body.contains("<option value=\"nanyue\" selected>"), "the choice is kept")

            // The same name twice in one institution is the name's refusal.
            typed = Self.validClass
            typed["name"] = "2026年第9期中式烹调师（四级）培训班"
            let third = try await browser.post("/cohorts", typed)
            #expect(third.status == .badRequest && third.body.contains("id=\"name-error\""))
            #expect(third.body.contains("培训班 2026年第9期中式烹调师（四级）培训班 已存在"))

            // Nothing chosen at all: each choice's refusal beside it.
            let empty = try await browser.post("/cohorts", ["name": "空班"])
            for input in ["project", "occupation", "start", "end", "hours", "capacity"] {
                #expect(empty.body.contains("id=\"\(input)-error\""), "\(input)")
            }
        }
        #expect(try w.store.cohorts(actor: w.world.admin).count == 2, "nothing recorded")
        #expect(try w.store.auditEvents(actor: w.world.admin, entity: "cohorts").rows.count == 2)
    }

    @Test func theListShowsStatusAndPeopleFiltersAndPagesFiftyAtATime() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        // 51 planned classes of 中式面点师 beside the one in training.
        for n in 1...51 {
            _ = try w.store.createCohort(CohortWorld.plan("面点班\(n)", start: "2026-12-01", end: "2026-12-20",
                                                          target: .occupation(code: "4-03-02-02", level: .level5)),
                                         institutionId: w.world.schoolA.id!, actor: w.world.clerkA)
        }
        try w.enrol([("陈一", 1), ("王二", 2)], into: w.own.id!, actor: w.world.clerkA)
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let first = try await browser.get("/cohorts")
            #expect(first.body.contains("共 52 条，第 1–50 条（第 1/2 页）"))
            let second = try await browser.get("/cohorts?page=2")
            #expect(second.body.contains("第 51–52 条") && second.body.contains("2026年第9期中式烹调师（四级）培训班"))
            #expect(second.body.contains("培训中 <span lang=\"en\">in training</span>"))
            #expect(second.body.contains("<td>2</td><td>0</td><td>0</td><td>60</td>"), "two in training, none completed")

            let training = try await browser.get("/cohorts?status=training")
            #expect(training.body.contains("共 1 条") && training.body.contains("2026年第9期"))
            let planned = try await browser.get("/cohorts?status=planned")
            #expect(planned.body.contains("共 51 条") && !planned.body.contains("2026年第9期"))
            #expect(planned.body.contains("href=\"/cohorts?status=planned&amp;page=2\""), "paging keeps the filter")
            let byOccupation = try await browser.get("/cohorts?occupation=4-03-02-01")
            #expect(byOccupation.body.contains("共 1 条") && byOccupation.body.contains("<option value=\"4-03-02-01\" selected>"))
            let byProject = try await browser.get("/cohorts?project=nanyue")
            #expect(byProject.body.contains("共 0 条") && byProject.body.contains("没有培训班"))
        }
        // The bureau reads every institution's classes (and may open one for any of them).
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let list = try await browser.get("/cohorts?occupation=4-03-02-01")
            #expect(list.body.contains("共 2 条") && list.body.contains("乙校2026年第1期中式烹调师班"))
            #expect(list.body.contains("href=\"/cohorts/new\""))
            #expect(try await browser.get("/cohorts/\(w.other.id!)").status == .ok)
        }
    }

    @Test func theStatusFollowsTheDatesAndTheTraineesAtEachBoundary() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        let tomorrow = try w.store.createCohort(CohortWorld.plan("明天开班", start: "2026-11-22", end: "2026-11-30"),
                                                institutionId: w.world.schoolA.id!, actor: w.world.clerkA)
        let today = try w.store.createCohort(CohortWorld.plan("今天开班", start: "2026-11-21", end: "2026-11-21"),
                                             institutionId: w.world.schoolA.id!, actor: w.world.clerkA)
        try w.enrol([("陈一", 1), ("王二", 2)], into: w.own.id!, actor: w.world.clerkA)
        func status(_ cohort: Cohort) throws -> (CohortStatus, Bool) {
            let summary = try w.store.cohort(id: cohort.id!, actor: w.world.clerkA)
            return (summary.status, summary.overdue)
        }
        #expect(try status(tomorrow) == (.planned, false))
        #expect(try status(today) == (.training, false), "the first day is a training day")
        #expect(try status(w.own) == (.training, false))
        // One completed, one still in training: not completed yet.
        try w.setHours(1, 80, in: w.own.id!, actor: w.world.clerkA)
        _ = try w.store.completeTrainees(cohortId: w.own.id!, actor: w.world.clerkA)
        #expect(try status(w.own) == (.training, false))
        // The other withdraws: nobody left in training, one completed.
        _ = try w.store.withdrawTrainee(cohortId: w.own.id!, enrolmentId: try w.enrolmentId(2, in: w.own.id!), reason: "找到工作",
                                        actor: w.world.clerkA)
        #expect(try status(w.own) == (.completed, false))
        // The day after its last day, the class that ended today is overdue once someone is in
        // training in it; an empty one leaves its clerk nothing to do.
        w.world.clock.advance(minutes: 24 * 60)
        #expect(try status(today) == (.training, false))
        try w.enrol([("李三", 3)], into: today.id!, actor: w.world.clerkA)
        #expect(try status(today) == (.training, true))
        #expect(try w.store.cohorts(actor: w.world.clerkA, filter: CohortFilter(overdueOnly: true)).map(\.cohort.name) == ["今天开班"])
        #expect(try status(tomorrow) == (.training, false))
    }

    @Test func aClassShowsItsTraineesMaskedPagedAndEscaped() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        let hostile = try w.store.createCohort(CohortWorld.plan("<script>alert(1)</script>{{x}}"), institutionId: w.world.schoolA.id!,
                                               actor: w.world.clerkA)
        try w.enrol((1...51).map { ("学员\($0)", $0) }, into: hostile.id!, actor: w.world.clerkA)
        try w.setHours(1, 64, in: hostile.id!, actor: w.world.clerkA)
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let page = try await browser.get("/cohorts/\(hostile.id!)")
            #expect(page.status == .ok)
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;{{x}}") && !page.body.contains("<script>alert"))
            #expect(page.body.contains("共 51 条，第 1–50 条"))
            let id1 = CohortWorld.nationalId(1)
            #expect(!page.body.contains(id1) && page.body.contains(Masking.nationalID(id1)))
            #expect(!page.body.contains("13800130001") && page.body.contains(Masking.phone("13800130001")))
            #expect(page.body.contains("<td>学员1</td><td>\(Masking.nationalID(id1))</td><td>\(Masking.phone("13800130001"))</td><td>64</td><td>在读"))
            #expect(page.body.contains("/withdraw\">退学"))
            let second = try await browser.get("/cohorts/\(hostile.id!)?page=2")
            #expect(second.body.contains("学员51") && !second.body.contains("<td>学员1</td>"))
            let list = try await browser.get("/cohorts")
            #expect(list.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;{{x}}") && !list.body.contains("<script>alert"))
        }
    }

    @Test func aTraineeIsWithdrawnOnlyWithAReasonWhichIsKeptAndAudited() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        try w.enrol([("陈一", 1)], into: w.own.id!, actor: w.world.clerkA)
        let id = w.own.id!, trainee = try w.enrolmentId(1, in: id)
        let path = "/cohorts/\(id)/trainees/\(trainee)/withdraw"
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let form = try await browser.get(path)
            #expect(form.status == .ok && form.body.contains("<label for=\"reason\">理由 <span lang=\"en\">Reason</span></label>"))
            #expect(form.body.contains(Masking.nationalID(CohortWorld.nationalId(1))) && !form.body.contains(CohortWorld.nationalId(1)))
            let refused = try await browser.post(path, ["reason": "   "])
            #expect(refused.status == .badRequest && refused.body.contains("id=\"reason-error\"") && refused.body.contains("不能为空"))
            #expect(try w.store.cohortTrainee(cohortId: id, enrolmentId: trainee, actor: w.world.admin).status == .enrolled)

            let done = try await browser.post(path, ["reason": "找到工作"])
            #expect(done.status == .seeOther && done.location == "/cohorts/\(id)?done=withdrawn")
            let page = try await browser.get(done.location!)
            #expect(page.body.contains("学员已退学。") && page.body.contains("退学 <span lang=\"en\">withdrawn</span>"))
            #expect(page.body.contains("2026-11-21 · 找到工作") && !page.body.contains(path))
            // Withdrawn once: a second time is refused with the Store's reason, above the form.
            let again = try await browser.post(path, ["reason": "再次"])
            #expect(again.status == .badRequest && again.body.contains("学员已退学，不能退学"))
        }
        let withdrawn = try w.store.cohortTrainee(cohortId: id, enrolmentId: trainee, actor: w.world.admin)
        #expect(withdrawn.status == .withdrawn && withdrawn.withdrawalReason == "找到工作")
        let events = try w.store.auditEvents(actor: w.world.admin, entity: "enrolments", key: String(trainee)).rows
        #expect(events.map(\.action) == ["enrolment.withdraw"] && events[0].reason == "找到工作" && events[0].actorLogin == "clerk.a")
    }

    @Test func completingShowsWhoReachesTheCatalogsShareBeforeSheConfirms() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        try w.enrol([("陈一", 1), ("王二", 2), ("李三", 3)], into: w.own.id!, actor: w.world.clerkA)
        try w.setHours(1, 80, in: w.own.id!, actor: w.world.clerkA)   // exactly 80 % of 100
        try w.setHours(2, 79, in: w.own.id!, actor: w.world.clerkA)
        let id = w.own.id!
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let show = try await browser.get("/cohorts/\(id)")
            #expect(show.body.contains("href=\"/cohorts/\(id)/complete\""))
            let preview = try await browser.get("/cohorts/\(id)/complete")
            #expect(preview.status == .ok && preview.body.contains("出勤达到 80%（80 学时）"))
            #expect(preview.body.contains("达到学时，将结业：1 人") && preview.body.contains("学时不足，仍在读：2 人"))
            #expect(preview.body.contains("<td>陈一</td><td>\(Masking.nationalID(CohortWorld.nationalId(1)))</td><td>80</td>"))
            #expect(preview.body.contains("<td>王二</td><td>\(Masking.nationalID(CohortWorld.nationalId(2)))</td><td>79 / 80</td>"))
            #expect(!preview.body.contains(CohortWorld.nationalId(1)))
            #expect(preview.body.contains("确认结业 1 人"))
            #expect(try w.store.cohortTrainees(cohortId: id, actor: w.world.admin).rows.map(\.status) == [.enrolled, .enrolled, .enrolled],
                    "the preview changes nothing")

            let done = try await browser.post("/cohorts/\(id)/complete", [:])
            #expect(done.status == .seeOther && done.location == "/cohorts/\(id)?done=completed&n=1")
            #expect(try await browser.get(done.location!).body.contains("已结业 1 人。"))
        }
        #expect(try w.store.cohortTrainees(cohortId: id, actor: w.world.admin).rows.map(\.status) == [.completed, .enrolled, .enrolled])
        let chen = try w.enrolmentId(1, in: id)
        #expect(try w.store.auditEvents(actor: w.world.admin, entity: "enrolments", key: String(chen)).rows.map(\.action)
                .contains("enrolment.complete"))
    }

    @Test func aClassNotYetStartedCannotBeCompletedAndSaysWhy() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        let later = try w.store.createCohort(CohortWorld.plan("下月班", start: "2026-12-01", end: "2026-12-20"),
                                             institutionId: w.world.schoolA.id!, actor: w.world.clerkA)
        try w.enrol([("陈一", 1)], into: later.id!, actor: w.world.clerkA)
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let preview = try await browser.get("/cohorts/\(later.id!)/complete")
            #expect(preview.status == .ok && preview.body.contains("培训班 2026-12-01 才开班，不能结业"))
            #expect(!preview.body.contains("确认结业"))
            let refused = try await browser.post("/cohorts/\(later.id!)/complete", [:])
            #expect(refused.status == .badRequest && refused.body.contains("未结业：见下方说明。"))
            #expect(refused.body.contains("the cohort starts on 2026-12-01; nobody can complete it yet"))
        }
        #expect(try w.store.cohortTrainees(cohortId: later.id!, actor: w.world.admin).rows.map(\.status) == [.enrolled])
    }
}

/// The bureau may open a class for any training institution or school (the Store allows it);
/// its form adds the institution, never an evaluation body.
@Suite struct BureauCohortFormWebTests {
    @Test func theBureausFormChoosesTheInstitutionAndRefusesNoneChosenBesideIt() async throws {
        let w = try CohortWorld()
        defer { w.remove() }
        try await w.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let form = try await browser.get("/cohorts/new")
            #expect(form.status == .ok && form.body.contains("<select id=\"institution\" name=\"institution\""))
            #expect(form.body.contains("<option value=\"\(w.world.schoolB.id!)\">中山市乙家政培训中心（"))
            #expect(!form.body.contains("中山市丙职业技能评价中心"), "evaluation bodies run no classes")
            var typed = CohortWebTests.validClass
            let refused = try await browser.post("/cohorts", typed)
            #expect(refused.status == .badRequest && refused.body.contains("id=\"institution-error\"") && refused.body.contains("请从列表中选择机构"))
            typed["institution"] = String(w.world.schoolB.id!)
            let saved = try await browser.post("/cohorts", typed)
            #expect(saved.status == .seeOther)
        }
        let created = try #require(try w.store.cohorts(actor: w.world.admin).rows.first { $0.cohort.name == CohortWebTests.validClass["name"] })
        #expect(created.cohort.institutionId == w.world.schoolB.id && created.institutionName == "中山市乙家政培训中心")
    }
}
