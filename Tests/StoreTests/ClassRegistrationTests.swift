import Testing
import GRDB
import Domain
@testable import Store

/// A class's completed trainees registered for a session, each with what that person declares
/// (the Store tests' catalog: level 5 is route 5A, one year in the occupation), all or nothing.
@Suite struct ClassRegistrationTests {
    func place(_ w: ExamWorld, _ person: TraineeCandidate) throws -> Int64 {
        try #require(try w.store.cohortTrainees(cohortId: w.cohort.id!, actor: w.admin).rows
            .first { $0.nationalId == person.nationalId.value }?.enrolmentId)
    }

    @Test func eachPersonIsJudgedWithTheirOwnYearsAtTheBoundaryAndNothingIsWritten() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        let judged = try w.store.classRegistration(sessionId: session.id!, cohortId: w.cohort.id!, declarations: [
            try place(w, chen): CandidateDeclaration(declaredYears: 1), try place(w, wang): CandidateDeclaration(declaredYears: 0),
        ], actor: w.world.clerkA)
        #expect(judged.candidates.map(\.name) == ["陈大文", "王𠈌", "李四"])
        #expect(judged.candidates[0].standing == .admitted(route: "5A"))
        #expect(judged.candidates[1].standing == .lacking([Rejection(
            "路线 5A：需从事本职业 1 年，申报人为 0 年", "route 5A: needs 1 years in this occupation; the candidate declares 0")]))
        // Nothing declared for 李四: nothing assumed.
        #expect(judged.candidates[2].declaration == CandidateDeclaration())
        if case .lacking = judged.candidates[2].standing {} else { Issue.record("李四 declared nothing and is not admitted") }
        #expect(try w.count("exam_registrations") == 0)
    }

    @Test func theChosenAreRegisteredWithTheirOwnDeclarations() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        let outcome = try w.store.registerClassTrainees(sessionId: session.id!, cohortId: w.cohort.id!, chosen: [
            try place(w, chen): CandidateDeclaration(declaredYears: 1),
            try place(w, li): CandidateDeclaration(declaredYears: 3, diplomas: [.juniorCollege]),
        ], actor: w.world.clerkA)
        #expect(outcome.registered.map(\.name) == ["陈大文", "李四"])
        let kept = try w.store.rawRead { db in
            try Row.fetchAll(db, sql: "SELECT declared_years, diplomas, institution_id, cohort_id FROM exam_registrations ORDER BY id")
        }
        #expect(kept.map { $0[0] as Int } == [1, 3])
        #expect(kept.map { $0[1] as String } == ["", "junior-college"])
        #expect(kept.allSatisfy { ($0[2] as Int64) == w.world.schoolA.id && ($0[3] as Int64) == w.cohort.id })
        #expect(try w.auditActions().filter { $0 == "session.register" }.count == 2)
        // Judged again, they are registered, with their tickets.
        let judged = try w.store.classRegistration(sessionId: session.id!, cohortId: w.cohort.id!, actor: w.world.clerkA)
        #expect(judged.candidates[0].standing == .registered(ticket: "2026000010001"))
    }

    @Test func oneRefusalRegistersNobodyAndNamesThePersonMaskedTheFieldAndTheRule() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        #expect {
            try w.store.registerClassTrainees(sessionId: session.id!, cohortId: w.cohort.id!, chosen: [
                try place(w, chen): CandidateDeclaration(declaredYears: 1), try place(w, wang): CandidateDeclaration(declaredYears: 0),
                try place(w, li): CandidateDeclaration(declaredYears: -1),
            ], actor: w.world.clerkA)
        } throws: { error in
            guard case StoreError.invalidFields(let problems) = error else { return false }
            return problems == [
                FieldProblem(field: .declaredYears, value: "0", rule: Rejection(
                    "王𠈌（110105********002X）不符合任何申报条件：路线 5A：需从事本职业 1 年，申报人为 0 年",
                    "110105********002X meets no eligibility route: route 5A: needs 1 years in this occupation; the candidate declares 0")),
                FieldProblem(field: .declaredYears, value: "-1", rule: Rejection(
                    "李四（340524********001X）的从业年限不能为负数", "340524********001X: years cannot be negative")),
            ]
        }
        #expect(try w.count("exam_registrations") == 0 && w.count("exam_seats") == 0)
        #expect(try !w.auditActions().contains("session.register"))
    }

    @Test func seatsRunningOutRegisterNobody() throws {
        let w = try ExamWorld()
        let session = try w.openSession(ExamWorld.plan([ExamRoomPlan(name: "理论一室", part: .theory, seats: 1),
                                                        ExamRoomPlan(name: "实操一组", part: .practical, seats: 1)]))
        #expect(throws: StoreError.self) {
            try w.store.registerClassTrainees(sessionId: session.id!, cohortId: w.cohort.id!, chosen: [
                try place(w, chen): CandidateDeclaration(declaredYears: 1), try place(w, li): CandidateDeclaration(declaredYears: 1),
            ], actor: w.world.clerkA)
        }
        #expect(try w.count("exam_registrations") == 0 && w.count("exam_seats") == 0)
    }

    @Test func anotherInstitutionsClassOrAPlaceOutsideTheClassIsNotFoundAndExaminersAreRefused() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        let chenPlace = try place(w, chen)
        let declared = CandidateDeclaration(declaredYears: 1)
        // 乙's clerk: 甲's class does not exist for her, to look at or to register.
        #expect(throws: StoreError.notFound(kind: "培训班", key: String(w.cohort.id!))) {
            try w.store.classRegistration(sessionId: session.id!, cohortId: w.cohort.id!, actor: w.world.clerkB)
        }
        #expect(throws: StoreError.notFound(kind: "培训班", key: String(w.cohort.id!))) {
            try w.store.registerClassTrainees(sessionId: session.id!, cohortId: w.cohort.id!, chosen: [chenPlace: declared], actor: w.world.clerkB)
        }
        // 乙's own class of the same level, with 甲's trainee's place edited in: not in that class.
        let own = try w.store.createCohort(TrainingWorld.plan(name: "乙校五级班", capacity: 10, target: ExamWorld.cook5),
                                           institutionId: w.world.schoolB.id!, actor: w.world.clerkB)
        #expect(throws: StoreError.notFound(kind: "学员", key: String(chenPlace))) {
            try w.store.registerClassTrainees(sessionId: session.id!, cohortId: own.id!, chosen: [chenPlace: declared], actor: w.world.clerkB)
        }
        #expect(throws: StoreError.self) {
            try w.store.registerClassTrainees(sessionId: session.id!, cohortId: w.cohort.id!, chosen: [chenPlace: declared], actor: w.world.examiner)
        }
        #expect(try w.count("exam_registrations") == 0)
    }

    @Test func thePageJudgesAsTheCommandLinesDryRunDoes() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        for years in [0, 1] {
            let declared = CandidateDeclaration(declaredYears: years)
            let dryRun = try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!, declaration: declared, dryRun: true,
                                                    actor: w.world.clerkA)
            let places = try [chen, wang, li].map { try place(w, $0) }
            let judged = try w.store.classRegistration(sessionId: session.id!, cohortId: w.cohort.id!,
                                                       declarations: Dictionary(uniqueKeysWithValues: places.map { ($0, declared) }),
                                                       actor: w.world.clerkA)
            #expect(judged.candidates.map(\.name) == dryRun.candidates.map(\.name))
            for (page, cli) in zip(judged.candidates, dryRun.candidates) {
                switch (page.standing, cli.result) {
                case (.admitted(let route), .registered(_, _, let cliRoute)): #expect(route == cliRoute)
                case (.lacking(let reasons), .refused(let cliReasons)): #expect(reasons == cliReasons)
                default: Issue.record("\(page.name): the page says \(page.standing), the dry run \(cli.result)")
                }
            }
        }
    }
}
