import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
@testable import Store
@testable import WebApp

/// The people pages: a clerk's trainees fifty to a page, one person with their training, exam
/// registrations and the history of changes to them, one registration with its marks and its
/// history; masked throughout, another institution's records the same 404 as missing ones.
struct PersonWorld: Sendable {
    let r: RegistrationWorld
    var world: WebWorld { r.world }
    var store: Store { r.store }
    /// 陈一 (school 甲's) and 钱五 (school 乙's), and their registrations for the open session.
    let chen: Int64
    let qian: Int64
    let chenRegistration: Int64
    let qianRegistration: Int64

    static let today = CivilDate(year: 2026, month: 11, day: 21)!
    static let hostile = "<script>alert(1)</script>"
    static let phone = "13912345678"

    init() throws {
        r = try RegistrationWorld()
        let admin = r.world.admin
        func id(_ n: Int) throws -> NationalID { try NationalID.parse(CohortWorld.nationalId(n), today: PersonWorld.today) }
        let chen = try r.store.person(nationalId: try id(1), actor: admin).id!
        let qian = try r.store.person(nationalId: try id(5), actor: admin).id!
        self.chen = chen
        self.qian = qian
        _ = try r.store.registerCandidate(sessionId: r.session.id!, nationalId: try id(1),
                                          declaration: CandidateDeclaration(declaredYears: 6), actor: r.world.clerkA)
        _ = try r.store.registerCandidate(sessionId: r.session.id!, nationalId: try id(5),
                                          declaration: CandidateDeclaration(declaredYears: 6), actor: admin)
        let registrations = try r.store.writer.read { db in try ExamRegistration.fetchAll(db) }
        chenRegistration = try #require(registrations.first { $0.personId == chen }?.id)
        qianRegistration = try #require(registrations.first { $0.personId == qian }?.id)
        // The bureau corrects 陈一's phone, with a reason a hostile hand typed.
        _ = try r.store.updatePerson(nationalId: try id(1), phone: try MobilePhone.parse(PersonWorld.phone),
                                     reason: PersonWorld.hostile, actor: admin)
    }

    func remove() { r.remove() }
}

@Suite struct PersonWebTests {
    @Test func signedOutEveryPageLeadsToSignIn() async throws {
        let p = try PersonWorld()
        defer { p.remove() }
        try await p.world.withBrowser { browser in
            for path in ["/persons", "/persons/\(p.chen)", "/registrations/\(p.chenRegistration)"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/signin", "GET \(path)")
            }
        }
    }

    @Test func theClerkListsHerTraineesMaskedAndFindsThemByName() async throws {
        let p = try PersonWorld()
        defer { p.remove() }
        try await p.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let home = try await browser.get("/")
            #expect(home.body.contains("href=\"/persons\""))
            let list = try await browser.get("/persons")
            #expect(list.status == .ok)
            #expect(list.body.contains("<a href=\"/persons/\(p.chen)\">陈一</a>"))
            #expect(list.body.contains(RegistrationWorld.masked(1)) && !list.body.contains(CohortWorld.nationalId(1)))
            #expect(list.body.contains(Masking.phone(PersonWorld.phone)) && !list.body.contains(PersonWorld.phone))
            #expect(list.body.contains("赵四") && !list.body.contains("钱五"), "her trainees only")
            #expect(!list.body.contains("尚在建设中"), "no longer a placeholder")
            let found = try await browser.get("/persons?name=%E9%99%88")  // 陈
            #expect(found.body.contains("陈一") && !found.body.contains("王二"))
        }
    }

    @Test func thePersonPageShowsTrainingRegistrationsAndTheMaskedHistoryOfAChange() async throws {
        let p = try PersonWorld()
        defer { p.remove() }
        try await p.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let page = try await browser.get("/persons/\(p.chen)")
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>陈一</h1>"))
            #expect(page.body.contains("{{x}}&lt;b&gt;九月班&lt;/b&gt;") && !page.body.contains("<b>九月班"))
            #expect(page.body.contains("href=\"/registrations/\(p.chenRegistration)\""))
            // The phone correction: who, when (China time), before and after masked, the reason escaped.
            let change = page.body.components(separatedBy: "<tr>").first { $0.contains("person.update") } ?? ""
            #expect(change.contains("<td>admin <small>bureau</small></td>"))
            let at = try #require(p.store.recordHistory(of: .person(p.chen), actor: p.world.admin).rows.first).event.at
            #expect(change.contains("<td>\(BureauTime.shown(at))</td>"))
            #expect(change.contains(Masking.phone(PersonWorld.phone)))
            #expect(change.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.body.contains("<script>alert(1)"))
            #expect(page.body.contains("修改记录") && page.body.contains("person.update"))
            #expect(!page.body.contains(CohortWorld.nationalId(1)), "the whole ID appears nowhere, history included")
            #expect(!page.body.contains(PersonWorld.phone), "the whole phone appears nowhere, history included")
            #expect(!page.body.contains("/audit?"), "the trail is the bureau's")
        }
    }

    @Test func anotherInstitutionsPersonOrRegistrationIsNotFoundLikeAMissingOne() async throws {
        let p = try PersonWorld()
        defer { p.remove() }
        try await p.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let other = try await browser.get("/persons/\(p.qian)")
            let missing = try await browser.get("/persons/999999")
            #expect(other.status == .notFound && missing.status == .notFound && other.body == missing.body)
            #expect(!other.body.contains("钱五"))
            let otherRegistration = try await browser.get("/registrations/\(p.qianRegistration)")
            let missingRegistration = try await browser.get("/registrations/999999")
            #expect(otherRegistration.status == .notFound && missingRegistration.status == .notFound)
            #expect(otherRegistration.body == missingRegistration.body)
        }
        #expect(throws: StoreError.self) { try p.store.recordHistory(of: .person(p.qian), actor: p.world.clerkA) }
        #expect(throws: StoreError.self) { try p.store.recordHistory(of: .person(p.chen), actor: p.world.examiner) }
    }

    @Test func theRegistrationPageShowsTheSessionMarksAndWhoRegistered() async throws {
        let p = try PersonWorld()
        defer { p.remove() }
        try await p.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let page = try await browser.get("/registrations/\(p.chenRegistration)")
            #expect(page.status == .ok)
            #expect(page.body.contains("href=\"/persons/\(p.chen)\">陈一</a>"))
            #expect(page.body.contains("2026-12-15") && page.body.contains("报名中 open"))
            #expect(page.body.contains("理论知识 theory") && page.body.contains("未录入"))
            let registered = page.body.components(separatedBy: "<tr>").first { $0.contains("session.register") } ?? ""
            #expect(registered.contains("<td>clerk.a <small>institution</small></td>"))
            #expect(!page.body.contains(CohortWorld.nationalId(1)))
        }
    }

    @Test func theRegistrationPageShowsWhatTheCandidateDeclared() async throws {
        let p = try PersonWorld()
        defer { p.remove() }
        // 王二 declares no years but a technical-school diploma: the route for graduates admits her.
        let wang = try NationalID.parse(CohortWorld.nationalId(2), today: PersonWorld.today)
        _ = try p.store.registerCandidate(sessionId: p.r.session.id!, nationalId: wang,
                                          declaration: CandidateDeclaration(declaredYears: 0, diplomas: [.technicalSchool]),
                                          actor: p.world.clerkA)
        let wangId = try #require(try p.store.person(nationalId: wang, actor: p.world.admin).id)
        let wangRegistration = try #require(try p.store.personRecord(id: wangId, actor: p.world.admin).registrations.first?.id)
        try await p.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let chen = try await browser.get("/registrations/\(p.chenRegistration)")
            #expect(chen.status == .ok)
            #expect(chen.body.contains("<dt>申报从业年限 <span lang=\"en\">Declared years</span></dt><dd>6 年 <span lang=\"en\">years</span></dd>"))
            #expect(chen.body.contains("<dt>学历 <span lang=\"en\">Diplomas</span></dt><dd>无 <span lang=\"en\">none</span></dd>"))
            let wang = try await browser.get("/registrations/\(wangRegistration)")
            #expect(wang.body.contains("<dt>申报从业年限 <span lang=\"en\">Declared years</span></dt><dd>0 年 <span lang=\"en\">years</span></dd>"))
            #expect(wang.body.contains("<dd>\(Diploma.technicalSchool.shortChineseName) <span lang=\"en\">technical-school</span></dd>"))
        }
    }

    @Test func aPersonTheBureauLoadedInBulkFindsThatLoadInHerHistory() async throws {
        let p = try PersonWorld()
        defer { p.remove() }
        let loaded = try NationalID.parse(CohortWorld.nationalId(9), today: PersonWorld.today)
        _ = try p.store.importPersons(source: "往年培训与鉴定记录", actor: p.world.admin) { session in
            _ = try session.add(NewPerson(nationalId: loaded, name: "孙九"))
        }
        let id = try #require(try p.store.person(nationalId: loaded, actor: p.world.admin).id)
        try await p.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let page = try await browser.get("/persons/\(id)")
            #expect(page.status == .ok)
            let line = page.body.components(separatedBy: "<tr>").first { $0.contains("person.import") } ?? ""
            #expect(line.contains("<td>admin <small>bureau</small></td>"), "\(line)")
            #expect(line.contains("批量登记新建人员记录") && line.contains("往年培训与鉴定记录"), "\(line)")
            #expect(!page.body.contains(CohortWorld.nationalId(9)))
        }
    }

    @Test func theBureauSeesEveryPersonAndALinkToTheirTrail() async throws {
        let p = try PersonWorld()
        defer { p.remove() }
        try await p.world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            let list = try await browser.get("/persons")
            #expect(list.body.contains("href=\"/persons\"") && list.body.contains("陈一") && list.body.contains("钱五"))
            let page = try await browser.get("/persons/\(p.qian)")
            #expect(page.status == .ok && page.body.contains("href=\"/audit?entity=persons&amp;key=\(p.qian)\""))
            let registration = try await browser.get("/registrations/\(p.qianRegistration)")
            #expect(registration.status == .ok && registration.body.contains("<td>admin <small>bureau</small></td>"))
        }
    }
}

@Suite struct RegistrationHistoryWebTests {
    @Test func theMarksEnteredShowOnTheRegistrationWithWhoEnteredThemAndWhen() async throws {
        let room = try RoomWorld()
        defer { room.w.remove() }
        let (registrationId, ticket) = room.lines[0]
        let sessionId = room.session.id!
        _ = try room.store.enterScore(sessionId: sessionId, ScoreLine(ticket: ticket, part: "theory", mark: "85.5"), actor: room.world.examiner)
        _ = try room.store.enterScore(sessionId: sessionId, ScoreLine(ticket: ticket, part: "theory", mark: "85.5"), actor: room.examiner2)
        let events = try room.store.recordHistory(of: .registration(registrationId), actor: room.world.admin).rows.map(\.event)
        #expect(events.map(\.action) == ["results.enter", "results.enter", "session.register"], "newest first")
        try await room.world.withBrowser { browser in
            try await browser.signInFirstTime("clerk.a")
            let page = try await browser.get("/registrations/\(registrationId)")
            #expect(page.status == .ok)
            #expect(page.body.contains("<td>理论知识 theory</td><td>85.5 合格</td>"))
            let entries = page.body.components(separatedBy: "<tr>").filter { $0.contains("results.enter") }
            #expect(entries.count == 2)
            #expect(entries.first?.contains("<td>exam.2 <small>examiner</small></td>") == true)
            #expect(entries.first?.contains("<td>\(BureauTime.shown(events[0].at))</td>") == true)
            #expect(entries.last?.contains("<td>exam.1 <small>examiner</small></td>") == true)
            #expect(entries.allSatisfy { $0.contains("85.5") })
            for n in 1...3 { #expect(!page.body.contains(CohortWorld.nationalId(n))) }
        }
    }
}
