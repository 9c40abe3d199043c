import GRDB
import GRDBSQLite

/// A value bound by `Database.bulkInsert`.
enum BulkValue {
    case text(String)
    case integer(Int64)
    case null

    init(_ text: String?) { self = text.map(BulkValue.text) ?? .null }
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
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        guard sqlite3_bind_parameter_count(handle) == Int32(values.count) else {
            // Too few values would silently reuse the previous row's bindings.
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(values.count) values for \(sqlite3_bind_parameter_count(handle)) parameters",
                                sql: statement.sql)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .text(let text):
                code = text.utf8.withContiguousStorageIfAvailable { bytes in
                    sqlite3_bind_text(handle, index, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                      Int32(bytes.count), transientDestructor)
                } ?? text.withCString { sqlite3_bind_text(handle, index, $0, -1, transientDestructor) }
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .null:
                code = sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw failure(code, statement.sql) }
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
