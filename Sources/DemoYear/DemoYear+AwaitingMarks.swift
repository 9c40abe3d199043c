import Domain
import Store

/// The year ends with one exam held and its marks not yet entered: a 广东烧味制作 assessment
/// (practical only: one panel) held four days before the year's end, whose panel has the demo's two
/// examiner accounts on it, so that both can key the panel's marks in the web app's grid (blind
/// double entry), and the bureau can then settle, lock and issue, as `make demo`'s visitor would.
/// Its three candidates are people on file from earlier years (a special-ability assessment has no
/// entry condition); nothing here draws on the year's random numbers, so the rest of the year is
/// the same with or without it.
extension DemoYearBuilder {
    static let awaitingMarksItem = "YC01"
    static let awaitingMarksRoom = "实操一组"
    /// People on file kept for the session, beside the apprentices.
    static let awaitingMarksCandidates = 3

    var awaitingMarksDay: CivilDate { yearEnd.adding(days: -4) }

    /// Writes down the session's steps: planned and opened mid-December, the bureau registers the
    /// candidates the next day, closes and staffs it two days before, holds it on its day.
    func scheduleSessionAwaitingMarks() {
        let examDay = awaitingMarksDay
        agenda.on(examDay.adding(days: -13)) {
            let planned = try self.store.createExamSession(
                ExamSessionPlan(target: .specialAbility(code: Self.awaitingMarksItem), subTrade: nil, examDate: examDay,
                                rooms: [ExamRoomPlan(name: Self.awaitingMarksRoom, part: .practical, seats: 30)]),
                bodyId: self.bodies["yuecai"]!.id!, actor: self.admin).session
            let sessionId = planned.id!
            self.counts.sessions += 1
            _ = try self.store.moveExamSession(id: sessionId, to: .open, actor: self.admin)
            self.agenda.on(examDay.adding(days: -12)) { try self.registerAwaitingMarks(sessionId) }
            self.agenda.on(examDay.adding(days: -2)) {
                _ = try self.store.moveExamSession(id: sessionId, to: .closed, actor: self.admin)
                // The panel of three: the two examiners who sign in, and a third who does not.
                let pool = self.examiners["yuecai"]!
                _ = try self.store.assignExaminers(sessionId: sessionId, roomName: Self.awaitingMarksRoom,
                                                   examinerIds: Array(pool.prefix(3)), actor: self.admin)
            }
            self.agenda.on(examDay) {
                _ = try self.store.holdExamSession(id: sessionId, actor: self.admin)
                self.counts.sessionsAwaitingMarks += 1
            }
        }
    }

    private func registerAwaitingMarks(_ sessionId: Int64) throws {
        for nationalId in awaitingMarksCandidates {
            let outcome = try store.registerCandidate(sessionId: sessionId, nationalId: try typedID(nationalId),
                                                      declaration: CandidateDeclaration(), actor: admin)
            guard outcome.registered.count == 1 else {
                throw DemoError.refused(step: "session register \(sessionId)", chinese: "考生未能报名", english: "a candidate could not be registered")
            }
            counts.registrations += 1
        }
    }
}
