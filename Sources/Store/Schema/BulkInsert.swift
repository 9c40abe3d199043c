import GRDB
import GRDBSQLite

/// A value bound by `Database.bulkInsert`.
enum BulkValue {
    case text(String)
    case integer(Int64)
    case null

    init(_ text: String?) { self = text.map(BulkValue.text) ?? .null }
}

/// Binds a prepared statement's parameters one after the other, straight through SQLite's C API.
struct BulkBinder {
    fileprivate let handle: OpaquePointer
    fileprivate var index: Int32 = 0
    /// The first failure; later binds are skipped.
    fileprivate var code = SQLITE_OK

    mutating func bind(_ text: String) {
        next { handle, index in
            text.utf8.withContiguousStorageIfAvailable { bytes in
                sqlite3_bind_text(handle, index, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(bytes.count), transientDestructor)
            } ?? text.withCString { sqlite3_bind_text(handle, index, $0, -1, transientDestructor) }
        }
    }

    mutating func bind(_ text: String?) {
        if let text { bind(text) } else { next { sqlite3_bind_null($0, $1) } }
    }

    mutating func bind(_ number: Int64) {
        next { sqlite3_bind_int64($0, $1, number) }
    }

    mutating func bind(_ value: BulkValue) {
        switch value {
        case .text(let text): bind(text)
        case .integer(let number): bind(number)
        case .null: bind(nil as String?)
        }
    }

    private mutating func next(_ bind: (OpaquePointer, Int32) -> Int32) {
        index += 1
        if code == SQLITE_OK { code = bind(handle, index) }
    }
}

extension Database {
    /// Runs a prepared INSERT with values bound straight through SQLite's C API.
    ///
    /// An import inserts a few rows per line of a million-line file; GRDB's general argument
    /// handling (an existential per value) costs more than SQLite's own work there. This path is
    /// for those hot inserts only: everything else goes through GRDB as usual. It bypasses
    /// GRDB's statement hooks, so transaction observers do not see these rows one by one; the
    /// Store uses none, and a future one must observe the import as a whole.
    func bulkInsert(_ statement: Statement, _ values: BulkValue...) throws {
        try bulkInsert(statement) { binder in
            for value in values { binder.bind(value) }
        }
    }

    /// The same, with `bind` binding every parameter in order (no array of values is built).
    func bulkInsert(_ statement: Statement, _ bind: (inout BulkBinder) -> Void) throws {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        var binder = BulkBinder(handle: handle)
        bind(&binder)
        guard binder.code == SQLITE_OK else { throw failure(binder.code, statement.sql) }
        guard sqlite3_bind_parameter_count(handle) == binder.index else {
            // Too few values would silently reuse the previous row's bindings.
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(binder.index) values for \(sqlite3_bind_parameter_count(handle)) parameters",
                                sql: statement.sql)
        }
        let result = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard result == SQLITE_DONE else { throw failure(result, statement.sql) }
    }

    private func failure(_ code: Int32, _ sql: String) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code),
                      message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql)
    }
}

/// SQLITE_TRANSIENT: SQLite copies the bytes, which Swift may free right after the call.
private let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// Writes `items` in runs of up to `BulkRuns.length`: `whole` writes a run in one go or declines
/// (having written nothing), and then each item of that run goes through `each`, which names
/// every cause. The bulk imports use it because most rows are new and write fastest together.
enum BulkRuns {
    /// Past a few dozen rows per statement, SQLite's per-statement cost is already small.
    static let length = 64

    static func write<Item>(_ items: [Item], whole: (ArraySlice<Item>) throws -> Bool, each: (Item) throws -> Void) rethrows {
        var start = items.startIndex
        while start < items.endIndex {
            let run = items[start..<min(start + length, items.endIndex)]
            if try !whole(run) {
                for item in run { try each(item) }
            }
            start = run.endIndex
        }
    }
}
