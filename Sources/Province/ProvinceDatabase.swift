import Foundation
import PostgresNIO

/// The province's PostgreSQL database: one connection per use, opened and closed around it.
public struct ProvinceDatabase: Sendable {
    public let address: ProvinceAddress

    public init(address: ProvinceAddress) {
        self.address = address
    }

    /// postgres-nio logs every query at debug level; the tool reports errors itself.
    static let logger: Logger = {
        var logger = Logger(label: "skillcert.province")
        logger.logLevel = .critical
        return logger
    }()

    /// Opens a connection, runs `body`, closes it; any failure becomes a `ProvinceError` that
    /// says what PostgreSQL said.
    func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: address.configuration, id: 1, logger: Self.logger)
        } catch {
            throw ProvinceError.database(address: address.description, message: Self.message(of: error))
        }
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch let error as ProvinceError {
            try? await connection.close()
            throw error
        } catch {
            try? await connection.close()
            throw ProvinceError.database(address: address.description, message: Self.message(of: error))
        }
    }

    /// The server's own words where there are some (postgres-nio's descriptions hide them).
    static func message(of error: any Error) -> String {
        if let transaction = error as? PostgresTransactionError {
            if let inner = transaction.closureError ?? transaction.commitError ?? transaction.beginError {
                if let province = inner as? ProvinceError { return province.english }
                return message(of: inner)
            }
        }
        if let psql = error as? PSQLError {
            if let server = psql.serverInfo, let text = server[.message] {
                return [server[.sqlState], text, server[.detail]].compactMap { $0 }.joined(separator: ": ")
            }
            if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
            return "\(psql.code)"
        }
        return String(describing: error)
    }

    /// Creates the schema, or brings an older one up to date: the migrations not yet applied, each
    /// in its own transaction under an advisory lock (two `init`s at once apply each migration
    /// once). Returns the names applied now.
    @discardableResult
    public func initialise() async throws -> [String] {
        try await withConnection { connection in
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS province_migrations (
                    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: Self.logger)
            var applied: [String] = []
            for migration in ProvinceSchema.migrations {
                let name = migration.name
                let didApply = try await connection.withTransaction(logger: Self.logger) { connection in
                    try await connection.query("SELECT pg_advisory_xact_lock(441900019)", logger: Self.logger)
                    let rows = try await connection.query("SELECT 1 FROM province_migrations WHERE name = \(name)", logger: Self.logger)
                    for try await _ in rows { return false }
                    for statement in Self.statements(migration.sql) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: Self.logger)
                    }
                    try await connection.query("INSERT INTO province_migrations (name) VALUES (\(name))", logger: Self.logger)
                    return true
                }
                if didApply { applied.append(name) }
            }
            return applied
        }
    }

    /// The statements of a migration's text, split at the semicolons that end its lines.
    static func statements(_ sql: String) -> [String] {
        sql.components(separatedBy: ";\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
    }

    /// Fails with `notInitialised` when `province init` has not run on this database, and with
    /// `outdated` when it ran before this version's migrations (a push would meet tables missing).
    func requireSchema(_ connection: PostgresConnection) async throws {
        let rows = try await connection.query("SELECT to_regclass('public.cities')::text", logger: Self.logger)
        var found = false
        for try await name in rows.decode(String?.self) where name != nil { found = true }
        guard found else { throw ProvinceError.notInitialised(address: address.description) }
        var applied: Set<String> = []
        for try await name in try await connection.query("SELECT name FROM province_migrations", logger: Self.logger).decode(String.self) {
            applied.insert(name)
        }
        let missing = ProvinceSchema.migrations.map(\.name).filter { !applied.contains($0) }
        guard missing.isEmpty else { throw ProvinceError.outdated(address: address.description, missing: missing) }
    }
}
