import Testing
import GRDB
import Domain
@testable import Store

/// Apprentice lists registered all or nothing, with the same checks as one registration.
@Suite struct ApprenticeImportTests {
    /// A row of the list as Intake hands it over: 陈大文's two-year apprenticeship unless changed.
    static func row(_ number: Int, id: String = "440524188001010014", name: String = "陈大文",
                    _ changes: [ListField: String] = [:]) -> ApprenticeListRow {
        var cells: [ListField: String] = [
            .enterprise: "91440101MA5CJQ4N59", .nationalId: id, .name: name, .occupation: "中式烹调师", .targetLevel: "4",
            .contractStart: "2026-03-01", .contractYears: "3", .apprenticeStart: "2026-03-01", .apprenticeEnd: "2028-03-01",
            .enterpriseMentor: "李师傅", .institutionMentor: "王老师",
        ]
        cells.merge(changes) { $1 }
        return ApprenticeListRow(number: number, fields: cells.mapValues { CellText($0) })
    }

    /// The world of the single registration tests, with 王𠈌 on file too (李四 is not).
    private func world() throws -> ApprenticeshipWorld {
        let w = try ApprenticeshipWorld()
        _ = try w.training.importRows([wang])
        return w
    }

    private func count(_ w: ApprenticeshipWorld, _ sql: String) throws -> Int {
        try w.store.rawRead { db in try Int.fetchOne(db, sql: sql)! }
    }

    @Test func aGoodListIsRegisteredInOneGoAndEachRegistrationIsAudited() throws {
        let w = try world()
        let summary = try w.store.importApprenticeships([Self.row(2), Self.row(3, id: "11010519491231002X", name: "王𠈌")],
                                                        fileName: "学徒.csv", actor: w.world.clerkA)
        #expect(summary.committed && summary.rowsRead == 2)
        #expect(summary.registered.map(\.institutionId) == [w.world.schoolA.id!, w.world.schoolA.id!])
        #expect(summary.registered.allSatisfy { $0.status == .registered && $0.enterpriseId == w.enterprise.id! })
        #expect(try count(w, "SELECT count(*) FROM apprenticeships") == 2)
        #expect(try count(w, "SELECT count(*) FROM audit_events WHERE action = 'apprentice.register'") == 2)
        #expect(try count(w, "SELECT count(*) FROM audit_events WHERE action = 'apprentice.import' AND entity_key = '学徒.csv'") == 1)
    }

    @Test func oneBadRowWritesNothingAndEveryRefusedRowIsNamedWithItsReasons() throws {
        let w = try world()
        let rows = [
            Self.row(2),
            Self.row(3, id: "11010519491231002X", name: "王𠈌", [.apprenticeEnd: "2026-09-01", .enterpriseMentor: " "]),
            Self.row(4, id: "34052419800101001X", name: "李四", [.enterprise: "91350100M000100Y43"]),
            Self.row(5, id: "11010519491231002X", name: "王五", [.contractYears: "x"]),
        ]
        let summary = try w.store.importApprenticeships(rows, fileName: "学徒.csv", actor: w.world.clerkA)
        #expect(!summary.committed && summary.registered.isEmpty)
        #expect(summary.refused.map(\.row) == [3, 4, 5])
        // Row 3: the field rules come first, so its blank mentor is refused before the plan
        // (which ends too early) is built; the clerk learns of the end on the next import.
        #expect(summary.refused[0].issues.map(\.field) == [.enterpriseMentor])
        #expect(summary.refused[0].issues[0].rule == Rejection("必须填写", "is required"))
        // Row 4: an enterprise and a person that are not on file, both reported.
        #expect(summary.refused[1].issues.map(\.field) == [.enterprise, .nationalId])
        #expect(summary.refused[1].issues[0].rule.english == "no such enterprise on file: record the enterprise first")
        #expect(summary.refused[1].issues[1].rule.english.hasPrefix("no such person on file"))
        #expect(summary.refused[2].issues.map(\.field) == [.contractYears])
        #expect(try count(w, "SELECT count(*) FROM apprenticeships") == 0)
        #expect(try count(w, "SELECT count(*) FROM audit_events WHERE action LIKE 'apprentice.%'") == 0)
    }

    @Test func thePlanRulesAreTheSingleRegistrationsAndTheNameMustBeTheOneOnFile() throws {
        let w = try world()
        let summary = try w.store.importApprenticeships([
            Self.row(2, [.apprenticeEnd: "2026-09-01"]),
            Self.row(3, id: "11010519491231002X", name: "王五", [.apprenticeEnd: "2029-03-01"]),
        ], fileName: "学徒.csv", actor: w.world.clerkA)
        #expect(summary.refused.map(\.row) == [2, 3])
        #expect(summary.refused[0].issues.map(\.field) == [.apprenticeEnd])
        #expect(summary.refused[0].issues[0].rule.english == "an apprenticeship runs at least one year (this one 6 months)")
        #expect(summary.refused[1].issues.map(\.field) == [.name, .extensionReason])
        #expect(summary.refused[1].issues[0].rule.english == "this national ID is registered under another name; check the name and the ID")
    }

    @Test func aPersonTwiceInTheFileOrWithAnApprenticeshipUnderWayIsRefused() throws {
        let w = try world()
        let twice = try w.store.importApprenticeships([Self.row(2), Self.row(3, [.occupation: "4-03-02-01"])],
                                                      fileName: "学徒.csv", actor: w.world.clerkA)
        #expect(twice.refused.map(\.row) == [3])
        #expect(twice.refused[0].issues.map(\.rule.english) == ["the same person as row 2 of this file: one apprenticeship at a time"])
        _ = try w.register()
        let again = try w.store.importApprenticeships([Self.row(2), Self.row(3, id: "11010519491231002X", name: "王𠈌")],
                                                      fileName: "学徒.csv", actor: w.world.clerkA)
        #expect(again.refused.map(\.row) == [2])
        #expect(again.refused[0].issues.map(\.rule.english) == ["440524********0014 already has an apprenticeship under way"])
        #expect(try count(w, "SELECT count(*) FROM apprenticeships") == 1)
    }

    @Test func anInstitutionImportsOnlyForItselfAndTheBureauNamesTheInstitution() throws {
        let w = try world()
        let rows = [Self.row(2)]
        // For the whole file: refused before any row is read.
        #expect(storeError { _ = try w.store.importApprenticeships(rows, fileName: "学徒.csv", institution: "中山市甲烹饪培训学校",
                                                                    actor: w.world.clerkB) }
                == "no institution 中山市甲烹饪培训学校")
        #expect(storeError { _ = try w.store.importApprenticeships(rows, fileName: "学徒.csv", actor: w.world.examiner) }
                .contains("examiners do not register apprentices"))
        // For a row: the row is refused, on its 培训机构 cell, as if the institution did not exist.
        let other = try w.store.importApprenticeships([Self.row(2, [.institution: "中山市乙家政培训中心"])], fileName: "学徒.csv",
                                                      actor: w.world.clerkA)
        #expect(other.refused.first?.issues.map(\.rule.english) == ["no such institution"])
        // The bureau names the institution per file or per row.
        let unnamed = try w.store.importApprenticeships(rows, fileName: "学徒.csv", actor: w.world.admin)
        #expect(unnamed.refused.first?.issues.map(\.field) == [.institution])
        let named = try w.store.importApprenticeships([Self.row(2, [.institution: String(w.world.schoolB.id!)])], fileName: "学徒.csv",
                                                      institution: "中山市甲烹饪培训学校", actor: w.world.admin)
        #expect(named.registered.map(\.institutionId) == [w.world.schoolB.id!])
        #expect(try count(w, "SELECT count(*) FROM apprenticeships") == 1)
    }
}
