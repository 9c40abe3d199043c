import Testing
import GRDB
import Domain
@testable import Store

/// An enterprise and 陈大文's two-year apprenticeship (中式烹调师 四级) with 甲 school.
struct ApprenticeshipWorld {
    let training: TrainingWorld
    let enterprise: Enterprise
    var store: Store { training.store }
    var world: World { training.world }

    init() throws {
        training = try TrainingWorld()
        _ = try training.importRows([chen])
        enterprise = try training.store.addEnterprise(creditCode: try CreditCode.parse("91440101MA5CJQ4N59"), name: "中山市某某酒家",
                                                      district: "石岐街道", actor: training.world.clerkA)
    }

    static func plan(start: CivilDate = CivilDate(year: 2026, month: 3, day: 1)!, end: CivilDate = CivilDate(year: 2028, month: 3, day: 1)!) -> ApprenticeshipPlan {
        ApprenticeshipPlan(occupationCode: "4-03-02-01", targetLevel: .level4, contractStart: start, contractYears: 3, start: start, end: end,
                           enterpriseMentor: "李师傅", institutionMentor: "王老师")
    }

    func register(actor: User? = nil) throws -> Apprenticeship {
        try store.registerApprenticeship(ApprenticeshipWorld.plan(), enterpriseId: enterprise.id!, institutionId: world.schoolA.id!,
                                         nationalId: chen.nationalId, actor: actor ?? world.clerkA)
    }
}

@Suite struct ApprenticeshipTests {
    @Test func enterprisesKeepAPilotCodesWarningAndAreRecordedOnce() throws {
        let w = try ApprenticeshipWorld()
        let pilot = try CreditCode.parse("91350100M000100Y44")
        #expect(!pilot.warnings.isEmpty)
        let enterprise = try w.store.addEnterprise(creditCode: pilot, name: "早期试点企业", district: "小榄镇", actor: w.world.admin)
        #expect(enterprise.creditCodeWarning != nil)
        #expect(storeError { _ = try w.store.addEnterprise(creditCode: pilot, name: "重复", district: "小榄镇", actor: w.world.admin) }
                .contains("enterprise 91350100M000100Y44 already exists"))
    }

    @Test func anInstitutionRegistersOnlyItsOwnApprenticesAndOnePerPerson() throws {
        let w = try ApprenticeshipWorld()
        #expect(throws: StoreError.self) {
            try w.store.registerApprenticeship(ApprenticeshipWorld.plan(), enterpriseId: w.enterprise.id!, institutionId: w.world.schoolA.id!,
                                               nationalId: chen.nationalId, actor: w.world.clerkB)
        }
        var short = ApprenticeshipWorld.plan(end: CivilDate(year: 2026, month: 9, day: 1)!)
        short.enterpriseMentor = ""
        #expect {
            try w.store.registerApprenticeship(short, enterpriseId: w.enterprise.id!, institutionId: w.world.schoolA.id!,
                                               nationalId: chen.nationalId, actor: w.world.clerkA)
        } throws: { error in
            guard case StoreError.invalidFields(let problems) = error else { return false }
            return problems.map(\.field) == [.endDate, .enterpriseMentor]
        }
        let apprenticeship = try w.register()
        #expect(apprenticeship.status == .registered)
        #expect(storeError { _ = try w.register() }.contains("already has an apprenticeship under way"))
    }

    @Test func filingAdvancesHalfThePlannedSubsidyAndCompletionWithACertificatePaysTheRest() throws {
        let w = try ApprenticeshipWorld()
        let id = try w.register().id!
        #expect(storeError { _ = try w.store.completeApprenticeship(id: id, certificateNumber: "x", actor: w.world.admin) }
                .contains("an apprenticeship cannot move from registered to completed: it may only become filed or terminated"))
        #expect(throws: StoreError.self) { try w.store.fileApprenticeship(id: id, actor: w.world.clerkA) }
        let filed = try w.store.fileApprenticeship(id: id, actor: w.world.admin)
        #expect(filed.advanceFen == 550_000)
        _ = try w.store.startApprenticeship(id: id, actor: w.world.clerkA)
        let person = try w.store.person(nationalId: chen.nationalId, actor: w.world.admin)
        try w.store.rawWrite { db in
            try db.execute(sql: """
                INSERT INTO certificates (number, person_id, occupation_code, level, body_id, issued_on, created_at)
                VALUES ('S000044000123284000001', ?, '4-03-02-01', '5', ?, '2028-08-01', 'now'),
                       ('S000044000123284000002', ?, '4-03-02-01', '4', ?, '2028-08-01', 'now')
                """, arguments: [person.id, w.world.body.id, person.id, w.world.body.id])
        }
        #expect(storeError { _ = try w.store.completeApprenticeship(id: id, certificateNumber: "S000044000123284000001", actor: w.world.admin) }
                .contains("must be a valid certificate of this apprentice in the target occupation, at the target level or higher"))
        let completed = try w.store.completeApprenticeship(id: id, certificateNumber: "S000044000123284000002", actor: w.world.admin)
        #expect(completed.status == .completed)
        let money = try w.store.apprenticeshipMoney(id: id, actor: w.world.clerkA)
        #expect(money.plannedMonths == 24 && money.monthsTrained == 24)
        #expect(money.advance == Money(yuan: 5500) && money.due == Money(yuan: 5500) && money.owedBack == .zero)
    }

    @Test func aTerminationEarnsOnlyTheMonthsTrainedAndTheRestOfTheAdvanceIsOwed() throws {
        let w = try ApprenticeshipWorld()
        let id = try w.register().id!
        _ = try w.store.fileApprenticeship(id: id, actor: w.world.admin)
        _ = try w.store.startApprenticeship(id: id, actor: w.world.admin)
        #expect(throws: StoreError.self) {
            try w.store.terminateApprenticeship(id: id, on: CivilDate(year: 2026, month: 11, day: 1)!, reason: "离职", actor: w.world.clerkA)
        }
        #expect(storeError {
            _ = try w.store.terminateApprenticeship(id: id, on: CivilDate(year: 2026, month: 12, day: 1)!, reason: "离职", actor: w.world.admin)
        }.contains("the termination date must fall between the start (2026-03-01) and today (2026-11-21)"))
        // Eight months, March to November, across no year end here; the Domain tests cross one.
        let stopped = try w.store.terminateApprenticeship(id: id, on: CivilDate(year: 2026, month: 11, day: 1)!, reason: "离职", actor: w.world.admin)
        #expect(stopped.terminationReason == "离职")
        let money = try w.store.apprenticeshipMoney(id: id, actor: w.world.admin)
        #expect(money.monthsTrained == 8)
        #expect(money.due == .zero && money.owedBack == Money(fen: 550_000 - 366_666))
        #expect(storeError { _ = try w.store.startApprenticeship(id: id, actor: w.world.admin) }.contains("it is final and cannot change"))
        // The person may start another apprenticeship once this one has ended.
        #expect(try w.register().status == .registered)
    }

    /// The page that confirms a step reads the apprenticeship through the Store, which refuses it
    /// to whoever may not take the step, in the very words the step itself is refused with.
    @Test func aStepsPageIsRefusedToWhoeverMayNotTakeTheStepInTheStepsOwnWords() throws {
        let w = try ApprenticeshipWorld()
        let id = try w.register().id!
        let day = CivilDate(year: 2026, month: 11, day: 1)!
        let moves: [(ApprenticeshipStatus, (User) throws -> Void)] = [
            (.filed, { _ = try w.store.fileApprenticeship(id: id, actor: $0) }),
            (.inTraining, { _ = try w.store.startApprenticeship(id: id, actor: $0) }),
            (.completed, { _ = try w.store.completeApprenticeship(id: id, certificateNumber: "x", actor: $0) }),
            (.terminated, { _ = try w.store.terminateApprenticeship(id: id, on: day, reason: "离职", actor: $0) }),
        ]
        func refusal(_ body: () throws -> Void) -> StoreError? {
            do { try body(); return nil } catch { return error as? StoreError }
        }
        for (target, move) in moves {
            // An examiner takes no step; a clerk only starts her own; another school's is not there.
            for actor in [w.world.examiner, w.world.clerkA, w.world.clerkB] where !(actor == w.world.clerkA && target == .inTraining) {
                let page = refusal { _ = try w.store.apprenticeshipForStep(id: id, to: target, actor: actor) }
                #expect(page != nil, "\(actor.login) \(target)")
                #expect(page == refusal { try move(actor) }, "\(actor.login) \(target)")
            }
            #expect(try w.store.apprenticeshipForStep(id: id, to: target, actor: w.world.admin).apprenticeship.id == id)
            #expect(throws: StoreError.notFound(kind: "学徒培养", key: "999")) {
                try w.store.apprenticeshipForStep(id: 999, to: target, actor: w.world.admin)
            }
        }
        #expect(refusal { _ = try w.store.apprenticeshipForStep(id: id, to: .filed, actor: w.world.clerkA) }
                == .notPermitted(action: "apprentice filed", reasonZh: "只有人社局用户可以执行此操作（当前用户 clerk.a 的角色是机构经办人）",
                                 reasonEn: "only bureau users may do this (clerk.a is an institution user)"))
        #expect(refusal { _ = try w.store.apprenticeshipForStep(id: id, to: .inTraining, actor: w.world.examiner) }
                == .notPermitted(action: "apprentice in-training", reasonZh: "考评员不办理学徒培养", reasonEn: "examiners do not handle apprenticeships"))
        #expect(try w.store.apprenticeshipForStep(id: id, to: .inTraining, actor: w.world.clerkA).name == chen.name)
        // Reading the page changed nothing and wrote no event.
        #expect(try w.store.apprenticeship(id: id, actor: w.world.admin).apprenticeship.status == .registered)
    }
}
