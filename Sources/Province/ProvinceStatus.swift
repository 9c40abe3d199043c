import Foundation
import PostgresNIO

/// What the province holds of one city (`skillcert province status`).
public struct ProvinceCityStatus: Sendable {
    public let city: String
    /// The city's change log position the province holds, and the city's last change when the
    /// last push ended: a push that ended with nothing left has them equal.
    public let pushedThrough: Int64
    public let cityLastChange: Int64
    public let firstPushAt: Date?
    public let lastPushAt: Date?
    public let lastPushChanges: Int64
    public let catalogVersion: String?
    /// Rows per table (`persons`, `certificates` …), and `valid certificates`.
    public let counts: [String: Int64]

    /// How long ago the last push ended (or last committed a batch), as of `now`.
    public func lag(now: Date) -> TimeInterval? { lastPushAt.map { now.timeIntervalSince($0) } }
}

extension ProvinceDatabase {
    /// Every city the province has heard from, by city code.
    public func status() async throws -> [ProvinceCityStatus] {
        try await withConnection { connection in
            try await requireSchema(connection)
            let logger = Self.logger
            var counts: [String: [String: Int64]] = [:]
            for table in Self.countedTables {
                let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                    SELECT city_code, count(*) FROM \(table) GROUP BY city_code
                    """), logger: logger)
                for try await (city, count) in rows.decode((String, Int64).self) { counts[city, default: [:]][table] = count }
            }
            let valid = try await connection.query("""
                SELECT city_code, count(*) FROM certificates WHERE revoked_on IS NULL GROUP BY city_code
                """, logger: logger)
            for try await (city, count) in valid.decode((String, Int64).self) { counts[city, default: [:]]["valid certificates"] = count }
            let rows = try await connection.query("""
                SELECT city_code, pushed_through, city_last_change, first_push_at, last_push_at, last_push_changes, catalog_version
                FROM cities ORDER BY city_code
                """, logger: logger)
            var cities: [ProvinceCityStatus] = []
            for try await (city, through, cityLast, first, last, changes, catalog)
                in rows.decode((String, Int64, Int64, Date?, Date?, Int64, String?).self) {
                cities.append(ProvinceCityStatus(city: city, pushedThrough: through, cityLastChange: cityLast, firstPushAt: first,
                                                 lastPushAt: last, lastPushChanges: changes, catalogVersion: catalog,
                                                 counts: counts[city] ?? [:]))
            }
            return cities
        }
    }

    static let countedTables = ["persons", "enrolments", "exam_registrations", "certificates", "certificate_reissues", "apprenticeships"]
}
