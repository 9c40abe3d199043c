import Testing
import GRDB
import Domain
@testable import Store

/// A level-5 中式烹调师 cohort at 甲 school with three completed trainees, two examiners of the
/// body (one also teaching at 甲), and a session on the fixed day with a theory room and a panel.
struct ExamWorld {
    let training: TrainingWorld
    let cohort: Cohort
    /// Qualified for 中式烹调师 up to level 4; no other institution.
    let examiners: [ExaminerSummary]
    /// Qualified up to level 3, but teaches at 甲 school, whose trainees they must not assess.
    let fromSchoolA: ExaminerSummary
    var world: World { training.world }
    var store: Store { training.store }
    var admin: User { world.admin }

    static let examDay = fixedDay
    static let cook5 = CertificationTarget.occupation(code: "4-03-02-01", level: .level5)
    static let trainees = [chen, wang, li]

    init(trainees: [TraineeCandidate] = ExamWorld.trainees, path: String? = nil) throws {
        training = try TrainingWorld(capacity: 10, path: path)
        cohort = try training.store.createCohort(TrainingWorld.plan(name: "五级班", capacity: 10, target: ExamWorld.cook5),
                                                 institutionId: training.world.schoolA.id!, actor: training.world.clerkA)
        _ = try training.importRows(trainees, into: cohort.id!)
        for trainee in trainees {
            _ = try training.store.recordHours(cohortId: cohort.id!, nationalId: trainee.nationalId, hoursTenths: 750,
                                               actor: training.world.clerkA)
        }
        _ = try training.store.completeTrainees(cohortId: cohort.id!, actor: training.world.clerkA)
        let ids = ["442000199001010011", "442000199002020027", "442000198503030034", "442000198004040043"]
        let (store, body, admin) = (training.store, training.world.body, training.world.admin)
        examiners = try ids.enumerated().map { index, id in
            try store.addExaminer(ExamWorld.examiner(id, "考评员\(index + 1)", body: body,
                                                     qualifications: [.occupation(code: "4-03-02-01", level: .level4)]), actor: admin)
        }
        var teacher = ExamWorld.examiner("44200019950505005X", "甲校老师", body: training.world.body,
                                         qualifications: [.occupation(code: "4-03-02-01", level: .level3)])
        teacher.ownInstitutionId = training.world.schoolA.id
        fromSchoolA = try training.store.addExaminer(teacher, actor: training.world.admin)
    }

    static func examiner(_ id: String, _ name: String, body: Institution, qualifications: [CertificationTarget]) -> NewExaminer {
        let parsed = try! NationalID.parse(id, today: fixedDay)
        return NewExaminer(person: NewPerson(nationalId: parsed, name: name),
                           bodyId: body.id!, qualifications: qualifications)
    }

    static func plan(_ rooms: [ExamRoomPlan] = [ExamRoomPlan(name: "理论一室", part: .theory, seats: 30),
                                                 ExamRoomPlan(name: "实操一组", part: .practical, seats: 30)],
                     target: CertificationTarget = cook5, date: CivilDate = examDay) -> ExamSessionPlan {
        ExamSessionPlan(target: target, examDate: date, rooms: rooms)
    }

    func openSession(_ plan: ExamSessionPlan = ExamWorld.plan()) throws -> ExamSession {
        let summary = try store.createExamSession(plan, bodyId: world.body.id!, actor: admin)
        return try store.moveExamSession(id: summary.session.id!, to: .open, actor: admin).session
    }

    func staff(_ session: ExamSession, room: String, _ examiners: [ExaminerSummary]) throws {
        for examiner in examiners {
            _ = try store.assignExaminers(sessionId: session.id!, roomName: room, examinerIds: [examiner.examiner.id!], actor: admin)
        }
    }

    func auditActions() throws -> [String] {
        try store.rawRead { db in try String.fetchAll(db, sql: "SELECT action FROM audit_events ORDER BY id") }
    }

    func count(_ table: String) throws -> Int { try training.count(table) }
}

/// The rules in StoreError.rulesBroken or .notEligible, in English, for assertions.
func brokenRules(_ error: any Error) -> [String] {
    switch error {
    case StoreError.rulesBroken(_, _, let rules), StoreError.notEligible(_, _, let rules): rules.map(\.english)
    default: []
    }
}

@Suite struct ExamSessionPlanningTests {
    @Test func onlyTheBureauPlansSessionsAndOnlyAtAnEvaluationBody() throws {
        let w = try ExamWorld()
        #expect(throws: StoreError.self) { try w.store.createExamSession(ExamWorld.plan(), bodyId: w.world.body.id!, actor: w.world.clerkA) }
        #expect {
            try w.store.createExamSession(ExamWorld.plan(), bodyId: w.world.schoolA.id!, actor: w.admin)
        } throws: { error in
            guard case StoreError.invalid(let problem) = error else { return false }
            return problem.field == .body && problem.english.contains("is not an evaluation body")
        }
        #expect(try w.count("exam_sessions") == 0)
    }

    @Test func roomsMustMatchTheCatalogsPartsAndTheDateMustNotBePast() throws {
        let w = try ExamWorld()
        let plan = ExamWorld.plan([ExamRoomPlan(name: "评审室", part: .review, seats: 5), ExamRoomPlan(name: "评审室", part: .theory, seats: 0)],
                                  date: CivilDate(year: 2026, month: 11, day: 1)!)
        #expect {
            try w.store.createExamSession(plan, bodyId: w.world.body.id!, actor: w.admin)
        } throws: { error in
            guard case StoreError.invalidFields(let problems) = error else { return false }
            return problems.map(\.english) == [
                "field exam date, value \"2026-11-01\": the exam date is before today (2026-11-21)",
                "field room, value \"评审室:review:5\": this exam has no review part (only theory, practical)",
                "field room, value \"评审室:theory:0\": two rooms have this name",
                "field room, value \"评审室:theory:0\": a room needs at least one seat",
                "field room, value \"\": no room for the practical part (every part needs at least one room)",
            ]
        }
    }

    @Test func aSpecialAbilitySessionIsPracticalOnly() throws {
        let w = try ExamWorld()
        #expect(throws: StoreError.self) {
            try w.store.createExamSession(ExamWorld.plan(target: .specialAbility(code: "YC01")), bodyId: w.world.body.id!, actor: w.admin)
        }
        let summary = try w.store.createExamSession(ExamWorld.plan([ExamRoomPlan(name: "实操", part: .practical, seats: 12)],
                                                                   target: .specialAbility(code: "YC01")),
                                                    bodyId: w.world.body.id!, actor: w.admin)
        #expect(summary.targetName == "广东烧味制作（专项职业能力）")
        #expect(summary.capacity == 12)
    }

    @Test func aSubTradeMustBeOneOfTheOccupations() throws {
        let w = try ExamWorld()
        let housekeeping = CertificationTarget.occupation(code: "4-10-01-06", level: .level5)
        var plan = ExamWorld.plan(target: housekeeping)
        plan.subTrade = "育婴员"
        #expect(storeError { _ = try w.store.createExamSession(plan, bodyId: w.world.body.id!, actor: w.admin) }
                .contains("field sub-trade, value \"育婴员\": is not a sub-trade of 家政服务员 (母婴护理员, 家务服务员)"))
        var cook = ExamWorld.plan()
        cook.subTrade = "母婴护理员"
        #expect(storeError { _ = try w.store.createExamSession(cook, bodyId: w.world.body.id!, actor: w.admin) }
                .contains("中式烹调师 has no sub-trades"))
        plan.subTrade = "母婴护理员"
        let summary = try w.store.createExamSession(plan, bodyId: w.world.body.id!, actor: w.admin)
        #expect(summary.targetName == "家政服务员 五级/初级工（母婴护理员）")
        #expect(summary.session.subTrade == "母婴护理员")
    }

    @Test func statusMovesOnlyForwardOneStepByTheBureau() throws {
        let w = try ExamWorld()
        let id = try w.store.createExamSession(ExamWorld.plan(), bodyId: w.world.body.id!, actor: w.admin).session.id!
        #expect {
            try w.store.moveExamSession(id: id, to: .closed, actor: w.admin)
        } throws: { error in
            (error as? StoreError)?.english.contains("cannot move from planned to registration closed") == true
        }
        #expect(throws: StoreError.self) { try w.store.moveExamSession(id: id, to: .open, actor: w.world.clerkA) }
        #expect(throws: StoreError.self) { try w.store.holdExamSession(id: id, actor: w.admin) }
        #expect(try w.store.moveExamSession(id: id, to: .open, actor: w.admin).session.status == .open)
        #expect(throws: StoreError.self) { try w.store.moveExamSession(id: id, to: .open, actor: w.admin) }
        #expect(try w.auditActions().suffix(2) == ["session.create", "session.open"])
    }
}

@Suite struct ExamRegistrationTests {
    @Test func aCohortsCompletedTraineesAreRegisteredWithTicketsAndSeatsOnlyIfEligible() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        // Nobody declares the year in the occupation that route 5A asks for.
        let refused = try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!, actor: w.world.clerkA)
        #expect(refused.registered.isEmpty)
        #expect(refused.refused.count == 3)
        #expect(refused.refused[0].result == .refused([Rejection(
            "路线 5A：需从事本职业 1 年，申报人为 0 年", "route 5A: needs 1 years in this occupation; the candidate declares 0")]))

        let outcome = try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!,
                                                 declaration: CandidateDeclaration(declaredYears: 2), actor: w.world.clerkA)
        #expect(outcome.registered.map(\.name) == ["陈大文", "王𠈌", "李四"])
        #expect(outcome.registered.first?.result == .registered(ticket: "2026000010001", eligibility: .route, route: "5A"))
        let sheets = try w.store.examSessionSheets(id: session.id!, actor: w.admin)
        #expect(sheets.candidates.map(\.ticketNumber) == ["2026000010001", "2026000010002", "2026000010003"])
        #expect(sheets.candidates[2].seats == [PartSeat(part: .theory, roomName: "理论一室", seat: 3),
                                               PartSeat(part: .practical, roomName: "实操一组", seat: 3)])
        // Registering the cohort again adds nobody twice; registering one of them again is refused.
        let again = try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!,
                                               declaration: CandidateDeclaration(declaredYears: 2), actor: w.world.clerkA)
        #expect(again.alreadyRegistered.count == 3 && again.registered.isEmpty)
        #expect {
            try w.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId,
                                          declaration: CandidateDeclaration(declaredYears: 2), actor: w.admin)
        } throws: { error in
            (error as? StoreError)?.english.contains("candidate 440524********0014（准考证号 2026000010001） already exists") == true
        }
        #expect(try w.count("exam_registrations") == 3)
    }

    @Test func trainingThatHasNotCompletedIsLeftOutAndCountedAndATargetMismatchIsRefused() throws {
        let w = try ExamWorld()
        _ = try w.training.importRows([TrainingWorld.trainee("442000197507070071", "未结业")], into: w.cohort.id!)
        let session = try w.openSession()
        let outcome = try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!,
                                                 declaration: CandidateDeclaration(declaredYears: 1), actor: w.world.clerkA)
        #expect(outcome.registered.count == 3)
        #expect(outcome.notCompleted == 1)
        #expect {
            try w.store.registerCohort(sessionId: session.id!, cohortId: w.training.cohort.id!, actor: w.world.clerkA)
        } throws: { error in
            (error as? StoreError)?.english.contains("the cohort trains for 中式烹调师 四级/中级工, the session assesses 中式烹调师 五级/初级工") == true
        }
    }

    @Test func aDryRunAnswersExactlyButWritesNothing() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        let before = try w.count("audit_events")
        let dry = try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!,
                                             declaration: CandidateDeclaration(declaredYears: 1), dryRun: true, actor: w.world.clerkA)
        #expect(dry.dryRun && dry.registered.count == 3)
        #expect(try w.count("exam_registrations") == 0)
        #expect(try w.count("exam_seats") == 0)
        #expect(try w.count("audit_events") == before)
        let single = try w.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId,
                                                   declaration: CandidateDeclaration(), dryRun: true, actor: w.admin)
        #expect(single.refused.count == 1)
        #expect(try w.count("exam_registrations") == 0)
    }

    @Test func aBureauOverrideNeedsAReasonAndIsAudited() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        #expect {
            try w.store.registerCandidate(sessionId: session.id!, nationalId: wang.nationalId, declaration: CandidateDeclaration(), actor: w.admin)
        } throws: { error in
            brokenRules(error) == ["route 5A: needs 1 years in this occupation; the candidate declares 0"]
                && (error as! StoreError).english.hasPrefix("110105********002X meets no eligibility route; a bureau user may admit them with override reason")
                && (error as! StoreError).english(naming: { $0 == .overrideReason ? "--override-reason" : $0.labelEn })
                    .hasPrefix("110105********002X meets no eligibility route; a bureau user may admit them with --override-reason")
        }
        #expect(throws: StoreError.self) {
            try w.store.registerCandidate(sessionId: session.id!, nationalId: wang.nationalId, declaration: CandidateDeclaration(),
                                          overrideReason: "外地证书已核验", actor: w.world.clerkA)
        }
        #expect(throws: StoreError.self) {
            try w.store.registerCandidate(sessionId: session.id!, nationalId: wang.nationalId, declaration: CandidateDeclaration(),
                                          overrideReason: "  ", actor: w.admin)
        }
        let outcome = try w.store.registerCandidate(sessionId: session.id!, nationalId: wang.nationalId,
                                                    declaration: CandidateDeclaration(), overrideReason: "外地证书已核验", actor: w.admin)
        #expect(outcome.registered.first?.result == .registered(ticket: "2026000010001", eligibility: .override, route: nil))
        let event = try w.store.auditEvents(actor: w.admin, entity: "exam_registrations").first!
        #expect(event.action == "session.register-override")
        #expect(event.reason == "外地证书已核验")
        #expect(event.after?.contains("路线 5A：需从事本职业 1 年") == true)
    }

    @Test func certificatesTheSystemIssuedOpenTheNextLevelAndRevokedOnesDoNot() throws {
        let w = try ExamWorld()
        let session = try w.openSession(ExamWorld.plan(target: .occupation(code: "4-03-02-01", level: .level4)))
        let person = try w.store.person(nationalId: chen.nationalId, actor: w.admin)
        try w.store.rawWrite { db in
            try db.execute(sql: """
                INSERT INTO certificates (number, person_id, occupation_code, level, body_id, issued_on, revoked_on, revocation_reason, created_at)
                VALUES ('S000044000123215000001', ?, '4-03-02-01', '5', ?, '2021-06-30', '2022-01-01', '冒名顶替', 'now')
                """, arguments: [person.id, w.world.body.id])
        }
        #expect {
            try w.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId, declaration: CandidateDeclaration(), actor: w.admin)
        } throws: { error in
            brokenRules(error) == ["route 4A: needs a level 5 (junior) or higher certificate of this occupation and 4 years in the occupation after it"]
        }
        try w.store.rawWrite { db in
            try db.execute(sql: """
                INSERT INTO certificates (number, person_id, occupation_code, level, body_id, issued_on, created_at)
                VALUES ('S000044000123215000002', ?, '4-03-02-01', '5', ?, '2021-06-30', 'now')
                """, arguments: [person.id, w.world.body.id])
        }
        let outcome = try w.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId,
                                                    declaration: CandidateDeclaration(declaredYears: 4), actor: w.admin)
        #expect(outcome.registered.first?.result == .registered(ticket: "2026000010001", eligibility: .route, route: "4A"))
    }

    @Test func capacityIsEnforcedAndAFullCohortRegistersNobody() throws {
        let w = try ExamWorld()
        let session = try w.openSession(ExamWorld.plan([ExamRoomPlan(name: "理论一室", part: .theory, seats: 5),
                                                        ExamRoomPlan(name: "实操一组", part: .practical, seats: 2)]))
        #expect(try w.store.examSession(id: session.id!, actor: w.admin).capacity == 2)
        #expect {
            try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!,
                                       declaration: CandidateDeclaration(declaredYears: 1), actor: w.world.clerkA)
        } throws: { error in
            brokenRules(error) == ["the practical rooms seat 2 and are full; nobody more can be registered"]
        }
        #expect(try w.count("exam_registrations") == 0)
    }

    @Test func institutionsRegisterOnlyTheirOwnCompletedTraineesAndExaminersNobody() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        #expect(throws: StoreError.self) {
            try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!, actor: w.world.clerkB)
        }
        // Another institution's trainee is, to clerk B, nobody on file.
        #expect(throws: StoreError.notFound(kind: "人员", key: "440524********0014")) {
            try w.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId,
                                          declaration: CandidateDeclaration(declaredYears: 1), actor: w.world.clerkB)
        }
        // Once B registered the person too, B sees them, but they trained elsewhere.
        _ = try w.store.registerPerson(newPerson(), actor: w.world.clerkB)
        #expect {
            try w.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId,
                                          declaration: CandidateDeclaration(declaredYears: 1), actor: w.world.clerkB)
        } throws: { error in
            (error as? StoreError)?.english.contains("has not completed a cohort of your institution for this occupation and level") == true
        }
        #expect(throws: StoreError.self) {
            try w.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId,
                                          declaration: CandidateDeclaration(declaredYears: 1), actor: w.world.examiner)
        }
        let own = try w.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId,
                                                declaration: CandidateDeclaration(declaredYears: 1), actor: w.world.clerkA)
        #expect(own.registered.count == 1)
        let registration = try w.store.rawRead { db in try ExamRegistration.fetchOne(db)! }
        #expect(registration.cohortId == w.cohort.id && registration.institutionId == w.world.schoolA.id)
        // Institution B sees no candidates of A in the session's sheets; A sees its own, without room sheets.
        #expect(try w.store.examSessionSheets(id: session.id!, actor: w.world.clerkB).candidates.isEmpty)
        let seenByA = try w.store.examSessionSheets(id: session.id!, actor: w.world.clerkA)
        #expect(seenByA.candidates.map(\.name) == ["陈大文"] && seenByA.rooms.isEmpty)
    }
}

@Suite struct ExamStaffingTests {
    @Test func anExaminerMustBeQualifiedForTheOccupationAndLevel() throws {
        let w = try ExamWorld()
        let session = try w.openSession(ExamWorld.plan(target: .occupation(code: "4-03-02-01", level: .level4)))
        let baker = try w.store.addExaminer(ExamWorld.examiner("44200019700606006X", "烧味师傅", body: w.world.body,
                                                               qualifications: [.specialAbility(code: "YC01")]), actor: w.admin)
        #expect {
            try w.store.assignExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: [baker.examiner.id!], actor: w.admin)
        } throws: { error in
            brokenRules(error) == ["room 理论一室: examiner \(baker.examiner.id!) is not qualified to assess 中式烹调师 四级/中级工"]
        }
        // Raising the level qualifies; a level below does not.
        _ = try w.store.qualifyExaminer(id: baker.examiner.id!, target: .occupation(code: "4-03-02-01", level: .level5), actor: w.admin)
        #expect(throws: StoreError.self) {
            try w.store.assignExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: [baker.examiner.id!], actor: w.admin)
        }
        _ = try w.store.qualifyExaminer(id: baker.examiner.id!, target: .occupation(code: "4-03-02-01", level: .level4), actor: w.admin)
        let summary = try w.store.assignExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: [baker.examiner.id!], actor: w.admin)
        #expect(summary.rooms[0].examiners.map(\.person.name) == ["烧味师傅"])
        #expect(throws: StoreError.self) {
            try w.store.assignExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: [baker.examiner.id!], actor: w.admin)
        }
        #expect(throws: StoreError.self) {
            try w.store.assignExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: [w.examiners[0].examiner.id!], actor: w.world.clerkA)
        }
    }

    @Test func anExaminerOfAnotherBodyIsRefusedAndSeveralAreAssignedAllOrNone() throws {
        let w = try ExamWorld()
        let other = try w.store.addInstitution(NewInstitution(
            name: "另一评价机构", kind: .evaluation, district: "小榄镇",
            issuer: try CertificateIssuer(bodyKind: .socialOrganisation, bodyCode: 0, provinceCode: "44", siteSequence: 456)), actor: w.admin)
        let outsider = try w.store.addExaminer(ExamWorld.examiner("442000197507070071", "外机构考评员", body: other,
                                                                  qualifications: [.occupation(code: "4-03-02-01", level: .level3)]), actor: w.admin)
        let session = try w.openSession()
        #expect {
            try w.store.assignExaminers(sessionId: session.id!, roomName: "实操一组",
                                        examinerIds: [w.examiners[0].examiner.id!, outsider.examiner.id!], actor: w.admin)
        } throws: { error in
            brokenRules(error) == ["room 实操一组: examiner \(outsider.examiner.id!) works for 另一评价机构, the session is held by 中山市丙职业技能评价中心"]
        }
        #expect(try w.store.examSession(id: session.id!, actor: w.admin).rooms[1].examiners.isEmpty)
    }

    @Test func anExaminerNeverAssessesTheirOwnInstitutionsTrainees() throws {
        let w = try ExamWorld()
        let session = try w.openSession(ExamWorld.plan([ExamRoomPlan(name: "理论一室", part: .theory, seats: 30),
                                                        ExamRoomPlan(name: "理论二室", part: .theory, seats: 30),
                                                        ExamRoomPlan(name: "实操一组", part: .practical, seats: 30)]))
        _ = try w.store.registerCandidate(sessionId: session.id!, nationalId: chen.nationalId,
                                          declaration: CandidateDeclaration(declaredYears: 1), actor: w.world.clerkA)
        #expect {
            try w.store.assignExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: [w.fromSchoolA.examiner.id!], actor: w.admin)
        } throws: { error in
            brokenRules(error) == ["room 理论一室: examiner \(w.fromSchoolA.examiner.id!) works for 中山市甲烹饪培训学校 that trained candidate 2026000010001, and must not assess them"]
        }
        // In the empty second room they may serve, and A's next trainee is seated away from them.
        try w.staff(session, room: "理论二室", [w.fromSchoolA])
        _ = try w.store.registerCandidate(sessionId: session.id!, nationalId: wang.nationalId,
                                          declaration: CandidateDeclaration(declaredYears: 1), actor: w.world.clerkA)
        let sheets = try w.store.examSessionSheets(id: session.id!, actor: w.admin)
        #expect(sheets.candidates.map { $0.seats[0].roomName } == ["理论一室", "理论一室"])
    }

    @Test func aSessionIsHeldOnlyWhenEveryRoomIsStaffedByTheRules() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        _ = try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!,
                                       declaration: CandidateDeclaration(declaredYears: 1), actor: w.world.clerkA)
        try w.staff(session, room: "理论一室", [w.examiners[0]])
        try w.staff(session, room: "实操一组", Array(w.examiners[0...1]))
        _ = try w.store.moveExamSession(id: session.id!, to: .closed, actor: w.admin)
        #expect {
            try w.store.holdExamSession(id: session.id!, actor: w.admin)
        } throws: { error in
            brokenRules(error) == [
                "room 理论一室: a theory room needs at least 2 invigilators, it has 1",
                "room 实操一组: a practical panel needs at least 3 examiners, it has 2",
                "room 实操一组: a practical panel needs an odd number of examiners, it has 2",
            ]
        }
        #expect(try w.store.examSession(id: session.id!, actor: w.admin).session.status == .closed)
        try w.staff(session, room: "理论一室", [w.examiners[1]])
        try w.staff(session, room: "实操一组", Array(w.examiners[2...3]))
        #expect(throws: StoreError.self) { try w.store.holdExamSession(id: session.id!, actor: w.admin) }
        _ = try w.store.unassignExaminer(sessionId: session.id!, roomName: "实操一组", examinerId: w.examiners[3].examiner.id!,
                                         reason: "临时请假", actor: w.admin)
        #expect(try w.store.examSession(id: session.id!, actor: w.admin).staffingProblems.isEmpty)
        #expect(throws: StoreError.self) { try w.store.holdExamSession(id: session.id!, actor: w.world.clerkA) }
        #expect(try w.store.holdExamSession(id: session.id!, actor: w.admin).session.status == .held)
        // Once held, the staff is fixed.
        #expect(throws: StoreError.self) {
            try w.store.assignExaminers(sessionId: session.id!, roomName: "理论一室", examinerIds: [w.examiners[2].examiner.id!], actor: w.admin)
        }
    }

    @Test func aSessionWithoutCandidatesCannotBeHeld() throws {
        let w = try ExamWorld()
        let session = try w.openSession()
        _ = try w.store.moveExamSession(id: session.id!, to: .closed, actor: w.admin)
        #expect {
            try w.store.holdExamSession(id: session.id!, actor: w.admin)
        } throws: { error in
            brokenRules(error) == ["no candidate is registered for this session"]
        }
    }

    @Test func examinersSeeOnlyTheSessionsTheyAreAssignedTo() throws {
        let w = try ExamWorld()
        let withLogin = try w.store.addExaminer(
            { var e = ExamWorld.examiner("442000197507070071", "有账号", body: w.world.body,
                                         qualifications: [.occupation(code: "4-03-02-01", level: .level5)]); e.userLogin = "exam.1"; return e }(),
            actor: w.admin)
        let first = try w.openSession()
        let second = try w.openSession()
        #expect(try w.store.examSessionListing(actor: w.world.examiner).isEmpty)
        try w.staff(second, room: "实操一组", [withLogin])
        #expect(try w.store.examSessionListing(actor: w.world.examiner).map(\.session.id) == [second.id])
        #expect(throws: StoreError.self) { try w.store.examSession(id: first.id!, actor: w.world.examiner) }
        #expect(try w.store.examSessionSheets(id: second.id!, actor: w.world.examiner).rooms.count == 2)
        #expect(try w.store.examiners(actor: w.world.examiner).map(\.person.name) == ["有账号"])
        #expect(throws: StoreError.self) { try w.store.examiners(actor: w.world.clerkA) }
    }

    /// Admission tickets are printed by the institutions (their own candidates) and the bureau:
    /// the session's examiner reads its sheets, never its tickets to print, whichever interface asks.
    @Test func admissionTicketsArePrintedByTheInstitutionsAndTheBureauNeverByAnExaminer() throws {
        let w = try ExamWorld()
        let withLogin = try w.store.addExaminer(
            { var e = ExamWorld.examiner("442000197507070071", "有账号", body: w.world.body,
                                         qualifications: [.occupation(code: "4-03-02-01", level: .level5)]); e.userLogin = "exam.1"; return e }(),
            actor: w.admin)
        let session = try w.openSession()
        try w.staff(session, room: "实操一组", [withLogin])
        _ = try w.store.registerCohort(sessionId: session.id!, cohortId: w.cohort.id!,
                                       declaration: CandidateDeclaration(declaredYears: 2), actor: w.world.clerkA)
        #expect(try w.store.examSessionSheets(id: session.id!, forRooms: true, actor: w.world.examiner).rooms.count == 2)
        let refusal = StoreError.notPermitted(action: "session tickets", reasonZh: "准考证由培训机构和人社局打印",
                                              reasonEn: "admission tickets are printed by the institutions and the bureau")
        #expect(throws: refusal) { try w.store.admissionTicketSheets(sessionId: session.id!, actor: w.world.examiner) }
        // The role first: a session that does not exist is refused the same, telling nothing.
        #expect(throws: refusal) { try w.store.admissionTicketSheets(sessionId: 999, actor: w.world.examiner) }
        let all = try w.store.admissionTicketSheets(sessionId: session.id!, actor: w.admin)
        #expect(all.candidates.count == ExamWorld.trainees.count)
        #expect(try w.store.admissionTicketSheets(sessionId: session.id!, actor: w.world.clerkA).personIds == all.personIds)
        #expect(try w.store.admissionTicketSheets(sessionId: session.id!, actor: w.world.clerkB).candidates.isEmpty)
    }

    @Test func anExaminerIsRecordedOnceAndTheirLoginMustBeAnExaminerOfTheBody() throws {
        let w = try ExamWorld()
        #expect(throws: StoreError.self) {
            try w.store.addExaminer(ExamWorld.examiner("442000199001010011", "考评员1", body: w.world.body, qualifications: []), actor: w.admin)
        }
        var clerkLogin = ExamWorld.examiner("442000197507070071", "新考评员", body: w.world.body, qualifications: [])
        clerkLogin.userLogin = "clerk.a"
        #expect {
            try w.store.addExaminer(clerkLogin, actor: w.admin)
        } throws: { error in
            (error as? StoreError)?.english.contains("must be an examiner user of the same evaluation body") == true
        }
        #expect(throws: StoreError.self) {
            try w.store.addExaminer(ExamWorld.examiner("442000197507070071", "新考评员", body: w.world.body, qualifications: []),
                                    actor: w.world.clerkA)
        }
        #expect(try w.count("examiners") == 5)
        #expect(try w.store.persons(actor: w.admin, nameStartingWith: "新考评员").isEmpty)
    }
}
