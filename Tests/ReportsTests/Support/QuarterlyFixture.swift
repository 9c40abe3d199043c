import Foundation
import Synchronization
import Testing
import Domain
import Intake
import Store

/// A small known year, built through the Store's public API on the repository's catalog with a
/// clock that moves through 2026, so that records fall in different quarters:
///
/// - Q1: class A (粤菜师傅, 中式烹调师 五级, 石岐街道, starts 02-01) enrols 陈大文 (高校毕业生),
///   王𠈌 (农村劳动力), 李四 and 赵六; 赵六 withdraws 02-20, the other three complete 03-16.
///   Session 1 (03-25): 陈大文 passes 80/75, 王𠈌 fails the practical (70/50), 李四 is absent from
///   the theory (practical 60). Locked 03-31; 陈大文 certified 03-31.
/// - Q2: an enterprise in 小榄镇 registers 李四 as an apprentice (中式烹调师 四级, 04-10), filed
///   04-20, in training 04-21. Class B (南粤家政, 家政服务员 五级, 小榄镇, starts 05-10) enrols
///   钱七 and 孙八 (农村劳动力) and 周九.
/// - Q3: class B completes 07-02.
/// - Q4: class C (广东技工, 电工 五级, 南区街道) starts 10-08 with 吴十, not completed by the report;
///   session 2 (10-20): 王𠈌 retakes the practical alone and passes with 65 (theory kept);
///   locked 10-28 and certified. The school claims both certificates' subsidies on 11-01; the
///   apprenticeship is terminated on 11-15.
struct QuarterlyFixture {
    let store: Store
    let admin: User
    let apprenticeMoney: ApprenticeshipMoney

    static let target = CertificationTarget.occupation(code: "4-03-02-01", level: .level5)

    private final class MovingDay: Sendable {
        let day = Mutex(CivilDate(year: 2026, month: 1, day: 5)!)
    }

    init() throws {
        let moving = MovingDay()
        func on(_ month: Int, _ day: Int) { moving.day.withLock { $0 = CivilDate(year: 2026, month: month, day: day)! } }
        let clock = Clock { Clock.fixed(moving.day.withLock { $0 }).now() }
        let catalog = try #require(CatalogReader.load(ExamSessionFixture.catalogDirectory).catalog)
        store = try Store.inMemory(clock: clock)
        let admin = try store.initialize(catalog: catalog)
        self.admin = admin
        let store = store
        let second = try store.addUser(login: "bureau.two", name: "录入员二", role: .bureau, institutionId: nil, actor: admin)
        let schoolA = try store.addInstitution(NewInstitution(name: "中山市甲烹饪培训学校", kind: .training, district: "石岐街道"), actor: admin)
        let schoolB = try store.addInstitution(NewInstitution(name: "中山市乙家政培训中心", kind: .training, district: "小榄镇"), actor: admin)
        let body = try store.addInstitution(NewInstitution(
            name: "中山市丙职业技能评价中心", kind: .evaluation, district: "东区街道",
            issuer: try CertificateIssuer(bodyKind: .socialOrganisation, bodyCode: 0, provinceCode: "44", siteSequence: 123)), actor: admin)
        let clerkA = try store.addUser(login: "clerk.a", name: "甲经办", role: .institution, institutionId: schoolA.id, actor: admin)
        let clerkB = try store.addUser(login: "clerk.b", name: "乙经办", role: .institution, institutionId: schoolB.id, actor: admin)
        let examiners = try ["44200019900307123X", "442000198511204567", "442000197812013575"].enumerated().map { index, id in
            try store.addExaminer(NewExaminer(
                person: NewPerson(nationalId: nationalID(id), name: "考评员\(index + 1)"),
                bodyId: body.id!, qualifications: [Self.target]), actor: admin).examiner.id!
        }

        func trainee(_ id: String, _ name: String, _ groups: [String] = []) throws -> TraineeCandidate {
            TraineeCandidate(nationalId: try NationalID.parse(id, today: ExamSessionFixture.today), name: name,
                             education: "senior-secondary", householdType: "urban", keyGroups: groups)
        }
        func enrol(_ cohort: Cohort, _ trainees: [TraineeCandidate], by clerk: User) throws {
            _ = try store.importTrainees(cohortId: cohort.id!, fileName: "list.csv", format: "CSV UTF-8", mode: .allOrNothing,
                                         actor: clerk) { session in
                for (index, trainee) in trainees.enumerated() { _ = try session.add(trainee, row: index + 2) }
            }
        }
        func complete(_ cohort: Cohort, _ ids: [String], by clerk: User) throws {
            for id in ids { _ = try store.recordHours(cohortId: cohort.id!, nationalId: nationalID(id), hoursTenths: 800, actor: clerk) }
            _ = try store.completeTrainees(cohortId: cohort.id!, actor: clerk)
        }
        func session(examDay: CivilDate) throws -> Int64 {
            let summary = try store.createExamSession(ExamSessionPlan(
                target: Self.target, examDate: examDay,
                rooms: [ExamRoomPlan(name: "理论一室", part: .theory, seats: 30), ExamRoomPlan(name: "实操一组", part: .practical, seats: 30)]),
                bodyId: body.id!, actor: admin)
            let id = summary.session.id!
            _ = try store.moveExamSession(id: id, to: .open, actor: admin)
            return id
        }
        func staffAndClose(_ id: Int64) throws {
            _ = try store.assignExaminers(sessionId: id, roomName: "理论一室", examinerIds: Array(examiners[0...1]), actor: admin)
            _ = try store.assignExaminers(sessionId: id, roomName: "实操一组", examinerIds: examiners, actor: admin)
            _ = try store.moveExamSession(id: id, to: .closed, actor: admin)
        }
        func enter(_ id: Int64, _ marks: [String: [(ExamPart, String)]]) throws {
            let tickets = Dictionary(uniqueKeysWithValues: try store.sessionResults(id: id, actor: admin).candidates.map { ($0.name, $0.ticketNumber) })
            for (name, parts) in marks {
                for (part, mark) in parts {
                    for user in [admin, second] {
                        _ = try store.enterScore(sessionId: id, ScoreLine(ticket: tickets[name]!, part: part.rawValue, mark: mark), actor: user)
                    }
                }
            }
        }

        let chen = try trainee("440524188001010014", "陈大文", ["graduate"]), wang = try trainee("11010519491231002X", "王𠈌", ["rural"])
        let li = try trainee("34052419800101001X", "李四"), zhao = try trainee("110105194912310038", "赵六")
        on(2, 1)
        let classA = try store.createCohort(CohortPlan(
            name: "2026年第1期中式烹调师（五级）", projectCode: "yuecai", target: Self.target, district: "石岐街道",
            startDate: CivilDate(year: 2026, month: 2, day: 1)!, endDate: CivilDate(year: 2026, month: 3, day: 15)!,
            plannedHours: 80, capacity: 10), institutionId: schoolA.id!, actor: clerkA)
        try enrol(classA, [chen, wang, li, zhao], by: clerkA)
        on(2, 20)
        _ = try store.withdrawTrainee(cohortId: classA.id!, nationalId: zhao.nationalId, reason: "工作调动", actor: clerkA)
        on(3, 16)
        try complete(classA, [chen, wang, li].map(\.nationalId.value), by: clerkA)
        on(3, 18)
        let first = try session(examDay: CivilDate(year: 2026, month: 3, day: 25)!)
        _ = try store.registerCohort(sessionId: first, cohortId: classA.id!, declaration: CandidateDeclaration(declaredYears: 2), actor: clerkA)
        try staffAndClose(first)
        on(3, 25)
        _ = try store.holdExamSession(id: first, actor: admin)
        try enter(first, ["陈大文": [(.theory, "80"), (.practical, "75")], "王𠈌": [(.theory, "70"), (.practical, "50")],
                          "李四": [(.theory, "缺考"), (.practical, "60")]])
        on(3, 31)
        _ = try store.lockResults(sessionId: first, actor: admin)
        _ = try store.issueCertificates(sessionId: first, actor: admin)

        on(4, 10)
        let enterprise = try store.addEnterprise(creditCode: try CreditCode.parse("91440101MA5CJQ4N59"), name: "中山市某某酒家",
                                                 district: "小榄镇", actor: admin)
        let start = CivilDate(year: 2026, month: 4, day: 15)!
        let apprenticeship = try store.registerApprenticeship(
            ApprenticeshipPlan(occupationCode: "4-03-02-01", targetLevel: .level4, contractStart: start, contractYears: 3, start: start,
                               end: CivilDate(year: 2028, month: 4, day: 14)!, enterpriseMentor: "李师傅", institutionMentor: "王老师"),
            enterpriseId: enterprise.id!, institutionId: schoolA.id!, nationalId: li.nationalId, actor: admin)
        on(4, 20)
        _ = try store.fileApprenticeship(id: apprenticeship.id!, actor: admin)
        on(4, 21)
        _ = try store.startApprenticeship(id: apprenticeship.id!, actor: admin)
        on(5, 10)
        let classB = try store.createCohort(CohortPlan(
            name: "2026年第1期家政服务员（五级）", projectCode: "nanyue", target: .occupation(code: "4-10-01-06", level: .level5),
            district: "小榄镇", startDate: CivilDate(year: 2026, month: 5, day: 10)!, endDate: CivilDate(year: 2026, month: 6, day: 30)!,
            plannedHours: 80, capacity: 10), institutionId: schoolB.id!, actor: clerkB)
        let b = [try trainee("440524198001010013", "钱七", ["rural"]), try trainee("440524198502020017", "孙八", ["rural"]),
                 try trainee("440524199003030012", "周九")]
        try enrol(classB, b, by: clerkB)
        on(7, 2)
        try complete(classB, b.map(\.nationalId.value), by: clerkB)

        on(10, 8)
        // Class C (广东技工, 电工 五级, 南区街道) starts in Q4 and has not completed yet.
        let classC = try store.createCohort(CohortPlan(
            name: "2026年第1期电工（五级）", projectCode: "jigong", target: .occupation(code: "6-31-01-03", level: .level5),
            district: "南区街道", startDate: CivilDate(year: 2026, month: 10, day: 8)!, endDate: CivilDate(year: 2026, month: 12, day: 20)!,
            plannedHours: 160, capacity: 10), institutionId: schoolB.id!, actor: clerkB)
        try enrol(classC, [try trainee("440524199504040016", "吴十")], by: clerkB)
        on(10, 10)
        let retake = try session(examDay: CivilDate(year: 2026, month: 10, day: 20)!)
        _ = try store.registerCandidate(sessionId: retake, nationalId: wang.nationalId, declaration: CandidateDeclaration(),
                                        retake: true, actor: admin)
        try staffAndClose(retake)
        on(10, 20)
        _ = try store.holdExamSession(id: retake, actor: admin)
        try enter(retake, ["王𠈌": [(.practical, "65")]])
        on(10, 28)
        _ = try store.lockResults(sessionId: retake, actor: admin)
        _ = try store.issueCertificates(sessionId: retake, actor: admin)
        on(11, 1)
        _ = try store.subsidyClaim(institutionId: schoolA.id!, period: Period.year(2026).range, record: true, actor: admin)
        on(11, 15)
        _ = try store.terminateApprenticeship(id: apprenticeship.id!, on: CivilDate(year: 2026, month: 11, day: 15)!, reason: "本人离职",
                                              actor: admin)
        on(11, 21)
        apprenticeMoney = try store.apprenticeshipMoney(id: apprenticeship.id!, actor: admin)
    }
}
