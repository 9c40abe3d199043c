import Testing
import GRDB
import Domain
@testable import Store

/// A person sits one session of an occupation and level at a time, and a registration says so
/// when the person already holds a valid certificate of that occupation and level.
@Suite struct RegistrationOverlapTests {
    static let pendingElsewhereEn = "440524********0014 is already registered for exam session 1 (中式烹调师 五级/初级工 on 2026-11-21, ticket 2026000010001), "
        + "whose results are not locked yet; a person registers for one session of an occupation and level at a time"
    static let pendingElsewhereZh = "440524********0014 已报名考试场次 1（中式烹调师 五级/初级工，2026-11-21，准考证号 2026000010001），"
        + "该场次成绩尚未锁定；同一职业等级同一时间只能报名一个场次"

    func declared(_ years: Int) -> CandidateDeclaration { CandidateDeclaration(declaredYears: years) }

    @Test func aPersonWithAnUnfinishedRegistrationOfTheSameOccupationAndLevelIsRefusedNamingTheSession() throws {
        let w = try ExamWorld()
        let first = try w.openSession()
        let second = try w.openSession()
        _ = try w.store.registerCandidate(sessionId: first.id!, nationalId: chen.nationalId, declaration: declared(1), actor: w.admin)
        #expect {
            try w.store.registerCandidate(sessionId: second.id!, nationalId: chen.nationalId, declaration: declared(1), actor: w.admin)
        } throws: { error in
            brokenRules(error) == [Self.pendingElsewhereEn]
        }
        // Not even a bureau override admits them: the override is about the routes.
        #expect {
            try w.store.registerCandidate(sessionId: second.id!, nationalId: chen.nationalId, declaration: declared(1),
                                          overrideReason: "外省证书已核验", actor: w.admin)
        } throws: { error in
            brokenRules(error) == [Self.pendingElsewhereEn]
        }
        // A cohort registers the others and refuses that one, saying why.
        let cohort = try w.store.registerCohort(sessionId: second.id!, cohortId: w.cohort.id!, declaration: declared(1), actor: w.world.clerkA)
        #expect(cohort.registered.map(\.name) == ["王𠈌", "李四"])
        #expect(cohort.refused.map(\.name) == ["陈大文"])
        #expect(cohort.refused.first?.result == .refused([Rejection(Self.pendingElsewhereZh, Self.pendingElsewhereEn)]))
        #expect(try w.count("exam_registrations") == 3)
    }

    @Test func anotherLevelOrALockedResultDoesNotStandInTheWay() throws {
        let r = try ResultLockTests().lockedWorld()
        let w = r.exams
        // Session 1 is locked: 陈大文 passed, 王𠈌 was absent, 李四 failed; each may register again.
        let level4 = try w.openSession(ExamWorld.plan(target: .occupation(code: "4-03-02-01", level: .level4)))
        let again = try w.openSession()
        let outcome = try w.store.registerCohort(sessionId: again.id!, cohortId: w.cohort.id!, declaration: declared(1), actor: w.world.clerkA)
        #expect(outcome.registered.map(\.name) == ["陈大文", "王𠈌", "李四"])
        // Being registered at level 5 does not keep 王𠈌 from a level-4 session.
        let other = try w.store.registerCandidate(sessionId: level4.id!, nationalId: wang.nationalId, declaration: declared(1),
                                                  overrideReason: "外省证书已核验", actor: w.admin)
        #expect(other.registered.count == 1)
    }

    @Test func aCohortRegistrationListsThoseAlreadyHoldingAValidCertificate() throws {
        let (r, issued) = try certifiedWorld()
        let w = r.exams
        let number = issued.issued[0].number
        let next = try w.openSession()
        let dry = try w.store.registerCohort(sessionId: next.id!, cohortId: w.cohort.id!, declaration: declared(1), dryRun: true,
                                             actor: w.world.clerkA)
        #expect(dry.registered.count == 3)
        #expect(dry.alreadyCertified.map(\.name) == ["陈大文"])
        #expect(dry.alreadyCertified.first?.heldCertificate == number)
        #expect(dry.candidates.map(\.heldCertificate) == [number, nil, nil])
        // A revoked certificate is not held.
        _ = try w.store.revokeCertificate(number: number, reason: "冒名顶替", actor: w.admin)
        let afterRevocation = try w.store.registerCohort(sessionId: next.id!, cohortId: w.cohort.id!, declaration: declared(1),
                                                         dryRun: true, actor: w.world.clerkA)
        #expect(afterRevocation.alreadyCertified.isEmpty)
    }

    @Test func theWarningIsKeptWhenTheRegistrationIsWrittenAndForOnePersonToo() throws {
        let (r, issued) = try certifiedWorld()
        let w = r.exams
        let next = try w.openSession()
        let single = try w.store.registerCandidate(sessionId: next.id!, nationalId: chen.nationalId, declaration: declared(1), actor: w.admin)
        #expect(single.registered.count == 1)
        #expect(single.alreadyCertified.map(\.heldCertificate) == [issued.issued[0].number])
        let cohort = try w.store.registerCohort(sessionId: next.id!, cohortId: w.cohort.id!, declaration: declared(1), actor: w.world.clerkA)
        #expect(cohort.registered.map(\.name) == ["王𠈌", "李四"])
        #expect(cohort.alreadyCertified.isEmpty)
    }
}
