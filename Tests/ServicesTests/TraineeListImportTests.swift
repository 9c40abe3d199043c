import Foundation
import Testing
import Domain
import Store
@testable import Services

/// A trainee list imported through the use case itself, as any interface calls it: the outcome
/// says what became of each row (refused ones with row, column, masked value and rule), the error
/// workbook can be read back, a preview or a cancelled import writes nothing.
@Suite struct TraineeListImportTests {
    @Test func refusedRowsWriteNothingAndTheOutcomeNamesRowColumnMaskedValueAndRule() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        let list = try world.file("bad.csv", ImportWorld.header + ImportWorld.goodRows + ImportWorld.badRows)

        let outcome = try world.traineeImport(list).run(store: world.store)

        #expect(outcome.rows.fileName == "bad.csv")
        #expect(outcome.rows.rowsRead == 5)
        #expect(outcome.rows.recorded == 3, "the valid rows that would have been recorded")
        #expect(outcome.rows.refusedCount == 2)
        #expect(!outcome.rows.committed && !outcome.rows.preview)
        #expect(outcome.rows.ignoredColumns == ["序号"])
        let badID = try #require(outcome.rows.refused.first)
        #expect(badID.file == "bad.csv" && badID.row == 5)
        #expect(badID.problems.count == 1)
        #expect(badID.problems[0].field == .nationalId)
        #expect(badID.problems[0].column?.letter == "C" && badID.problems[0].column?.header == "身份证号")
        #expect(badID.problems[0].value == "110105********0021")
        #expect(badID.problems[0].rule.chinese.hasPrefix("身份证号校验位应为"))
        #expect(badID.problems[0].rule.english.hasPrefix("the national ID's check character should be"))
        let sixth = outcome.rows.refused[1]
        #expect(sixth.row == 6)
        #expect(sixth.problems.contains { $0.field == .phone && $0.column?.letter == "D" && $0.value == "****5" })
        #expect(sixth.problems.contains { $0.field == .education && $0.value == "博士" })

        #expect(try world.enrolled() == 0 && world.persons() == 0)
        #expect(try !world.auditActions("cohorts").contains("cohort.import"))

        let workbook = try #require(outcome.rows.errorWorkbook)
        #expect(workbook == world.folder.appendingPathComponent("Exports/bad-errors.xlsx"))
        let back = try world.readBack(workbook, required: [.nationalId, .name])
        #expect(back.header.first == "原行号 Row" && back.header.last == "原因 Reason")
        #expect(back.rows.count == 2)
        // The clerk's own file, to be fixed: the values as given, with the reason beside them.
        #expect(back.rows[0].contains("110105194912310021"))
        #expect(back.rows[0].last?.contains("身份证号") == true)
    }

    @Test func acceptValidRecordsTheGoodRowsAndTheOutcomeCountsThem() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        let list = try world.file("bad.csv", ImportWorld.header + ImportWorld.goodRows + ImportWorld.badRows)

        let first = try world.traineeImport(list, mode: .acceptValid).run(store: world.store)
        #expect(first.rows.committed)
        #expect((first.rows.rowsRead, first.rows.recorded, first.rows.alreadyPresent, first.rows.refusedCount) == (5, 3, 0, 2))
        #expect(first.newPersons == 3 && first.phonesKeptOnRecord == 0)
        #expect(first.rows.errorWorkbook != nil)
        #expect(try world.enrolled() == 3)
        #expect(try world.auditActions("cohorts").filter { $0 == "cohort.import" }.count == 1)

        let again = try world.traineeImport(list, mode: .acceptValid).run(store: world.store)
        #expect((again.rows.recorded, again.rows.alreadyPresent, again.newPersons) == (0, 3, 0))
    }

    @Test func aPreviewChecksEveryRowAgainstTheRecordsAndWritesNothing() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        let list = try world.file("bad.csv", ImportWorld.header + ImportWorld.goodRows + ImportWorld.badRows)

        let preview = try world.traineeImport(list, mode: .acceptValid, preview: true).run(store: world.store)
        #expect(preview.rows.preview && !preview.rows.committed)
        #expect((preview.rows.rowsRead, preview.rows.recorded, preview.rows.refusedCount) == (5, 3, 2))
        #expect(preview.rows.refused.map(\.row) == [5, 6])
        #expect(preview.newPersons == 3)
        #expect(try world.enrolled() == 0 && world.persons() == 0)
        #expect(try !world.auditActions("cohorts").contains("cohort.import"))

        // What the preview said is what the import then does.
        let done = try world.traineeImport(list, mode: .acceptValid).run(store: world.store)
        #expect(done.rows.committed && !done.rows.preview)
        #expect((done.rows.recorded, done.rows.refusedCount, done.newPersons) == (3, 2, 3))
        // A preview after it sees the rows already there, and still writes nothing.
        let after = try world.traineeImport(list, preview: true).run(store: world.store)
        #expect((after.rows.recorded, after.rows.alreadyPresent) == (0, 3))
        #expect(try world.auditActions("cohorts").filter { $0 == "cohort.import" }.count == 1)
    }

    /// 600 valid rows: three chunks of the reading pipeline.
    static func longList() -> String {
        ImportWorld.header + (0..<600).map { "\($0 + 1),学员\($0),\(GeneratedID.nationalId($0)),,大专,农村,\n" }.joined()
    }

    @Test func aCancelledImportRollsBackWithoutAnAuditEvent() throws {
        let world = try ImportWorld(capacity: 1000)
        defer { world.remove() }
        let list = try world.file("long.csv", Self.longList())
        let cancellation = Cancellation()
        var reported: [Int] = []
        #expect(throws: CancellationError.self) {
            try world.traineeImport(list).run(store: world.store, cancellation: cancellation) { rows in
                reported.append(rows)
                cancellation.cancel()
            }
        }
        #expect(reported == [256], "cancelled after the first chunk, before the second")
        #expect(try world.enrolled() == 0 && world.persons() == 0)
        #expect(try !world.auditActions("cohorts").contains("cohort.import"))

        // The same list, not cancelled, is recorded whole.
        var progress: [Int] = []
        let outcome = try world.traineeImport(list).run(store: world.store, cancellation: Cancellation()) { progress.append($0) }
        #expect(outcome.rows.committed && outcome.rows.recorded == 600)
        #expect(progress == [256, 512, 600])
        #expect(try world.enrolled() == 600)
    }

    @Test func anImportRunOnTheStoreThreadsIsCancelledByItsTask() async throws {
        let world = try ImportWorld(capacity: 1000)
        defer { world.remove() }
        let list = try world.file("long.csv", Self.longList())
        let threads = StoreThreads(store: world.store, threads: 2)
        let hasRows = Gate(), cancelled = Gate()
        let listImport = world.traineeImport(list)
        let importing = Task {
            try await threads.run(listImport) { rows in
                if rows == 256 {
                    hasRows.open()
                    _ = cancelled.wait(seconds: 20)
                }
            }
        }
        await hasRows.waitAsync()
        importing.cancel()
        cancelled.open()
        let result = await importing.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(try world.enrolled() == 0 && world.persons() == 0)
        #expect(try !world.auditActions("cohorts").contains("cohort.import"))

        let outcome = try await threads.run(listImport)
        #expect(outcome.rows.committed && outcome.rows.recorded == 600)
    }

    @Test func anErrorFolderThatCannotBeMadeCommitsNothing() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        _ = try world.file("plain", "not a folder\n")
        let list = try world.file("bad.csv", ImportWorld.header + ImportWorld.goodRows + ImportWorld.badRows)
        do {
            _ = try world.traineeImport(list, mode: .acceptValid, errorFolder: "plain/out").run(store: world.store)
            Issue.record("the import went through without its error workbook")
        } catch let error as ErrorWorkbookNotWritten {
            #expect(error.step == .createFolder)
            #expect(error.url == world.folder.appendingPathComponent("plain/out"))
            #expect(!error.outcome.committed && error.outcome.refused.map(\.row) == [5, 6])
            #expect(error.english.contains("nothing was written") && !error.english.contains("--"))
        }
        #expect(try world.enrolled() == 0 && world.persons() == 0)
        #expect(try !world.auditActions("cohorts").contains("cohort.import"))
    }

    @Test func aCleanListNeedsNoErrorFolder() throws {
        let world = try ImportWorld()
        defer { world.remove() }
        _ = try world.file("plain", "not a folder\n")
        let list = try world.file("good.csv", ImportWorld.header + ImportWorld.goodRows)
        let outcome = try world.traineeImport(list, errorFolder: "plain/out").run(store: world.store)
        #expect(outcome.rows.committed && outcome.rows.recorded == 3 && outcome.rows.errorWorkbook == nil)
        #expect(outcome.rows.refused.isEmpty)
    }
}
