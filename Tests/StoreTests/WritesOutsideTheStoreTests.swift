import Foundation
import Testing
import GRDB
import Domain
@testable import Store

/// The exam totals' triggers judge marks with `skillcert_mark_passes`, which only the Store's
/// connections have: a write to marks or registrations from any other connection (the `sqlite3`
/// shell) is refused before it starts, so that nothing changes a mark without its audit event and
/// the totals' judgement. The README's operations section says how repairs go through `skillcert`.
@Suite struct WritesOutsideTheStoreTests {
    @Test func aConnectionWithoutTheStoresFunctionsCannotWriteMarksOrRegistrations() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("city.sqlite").path
        _ = try initialisedStore(path: path)

        let outside = try DatabaseQueue(path: path)
        for write in ["UPDATE part_marks SET mark = '60' WHERE 0", "DELETE FROM part_marks WHERE 0",
                      "UPDATE exam_registrations SET cohort_id = cohort_id WHERE 0"] {
            let refusal = #expect(throws: DatabaseError.self, "\(write)") { try outside.write { db in try db.execute(sql: write) } }
            #expect(refusal?.message?.contains("no such function: skillcert_mark_passes") == true, "\(write)")
        }
        // Reading is not affected, nor are writes elsewhere.
        #expect(try outside.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM part_marks") } == 0)
        try outside.write { db in try db.execute(sql: "UPDATE persons SET phone = phone WHERE 0") }
    }

    /// The refusal covers only what the totals judge: the README says a change of a registration's
    /// other columns, or a deleted registration, is not stopped by SQLite (and must still go through
    /// `skillcert` for its audit event). This pins that it is not, so the README cannot overstate it.
    @Test func aConnectionWithoutTheStoresFunctionsCanStillChangeOtherRegistrationColumns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("city.sqlite").path
        _ = try initialisedStore(path: path)

        let outside = try DatabaseQueue(path: path)
        for write in ["UPDATE exam_registrations SET ticket_number = ticket_number WHERE 0",
                      "DELETE FROM exam_registrations WHERE 0"] {
            #expect(throws: Never.self, "\(write)") { try outside.write { db in try db.execute(sql: write) } }
        }
    }
}
