import Foundation
import Testing
import Domain
@testable import Store

/// A session held on the world's day (2026-11-21) with every mark keyed twice by two bureau
/// users: 陈一 (ticket …0001) of school 甲 whose practical entries differ (85 / 58), 王二's
/// hostile-named classmate `<script>alert(1)</script>` (…0002) and 钱五 (…0003) of school 乙,
/// who fails the practical.
struct ResultsWorld: Sendable {
    let w: CohortWorld
    let session: ExamSession
    let second: User
    var world: WebWorld { w.world }
    var store: Store { w.store }
    var admin: User { w.world.admin }
    var id: Int64 { session.id! }

    static let hostile = "<script>alert(1)</script>"
    static let escapedHostile = "&lt;script&gt;alert(1)&lt;/script&gt;"

    func ticket(_ sequence: Int) -> String { "2026\(String(format: "%05d", Int(id)))\(String(format: "%04d", sequence))" }

    init(enterMarks: Bool = true) throws {
        w = try CohortWorld()
        let store = w.store, clerk = w.world.clerkA, admin = w.world.admin
        let own = try store.createCohort(CohortWorld.plan("甲校九月班", start: "2026-09-01", end: "2026-09-30"),
                                         institutionId: w.world.schoolA.id!, actor: clerk)
        try w.enrol([("陈一", 1), (Self.hostile, 2)], into: own.id!, actor: clerk)
        for n in 1...2 { try w.setHours(n, 90, in: own.id!, actor: clerk) }
        _ = try store.completeTrainees(cohortId: own.id!, actor: clerk)
        let others = try store.createCohort(CohortWorld.plan("乙校九月班", start: "2026-09-01", end: "2026-09-30"),
                                            institutionId: w.world.schoolB.id!, actor: admin)
        try w.enrol([("钱五", 5)], into: others.id!, actor: admin)
        try w.setHours(5, 90, in: others.id!, actor: admin)
        _ = try store.completeTrainees(cohortId: others.id!, actor: admin)

        let body = try store.institution("中山市丙职业技能评价中心", actor: admin)
        let planned = try store.createExamSession(ExamSessionPlan(
            target: CohortWorld.cooking, examDate: try CivilDate.parse("2026-11-21"),
            rooms: [ExamRoomPlan(name: "理论一室", part: .theory, seats: 30), ExamRoomPlan(name: "实操考评组", part: .practical, seats: 30)]),
            bodyId: body.id!, actor: admin)
        let id = planned.session.id!
        _ = try store.moveExamSession(id: id, to: .open, actor: admin)
        _ = try store.registerClassTrainees(sessionId: id, cohortId: own.id!, chosen: [
            try w.enrolmentId(1, in: own.id!): CandidateDeclaration(declaredYears: 6),
            try w.enrolmentId(2, in: own.id!): CandidateDeclaration(declaredYears: 7),
        ], actor: clerk)
        _ = try store.registerClassTrainees(sessionId: id, cohortId: others.id!, chosen: [
            try w.enrolmentId(5, in: others.id!): CandidateDeclaration(declaredYears: 8),
        ], actor: admin)
        let staff = [("张监考", "44200019900307123X", "理论一室"), ("刘监考", "442000198511204567", "理论一室"),
                     ("黄考评", "442000197812013575", "实操考评组"), ("周考评", "442000198309115675", "实操考评组"),
                     ("吴考评", "442000199107267894", "实操考评组")]
        for (name, nationalId, room) in staff {
            let added = try store.addExaminer(NewExaminer(
                person: NewPerson(nationalId: try NationalID.parse(nationalId, today: CivilDate(year: 2026, month: 11, day: 21)!), name: name),
                bodyId: body.id!, qualifications: [CohortWorld.cooking]), actor: admin)
            _ = try store.assignExaminers(sessionId: id, roomName: room, examinerIds: [added.examiner.id!], actor: admin)
        }
        _ = try store.moveExamSession(id: id, to: .closed, actor: admin)
        session = try store.holdExamSession(id: id, actor: admin).session
        second = try store.addUser(login: "bureau.b", name: "乙科员", role: .bureau, institutionId: nil, actor: admin)
        guard enterMarks else { return }
        // (sequence, part, first entry, second entry)
        let marks: [(Int, ExamPart, String, String)] = [
            (1, .theory, "80", "80"), (1, .practical, "85", "58"),
            (2, .theory, "70", "70"), (2, .practical, "75", "75"),
            (3, .theory, "90", "90"), (3, .practical, "50", "50"),
        ]
        for (sequence, part, first, again) in marks {
            _ = try store.enterScore(sessionId: id, ScoreLine(ticket: ticket(sequence), part: part.rawValue, mark: first), actor: admin)
            _ = try store.enterScore(sessionId: id, ScoreLine(ticket: ticket(sequence), part: part.rawValue, mark: again), actor: second)
        }
    }

    func remove() { w.remove() }

    /// Settles 陈一's practical at 85 and locks: two passes (陈一, the hostile name), one fail.
    func settleAndLock() throws {
        _ = try store.settleMismatch(sessionId: id, ticket: ticket(1), part: .practical, mark: "85", reason: "核对原始评分表", actor: admin)
        _ = try store.lockResults(sessionId: id, actor: admin)
    }

    /// Settles, locks and issues: certificates for 陈一 and the hostile name, in number order.
    func certify() throws -> [CertificateLine] {
        try settleAndLock()
        return try store.issueCertificates(sessionId: id, actor: admin).issued
    }

    func audited(_ action: String) throws -> [AuditEvent] {
        try store.auditEvents(actor: admin, filter: AuditFilter(action: action)).rows
    }

    static func masked(_ n: Int) -> String { Masking.nationalID(CohortWorld.nationalId(n)) }
}
