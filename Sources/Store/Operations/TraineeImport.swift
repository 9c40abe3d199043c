import Foundation
import GRDB
import Domain

/// How an import treats a file with some bad rows.
public enum ImportMode: String, Sendable, Codable {
    /// Any bad row and nothing is written (the default).
    case allOrNothing = "all-or-nothing"
    /// The good rows are written; the bad ones are reported.
    case acceptValid = "accept-valid"
}

/// Why a row was refused; `field` is nil for rules about the row as a whole (capacity).
public struct ImportRowIssue: Hashable, Sendable {
    public let field: ListField?
    public let value: String
    public let rule: Rejection

    public init(field: ListField?, value: String, rule: Rejection) {
        self.field = field
        self.value = value
        self.rule = rule
    }

    public init(_ issue: ListFieldIssue) {
        self.init(field: issue.field, value: issue.value, rule: issue.rule)
    }
}

/// What became of one row.
public enum TraineeRowOutcome: Hashable, Sendable {
    case imported(newPerson: Bool)
    /// The person is already a trainee of this cohort from an earlier import: nothing to do.
    case alreadyEnrolled
    case rejected([ImportRowIssue])
}

/// What an import did, for the summary line and the audit trail.
public struct TraineeImportSummary: Sendable, Equatable, Codable {
    public var fileName: String
    public var rowsRead = 0
    public var imported = 0
    public var newPersons = 0
    public var alreadyEnrolled = 0
    public var rejected = 0
    /// Known persons whose phone in the file is not the one on record (the record is kept as it is).
    public var phonesKeptOnRecord = 0
    /// False when nothing was written (all-or-nothing with a bad row).
    public var committed = false
    public var importId: Int64?
}

/// The open transaction of one trainee import. The caller feeds it rows as it reads them; the
/// session checks each against the records (same name for a known ID, a duplicate within the
/// file, an overlapping cohort of the same occupation, capacity) and writes the good ones.
public final class TraineeImportSession {
    private let db: Database
    private let cohort: Cohort
    private let importId: Int64
    private let now: String
    private var placesTaken: Int
    public private(set) var summary: TraineeImportSummary
    // Prepared once: a million-row list runs them a million times.
    private let insertPerson: Statement
    private let insertEnrolment: Statement
    private let insertKeyGroup: Statement

    init(db: Database, cohort: Cohort, importId: Int64, now: String, summary: TraineeImportSummary) throws {
        self.db = db
        self.cohort = cohort
        self.importId = importId
        self.now = now
        self.summary = summary
        insertPerson = try db.makeStatement(sql: """
            INSERT INTO persons (national_id, name, sex, birth_date, phone, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (national_id) DO NOTHING
            """)
        insertEnrolment = try db.makeStatement(sql: """
            INSERT INTO enrolments (cohort_id, person_id, education, household_type, import_id, source_row, enrolled_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertKeyGroup = try db.makeStatement(sql: "INSERT INTO enrolment_key_groups (enrolment_id, key_group_code) VALUES (?, ?)")
        placesTaken = try Int.fetchOne(db, sql: "SELECT count(*) FROM enrolments WHERE cohort_id = ? AND status <> 'withdrawn'",
                                       arguments: [cohort.id]) ?? 0
    }

    /// Records a row that already failed the field rules, so that it is counted.
    public func countRejectedRow() {
        summary.rowsRead += 1
        summary.rejected += 1
    }

    /// Checks one row against the records and, if it passes, enrols the trainee.
    public func add(_ trainee: TraineeCandidate, row: Int) throws -> TraineeRowOutcome {
        summary.rowsRead += 1
        let outcome = try check(trainee, row: row)
        switch outcome {
        case .imported(let newPerson):
            summary.imported += 1
            if newPerson { summary.newPersons += 1 }
        case .alreadyEnrolled: summary.alreadyEnrolled += 1
        case .rejected: summary.rejected += 1
        }
        return outcome
    }

    private func check(_ trainee: TraineeCandidate, row: Int) throws -> TraineeRowOutcome {
        let id = trainee.nationalId.value
        // Most rows of a list are people new to the system: try the insert first, so that a new
        // person costs one statement, and look the person up only when the ID is already known.
        let personId: Int64
        var isNew = false
        if placesTaken < cohort.capacity {
            try db.bulkInsert(insertPerson, .text(id), .text(trainee.name), .text(trainee.sex.rawValue),
                .text(trainee.birthDateText), BulkValue(trainee.phone), .text(now), .text(now))
            isNew = db.changesCount == 1
        }
        if isNew {
            personId = db.lastInsertedRowID
        } else {
            guard let known = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, name, phone FROM persons WHERE national_id = ?"), arguments: [id]) else {
                return overCapacity()
            }
            personId = known["id"]
            // A repeat inside this file first: its message names the row to compare with.
            if let existing = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT import_id, source_row, status FROM enrolments WHERE cohort_id = ? AND person_id = ?"),
                arguments: [cohort.id, personId]) {
                let fromImport: Int64? = existing["import_id"]
                if fromImport == importId {
                    let firstRow: Int = existing["source_row"] ?? 0
                    return .rejected([ImportRowIssue(field: .nationalId, value: id, rule: Rejection(
                        "与本文件第 \(firstRow) 行的身份证号重复", "the same national ID as row \(firstRow) of this file"))])
                }
                let status: String = existing["status"]
                if status == EnrolmentStatus.withdrawn.rawValue {
                    return .rejected([ImportRowIssue(field: .nationalId, value: id, rule: Rejection(
                        "此人已从本班退学，不能再次导入", "this person has withdrawn from this cohort and cannot be imported again"))])
                }
                if trainee.name == known["name"] { notePhone(trainee.phone, onRecord: known["phone"]) }
                return trainee.name == known["name"] ? .alreadyEnrolled : nameConflict(trainee)
            }
            let knownName: String = known["name"]
            guard knownName == trainee.name else { return nameConflict(trainee) }
            if let overlap = try overlappingCohort(personId) {
                // Another institution's class is named only by its dates.
                let place = overlap.institutionId == cohort.institutionId ? "“\(overlap.name)”" : "（其他机构）"
                let placeEn = overlap.institutionId == cohort.institutionId ? "\"\(overlap.name)\"" : "of another institution"
                return .rejected([ImportRowIssue(field: .nationalId, value: id, rule: Rejection(
                    "已在同一职业的培训班\(place)（\(overlap.start) 至 \(overlap.end)）中，日期重叠",
                    "already a trainee of the cohort \(placeEn) (\(overlap.start) to \(overlap.end)) of the same occupation, whose dates overlap"))])
            }
            guard placesTaken < cohort.capacity else { return overCapacity() }
            notePhone(trainee.phone, onRecord: known["phone"])
        }
        try db.bulkInsert(insertEnrolment, .integer(cohort.id!), .integer(personId), BulkValue(trainee.education), BulkValue(trainee.householdType),
            .integer(importId), .integer(Int64(row)), .text(now))
        let enrolmentId = db.lastInsertedRowID
        for group in trainee.keyGroups {
            try db.bulkInsert(insertKeyGroup, .integer(enrolmentId), .text(group))
        }
        placesTaken += 1
        return .imported(newPerson: isNew)
    }

    /// Counts a known person whose phone in the file is not the one on record: an import never
    /// changes an existing person, so the difference is reported instead.
    private func notePhone(_ phone: String?, onRecord: String?) {
        if let phone, phone != onRecord { summary.phonesKeptOnRecord += 1 }
    }

    private func nameConflict(_ trainee: TraineeCandidate) -> TraineeRowOutcome {
        .rejected([ImportRowIssue(field: .name, value: trainee.name, rule: Rejection(
            "该身份证号已以另一个姓名登记，请核对姓名和身份证号",
            "this national ID is registered under another name; check the name and the ID"))])
    }

    private func overCapacity() -> TraineeRowOutcome {
        .rejected([ImportRowIssue(field: nil, value: String(cohort.capacity), rule: Rejection(
            "超出班额：本班最多 \(cohort.capacity) 人", "over capacity: this cohort takes at most \(cohort.capacity) trainees"))])
    }

    private func overlappingCohort(_ personId: Int64) throws -> (name: String, institutionId: Int64, start: String, end: String)? {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT c.name, c.institution_id, c.start_date, c.end_date FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id
            WHERE e.person_id = ? AND e.status <> 'withdrawn' AND c.id <> ?
              AND (c.occupation_code = ? OR c.special_ability_code = ?)
              AND c.start_date <= ? AND c.end_date >= ?
            LIMIT 1
            """), arguments: [personId, cohort.id, cohort.occupationCode, cohort.specialAbilityCode, cohort.endDate, cohort.startDate])
        return row.map { ($0["name"], $0["institution_id"], $0["start_date"], $0["end_date"]) }
    }

    func finish() throws {
        try db.execute(sql: """
            UPDATE trainee_imports SET rows_read = ?, imported = ?, already_enrolled = ?, rejected = ? WHERE id = ?
            """, arguments: [summary.rowsRead, summary.imported, summary.alreadyEnrolled, summary.rejected, importId])
    }
}

extension Store {
    /// Imports a trainee list into a cohort in one transaction. `feed` reads the file and hands
    /// each row to the session. In all-or-nothing mode any rejected row rolls everything back;
    /// an error thrown by `feed` (an unreadable file half-way) always does. A process killed
    /// half-way leaves the database as it was: the transaction never committed.
    public func importTrainees(
        cohortId: Int64, fileName: String, format: String, mode: ImportMode, actor: User,
        feed: (TraineeImportSession) throws -> Void
    ) throws -> TraineeImportSummary {
        var result = TraineeImportSummary(fileName: fileName)
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction {
                    let actor = try currentActor(db, actor)
                    let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "cohort import")
                    try db.execute(sql: """
                        INSERT INTO trainee_imports (cohort_id, file_name, format, mode, actor_login, at) VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [cohortId, fileName, format, mode.rawValue, actor.login, clock.timestamp()])
                    let importId = db.lastInsertedRowID
                    let session = try TraineeImportSession(db: db, cohort: cohort, importId: importId, now: clock.timestamp(),
                                                           summary: TraineeImportSummary(fileName: fileName))
                    try feed(session)
                    result = session.summary
                    if mode == .allOrNothing && result.rejected > 0 { return .rollback }
                    try session.finish()
                    result.committed = true
                    result.importId = importId
                    try audit(db, actor: actor, action: "cohort.import", entity: "cohorts", key: String(cohortId), after: result)
                    return .commit
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error)
        }
        return result
    }
}
