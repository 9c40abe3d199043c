import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Services
@testable import Store
@testable import WebApp

/// A session with candidates for the ticket and self-service pages: school 甲 (clerk.a's) has a
/// class of 中式烹调师 五级 with 陈大文 and 王𠈌, school 乙 one with 李小梅, all completed and
/// registered for one session on the world's day (2026-11-21) at the evaluation body, up to
/// `stage`: registered (the session still open), marked (every mark entered twice, not yet
/// locked), locked (results published), certified (certificates issued).
struct ExamWorld: Sendable {
    enum Stage: Int, Comparable, Sendable {
        case registered, marked, locked, certified
        static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
    }

    let world: WebWorld
    let cohortId: Int64
    let sessionId: Int64
    let clerkB: User
    var store: Store { world.store }

    static let today = CivilDate(year: 2026, month: 11, day: 21)!
    static let target = CertificationTarget.occupation(code: "4-03-02-01", level: .level5)
    static let chen = (id: "440524188001010014", name: "陈大文")
    static let wang = (id: "11010519491231002X", name: "王𠈌")
    static let li = (id: "442000198511204567", name: "李小梅")
    /// Never on a page, in a PDF's text or in the log.
    static let wholeIds = [chen.id, wang.id, li.id]
    /// Marks entered per candidate: 王𠈌 fails the theory part.
    static func mark(_ name: String, _ part: ExamPart) -> String { name == wang.name && part == .theory ? "55" : "80" }

    init(through stage: Stage) throws {
        world = try WebWorld()
        let store = world.store
        let admin = world.admin
        clerkB = try WebWorld.accounts.addUser(login: "clerk.b", name: "乙经办", role: .institution, institutionId: world.schoolB.id,
                                               password: WebWorld.initialPassword, actor: admin, store: store)
        let body = try #require(try store.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM institutions WHERE kind = 'evaluation'")
        })
        cohortId = try Self.completedCohort(store, name: "2026年第3期中式烹调师（五级）培训班", institution: world.schoolA.id!,
                                            actor: world.clerkA, trainees: [Self.chen, Self.wang])
        let otherCohort = try Self.completedCohort(store, name: "乙校2026年第1期中式烹调师班", institution: world.schoolB.id!,
                                                   actor: clerkB, trainees: [Self.li])
        let session = try store.createExamSession(ExamSessionPlan(
            target: Self.target, examDate: Self.today,
            rooms: [ExamRoomPlan(name: "理论一室", part: .theory, seats: 30),
                    ExamRoomPlan(name: "实操考评组", part: .practical, seats: 30)]), bodyId: body, actor: admin)
        sessionId = session.session.id!
        _ = try store.moveExamSession(id: sessionId, to: .open, actor: admin)
        _ = try store.registerCohort(sessionId: sessionId, cohortId: cohortId, declaration: CandidateDeclaration(declaredYears: 2),
                                     actor: world.clerkA)
        _ = try store.registerCohort(sessionId: sessionId, cohortId: otherCohort, declaration: CandidateDeclaration(declaredYears: 2),
                                     actor: clerkB)
        guard stage > .registered else { return }

        let staff = [("张监考", "44200019900307123X", "理论一室"), ("刘监考", "442000198511205674", "理论一室"),
                     ("黄考评", "442000197812013575", "实操考评组"), ("周考评", "442000198309115675", "实操考评组"),
                     ("吴考评", "442000199107267894", "实操考评组")]
        for (name, id, room) in staff {
            let added = try store.addExaminer(NewExaminer(
                person: NewPerson(nationalId: try NationalID.parse(id, today: Self.today), name: name),
                bodyId: body, qualifications: [Self.target]), actor: admin)
            _ = try store.assignExaminers(sessionId: sessionId, roomName: room, examinerIds: [added.examiner.id!], actor: admin)
        }
        _ = try store.moveExamSession(id: sessionId, to: .closed, actor: admin)
        _ = try store.holdExamSession(id: sessionId, actor: admin)
        let second = try store.addUser(login: "bureau.b", name: "乙科员", role: .bureau, institutionId: nil, actor: admin)
        for (ticket, name) in try tickets() {
            for part in [ExamPart.theory, .practical] {
                for user in [admin, second] {
                    _ = try store.enterScore(sessionId: sessionId, ScoreLine(ticket: ticket, part: part.rawValue, mark: Self.mark(name, part)),
                                             actor: user)
                }
            }
        }
        guard stage > .marked else { return }
        _ = try store.lockResults(sessionId: sessionId, actor: admin)
        guard stage > .locked else { return }
        _ = try store.issueCertificates(sessionId: sessionId, actor: admin)
    }

    func remove() { world.remove() }

    /// Ticket number → name, in ticket order.
    func tickets() throws -> [(String, String)] {
        try store.examSessionSheets(id: sessionId, actor: world.admin).candidates.map { ($0.ticketNumber, $0.name) }
    }

    func ticket(of name: String) throws -> String {
        try #require(try tickets().first { $0.1 == name }?.0)
    }

    /// The certificate numbers issued, by holder.
    func certificate(of name: String) throws -> String {
        try #require(try store.certificates(CertificateFilter(sessionId: sessionId), actor: world.admin).rows.first { $0.name == name }?.number)
    }

    func auditEvents(_ action: String) throws -> [AuditEvent] {
        try store.auditEvents(actor: world.admin, page: .all).rows.filter { $0.action == action }
    }

    private static func completedCohort(_ store: Store, name: String, institution: Int64, actor: User,
                                        trainees: [(id: String, name: String)]) throws -> Int64 {
        let cohort = try store.createCohort(CohortPlan(
            name: name, projectCode: "yuecai", target: target, district: "石岐街道",
            startDate: CivilDate(year: 2026, month: 9, day: 1)!, endDate: CivilDate(year: 2026, month: 10, day: 31)!,
            plannedHours: 80, capacity: 40), institutionId: institution, actor: actor)
        let candidates = try trainees.map { trainee in
            TraineeCandidate(nationalId: try NationalID.parse(trainee.id, today: today), name: trainee.name, phone: "13800138000",
                             education: "senior-secondary", householdType: "urban")
        }
        _ = try store.importTrainees(cohortId: cohort.id!, fileName: "list.csv", format: "CSV UTF-8", mode: .allOrNothing,
                                     actor: actor) { session in
            for (index, trainee) in candidates.enumerated() { _ = try session.add(trainee, row: index + 2) }
        }
        for trainee in trainees {
            _ = try store.recordHours(cohortId: cohort.id!, nationalId: try NationalID.parse(trainee.id, today: today), hoursTenths: 800,
                                      actor: actor)
        }
        _ = try store.completeTrainees(cohortId: cohort.id!, actor: actor)
        return cohort.id!
    }
}

extension WebWorld {
    static let publicAddress = try! PublicAddress("https://skills.example.gov.cn")

    /// `withBrowser`, the server told its public address (`serve --public-url`), which QR codes hold.
    func withPublicBrowser(_ test: @escaping @Sendable (Browser) async throws -> Void) async throws {
        let app = try await WebServer.application(
            store: store, accounts: WebWorld.accounts,
            options: .init(host: "127.0.0.1", port: 0, publicAddress: WebWorld.publicAddress), log: log.requestLog)
        try await app.test(.router) { client in try await test(Browser(client: client)) }
    }
}
