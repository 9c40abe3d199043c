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
            #expect(touch == .traineeList(ListImportTouch(importId: summary.importId!, fileName: "list.csv", cohortId: w.cohort.id!,
                                                          cohortName: w.cohort.name, createdPerson: created)), "\(trainee.name)")
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

    @Test func aPersonsHistoryHoldsTheBureausBulkRegistrationThatCreatedHer() throws {
        let w = try TrainingWorld(capacity: 5)
        // 王𠈌 is on record before the load; 陈大文 and 李四 are new to it, and her row stands between theirs.
        let wangId = try w.store.registerPerson(NewPerson(nationalId: wang.nationalId, name: wang.name), actor: w.world.admin).person.id!
        let summary = try w.store.importPersons(source: "往年培训与鉴定记录 earlier years' records", actor: w.world.admin) { session in
            _ = try session.add([chen, wang, li].map { NewPerson(nationalId: $0.nationalId, name: $0.name) })
        }
        #expect(summary.registered == 2 && summary.alreadyOnFile == 1)
        func id(_ trainee: TraineeCandidate) throws -> Int64 { try w.store.person(nationalId: trainee.nationalId, actor: w.world.admin).id! }

        for trainee in [chen, li] {
            let history = try w.store.recordHistory(of: .person(try id(trainee)), actor: w.world.admin)
            #expect(history.rows.map(\.event.action) == ["person.import"], "\(trainee.name)")
            #expect(history.rows.first?.listImport == .personList(PersonListTouch(source: "往年培训与鉴定记录 earlier years' records")),
                    "\(trainee.name)")
            #expect(history.rows.first?.event.actorLogin == "admin" && history.total == 1, "\(trainee.name)")
        }
        let wangs = try w.store.recordHistory(of: .person(wangId), actor: w.world.admin)
        #expect(wangs.rows.map(\.event.action) == ["person.create"], "on record already: the load did nothing to her")
        // One event for the load, none per person.
        #expect(try w.store.auditEvents(actor: w.world.admin, filter: AuditFilter(action: "person.import")).total == 1)
        #expect(try w.store.auditEvents(actor: w.world.admin, entity: "persons", key: String(try id(chen))).total == 0)

        // School 甲 enrols 陈大文 afterwards: her history, as the school sees it, holds both lines.
        _ = try w.importRows([chen])
        let seenByA = try w.store.recordHistory(of: .person(try id(chen)), actor: w.world.clerkA)
        #expect(seenByA.rows.map(\.event.action) == ["cohort.import", "person.import"] && seenByA.total == 2)
    }
}
