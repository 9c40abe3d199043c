import Testing
import GRDB
import Domain
@testable import Store

/// Rows handed to the session together are written in runs by multi-row INSERTs; whatever the
/// mix of rows, the outcomes and the records must be those of the rows added one by one.
@Suite struct TraineeImportRunTests {
    /// A valid ID for a made-up person: area 442000, born 1990-01-01, sequence `index`.
    static func generatedID(_ index: Int) -> String {
        let body = "44200019900101" + String(100 + index)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    /// 150 rows for 140 places: new persons with and without key groups, an ID repeated inside
    /// the file, a person already in the cohort, a known person under another name, and the
    /// last rows over capacity, so that runs fail and fall back at different places.
    static func rows() -> [TraineeCandidate] {
        var rows = (0..<150).map { index in
            TrainingWorld.trainee(generatedID(index), "学员\(index)", phone: index % 3 == 0 ? nil : "13800138000",
                                  groups: index % 2 == 0 ? ["graduate"] : [])
        }
        rows[70] = rows[10]
        rows[100] = li
        rows[120] = TrainingWorld.trainee(wang.nationalId.value, "别人")
        return rows
    }

    func imported(together: Bool) throws -> (TraineeImportSummary, [TraineeRowOutcome], [Row]) {
        let t = try TrainingWorld(capacity: 140)
        _ = try t.importRows([li, wang])
        var outcomes: [TraineeRowOutcome] = []
        let rows = Self.rows()
        let summary = try t.store.importTrainees(cohortId: t.cohort.id!, fileName: "list.csv", format: "CSV UTF-8",
                                                 mode: .acceptValid, actor: t.world.clerkA) { session in
            if together {
                outcomes = try session.add(rows.enumerated().map { ($1, $0 + 2) })
            } else {
                for (index, row) in rows.enumerated() { outcomes.append(try session.add(row, row: index + 2)) }
            }
        }
        let records = try t.store.rawRead { db in
            try Row.fetchAll(db, sql: """
                SELECT p.id, p.national_id, p.name, p.sex, p.birth_date, p.phone, e.id AS enrolment, e.source_row, e.education,
                       (SELECT group_concat(key_group_code) FROM enrolment_key_groups k WHERE k.enrolment_id = e.id) AS groups
                FROM persons p LEFT JOIN enrolments e ON e.person_id = p.id ORDER BY p.id, e.id
                """)
        }
        return (summary, outcomes, records)
    }

    @Test func rowsAddedTogetherGetTheOutcomesAndRecordsOfRowsAddedOneByOne() throws {
        let one = try imported(together: false)
        let together = try imported(together: true)
        #expect(together.1 == one.1)
        #expect(together.0 == one.0)
        #expect(together.2 == one.2)
        // The mix did what it is for: runs written whole, and each kind of refusal.
        #expect(one.0.newPersons == 138 && one.0.alreadyEnrolled == 1 && one.0.rejected == 11)
        #expect(together.2.count == 140)
    }
}
