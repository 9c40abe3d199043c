import Testing
import GRDB
import Domain
@testable import Store

/// The rooms of one part run at the same time, so a person counts in one room of a part only.
@Suite struct ExamStaffingOverlapTests {
    /// Two theory rooms and two practical panels of two seats each: the three trainees fill
    /// 理论一室 and 实操一组 and sit one each in 理论二室 and 实操二组.
    func twoRoomsPerPart(_ w: ExamWorld) throws -> ExamSession {
        let session = try w.openSession(ExamWorld.plan([
            ExamRoomPlan(name: "理论一室", part: .theory, seats: 2), ExamRoomPlan(name: "理论二室", part: .theory, seats: 2),
            ExamRoomPlan(name: "实操一组", part: .practical, seats: 2), ExamRoomPlan(name: "实操二组", part: .practical, seats: 2),
        ]))
        _ = try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!,
                                       declaration: CandidateDeclaration(declaredYears: 1), actor: w.world.clerkA)
        return session
    }

    func ids(_ examiners: ArraySlice<ExaminerSummary>) -> [Int64] { examiners.map { $0.examiner.id! } }

    func overlap(_ examiner: ExaminerSummary, _ kind: String, _ rooms: String) -> String {
        "examiner \(examiner.person.name) (no. \(examiner.examiner.id!)) is assigned to the \(kind) \(rooms): "
            + "the rooms of one part run at the same time, so a person serves in one of them"
    }

    @Test func theSameInvigilatorsCannotBeAssignedToASecondTheoryRoom() throws {
        let w = try ExamWorld()
        let session = try twoRoomsPerPart(w)
        _ = try w.store.assignExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: ids(w.examiners[0...1]), actor: w.admin)
        #expect {
            try w.store.assignExaminers(sessionId: session.id!, roomName: "理论二室", examinerIds: ids(w.examiners[0...1]), actor: w.admin)
        } throws: { error in
            brokenRules(error) == [overlap(w.examiners[0], "theory rooms", "理论一室 and 理论二室"),
                                   overlap(w.examiners[1], "theory rooms", "理论一室 and 理论二室")]
        }
        #expect(try w.store.examSession(id: session.id!, actor: w.admin).rooms[1].examiners.isEmpty)
    }

    @Test func fourPeopleForTwoTheoryRoomsAndTheSameExaminersOnThePanelsOfTheOtherPartAreHeld() throws {
        let w = try ExamWorld()
        let session = try twoRoomsPerPart(w)
        let moreIds = ["442000197001010012", "442000197102020025", "442000197203030038"]
        let more = try moreIds.enumerated().map { index, id in
            try w.store.addExaminer(ExamWorld.examiner(id, "考评员\(index + 5)", body: w.world.body,
                                                       qualifications: [.occupation(code: "4-03-02-01", level: .level4)]), actor: w.admin)
        }
        _ = try w.store.assignExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: ids(w.examiners[0...1]), actor: w.admin)
        _ = try w.store.assignExaminers(sessionId: session.id!, roomName: "理论二室", examinerIds: ids(w.examiners[2...3]), actor: w.admin)
        // Theory invigilators may sit on the practical panels: the parts do not run at once.
        _ = try w.store.assignExaminers(sessionId: session.id!, roomName: "实操一组", examinerIds: ids(w.examiners[0...2]), actor: w.admin)
        #expect {
            try w.store.assignExaminers(sessionId: session.id!, roomName: "实操二组",
                                        examinerIds: [w.examiners[2].examiner.id!] + ids(more[0...1]), actor: w.admin)
        } throws: { error in
            brokenRules(error) == [overlap(w.examiners[2], "practical panels", "实操一组 and 实操二组")]
        }
        _ = try w.store.assignExaminers(sessionId: session.id!, roomName: "实操二组", examinerIds: ids(more[0...2]), actor: w.admin)
        _ = try w.store.moveExamSession(id: session.id!, to: .closed, actor: w.admin)
        #expect(try w.store.examSession(id: session.id!, actor: w.admin).staffingProblems.isEmpty)
        #expect(try w.store.holdExamSession(id: session.id!, actor: w.admin).session.status == .held)
    }

    @Test func anOverlapAlreadyRecordedIsAStaffingProblemThatStopsTheSessionBeingHeld() throws {
        let w = try ExamWorld()
        let session = try twoRoomsPerPart(w)
        _ = try w.store.assignExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: ids(w.examiners[0...1]), actor: w.admin)
        _ = try w.store.assignExaminers(sessionId: session.id!, roomName: "实操一组", examinerIds: ids(w.examiners[0...2]), actor: w.admin)
        // As a database written before the rule would hold it: the same two in both theory rooms.
        try w.store.rawWrite { db in
            try db.execute(sql: """
                INSERT INTO exam_room_examiners (room_id, examiner_id, assigned_at)
                SELECT r.id, e.examiner_id, 'then' FROM exam_rooms r, exam_room_examiners e JOIN exam_rooms first ON first.id = e.room_id
                WHERE r.session_id = ? AND r.name = '理论二室' AND first.session_id = r.session_id AND first.name = '理论一室'
                """, arguments: [session.id])
        }
        let problems = try w.store.examSession(id: session.id!, actor: w.admin).staffingProblems.map(\.english)
        #expect(problems.contains(overlap(w.examiners[0], "theory rooms", "理论一室 and 理论二室")))
        #expect(problems.contains(overlap(w.examiners[1], "theory rooms", "理论一室 and 理论二室")))
        _ = try w.store.moveExamSession(id: session.id!, to: .closed, actor: w.admin)
        #expect {
            try w.store.holdExamSession(id: session.id!, actor: w.admin)
        } throws: { error in
            brokenRules(error).contains(overlap(w.examiners[0], "theory rooms", "理论一室 and 理论二室"))
        }
    }
}
