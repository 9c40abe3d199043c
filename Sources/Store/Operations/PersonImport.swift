import GRDB
import Domain

/// What became of one person of a bulk registration.
public enum PersonRowOutcome: Hashable, Sendable {
    case registered
    /// Already on file under the same name: nothing to do.
    case alreadyOnFile
    case rejected(Rejection)
}

/// What a bulk registration did, for the summary line and the audit trail.
public struct PersonImportSummary: Sendable, Equatable, Codable {
    public var source: String
    public var rowsRead = 0
    public var registered = 0
    public var alreadyOnFile = 0
    public var rejected = 0
    /// False when nothing was written (a rejected row, or an error half-way).
    public var committed = false
    /// The first and last id of the persons it registered, every id between them one of them
    /// (ids only grow, and nobody else writes during the load): each finds the load in her
    /// history by them. Nil when it registered nobody.
    public var firstPersonId: Int64?
    public var lastPersonId: Int64?
}

/// The open transaction of one bulk registration of persons: the bureau loading the persons
/// on file from earlier years' records (a city holds about a million). The same rules as
/// `registerPerson` hold for each row: the name is checked, and a known ID must come with the
/// name on record.
///
/// Most rows are people new to the database, so a run of rows is written with one multi-row
/// INSERT, the fast path of the trainee import; a run holding a known or repeated ID fails as a
/// whole (SQLite undoes the statement) and its rows then go one by one, which names each cause.
public final class PersonImportSession {
    private let db: Database
    private let now: String
    public private(set) var summary: PersonImportSummary
    private let insertOne: Statement
    private var batchStatements: [Int: Statement] = [:]

    init(db: Database, now: String, summary: PersonImportSummary) throws {
        self.db = db
        self.now = now
        self.summary = summary
        insertOne = try db.makeStatement(sql: """
            INSERT INTO persons (national_id, name, sex, birth_date, phone, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (national_id) DO NOTHING
            """)
    }

    /// Registers the persons in order; the outcomes are those of registering each in turn.
    public func add(_ persons: [NewPerson]) throws -> [PersonRowOutcome] {
        var outcomes: [PersonRowOutcome] = []
        outcomes.reserveCapacity(persons.count)
        try BulkRuns.write(persons, whole: { run in
            guard try insertNew(run) else { return false }
            summary.rowsRead += run.count
            summary.registered += run.count
            outcomes.append(contentsOf: repeatElement(.registered, count: run.count))
            return true
        }, each: { outcomes.append(try add($0)) })
        return outcomes
    }

    /// Checks and registers one person.
    public func add(_ person: NewPerson) throws -> PersonRowOutcome {
        summary.rowsRead += 1
        let outcome = try check(person)
        switch outcome {
        case .registered: summary.registered += 1
        case .alreadyOnFile: summary.alreadyOnFile += 1
        case .rejected: summary.rejected += 1
        }
        return outcome
    }

    private func check(_ person: NewPerson) throws -> PersonRowOutcome {
        let name: String
        do {
            name = try Store.personName(person.name)
        } catch let error as StoreError {
            guard case .invalid(let problem) = error else { throw error }
            return .rejected(problem.rule)
        }
        try db.bulkInsert(insertOne, .text(person.nationalId.value), .text(name), .text(person.sex.rawValue), .text(person.birthDate.description),
                          BulkValue(person.phone?.value), .text(now), .text(now))
        if db.changesCount == 1 { return .registered }
        let known = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM persons WHERE national_id = ?"),
                                        arguments: [person.nationalId.value])
        guard known == name else {
            return .rejected(Rejection("该身份证号已以另一个姓名登记，请核对姓名和身份证号",
                                       "this national ID is registered under another name; check the name and the ID"))
        }
        return .alreadyOnFile
    }

    /// Writes a run of persons that are all new, distinct and well named and returns true, or
    /// writes nothing and returns false.
    private func insertNew(_ run: ArraySlice<NewPerson>) throws -> Bool {
        guard run.count > 1, run.allSatisfy({ Self.isPlainName($0.name) }) else { return false }
        let statement = try batchStatement(rows: run.count)
        let now = now
        do {
            try db.bulkInsert(statement) { binder in
                for index in run.indices {
                    binder.bind(run[index].nationalId.value)
                    binder.bind(run[index].name)
                    binder.bind(run[index].sex.rawValue)
                    binder.bind(run[index].birthDate.description)
                    binder.bind(run[index].phone?.value)
                    binder.bind(now)
                    binder.bind(now)
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            return false
        }
        return true
    }

    /// A name the fast path may write as it is: what `Store.personName` would keep unchanged.
    private static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, let last = name.unicodeScalars.last,
              !first.properties.isWhitespace, !last.properties.isWhitespace, name.count <= 50 else { return false }
        return HiddenCharacter.first(in: name) == nil
    }

    private func batchStatement(rows: Int) throws -> Statement {
        if let statement = batchStatements[rows] { return statement }
        let tuple = "(?, ?, ?, ?, ?, ?, ?)"
        let statement = try db.makeStatement(sql: """
            INSERT INTO persons (national_id, name, sex, birth_date, phone, created_at, updated_at) VALUES \
            \(Array(repeating: tuple, count: rows).joined(separator: ", "))
            """)
        batchStatements[rows] = statement
        return statement
    }
}

extension Store {
    /// Registers many persons in one transaction (bureau only): `feed` hands them to the session
    /// in batches. Any rejected row rolls everything back, as does an error thrown by `feed`. One
    /// audit event records the load and its counts; the persons are the bureau's records, so no
    /// institution is linked to them.
    public func importPersons(source: String, actor: User, feed: (PersonImportSession) throws -> Void) throws -> PersonImportSummary {
        var result = PersonImportSummary(source: source)
        do {
            try writer.writeWithoutTransaction { db in
                // As in the trainee import: the multi-row INSERTs' statement journal stays in memory.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                defer { try? db.execute(sql: "PRAGMA temp_store = DEFAULT") }
                try db.inTransaction {
                    let actor = try currentActor(db, actor)
                    try requireBureau(actor, to: "person import")
                    let session = try PersonImportSession(db: db, now: clock.timestamp(), summary: PersonImportSummary(source: source))
                    let lastBefore = try Int64.fetchOne(db, sql: "SELECT max(id) FROM persons") ?? 0
                    try feed(session)
                    result = session.summary
                    if result.rejected > 0 { return .rollback }
                    result.committed = true
                    if result.registered > 0 {
                        result.firstPersonId = try Int64.fetchOne(db, sql: "SELECT min(id) FROM persons WHERE id > ?", arguments: [lastBefore])
                        result.lastPersonId = try Int64.fetchOne(db, sql: "SELECT max(id) FROM persons")
                    }
                    try audit(db, actor: actor, action: "person.import", entity: "persons", key: "\(result.registered) persons", after: result)
                    return .commit
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error)
        }
        return result
    }
}
