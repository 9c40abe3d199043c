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

    /// Checks rows in file order and enrols those that pass: the outcomes, and what is written,
    /// are those of `add(_:row:)` called for each row in turn.
    ///
    /// Most rows of a list are people new to the system. A run of them is written with one
    /// multi-row INSERT per table instead of one per row: SQLite's cost per statement (opening
    /// cursors, the statement journal, the AUTOINCREMENT counter) then comes once per run, which
    /// halves its work on a large list. A run holding a known or repeated ID fails as a whole
    /// (SQLite undoes the statement) and its rows then go one by one, which names each cause.
    public func add(_ rows: [(candidate: TraineeCandidate, row: Int)]) throws -> [TraineeRowOutcome] {
        var outcomes: [TraineeRowOutcome] = []
        outcomes.reserveCapacity(rows.count)
        try BulkRuns.write(rows, whole: { run in
            guard try enrolNewPersons(run) else { return false }
            summary.rowsRead += run.count
            summary.imported += run.count
            summary.newPersons += run.count
            outcomes.append(contentsOf: repeatElement(.imported(newPerson: true), count: run.count))
            return true
        }, each: { outcomes.append(try add($0.candidate, row: $0.row)) })
        return outcomes
    }

    /// Writes a run of rows whose persons are all new and distinct and returns true, or writes
    /// nothing and returns false.
    private func enrolNewPersons(_ run: ArraySlice<(candidate: TraineeCandidate, row: Int)>) throws -> Bool {
        guard run.count > 1, placesTaken + run.count <= cohort.capacity else { return false }
        let now = now
        do {
            try db.bulkInsert(try batchStatement(.persons, rows: run.count)) { binder in
                // Fields are read in place: copying a whole candidate per row showed in profiles.
                for index in run.indices {
                    binder.bind(run[index].candidate.nationalId.value)
                    binder.bind(run[index].candidate.name)
                    binder.bind(run[index].candidate.sex.rawValue)
                    binder.bind(run[index].candidate.birthDateText)
                    binder.bind(run[index].candidate.phone)
                    binder.bind(now)
                    binder.bind(now)
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            return false
        }
        let firstPerson = try firstId(of: run.count, sql: "SELECT id FROM persons WHERE national_id = ?",
                                      arguments: [run.first!.candidate.nationalId.value])
        let (cohortId, importId) = (cohort.id!, importId)
        try db.bulkInsert(try batchStatement(.enrolments, rows: run.count)) { binder in
            for (offset, index) in run.indices.enumerated() {
                binder.bind(cohortId)
                binder.bind(firstPerson + Int64(offset))
                binder.bind(run[index].candidate.education)
                binder.bind(run[index].candidate.householdType)
                binder.bind(importId)
                binder.bind(Int64(run[index].row))
                binder.bind(now)
            }
        }
        placesTaken += run.count
        var groups = 0
        for index in run.indices { groups += run[index].candidate.keyGroups.count }
        guard groups > 0 else { return true }
        let firstEnrolment = try firstId(of: run.count, sql: "SELECT id FROM enrolments WHERE cohort_id = ? AND person_id = ?",
                                         arguments: [cohortId, firstPerson])
        var pairs: [(enrolment: Int64, code: String)] = []
        pairs.reserveCapacity(groups)
        for (offset, index) in run.indices.enumerated() {
            for code in run[index].candidate.keyGroups { pairs.append((firstEnrolment + Int64(offset), code)) }
        }
        // At most `BulkRuns.length` key groups per statement, which bounds the statements prepared.
        var start = 0
        while start < pairs.count {
            let slice = pairs[start..<min(start + BulkRuns.length, pairs.count)]
            try db.bulkInsert(try batchStatement(.keyGroups, rows: slice.count)) { binder in
                for (enrolment, code) in slice {
                    binder.bind(enrolment)
                    binder.bind(code)
                }
            }
            start = slice.endIndex
        }
        return true
    }

    /// The id of the first of the `count` rows the last multi-row INSERT wrote, looked up by
    /// `sql`. AUTOINCREMENT gives each new row an id above every earlier one, so the run's ids
    /// rise in VALUES order; a first id `count - 1` below the last leaves no room for gaps, and
    /// the rows' ids are then first, first + 1, … without a look-up per row.
    private func firstId(of count: Int, sql: String, arguments: StatementArguments) throws -> Int64 {
        let last = db.lastInsertedRowID
        guard let first = try Int64.fetchOne(db.cachedStatement(sql: sql), arguments: arguments),
              first == last - Int64(count) + 1 else {
            throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "the rows of a multi-row insert did not get consecutive ids", sql: sql)
        }
        return first
    }

    private enum BatchTable { case persons, enrolments, keyGroups }
    private struct BatchKey: Hashable {
        let table: BatchTable
        let rows: Int
    }
    private var batchStatements: [BatchKey: Statement] = [:]

    /// The multi-row INSERT for `rows` rows of `table`, prepared once per import.
    private func batchStatement(_ table: BatchTable, rows: Int) throws -> Statement {
        let key = BatchKey(table: table, rows: rows)
        if let statement = batchStatements[key] { return statement }
        let head: String, width: Int
        switch table {
        case .persons:
            head = "INSERT INTO persons (national_id, name, sex, birth_date, phone, created_at, updated_at)"
            width = 7
        case .enrolments:
            head = "INSERT INTO enrolments (cohort_id, person_id, education, household_type, import_id, source_row, enrolled_at)"
            width = 7
        case .keyGroups:
            head = "INSERT INTO enrolment_key_groups (enrolment_id, key_group_code)"
            width = 2
        }
        let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        let statement = try db.makeStatement(sql: head + " VALUES " + Array(repeating: tuple, count: rows).joined(separator: ", "))
        batchStatements[key] = statement
        return statement
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
                // Each multi-row INSERT keeps the pages it changes in a statement journal, to undo
                // itself on a conflict. By default that journal goes to a temporary file as soon
                // as a large import makes the page cache spill, which on a million rows quadrupled
                // the writes; in memory it holds a few pages at a time.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                defer { try? db.execute(sql: "PRAGMA temp_store = DEFAULT") }
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
            throw StoreError.from(error, database: location)
        }
        return result
    }
}
