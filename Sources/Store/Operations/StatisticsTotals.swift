import Foundation
import GRDB
import Domain

extension Store {
    /// The running totals the statistics read (`statistics_trainees`, `statistics_certificates`,
    /// kept by the triggers of migration v13) recounted from the records: each line where a kept
    /// total and the recount differ, as `table: key kept n, recounted m`. Empty when they agree,
    /// which the tests check after every kind of change; an operator may run it on a copy too.
    public func statisticsTotalsDisagreements(actor: User) throws(StoreError) -> [String] {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "check the statistics totals")
            return try Self.disagreements(db, table: "statistics_trainees", key: "cohort_id, key_group_code, completed_on",
                                          count: "trainees", recount: Self.traineesRecount)
                + Self.disagreements(db, table: "statistics_certificates",
                                     key: "issued_on, cohort_id, training_institution_id, body_id, occupation_code, level, special_ability_code",
                                     count: "certificates", recount: Self.certificatesRecount)
                + Self.disagreements(db, table: "statistics_registrations", key: "session_id, cohort_id, institution_id",
                                     count: "candidates", recount: Self.registrationsRecount)
                + Self.disagreements(db, table: "statistics_registrations", key: "session_id, cohort_id, institution_id",
                                     count: "first_passes", recount: Self.registrationsRecount)
        }
    }

    /// `skillcert_mark_passes(mark, pass_mark)`: whether a stored mark passes a part with that pass
    /// mark, by the Domain's `PassRule` (an unreadable mark does not pass). The exam totals'
    /// triggers judge the marks of one sitting with it each time a mark is written; every
    /// connection of the Store has it.
    static func addFunctions(_ db: Database) {
        db.add(function: DatabaseFunction("skillcert_mark_passes", argumentCount: 2, pure: true) { values in
            guard let code = String.fromDatabaseValue(values[0]), let passMark = Int.fromDatabaseValue(values[1]),
                  let mark = try? Store.mark(from: code) else { return false }
            return PassRule.passes(mark, passMark: passMark)
        })
    }

    /// Fills the exam totals afresh from the registrations and their marks: when the migration
    /// adds them, and when a catalog sync changes the parts or pass marks they were judged by.
    /// Every first sitting is judged once (a few seconds for a city's 400,000 marks).
    static func refillExamTotals(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM statistics_first_passes;
            DELETE FROM statistics_registrations;
            INSERT INTO statistics_first_passes SELECT registration_id FROM statistics_passing_first_sittings;
            INSERT INTO statistics_registrations \(registrationsRecount);
            """)
    }

    /// Registrations per session, class and institution, with their first sittings that pass.
    static let registrationsRecount = """
        SELECT g.session_id, ifnull(g.cohort_id, 0) AS cohort_id, ifnull(g.institution_id, 0) AS institution_id,
               count(*) AS candidates, count(v.registration_id) AS first_passes
        FROM exam_registrations g LEFT JOIN statistics_passing_first_sittings v ON v.registration_id = g.id
        GROUP BY g.session_id, ifnull(g.cohort_id, 0), ifnull(g.institution_id, 0)
        """

    /// Trainees who are not withdrawn, per class and completion date, in all and per key group.
    static let traineesRecount = """
        SELECT cohort_id, '' AS key_group_code, ifnull(completed_on, '') AS completed_on, count(*) AS trainees
        FROM enrolments WHERE status <> 'withdrawn' GROUP BY cohort_id, ifnull(completed_on, '')
        UNION ALL
        SELECT e.cohort_id, k.key_group_code, ifnull(e.completed_on, ''), count(*)
        FROM enrolments e JOIN enrolment_key_groups k ON k.enrolment_id = e.id WHERE e.status <> 'withdrawn'
        GROUP BY e.cohort_id, k.key_group_code, ifnull(e.completed_on, '')
        """

    /// Certificates that are not revoked, per issue date, class, institutions and target.
    static let certificatesRecount = """
        SELECT issued_on, ifnull(cohort_id, 0) AS cohort_id, ifnull(training_institution_id, 0) AS training_institution_id, body_id,
               ifnull(occupation_code, '') AS occupation_code, ifnull(level, '') AS level,
               ifnull(special_ability_code, '') AS special_ability_code, count(*) AS certificates
        FROM certificates WHERE revoked_on IS NULL GROUP BY 1, 2, 3, 4, 5, 6, 7
        """

    private static func disagreements(_ db: Database, table: String, key: String, count: String, recount: String) throws -> [String] {
        // A full outer join by hand: every key either side has, with both counts (0 when absent).
        let sql = """
            SELECT \(key), sum(kept) AS kept, sum(recounted) AS recounted FROM (
                SELECT \(key), \(count) AS kept, 0 AS recounted FROM \(table)
                UNION ALL SELECT \(key), 0, \(count) FROM (\(recount)))
            GROUP BY \(key) HAVING sum(kept) <> sum(recounted)
            """
        let columns = key.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return try Row.fetchAll(db, sql: sql).map { row in
            let keyText = columns.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " ")
            return "\(table): \(keyText) kept \(row["kept"] as Int64), recounted \(row["recounted"] as Int64)"
        }
    }
}
