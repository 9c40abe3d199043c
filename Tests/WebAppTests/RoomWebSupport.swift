import Foundation
import Testing
import Domain
@testable import Store

/// A held exam session for the examiners' pages: school 甲's class of three (陈一, a hostile name,
/// 李三) registered for cooking level 4 on 2026-12-15, its theory room 理论一室 staffed by exam.1
/// and exam.2 (both signed-in users), its practical panel 实操考评组 by three examiners without a
/// login, so that exam.1 does not staff it. The world's clock is moved to the exam day.
struct RoomWorld: Sendable {
    let w: CohortWorld
    let session: ExamSession
    let theoryRoom: Int64
    let practicalRoom: Int64
    let examiner2: User
    /// The theory room's lines in seat order: (registration id, ticket).
    let lines: [(registrationId: Int64, ticket: String)]
    var world: WebWorld { w.world }
    var store: Store { w.store }

    static let hostile = "<script>alert(1)</script>"
    static let cooking4 = CertificationTarget.occupation(code: "4-03-02-01", level: .level4)

    init() throws {
        w = try CohortWorld()
        let store = w.store, clerk = w.world.clerkA, admin = w.world.admin
        let done = try store.createCohort(CohortWorld.plan("九月班", start: "2026-09-01", end: "2026-09-30"),
                                          institutionId: w.world.schoolA.id!, actor: clerk)
        try w.enrol([("陈一", 1), (Self.hostile, 2), ("李三", 3)], into: done.id!, actor: clerk)
        for n in 1...3 { try w.setHours(n, 90, in: done.id!, actor: clerk) }
        _ = try store.completeTrainees(cohortId: done.id!, actor: clerk)
        let body = try store.institution("中山市丙职业技能评价中心", actor: admin)
        let planned = try store.createExamSession(ExamSessionPlan(
            target: Self.cooking4, examDate: try CivilDate.parse("2026-12-15"),
            rooms: [ExamRoomPlan(name: "理论一室", part: .theory, seats: 30), ExamRoomPlan(name: "实操考评组", part: .practical, seats: 30)]),
            bodyId: body.id!, actor: admin)
        let id = planned.session.id!
        _ = try store.moveExamSession(id: id, to: .open, actor: admin)
        _ = try store.registerCohort(sessionId: id, cohortId: done.id!, declaration: CandidateDeclaration(declaredYears: 6), actor: clerk)
        examiner2 = try WebWorld.accounts.addUser(login: "exam.2", name: "考评员二", role: .examiner, institutionId: body.id,
                                                  password: WebWorld.initialPassword, actor: admin, store: store)
        func examiner(_ n: Int, login: String?) throws -> Int64 {
            try store.addExaminer(NewExaminer(
                person: NewPerson(nationalId: try NationalID.parse(CohortWorld.nationalId(100 + n), today: CivilDate(year: 2026, month: 11, day: 21)!),
                                  name: "考评员\(n)"),
                bodyId: body.id!, userLogin: login, qualifications: [Self.cooking4]), actor: admin).examiner.id!
        }
        _ = try store.assignExaminers(sessionId: id, roomName: "理论一室",
                                      examinerIds: [try examiner(1, login: "exam.1"), try examiner(2, login: "exam.2")], actor: admin)
        _ = try store.assignExaminers(sessionId: id, roomName: "实操考评组",
                                      examinerIds: [try examiner(3, login: nil), try examiner(4, login: nil), try examiner(5, login: nil)],
                                      actor: admin)
        _ = try store.moveExamSession(id: id, to: .closed, actor: admin)
        w.world.clock.advance(minutes: 24 * 24 * 60)
        session = try store.holdExamSession(id: id, actor: admin).session
        let rooms = try store.examinerRooms(actor: w.world.examiner)
        let theory = try #require(rooms.first)
        theoryRoom = theory.room.id!
        lines = theory.lines.map { ($0.registrationId, $0.ticket) }
        // Planned after the theory room, in the order of the plan.
        practicalRoom = theoryRoom + 1
    }

    func remove() { w.remove() }

    var gridPath: String { "/rooms/\(theoryRoom)" }

    func field(_ line: Int) -> String { "mark-\(lines[line].registrationId)" }

    /// The theory room's grid as `user` sees it.
    func grid(as user: User) throws -> RoomScoreGrid { try store.roomScoreGrid(roomId: theoryRoom, actor: user) }

    func enterScoreAuditCount() throws -> Int {
        try store.auditEvents(actor: world.admin, entity: "exam_registrations", page: .all).rows.filter { $0.action == "results.enter" }.count
    }
}
