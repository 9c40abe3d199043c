import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Spreadsheet
@testable import Store
@testable import WebApp

/// A clerk registers her completed class for an open exam session: one row per person with the
/// years and diplomas that person declares, the route that admits them or what each route lacks
/// (DOMAIN.md's level-4 template: 4A a level-5 certificate and 4 years after it, 4B 6 years,
/// 4C a technical-school diploma, final-year students included), then the chosen people are
/// registered all or nothing; then her candidates' admission tickets.
struct RegistrationWorld: Sendable {
    let w: CohortWorld
    /// Of school 甲, ended 2026-09-30: 陈一 (1), 王二 (2), 李三 (3) completed; 赵四 (4) still in training.
    let done: Cohort
    /// Of school 乙, with 钱五 (5) completed: never clerk.a's.
    let others: Cohort
    /// Cooking level 4 on 2026-12-15, open for registration.
    let session: ExamSession
    var world: WebWorld { w.world }
    var store: Store { w.store }

    init() throws {
        w = try CohortWorld()
        let store = w.store, clerk = w.world.clerkA, admin = w.world.admin
        done = try store.createCohort(CohortWorld.plan("{{x}}<b>九月班</b>", start: "2026-09-01", end: "2026-09-30"),
                                      institutionId: w.world.schoolA.id!, actor: clerk)
        try w.enrol([("陈一", 1), ("王二", 2), ("李三", 3), ("赵四", 4)], into: done.id!, actor: clerk)
        for n in 1...3 { try w.setHours(n, 90, in: done.id!, actor: clerk) }
        try w.setHours(4, 10, in: done.id!, actor: clerk)
        _ = try store.completeTrainees(cohortId: done.id!, actor: clerk)
        others = try store.createCohort(CohortWorld.plan("乙校九月班", start: "2026-09-01", end: "2026-09-30"),
                                        institutionId: w.world.schoolB.id!, actor: admin)
        try w.enrol([("钱五", 5)], into: others.id!, actor: admin)
        try w.setHours(5, 90, in: others.id!, actor: admin)
        _ = try store.completeTrainees(cohortId: others.id!, actor: admin)
        let body = try store.institution("中山市丙职业技能评价中心", actor: admin)
        let planned = try store.createExamSession(ExamSessionPlan(
            target: CohortWorld.cooking, examDate: try CivilDate.parse("2026-12-15"),
            rooms: [ExamRoomPlan(name: "理论一室", part: .theory, seats: 30), ExamRoomPlan(name: "实操考评组", part: .practical, seats: 30)]),
            bodyId: body.id!, actor: admin)
        session = try store.moveExamSession(id: planned.session.id!, to: .open, actor: admin).session
    }

    func remove() { w.remove() }

    var registerPath: String { "/cohorts/\(done.id!)/sessions/\(session.id!)/register" }
    var ticketsPath: String { "/sessions/\(session.id!)/tickets" }

    func place(_ n: Int) throws -> Int64 { try w.enrolmentId(n, in: n == 5 ? others.id! : done.id!) }

    /// The registration form's fields for the given people of the class: (ID sequence, years,
    /// diplomas, final year of, chosen).
    func form(_ people: [(n: Int, years: String, diplomas: [Diploma], finalYear: Diploma?, chosen: Bool)],
              action: String) throws -> [String: String] {
        var fields = ["action": action]
        fields["rows"] = try people.map { String(try place($0.n)) }.joined(separator: ",")
        for person in people {
            let id = try place(person.n)
            fields["years-\(id)"] = person.years
            for diploma in person.diplomas { fields["diploma-\(id)-\(diploma.rawValue)"] = "on" }
            if let final = person.finalYear { fields["final-\(id)"] = final.rawValue }
            if person.chosen { fields["choose-\(id)"] = "on" }
        }
        return fields
    }

    /// The registrations of the session in order: ID, declared years, route, institution, diplomas.
    func registrations() throws -> [(String, Int, String?, Int64?, String)] {
        let ids = Dictionary(uniqueKeysWithValues: try store.examSessionSheets(id: session.id!, actor: world.admin).candidates
            .map { ($0.personId, $0.nationalId) })
        let sessionId = session.id!
        return try store.writer.read { db in try ExamRegistration.fetchAll(db) }
            .filter { $0.sessionId == sessionId }.sorted { $0.id! < $1.id! }
            .map { (ids[$0.personId] ?? "", $0.declaredYears, $0.routeCode, $0.institutionId, $0.diplomas) }
    }

    /// The audit trail's events of `action`, newest first.
    func audited(_ action: String) throws -> [AuditEvent] {
        try store.auditEvents(actor: world.admin, filter: AuditFilter(action: action)).rows
    }

    func auditCount(_ action: String) throws -> Int { try audited(action).count }

    static func masked(_ n: Int) -> String { Masking.nationalID(CohortWorld.nationalId(n)) }
}

/// The `<tr>` of the page's table that names `name`.
func tableRow(_ body: String, naming name: String) -> String {
    body.components(separatedBy: "<tr>").first { $0.contains("<td>\(name)</td>") } ?? ""
}

@Suite struct ExamRegistrationWebTests {
    @Test func theDeskAndTheClassPageLeadToTheRegistrationOfTheClassForTheOpenSession() async throws {
        let r = try RegistrationWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let home = try await browser.get("/")
            #expect(home.body.contains("<a href=\"\(r.registerPath)\">{{x}}&lt;b&gt;九月班&lt;/b&gt;（结业 3 人）"))
            let show = try await browser.get("/cohorts/\(r.done.id!)")
            #expect(show.body.contains("<a href=\"\(r.registerPath)\">报名结业学员"))
            #expect(show.body.contains("href=\"/cohorts/\(r.done.id!)/roster\"") && show.body.contains("href=\"/cohorts/\(r.done.id!)/roster/whole\""))
            // Nobody of hers is registered yet: no tickets to offer.
            #expect(!show.body.contains(r.ticketsPath) && !home.body.contains(r.ticketsPath))

            let page = try await browser.get(r.registerPath)
            #expect(page.status == .ok)
            #expect(page.body.contains("{{x}}&lt;b&gt;九月班&lt;/b&gt;") && !page.body.contains("<b>九月班"))
            #expect(page.body.contains("另有 1 人未结业，不能报名"))
            // The completed three, masked; not 赵四 in training, not 乙's 钱五.
            for n in 1...3 { #expect(page.body.contains(RegistrationWorld.masked(n))) }
            #expect(!page.body.contains(CohortWorld.nationalId(1)))
            #expect(!page.body.contains("赵四") && !page.body.contains("钱五"))
            // Nothing declared yet: each route says what it lacks, per person.
            let chen = tableRow(page.body, naming: "陈一")
            #expect(chen.contains("不符合") && chen.contains("路线 4B：需从事本职业 6 年，申报人为 0 年"))
            #expect(chen.contains("route 4C: needs to be a technical-school or secondary-vocational graduate of a relevant major (final-year students included)"))
            #expect(chen.contains("路线 4A：需持有本职业五级/初级工或以上等级证书"))
            // Every input of the row has its label.
            let place = try r.place(1)
            for input in ["years-\(place)", "final-\(place)", "choose-\(place)", "diploma-\(place)-technical-school"] {
                #expect(chen.contains("<label for=\"\(input)\"") || chen.contains("for=\"\(input)\""), "\(input)")
                #expect(chen.contains("id=\"\(input)\""), "\(input)")
            }
        }
    }

    @Test func theCheckJudgesEachPersonWithWhatThatPersonDeclaresAtEachBoundary() async throws {
        let r = try RegistrationWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get(r.registerPath)
            // 4B: 5 years is one short, 6 admit. 4C: a senior technical school diploma is not the
            // technical-school diploma; the technical-school diploma admits.
            var page = try await browser.post(r.registerPath, try r.form([
                (1, "5", [], nil, false), (2, "6", [], nil, false), (3, "0", [.seniorTechnicalSchool], nil, false),
            ], action: "check"))
            #expect(page.status == .ok)
            var chen = tableRow(page.body, naming: "陈一"), wang = tableRow(page.body, naming: "王二"), li = tableRow(page.body, naming: "李三")
            #expect(chen.contains("路线 4B：需从事本职业 6 年，申报人为 5 年") && !chen.contains("符合路线"))
            #expect(chen.contains("value=\"5\""), "what she typed stays in the row")
            #expect(wang.contains("符合路线 4B") && wang.contains("admitted by route 4B"))
            #expect(li.contains("路线 4C：需为技工院校或中职相关专业毕业（含最后一学年在校生）") && !li.contains("符合路线"))
            #expect(li.contains("id=\"diploma-\(try r.place(3))-senior-technical-school\" name=\"diploma-\(try r.place(3))-senior-technical-school\" checked"))

            page = try await browser.post(r.registerPath, try r.form([
                (1, "6", [], nil, false), (2, "5", [], nil, false), (3, "0", [.technicalSchool], nil, false),
            ], action: "check"))
            chen = tableRow(page.body, naming: "陈一"); wang = tableRow(page.body, naming: "王二"); li = tableRow(page.body, naming: "李三")
            #expect(chen.contains("符合路线 4B"))
            #expect(wang.contains("申报人为 5 年") && !wang.contains("符合路线"))
            #expect(li.contains("符合路线 4C"), "the diploma route admits a person with no years")

            // A final-year student of a technical school is admitted by 4C; of a junior college, not.
            page = try await browser.post(r.registerPath, try r.form([
                (1, "0", [], .technicalSchool, false), (2, "0", [], .juniorCollege, false), (3, "abc", [], nil, false),
            ], action: "check"))
            #expect(tableRow(page.body, naming: "陈一").contains("符合路线 4C"))
            #expect(!tableRow(page.body, naming: "王二").contains("符合路线"))
            // Years that are not a whole number are refused beside the input, naming the field.
            #expect(page.status == .badRequest)
            #expect(tableRow(page.body, naming: "李三").contains("字段 申报从业年限，值 &quot;abc&quot;：从业年限应为 0 或正整数"))
        }
        #expect(try r.registrations().isEmpty, "checking writes nothing")
    }

    /// A person admitted only by what she typed since the page was shown is ticked by the check;
    /// one shown admitted whom she unticked stays unticked; one not admitted is never ticked.
    @Test func theCheckTicksThoseItNowAdmitsAndKeepsHerUnticking() async throws {
        let r = try RegistrationWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get(r.registerPath)
            var typed = try r.form([(1, "6", [], nil, false), (2, "6", [], nil, false), (3, "5", [], nil, false)], action: "check")
            typed["admitted-\(try r.place(2))"] = "1"   // shown admitted before, unticked by her
            let page = try await browser.post(r.registerPath, typed)
            let chen = tableRow(page.body, naming: "陈一"), wang = tableRow(page.body, naming: "王二"), li = tableRow(page.body, naming: "李三")
            let (first, third) = (try r.place(1), try r.place(3))
            #expect(chen.contains("符合路线 4B") && chen.contains("name=\"choose-\(first)\" checked"))
            #expect(chen.contains("name=\"admitted-\(first)\""), "the page remembers whom it showed admitted")
            #expect(wang.contains("符合路线 4B") && !wang.contains(" checked>"))
            #expect(!li.contains("符合路线") && !li.contains("name=\"choose-\(third)\" checked"))
            #expect(!li.contains("admitted-"))
        }
        #expect(try r.registrations().isEmpty, "checking writes nothing")
    }

    @Test func theChosenAreRegisteredEachWithTheYearsTheyDeclare() async throws {
        let r = try RegistrationWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get(r.registerPath)
            // 李三 is admitted by the diploma route but not chosen: not registered.
            let done = try await browser.post(r.registerPath, try r.form([
                (1, "6", [], nil, true), (2, "9", [.juniorCollege], nil, true), (3, "0", [.technicalSchool], nil, false),
            ], action: "register"))
            #expect(done.status == .seeOther && done.location == "\(r.registerPath)?registered=2")
            let page = try await browser.get(try #require(done.location))
            #expect(page.body.contains("已报名 2 人。"))
            #expect(tableRow(page.body, naming: "陈一").contains("准考证号 <span lang=\"en\">ticket</span> 2026000010001"))
            // The page she lands on shows what each of them declared, as she typed it.
            let chen = tableRow(page.body, naming: "陈一"), wang = tableRow(page.body, naming: "王二")
            #expect(chen.contains("<td>6 年 <span lang=\"en\">years</span></td>") && !chen.contains("<td>—</td>"), "\(chen)")
            #expect(wang.contains("<td>9 年 <span lang=\"en\">years</span></td>") && wang.contains("<td>大专及以上 <span lang=\"en\">junior-college</span></td>"),
                    "\(wang)")
            // 李三, not chosen, still has her inputs.
            #expect(tableRow(page.body, naming: "李三").contains("name=\"years-\(try r.place(3))\""))
            #expect(page.body.contains("href=\"\(r.ticketsPath)\""))
            #expect(try await browser.get("/").body.contains("href=\"\(r.ticketsPath)\""))
        }
        let registered = try r.registrations()
        #expect(registered.map(\.0) == [CohortWorld.nationalId(1), CohortWorld.nationalId(2)])
        #expect(registered.map(\.1) == [6, 9], "each person's own years")
        #expect(registered.map(\.2) == ["4B", "4B"])
        #expect(registered.allSatisfy { $0.3 == r.world.schoolA.id })
        #expect(registered.map(\.4) == ["", "junior-college"])
        #expect(try r.auditCount("session.register") == 2)
    }

    @Test func oneRefusedPersonRegistersNobodyAndIsNamedMaskedWithTheFieldAndTheRule() async throws {
        let r = try RegistrationWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get(r.registerPath)
            let refused = try await browser.post(r.registerPath, try r.form([
                (1, "5", [], nil, true), (2, "6", [], nil, true),
            ], action: "register"))
            #expect(refused.status == .badRequest)
            #expect(refused.body.contains("未报名：见下方说明，未写入任何记录。"))
            let masked = RegistrationWorld.masked(1)
            #expect(refused.body.contains("字段 申报从业年限，值 &quot;5&quot;：陈一（\(masked)）不符合任何申报条件：")
                    && refused.body.contains("路线 4B：需从事本职业 6 年，申报人为 5 年"))
            #expect(refused.body.contains("field declared years, value &quot;5&quot;: \(masked) meets no eligibility route: ")
                    && refused.body.contains("route 4B: needs 6 years in this occupation; the candidate declares 5"))
            #expect(!refused.body.contains(CohortWorld.nationalId(1)))
            // What she typed and chose is kept.
            #expect(tableRow(refused.body, naming: "陈一").contains("value=\"5\""))
            #expect(tableRow(refused.body, naming: "王二").contains("name=\"choose-\(try r.place(2))\" checked"))

            // Nobody chosen: nothing to register.
            let none = try await browser.post(r.registerPath, try r.form([(1, "6", [], nil, false)], action: "register"))
            #expect(none.status == .badRequest && none.body.contains("没有选择要报名的学员"))
        }
        #expect(try r.registrations().isEmpty)
        #expect(try r.auditCount("session.register") == 0)
    }

    @Test func aPersonAlreadyRegisteredIsShownWithTheTicketAndCannotBeRegisteredTwice() async throws {
        let r = try RegistrationWorld()
        defer { r.remove() }
        _ = try r.store.registerClassTrainees(sessionId: r.session.id!, cohortId: r.done.id!,
                                              chosen: [try r.place(1): CandidateDeclaration(declaredYears: 6)], actor: r.world.clerkA)
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let page = try await browser.get(r.registerPath)
            let chen = tableRow(page.body, naming: "陈一")
            #expect(chen.contains("2026000010001") && !chen.contains("choose-"))
            #expect(chen.contains("<td>6 年 <span lang=\"en\">years</span></td>") && !chen.contains("name=\"years-"), "the years on record")
            let again = try await browser.post(r.registerPath, try r.form([(1, "6", [], nil, true), (2, "6", [], nil, true)], action: "register"))
            #expect(again.status == .badRequest)
            #expect(again.body.contains("陈一（\(RegistrationWorld.masked(1))）已报名本场次（准考证号 2026000010001）"))
        }
        #expect(try r.registrations().count == 1)
    }

    @Test func aClerkCannotRegisterAnotherSchoolsTraineeByEditingTheFormsIds() async throws {
        let r = try RegistrationWorld()
        defer { r.remove() }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get(r.registerPath)
            // 乙's 钱五, edited into her own class's form, alone and beside her own trainee.
            let alone = try await browser.post(r.registerPath, try r.form([(5, "6", [], nil, true)], action: "register"))
            #expect(alone.status == .notFound)
            let mixed = try await browser.post(r.registerPath, try r.form([(1, "6", [], nil, true), (5, "6", [], nil, true)], action: "register"))
            #expect(mixed.status == .notFound && !mixed.body.contains("钱五"))
            // Checking does not show a stranger either.
            let checked = try await browser.post(r.registerPath, try r.form([(5, "6", [], nil, true)], action: "check"))
            #expect(!checked.body.contains("钱五") && !checked.body.contains(RegistrationWorld.masked(5)))
            // 乙's class, its page, its registration and its roster: not found, as if missing.
            let otherPath = "/cohorts/\(r.others.id!)/sessions/\(r.session.id!)/register"
            #expect(try await browser.get(otherPath).status == .notFound)
            #expect(try await browser.post(otherPath, try r.form([(5, "6", [], nil, true)], action: "register")).status == .notFound)
            #expect(try await browser.get("/cohorts/\(r.others.id!)/roster").status == .notFound)
            #expect(try await browser.get("/cohorts/\(r.others.id!)/roster/whole").status == .notFound)
            #expect(try await browser.post("/cohorts/\(r.others.id!)/roster/whole", ["reason": "核对"]).status == .notFound)
            #expect(try await browser.get("/cohorts/999/sessions/\(r.session.id!)/register").status == .notFound)
            #expect(try await browser.get("/cohorts/\(r.done.id!)/sessions/999/register").status == .notFound)
        }
        #expect(try r.registrations().isEmpty)
    }

    @Test func aHostileNameIsShownAsTheTextItIsInTheRowsAndTheRefusals() async throws {
        let r = try RegistrationWorld()
        defer { r.remove() }
        let clerk = r.world.clerkA
        let hostile = try r.store.createCohort(CohortWorld.plan("十月班", start: "2026-10-01", end: "2026-10-31"),
                                               institutionId: r.world.schoolA.id!, actor: clerk)
        try r.w.enrol([("<script>alert(1)</script>", 7)], into: hostile.id!, actor: clerk)
        try r.w.setHours(7, 90, in: hostile.id!, actor: clerk)
        _ = try r.store.completeTrainees(cohortId: hostile.id!, actor: clerk)
        let path = "/cohorts/\(hostile.id!)/sessions/\(r.session.id!)/register"
        let place = try r.w.enrolmentId(7, in: hostile.id!)
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let page = try await browser.get(path)
            #expect(page.body.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>") && !page.body.contains("<script>alert"))
            let refused = try await browser.post(path, ["action": "register", "rows": String(place), "years-\(place)": "{{x}}",
                                                        "choose-\(place)": "on"])
            #expect(refused.status == .badRequest && refused.body.contains("值 &quot;{{x}}&quot;"))
            let lacking = try await browser.post(path, ["action": "register", "rows": String(place), "years-\(place)": "1",
                                                        "choose-\(place)": "on"])
            #expect(lacking.status == .badRequest)
            #expect(lacking.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;（\(RegistrationWorld.masked(7))）不符合任何申报条件"))
            #expect(!lacking.body.contains("<script>alert"))
        }
        #expect(try r.registrations().isEmpty)
    }

    @Test func signedOutExaminersAndFormsWithoutTheTokenAreRefused() async throws {
        let r = try RegistrationWorld()
        defer { r.remove() }
        let paths = [r.registerPath, "/cohorts/\(r.done.id!)/roster", "/cohorts/\(r.done.id!)/roster/whole", r.ticketsPath, r.ticketsPath + "/whole"]
        try await r.world.withBrowser { browser in
            for path in paths {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location?.hasPrefix("/signin") == true, "\(path)")
            }
            let posted = try await browser.post(r.registerPath, try r.form([(2, "6", [], nil, true)], action: "register"), token: .none)
            #expect(posted.status == .seeOther && posted.location == "/signin")
            let whole = try await browser.post(r.ticketsPath + "/whole", ["reason": "核对"], token: .none)
            #expect(whole.status == .seeOther && whole.location == "/signin" && whole.headers[.contentDisposition] == nil)
        }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("exam.1")
            for path in [r.registerPath, "/cohorts/\(r.done.id!)/roster", "/cohorts/\(r.done.id!)/roster/whole"] {
                #expect(try await browser.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await browser.post(r.registerPath, try r.form([(2, "6", [], nil, true)], action: "register")).status == .forbidden)
            #expect(try await browser.post("/cohorts/\(r.done.id!)/roster/whole", ["reason": "核对"]).status == .forbidden)
            // Tickets belong to the session's own examiners; this one is not assigned to it.
            #expect(try await browser.get(r.ticketsPath).status == .notFound)
        }
        try await r.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            try await browser.get(r.registerPath)
            let noToken = try await browser.post(r.registerPath, try r.form([(2, "6", [], nil, true)], action: "register"), token: .none)
            #expect(noToken.status == .forbidden && noToken.body.contains("表单已失效"))
            let wrong = try await browser.post("/cohorts/\(r.done.id!)/roster/whole", ["reason": "核对"],
                                               token: .given(String(repeating: "a", count: 64)))
            #expect(wrong.status == .forbidden && wrong.headers[.contentDisposition] == nil)
        }
        #expect(try r.registrations().isEmpty)
        #expect(try r.auditCount("person.disclose") == 0)
    }
}
