import Foundation
import Testing
import Domain
import Store
@testable import Services

/// The apprentice list import's check-only mode, as the web app's preview runs it: the outcome
/// says what would be registered and what is refused, and nothing is written.
@Suite struct ApprenticeListPreviewTests {
    /// 陈大文 and 王𠈌 on file (as trainees of the world's class) and the enterprise they work for.
    static func world() throws -> ImportWorld {
        let world = try ImportWorld()
        let list = try world.file("list.csv", ImportWorld.header + ImportWorld.goodRows)
        #expect(try world.traineeImport(list).run(store: world.store).rows.committed)
        _ = try world.store.addEnterprise(creditCode: try CreditCode.parse("91440101MA5CJQ4N59"), name: "中山市某某酒家",
                                          district: "石岐街道", actor: world.clerk)
        return world
    }

    static func list(_ world: ImportWorld, secondEnterprise: String = "91440101MA5CJQ4N59") throws -> URL {
        try world.file("学徒.csv", ApprenticeAndScoreImportTests.apprenticeHeader + """
            1,91440101MA5CJQ4N59,440524188001010014,陈大文,中式烹调师,4,2026-09-01,3,2026-09-01,2028-09-01,,李师傅,王老师
            2,\(secondEnterprise),11010519491231002X,王𠈌,中式烹调师,4,2026-09-01,3,2026-09-01,2028-09-01,,李师傅,王老师

            """)
    }

    @Test func aPreviewOfAGoodListCountsItsRowsAndRegistersNobody() throws {
        let world = try Self.world()
        defer { world.remove() }
        let request = world.request(try Self.list(world))
        let preview = try ApprenticeListImport(request: request, preview: true).run(store: world.store)
        #expect(preview.rows.preview && !preview.rows.committed)
        #expect((preview.rows.rowsRead, preview.rows.recorded, preview.rows.refusedCount) == (2, 2, 0))
        #expect(preview.apprenticeships.isEmpty && preview.rows.errorWorkbook == nil)
        #expect(try world.store.apprenticeships(ApprenticeshipFilter(), actor: world.admin).isEmpty)
        #expect(try !world.auditActions("apprenticeships").contains { $0.hasPrefix("apprentice.") })

        let imported = try ApprenticeListImport(request: request).run(store: world.store)
        #expect(imported.rows.committed && !imported.rows.preview && imported.apprenticeships.count == 2)
    }

    @Test func aPreviewOfAListWithARefusedRowNamesItAndWritesItsErrorWorkbook() throws {
        let world = try Self.world()
        defer { world.remove() }
        let preview = try ApprenticeListImport(request: world.request(try Self.list(world, secondEnterprise: "91350100M000100Y43")),
                                               preview: true).run(store: world.store)
        #expect((preview.rows.rowsRead, preview.rows.recorded, preview.rows.refusedCount) == (2, 1, 1))
        #expect(preview.rows.refused.map(\.row) == [3])
        #expect(preview.rows.refused[0].problems.contains { $0.field == .enterprise && $0.column?.letter == "B" })
        let back = try world.readBack(try #require(preview.rows.errorWorkbook), required: [.nationalId, .name])
        #expect(back.rows.count == 1)
        #expect(try world.store.apprenticeships(ApprenticeshipFilter(), actor: world.admin).isEmpty)
    }
}
