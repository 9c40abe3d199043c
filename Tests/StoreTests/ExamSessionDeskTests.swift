import Testing
import GRDB
import Domain
@testable import Store

/// The reads behind the bureau's session pages: its choices, one room's candidates a page at a
/// time, and the staffing check that saves nothing.
@Suite struct ExamSessionDeskTests {
    @Test func theChoicesAndTheBodysExaminersAreTheBureaus() throws {
        let w = try ExamWorld()
        let choices = try w.store.sessionPlanningChoices(actor: w.admin)
        #expect(choices.bodies.map(\.id) == [w.world.body.id] && !choices.catalog.occupations.isEmpty)
        #expect(try w.store.examinersOfBody(w.world.body.id!, actor: w.admin).map(\.examiner.id)
                == (w.examiners + [w.fromSchoolA]).map(\.examiner.id))
        for user in [w.world.clerkA, w.world.examiner] {
            #expect(throws: StoreError.self) { try w.store.sessionPlanningChoices(actor: user) }
            #expect(throws: StoreError.self) { try w.store.examinersOfBody(w.world.body.id!, actor: user) }
        }
    }

    @Test func aRoomsCandidatesComeInSeatOrderAPageAtATimeInTheSessionsScope() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        let other = try w.openSession()
        _ = try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!,
                                       declaration: CandidateDeclaration(declaredYears: 2), actor: w.world.clerkA)
        let rooms = try w.store.examSession(id: session.id!, actor: w.admin).rooms.map(\.room.id!)
        let first = try w.store.examRoomCandidates(sessionId: session.id!, roomId: rooms[0], actor: w.admin, page: PageRequest(number: 1, size: 2))
        let second = try w.store.examRoomCandidates(sessionId: session.id!, roomId: rooms[0], actor: w.admin, page: PageRequest(number: 2, size: 2))
        #expect(first.map(\.seat) == [1, 2] && second.map(\.seat) == [3] && first.total == 3)
        #expect(first.rows[0].nationalId.count == 18, "whole here: the page masks it")
        // A room of another session is not this session's.
        let otherRoom = try w.store.examSession(id: other.id!, actor: w.admin).rooms[0].room.id!
        #expect(throws: StoreError.self) { try w.store.examRoomCandidates(sessionId: session.id!, roomId: otherRoom, actor: w.admin) }
        // A clerk is refused room lists; an examiner not staffing the session does not see it.
        #expect(throws: StoreError.self) { try w.store.examRoomCandidates(sessionId: session.id!, roomId: rooms[0], actor: w.world.clerkA) }
        #expect(throws: StoreError.notFound(kind: "考试场次", key: String(session.id!))) {
            try w.store.examRoomCandidates(sessionId: session.id!, roomId: rooms[0], actor: w.world.examiner)
        }
    }

    @Test func theCheckNamesWhatAssigningWouldMeetAndSavesNothing() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        _ = try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!,
                                       declaration: CandidateDeclaration(declaredYears: 2), actor: w.world.clerkA)
        let sameDay = try w.openSession()
        try w.staff(sameDay, room: "理论一室", [w.examiners[1]])
        let before = try w.count("exam_room_examiners")
        let check = try w.store.checkExaminers(sessionId: session.id!, roomName: "理论一室",
                                               examinerIds: [w.examiners[0].examiner.id!, w.examiners[1].examiner.id!, w.fromSchoolA.examiner.id!],
                                               actor: w.admin)
        // The 甲 school teacher, once per candidate 甲 trained; nobody else.
        #expect(check.refusals.count == 3 && check.refusals.allSatisfy {
            $0.english.contains("examiner \(w.fromSchoolA.examiner.id!) works for") && $0.english.contains("trained candidate")
        })
        #expect(check.roomShortfalls.isEmpty, "three invigilators for three candidates")
        #expect(check.sameDay.map(\.english) == [
            "examiner 考评员2 (no. \(w.examiners[1].examiner.id!)) is in room 理论一室 of exam session \(sameDay.id!) on the same day (\(ExamWorld.examDay))"])
        let alone = try w.store.checkExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: [w.examiners[0].examiner.id!], actor: w.admin)
        #expect(alone.refusals.isEmpty && alone.sameDay.isEmpty)
        #expect(alone.roomShortfalls.map(\.english) == ["room 理论一室: a theory room needs at least 2 invigilators, it has 1"])
        #expect(try w.count("exam_room_examiners") == before)
        #expect(throws: StoreError.self) {
            try w.store.checkExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: [w.examiners[0].examiner.id!], actor: w.world.clerkA)
        }
    }
}
