import Foundation
import PostgresNIO
import Store

/// One batch a push committed: the change log position it reached and what it carried.
public struct ProvinceBatchReport: Sendable {
    public let number: Int
    public let through: Int64
    public let changes: Int
    public let rows: Int
}

/// What a push did.
public struct ProvincePushOutcome: Sendable {
    public let city: CityCode
    /// The city's change log position the province held before and holds now.
    public let from: Int64
    public let through: Int64
    public let batches: Int
    public let changes: Int
    public let rows: Int
}

/// The one-way push of a city's records to the province (`skillcert province push`).
///
/// The city's database logs every change of the tables the province keeps (`province_changes`,
/// see Store's migration v13). The province holds, per city, the position in that log it has
/// reached (`cities.pushed_through`). Each batch is one PostgreSQL transaction that locks the
/// city's row, reads that position, reads the next changes after it from the city, replaces the
/// changed rows (the rows as they are now: delete by key, then COPY what the keys hold) and moves
/// the position to the batch's last change. A push killed at any moment leaves either the whole
/// batch with its position or neither; the next push starts from the position the province
/// holds, and a row sent twice is replaced by the same row. Two pushes of one city at once
/// take turns on the row lock and each batch starts where the other left off.
///
/// Once a batch's transaction committed, the city drops its changes up to the batch's position
/// (`Store.trimProvinceChanges`), so its log holds only what the province has not confirmed; a
/// run stopped between the commit and the drop drops them at its next start. The city therefore
/// feeds one province database: one holding less than the city dropped is refused.
public struct ProvincePush: Sendable {
    public let store: Store
    public let city: CityCode
    public let database: ProvinceDatabase
    /// Changes per batch (a transaction in PostgreSQL, a read transaction in the city).
    public let batchSize: Int

    public static let defaultBatchSize = 20_000
    /// A run that sent this many rows has the tables it touched analysed at its end.
    static let analyseAfterRows = 10_000

    public init(store: Store, city: CityCode, database: ProvinceDatabase, batchSize: Int = defaultBatchSize) {
        self.store = store
        self.city = city
        self.database = database
        self.batchSize = max(1, batchSize)
    }

    /// `progress` hears of each batch once PostgreSQL committed it, before the city drops the
    /// batch's changes from its log; a `progress` that throws stops the push there.
    public func run(progress: @escaping @Sendable (ProvinceBatchReport) throws -> Void = { _ in }) async throws -> ProvincePushOutcome {
        let code = city.value
        let logger = ProvinceDatabase.logger
        let catalog = try store.catalogFingerprint()
        return try await database.withConnection { connection in
            try await database.requireSchema(connection)
            // The city keeps only what the province has not confirmed: a province holding less
            // than the city dropped (a new or restored database) cannot be brought up to date.
            let dropped = try store.provinceChangesTrimmedThrough()
            let held = try await Self.mark(connection, city: code) ?? 0
            guard held >= dropped else {
                throw ProvinceError.changesDropped(city: code, address: database.address.description, provinceHolds: held, cityDropped: dropped)
            }
            try await connection.query("""
                INSERT INTO cities (city_code, first_push_at) VALUES (\(code), now()) ON CONFLICT (city_code) DO NOTHING
                """, logger: logger)
            var from: Int64?
            var last: Int64 = 0
            var batches = 0, changes = 0, rows = 0
            var touched: Set<String> = []
            while true {
                let number = batches + 1
                let (mark, report, names) = try await connection.withTransaction(logger: logger) {
                    connection -> (Int64, ProvinceBatchReport?, [String]) in
                    let mark = try await Self.lockedMark(connection, city: code)
                    guard let batch = try store.provinceChanges(after: mark, limit: batchSize) else { return (mark, nil, []) }
                    for table in batch.tables {
                        try await Self.replace(table, city: code, on: connection)
                    }
                    try await connection.query("""
                        UPDATE cities SET pushed_through = \(batch.through), last_push_at = now() WHERE city_code = \(code)
                        """, logger: logger)
                    return (mark, ProvinceBatchReport(number: number, through: batch.through, changes: batch.changes,
                                                      rows: batch.rowCount), batch.tables.map(\.table.name))
                }
                if from == nil { from = mark }
                last = mark
                guard let report else {
                    // What a run stopped between a commit and its trim left behind.
                    try store.trimProvinceChanges(through: mark)
                    break
                }
                batches += 1
                touched.formUnion(names)
                changes += report.changes
                rows += report.rows
                last = report.through
                try progress(report)
                // Only now that the province's transaction committed does the city drop the batch.
                try store.trimProvinceChanges(through: report.through)
            }
            // After a bulk load the planner needs the tables' statistics before autovacuum gets
            // to them (the statistics queries would otherwise loop over what they should hash).
            if rows >= Self.analyseAfterRows {
                try await connection.query(PostgresQuery(unsafeSQL: "ANALYZE " + touched.sorted().joined(separator: ", ")),
                                           logger: logger)
            }
            let cityLast = try store.lastProvinceChange()
            try await connection.query("""
                UPDATE cities SET last_push_at = now(), last_push_changes = \(Int64(changes)),
                       city_last_change = \(cityLast), catalog_version = \(catalog)
                WHERE city_code = \(code)
                """, logger: logger)
            return ProvincePushOutcome(city: city, from: from ?? 0, through: last, batches: batches, changes: changes, rows: rows)
        }
    }

    private static func mark(_ connection: PostgresConnection, city: String) async throws -> Int64? {
        let rows = try await connection.query("SELECT pushed_through FROM cities WHERE city_code = \(city)",
                                              logger: ProvinceDatabase.logger)
        for try await mark in rows.decode(Int64.self) { return mark }
        return nil
    }

    private static func lockedMark(_ connection: PostgresConnection, city: String) async throws -> Int64 {
        let rows = try await connection.query("SELECT pushed_through FROM cities WHERE city_code = \(city) FOR UPDATE",
                                              logger: ProvinceDatabase.logger)
        for try await mark in rows.decode(Int64.self) { return mark }
        return 0
    }

    /// The changed keys' rows replaced by what the city holds now: deleted, then copied in.
    private static func replace(_ rows: ProvinceRows, city: String, on connection: PostgresConnection) async throws {
        let logger = ProvinceDatabase.logger
        let table = rows.table
        try await connection.query(PostgresQuery(unsafeSQL: """
            DELETE FROM \(table.name) WHERE city_code = $1 AND \(table.key) = ANY($2)
            """, binds: bindings(city, rows.keys)), logger: logger)
        guard !rows.rows.isEmpty else { return }
        try await connection.copyFrom(table: table.name, columns: ["city_code"] + table.columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for row in rows.rows {
                buffer.writeString(city)
                for value in row {
                    buffer.writeInteger(UInt8(ascii: "\t"))
                    if let value { CopyText.write(value, into: &buffer) } else { buffer.writeString("\\N") }
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    private static func bindings(_ city: String, _ keys: [Int64]) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(city)
        binds.append(keys)
        return binds
    }
}

/// COPY's text format: a backslash, tab, newline or carriage return inside a value is escaped.
enum CopyText {
    static func write(_ value: String, into buffer: inout ByteBuffer) {
        var plain = true
        for byte in value.utf8 where byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            plain = false
            break
        }
        if plain {
            buffer.writeString(value)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0x5C: buffer.writeString("\\\\")
            case 0x09: buffer.writeString("\\t")
            case 0x0A: buffer.writeString("\\n")
            case 0x0D: buffer.writeString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
