import Testing
import GRDB
import Domain
@testable import Store

/// A trainee list is one audit event, keyed by its class; each person it brought in finds it in
/// her history through her enrolment, and learns whether it created her record or enrolled her.
@Suite struct ImportHistoryTests {
    @Test func aPersonsHistoryHoldsTheListImportThatCreatedOrEnrolledHerWithinTheActorsScope() throws {
        let w = try TrainingWorld(capacity: 5)
        // 王𠈌 is on record before the list (the bureau registered her); 陈大文 and 李四 are new,
        // and her row stands between theirs.
        let wangId = try w.store.registerPerson(NewPerson(nationalId: wang.nationalId, name: wang.name), actor: w.world.admin).person.id!
        let (summary, _) = try w.importRows([chen, wang, li])
        #expect(summary.newPersons == 2 && summary.imported == 3)
        func id(_ trainee: TraineeCandidate) throws -> Int64 { try w.store.person(nationalId: trainee.nationalId, actor: w.world.admin).id! }

        for (trainee, created) in [(chen, true), (li, true), (wang, false)] {
            let history = try w.store.recordHistory(of: .person(try id(trainee)), actor: w.world.clerkA)
            let imports = history.rows.filter { $0.listImport != nil }
            #expect(imports.count == 1, "\(trainee.name)")
            let touch = try #require(imports.first?.listImport)
            #expect(touch == ListImportTouch(importId: summary.importId!, fileName: "list.csv", cohortId: w.cohort.id!,
                                             cohortName: w.cohort.name, createdPerson: created), "\(trainee.name)")
            #expect(imports.first?.event.action == "cohort.import" && imports.first?.event.actorLogin == "clerk.a")
        }
        let wangsHistory = try w.store.recordHistory(of: .person(wangId), actor: w.world.admin)
        #expect(wangsHistory.rows.map(\.event.action) == ["cohort.import", "person.create"], "newest first")
        #expect(wangsHistory.total == 2)
        // One event for the list, none per row.
        #expect(try w.store.auditEvents(actor: w.world.admin, filter: AuditFilter(action: "cohort.import")).total == 1)
        #expect(try w.store.auditEvents(actor: w.world.admin, entity: "persons", key: String(try id(chen))).total == 0)

        // School 乙 registers 王𠈌 too: she is theirs to see, school 甲's list is not.
        _ = try w.store.registerPerson(NewPerson(nationalId: wang.nationalId, name: wang.name), actor: w.world.clerkB)
        let seenByB = try w.store.recordHistory(of: .person(wangId), actor: w.world.clerkB)
        #expect(seenByB.rows.allSatisfy { $0.listImport == nil })
        #expect(seenByB.rows.map(\.event.action) == ["person.link", "person.create"] && seenByB.total == 2)

    }
}
