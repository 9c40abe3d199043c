import Foundation
import GRDB
import Domain

/// The database of one city or district: the catalog copy and every record.
///
/// Every operation that changes data takes the acting user, checks role and scope, runs in one
/// transaction and writes its audit event in that same transaction: either all of it happens or
/// none of it does.
public final class Store: Sendable {
    let writer: any DatabaseWriter
    let clock: Clock
    /// Shown in messages: the file path, or `:memory:`.
    public let location: String
    /// The catalog as last read, for the pages that offer its choices on every request.
    let catalogCache = CatalogCache()

    init(writer: any DatabaseWriter, clock: Clock, location: String) throws(StoreError) {
        self.writer = writer
        self.clock = clock
        self.location = location
        do {
            try Migrations.migrator.migrate(writer)
        } catch {
            throw StoreError.from(error, database: location)
        }
    }

    /// How much a committed transaction survives.
    public enum Durability: Sendable {
        /// Every commit is on disk before the operation returns (SQLite's default): the records.
        case full
        /// Commits reach the disk when the operating system writes them: a crash of the machine
        /// (not of the program) may lose the last ones. Only for a database that is rebuilt
        /// from scratch when anything goes wrong, such as `skillcert demo`'s, whose hundreds of
        /// thousands of small transactions would otherwise each wait for the disk.
        case rebuildable
    }

    /// Opens (creating if needed) the database file in WAL mode and brings its schema up to date.
    /// A write that finds another connection writing waits up to `busyTimeout` seconds for it,
    /// then fails with `StoreError.busy`, having written nothing.
    public static func open(path: String, clock: Clock = .system, durability: Durability = .full,
                            busyTimeout: TimeInterval = defaultBusyTimeout) throws(StoreError) -> Store {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        // A city's year of trainees is a few hundred MB of rows and indexes; SQLite's default
        // 2 MB page cache makes a large import spill and re-read pages for every row.
        config.prepareDatabase { db in
            Store.addFunctions(db)
            try db.execute(sql: "PRAGMA cache_size = \(pageCacheSize)")
            if durability == .rebuildable { try db.execute(sql: "PRAGMA synchronous = OFF") }
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StoreError.from(error, database: path)
        }
        return try Store(writer: pool, clock: clock, location: path)
    }

    /// How long a write waits for another connection's (two minutes). An import is one
    /// transaction and holds the write lock from its first row to its commit: 300,000 rows held
    /// it for 28 s, and a million rows take about 14 s in a release build and several times
    /// that in a debug build or on a busy machine. A shorter wait made every other write
    /// (another clerk's hours, a mark) fail while such an import ran.
    public static let defaultBusyTimeout: TimeInterval = 120

    /// 128 MB, in SQLite's negative-means-KiB form.
    static let pageCacheSize = -131072

    /// A private database in memory, for tests.
    public static func inMemory(clock: Clock) throws(StoreError) -> Store {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in Store.addFunctions(db) }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: config)
        } catch {
            throw StoreError.from(error)
        }
        return try Store(writer: queue, clock: clock, location: ":memory:")
    }

    /// The migrations this database has run, oldest first.
    public func appliedMigrations() throws(StoreError) -> [String] {
        try read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    // MARK: Transactions

    /// Runs `body` in one write transaction; any error rolls everything back.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write { db in try body(db) }
        } catch {
            throw StoreError.from(error, database: location)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read { db in try body(db) }
        } catch {
            throw StoreError.from(error, database: location)
        }
    }

    // MARK: Audit

    /// Records one audit event inside the caller's transaction.
    func audit(
        _ db: Database, actor: User, action: String, entity: String, key: String,
        before: (any Encodable)? = nil, after: (any Encodable)? = nil, reason: String? = nil
    ) throws {
        try audit(db, actorLogin: actor.login, actorRole: actor.role.rawValue, action: action, entity: entity, key: key,
                  before: before, after: after, reason: reason)
    }

    /// The same, for an actor who is not a user (yet): a sign-in attempt under an unknown login.
    func audit(
        _ db: Database, actorLogin: String, actorRole: String, action: String, entity: String, key: String,
        before: (any Encodable)? = nil, after: (any Encodable)? = nil, reason: String? = nil
    ) throws {
        // Every change writes one: a prepared INSERT, not the record's generic one.
        try db.execute(cached: """
            INSERT INTO audit_events (at, actor_login, actor_role, action, entity, entity_key, before, after, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [clock.timestamp(), actorLogin, actorRole, action, entity, key,
                             try before.map(Store.json), try after.map(Store.json), reason])
    }

    static func json(_ value: any Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension StoreError {
    /// Keeps StoreErrors as they are; turns SQLite's errors into a message the user can act on.
    /// `path` is the database file, named when it cannot be opened.
    static func from(_ error: any Error, database path: String? = nil) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            // Another connection holds the lock, and the wait for it ran out.
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
            case .SQLITE_CANTOPEN: if let path { return .cannotOpen(path: path) }
            case .SQLITE_NOTADB: if let path { return .notADatabase(path: path) }
            default: break
            }
            return .database(message: error.message ?? error.description)
        }
        return .database(message: String(describing: error))
    }
}
