import Foundation
import Testing
import Domain
import Store
@testable import Services

/// A sheet of attended hours through the use case: the refused row named with its column, value
/// and rule, all or nothing unless the valid rows are accepted, a preview and a cancelled sheet
/// changing nothing.
@Suite struct AttendanceSheetImportTests {
    /// The world with its three trainees enrolled, and a sheet whose row 4 is over the 80 planned hours.
    func world() throws -> (ImportWorld, URL) {
        let world = try ImportWorld()
        let list = try world.file("list.csv", ImportWorld.header + ImportWorld.goodRows)
        #expect(try world.traineeImport(list).run(store: world.store).rows.committed)
        let sheet = try world.file("hours.csv", "身份证号,出勤学时\n440524188001010014,60\n11010519491231002X,61\n34052419800101001X,800\n")
        return (world, sheet)
    }

    func hoursImport(_ world: ImportWorld, _ sheet: URL, mode: ImportMode = .allOrNothing,
                     preview: Bool = false) -> AttendanceSheetImport {
        AttendanceSheetImport(cohortId: world.cohort.id!, request: world.request(sheet), mode: mode, preview: preview,
                              today: ImportWorld.day)
    }

    func hoursImports(_ world: ImportWorld) throws -> Int {
        try world.auditActions("cohorts").filter { $0 == "cohort.hours-import" }.count
    }

    @Test func aRefusedRowRecordsNoHoursAndIsNamedInTheOutcome() throws {
        let (world, sheet) = try world()
        defer { world.remove() }
        let outcome = try hoursImport(world, sheet).run(store: world.store)
        #expect((outcome.rowsRead, outcome.recorded, outcome.alreadyPresent, outcome.refusedCount) == (3, 2, 0, 1))
        #expect(!outcome.committed)
        let refused = try #require(outcome.refused.first)
        #expect(refused.file == "hours.csv" && refused.row == 4)
        #expect(refused.problems.map(\.field) == [.hours])
        #expect(refused.problems[0].column?.letter == "B" && refused.problems[0].column?.header == "出勤学时")
        #expect(refused.problems[0].value == "800")
        #expect(refused.problems[0].rule.english == "more than the cohort's 80 planned hours")
        #expect(try hoursImports(world) == 0)
        let back = try world.readBack(try #require(outcome.errorWorkbook), required: [.nationalId, .hours])
        #expect(back.rows.count == 1 && back.rows[0].contains("34052419800101001X") && back.rows[0].contains("800"))

        // Nothing was recorded: accepting the valid rows records both.
        let accepted = try hoursImport(world, sheet, mode: .acceptValid).run(store: world.store)
        #expect(accepted.committed && accepted.recorded == 2 && accepted.alreadyPresent == 0)
        #expect(try hoursImports(world) == 1)
        let again = try hoursImport(world, sheet, mode: .acceptValid).run(store: world.store)
        #expect((again.recorded, again.alreadyPresent) == (0, 2))
    }

    @Test func aPreviewAndACancelledSheetRecordNothing() throws {
        let (world, sheet) = try world()
        defer { world.remove() }
        let preview = try hoursImport(world, sheet, mode: .acceptValid, preview: true).run(store: world.store)
        #expect(preview.preview && !preview.committed)
        #expect((preview.rowsRead, preview.recorded, preview.refusedCount) == (3, 2, 1))

        let cancellation = Cancellation()
        #expect(throws: CancellationError.self) {
            try hoursImport(world, sheet, mode: .acceptValid).run(store: world.store, cancellation: cancellation) { _ in
                cancellation.cancel()
            }
        }
        #expect(try hoursImports(world) == 0)
        // Still as before: both valid rows change the hours.
        let done = try hoursImport(world, sheet, mode: .acceptValid).run(store: world.store)
        #expect((done.recorded, done.alreadyPresent) == (2, 0))
    }
}
