import Testing
import GRDB
import Domain
@testable import Store

/// The check-only import of an apprentice list that the web app's preview shows: every row goes
/// through every check of the import, and nothing is written whatever the check finds.
@Suite struct ApprenticeImportPreviewTests {
    private func world() throws -> ApprenticeshipWorld {
        let w = try ApprenticeshipWorld()
        _ = try w.training.importRows([wang])
        return w
    }

    private func written(_ w: ApprenticeshipWorld) throws -> (apprenticeships: Int, events: Int) {
        try w.store.rawRead { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM apprenticeships")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_events WHERE action LIKE 'apprentice.%'")!)
        }
    }

    @Test func aGoodListIsCheckedAndNotRegisteredThenTheImportRegistersIt() throws {
        let w = try world()
        let rows = [ApprenticeImportTests.row(2), ApprenticeImportTests.row(3, id: "11010519491231002X", name: "王𠈌")]
        let checked = try w.store.importApprenticeships(rows, fileName: "学徒.csv", preview: true, actor: w.world.clerkA)
        #expect(checked.preview && !checked.committed)
        #expect(checked.rowsRead == 2 && checked.refused.isEmpty && checked.registered.isEmpty)
        #expect(try written(w) == (0, 0))

        let recorded = try w.store.importApprenticeships(rows, fileName: "学徒.csv", actor: w.world.clerkA)
        #expect(recorded.committed && recorded.registered.count == 2)
        #expect(try written(w).apprenticeships == 2)
    }

    @Test func aPreviewReportsTheSameRefusalsAsTheImport() throws {
        let w = try world()
        let rows = [
            ApprenticeImportTests.row(2),
            ApprenticeImportTests.row(3, id: "34052419800101001X", name: "李四", [.enterprise: "91350100M000100Y43"]),
        ]
        let checked = try w.store.importApprenticeships(rows, fileName: "学徒.csv", preview: true, actor: w.world.clerkA)
        let imported = try w.store.importApprenticeships(rows, fileName: "学徒.csv", actor: w.world.clerkA)
        #expect(checked.refused == imported.refused && checked.refused.map(\.row) == [3])
        #expect(!checked.committed && !imported.committed)
        #expect(try written(w) == (0, 0))
    }

    @Test func anExaminerIsRefusedBeforeAListIsRead() throws {
        let w = try world()
        #expect(throws: Never.self) { try w.store.requireApprenticeImporter(actor: w.world.clerkA) }
        #expect(throws: Never.self) { try w.store.requireApprenticeImporter(actor: w.world.admin) }
        #expect {
            try w.store.requireApprenticeImporter(actor: w.world.examiner)
        } throws: { error in
            guard case StoreError.notPermitted = error else { return false }
            return true
        }
    }
}
