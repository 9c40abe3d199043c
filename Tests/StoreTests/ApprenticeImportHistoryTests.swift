import Testing
import GRDB
import Domain
@testable import Store

/// An apprentice list is one audit event, keyed by its file; each apprentice finds it in her
/// history through the range of apprenticeships it registered, within the actor's scope.
@Suite struct ApprenticeImportHistoryTests {
    @Test func eachApprenticesHistoryHoldsTheListThatRegisteredHerApprenticeshipWithinTheActorsScope() throws {
        let w = try ApprenticeshipWorld()
        _ = try w.training.importRows([wang])
        let rows = [ApprenticeImportTests.row(2), ApprenticeImportTests.row(3, id: wang.nationalId.value, name: wang.name)]
        // A preview writes nothing, so it is in nobody's history.
        _ = try w.store.importApprenticeships(rows, fileName: "学徒预览.csv", preview: true, actor: w.world.clerkA)
        let summary = try w.store.importApprenticeships(rows, fileName: "学徒.csv", actor: w.world.clerkA)
        let ids = summary.registered.compactMap(\.id)
        #expect(ids.count == 2)
        // The range is kept as numbers, as a person list's is, and the history compares it as such.
        let range = try #require(try w.store.read { db in
            try Row.fetchOne(db, sql: """
                SELECT json_type(after, '$.first_apprenticeship_id') AS first_type, json_type(after, '$.last_apprenticeship_id') AS last_type,
                       json_extract(after, '$.first_apprenticeship_id') AS first, json_extract(after, '$.last_apprenticeship_id') AS last
                FROM audit_events WHERE action = 'apprentice.import'
                """)
        })
        #expect(range["first_type"] as String? == "integer" && range["last_type"] as String? == "integer")
        #expect(range["first"] as Int64? == ids.first && range["last"] as Int64? == ids.last)
        func personId(_ trainee: TraineeCandidate) throws -> Int64 {
            try #require(try w.store.person(nationalId: trainee.nationalId, actor: w.world.admin).id)
        }

        for (trainee, apprenticeship) in zip([chen, wang], ids) {
            let history = try w.store.recordHistory(of: .person(try personId(trainee)), actor: w.world.clerkA)
            let lines = history.rows.filter { $0.event.action == "apprentice.import" }
            #expect(lines.count == 1, "\(trainee.name)")
            #expect(lines.first?.listImport == .apprenticeList(ApprenticeListTouch(
                fileName: "学徒.csv", apprenticeshipId: apprenticeship, enterpriseName: "中山市某某酒家")), "\(trainee.name)")
            #expect(lines.first?.event.actorLogin == "clerk.a")
            #expect(history.rows.map(\.event.action) == ["apprentice.import", "cohort.import"], "\(trainee.name)")
        }
        // School 乙 registers 陈大文 too: she is theirs to see, school 甲's list is not.
        _ = try w.store.registerPerson(NewPerson(nationalId: chen.nationalId, name: chen.name), actor: w.world.clerkB)
        let seenByB = try w.store.recordHistory(of: .person(try personId(chen)), actor: w.world.clerkB)
        #expect(seenByB.rows.allSatisfy { $0.listImport == nil })
        let seenByBureau = try w.store.recordHistory(of: .person(try personId(chen)), actor: w.world.admin)
        #expect(seenByBureau.rows.filter { $0.event.action == "apprentice.import" }.count == 1)
    }
}
