import Testing
import GRDB
import Domain
@testable import Store

/// What the clerk's web pages read from the Store: the completion preview, withdrawal by a
/// trainee's place in the class, and the clerk's desk, each within the actor's scope.
@Suite struct CohortDeskTests {
    @Test func theCompletionPreviewNamesExactlyWhoCompletingThenCompletes() throws {
        let t = try TrainingWorld()
        let id = t.cohort.id!
        _ = try t.importRows([chen, wang, li])
        // 80 % of 75 planned hours is 60.0: 60 reaches it, 59.9 does not.
        _ = try t.store.recordHours(cohortId: id, nationalId: chen.nationalId, hoursTenths: 600, actor: t.world.clerkA)
        _ = try t.store.recordHours(cohortId: id, nationalId: wang.nationalId, hoursTenths: 599, actor: t.world.clerkA)
        let preview = try t.store.completionPreview(cohortId: id, actor: t.world.clerkA)
        #expect(preview.requiredTenths == 600 && preview.sharePercent == 80 && preview.notYetOpen == nil)
        #expect(preview.reaching.map(\.name) == ["陈大文"] && preview.short.map(\.name) == ["王𠈌", "李四"])
        #expect(try t.count("enrolments WHERE status = 'completed'") == 0, "a preview changes nothing")
        let result = try t.store.completeTrainees(cohortId: id, actor: t.world.clerkA)
        #expect(result.completed == preview.reaching.map(\.name))
        #expect(try t.store.completionPreview(cohortId: id, actor: t.world.clerkA).reaching.isEmpty)
        #expect(throws: StoreError.notFound(kind: "培训班", key: String(id))) {
            _ = try t.store.completionPreview(cohortId: id, actor: t.world.clerkB)
        }
    }

    @Test func aTraineeIsWithdrawnByTheirPlaceOnlyInTheirOwnClassAndScope() throws {
        let t = try TrainingWorld()
        let other = try t.store.createCohort(TrainingWorld.plan(name: "乙校的班"), institutionId: t.world.schoolB.id!, actor: t.world.clerkB)
        _ = try t.importRows([chen])
        _ = try t.importRows([wang], into: other.id!, actor: t.world.clerkB)
        let own = try #require(try t.store.cohortTrainees(cohortId: t.cohort.id!, actor: t.world.clerkA).rows.first)
        let theirs = try #require(try t.store.cohortTrainees(cohortId: other.id!, actor: t.world.clerkB).rows.first)
        #expect(own.nationalId == chen.nationalId.value && own.status == .enrolled)
        // Another class's trainee under her own class, or her class as another clerk: not found.
        #expect(throws: StoreError.notFound(kind: "学员", key: String(theirs.enrolmentId))) {
            _ = try t.store.withdrawTrainee(cohortId: t.cohort.id!, enrolmentId: theirs.enrolmentId, reason: "x", actor: t.world.clerkA)
        }
        #expect(throws: StoreError.notFound(kind: "培训班", key: String(t.cohort.id!))) {
            _ = try t.store.withdrawTrainee(cohortId: t.cohort.id!, enrolmentId: own.enrolmentId, reason: "x", actor: t.world.clerkB)
        }
        #expect(throws: StoreError.self) {
            _ = try t.store.withdrawTrainee(cohortId: t.cohort.id!, enrolmentId: own.enrolmentId, reason: "x", actor: t.world.examiner)
        }
        #expect(throws: StoreError.invalid(FieldProblem(field: .reason, value: " ", rule: Rejection("不能为空", "must not be empty")))) {
            _ = try t.store.withdrawTrainee(cohortId: t.cohort.id!, enrolmentId: own.enrolmentId, reason: " ", actor: t.world.clerkA)
        }
        #expect(try t.count("enrolments WHERE status = 'withdrawn'") == 0)
        let withdrawn = try t.store.withdrawTrainee(cohortId: t.cohort.id!, enrolmentId: own.enrolmentId, reason: "找到工作", actor: t.world.clerkA)
        #expect(withdrawn.status == .withdrawn && withdrawn.withdrawalReason == "找到工作")
    }

    @Test func aClerksDeskHoldsOnlyHerInstitutionsClassesAndLists() throws {
        let t = try TrainingWorld()
        _ = try t.importRows([chen, wang], mode: .acceptValid)
        _ = try t.store.importTrainees(cohortId: t.cohort.id!, fileName: "补录.csv", format: "CSV UTF-8", mode: .acceptValid,
                                       actor: t.world.clerkA) { session in
            _ = try session.add(li, row: 2)
            session.countRejectedRow()
        }
        let desk = try t.store.clerkDesk(actor: t.world.clerkA)
        #expect(desk.enrolled == 3 && desk.completed == 0 && desk.recentClasses.map(\.cohort.id) == [t.cohort.id])
        #expect(desk.refusedImports.map(\.fileName) == ["补录.csv"] && desk.refusedImports[0].rejected == 1)
        let theirs = try t.store.clerkDesk(actor: t.world.clerkB)
        #expect(theirs.recentClasses.isEmpty && theirs.refusedImports.isEmpty && theirs.enrolled == 0)
        #expect(theirs.classesByStatus.values.allSatisfy { $0 == 0 })
        #expect(throws: StoreError.self) { _ = try t.store.clerkDesk(actor: t.world.examiner) }
    }
}
