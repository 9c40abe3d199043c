import GRDB

/// A table the province keeps a copy of: its name (the same in the city and the province), the
/// key its changes are logged under (`id`, or the owner's id for part marks, key groups and claim
/// lines, which are replaced per registration, enrolment and claim) and the columns sent, in order. Phones, addresses and passwords
/// stay in the city: the province needs none of them.
public struct ProvinceTable: Sendable, Equatable {
    public let name: String
    public let key: String
    public let columns: [String]

    /// Every table pushed, in an order in which a row's references come first.
    public static let all: [ProvinceTable] = [
        ProvinceTable(name: "institutions", key: "id", columns: ["id", "name", "kind", "district"]),
        ProvinceTable(name: "persons", key: "id", columns: ["id", "national_id", "name", "sex", "birth_date"]),
        ProvinceTable(name: "cohorts", key: "id", columns: [
            "id", "institution_id", "name", "project_code", "occupation_code", "level", "special_ability_code",
            "district", "start_date", "end_date",
        ]),
        ProvinceTable(name: "enrolments", key: "id", columns: [
            "id", "cohort_id", "person_id", "status", "hours_tenths", "completed_on", "withdrawn_on", "enrolled_at",
        ]),
        ProvinceTable(name: "enrolment_key_groups", key: "enrolment_id", columns: ["enrolment_id", "key_group_code"]),
        ProvinceTable(name: "exam_sessions", key: "id", columns: [
            "id", "body_id", "occupation_code", "level", "special_ability_code", "sub_trade", "exam_date", "status",
            "results_locked_on",
        ]),
        ProvinceTable(name: "exam_registrations", key: "id", columns: [
            "id", "session_id", "person_id", "ticket_number", "institution_id", "cohort_id", "retake_of", "registered_at",
        ]),
        ProvinceTable(name: "part_marks", key: "registration_id", columns: [
            "registration_id", "part", "mark", "decided_by", "decided_at",
        ]),
        ProvinceTable(name: "certificates", key: "id", columns: [
            "id", "number", "person_id", "occupation_code", "level", "special_ability_code", "body_id", "session_id",
            "registration_id", "cohort_id", "training_institution_id", "issued_on", "revoked_on", "revocation_reason",
        ]),
        ProvinceTable(name: "certificate_reissues", key: "id", columns: ["id", "certificate_id", "reason", "reissued_on"]),
        ProvinceTable(name: "subsidy_claims", key: "id", columns: [
            "id", "institution_id", "period_start", "period_end", "claimed_on", "total_fen",
        ]),
        ProvinceTable(name: "subsidy_claim_lines", key: "claim_id", columns: ["claim_id", "certificate_id", "amount_fen"]),
        ProvinceTable(name: "enterprises", key: "id", columns: ["id", "credit_code", "name", "district"]),
        ProvinceTable(name: "apprenticeships", key: "id", columns: [
            "id", "enterprise_id", "institution_id", "person_id", "occupation_code", "target_level", "start_date",
            "end_date", "status", "filed_on", "completed_on", "certificate_id", "terminated_on", "created_at", "advance_fen",
        ]),
    ]
}

/// The rows of one table that a batch of changes touched: `keys` are the changed keys, `rows`
/// what those keys hold now (a key with no row was deleted), each value as text or nil.
public struct ProvinceRows: Sendable {
    public let table: ProvinceTable
    public let keys: [Int64]
    public let rows: [[String?]]
}

/// A batch of the change log: the changes after `after` up to and including `through`, read in
/// one read transaction so that the rows are as they were when `through` was the last change.
public struct ProvinceChangeBatch: Sendable {
    public let after: Int64
    public let through: Int64
    /// Changes logged in the range (a row changed twice counts twice).
    public let changes: Int
    public let tables: [ProvinceRows]

    public var rowCount: Int { tables.reduce(0) { $0 + $1.rows.count } }
}

extension Store {
    /// The next batch of at most `limit` logged changes after `after` (nil when there are none):
    /// what the province push sends in one PostgreSQL transaction. Reading only: the push drops
    /// what the province confirmed afterwards (`trimProvinceChanges`).
    public func provinceChanges(after: Int64, limit: Int) throws(StoreError) -> ProvinceChangeBatch? {
        try read { db in
            guard let through = try Int64.fetchOne(db, sql: """
                SELECT max(seq) FROM (SELECT seq FROM province_changes WHERE seq > ? ORDER BY seq LIMIT ?)
                """, arguments: [after, max(1, limit)]) else { return nil }
            let changes = try Int.fetchOne(db, sql: "SELECT count(*) FROM province_changes WHERE seq > ? AND seq <= ?",
                                           arguments: [after, through]) ?? 0
            var tables: [ProvinceRows] = []
            for table in ProvinceTable.all {
                let keys = try Int64.fetchAll(db, sql: """
                    SELECT DISTINCT row_id FROM province_changes WHERE seq > ? AND seq <= ? AND entity = ? ORDER BY row_id
                    """, arguments: [after, through, table.name])
                guard !keys.isEmpty else { continue }
                let columns = table.columns.joined(separator: ", ")
                var rows: [[String?]] = []
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT \(columns) FROM \(table.name) WHERE \(table.key) IN (
                        SELECT row_id FROM province_changes WHERE seq > ? AND seq <= ? AND entity = ?)
                    """, arguments: [after, through, table.name])
                while let row = try cursor.next() {
                    rows.append(row.databaseValues.map(Self.provinceText))
                }
                tables.append(ProvinceRows(table: table, keys: keys, rows: rows))
            }
            return ProvinceChangeBatch(after: after, through: through, changes: changes, tables: tables)
        }
    }

    /// The last change logged (0 when none): what a push that reaches it has sent. The log's
    /// AUTOINCREMENT counter remembers it after the changes were dropped.
    public func lastProvinceChange() throws(StoreError) -> Int64 {
        try read { db in
            try Int64.fetchOne(db, sql: """
                SELECT max(coalesce((SELECT max(seq) FROM province_changes), 0),
                           coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'province_changes'), 0))
                """) ?? 0
        }
    }

    /// The position up to which the log was dropped (0: never): a province holding less than this
    /// cannot be brought up to date from the log.
    public func provinceChangesTrimmedThrough() throws(StoreError) -> Int64 {
        try read { db in try Self.trimmedThrough(db) }
    }

    /// Drops the changes at or below `position`, which the province has confirmed holding (its
    /// transaction that moved its mark there committed), so that the log does not grow forever.
    /// Only ever moves forward: an older position drops nothing more.
    public func trimProvinceChanges(through position: Int64) throws(StoreError) {
        try write { db in
            guard position > (try Self.trimmedThrough(db)) else { return }
            try db.execute(sql: "DELETE FROM province_changes WHERE seq <= ?", arguments: [position])
            try db.execute(sql: """
                INSERT INTO meta (key, value) VALUES ('province_trimmed_through', ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, arguments: [String(position)])
        }
    }

    private static func trimmedThrough(_ db: Database) throws -> Int64 {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'province_trimmed_through'").flatMap { Int64($0) } ?? 0
    }

    /// How many changes were logged after `mark`: what the province does not have yet.
    public func provinceChangesPending(after mark: Int64) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM province_changes WHERE seq > ?", arguments: [mark]) ?? 0
        }
    }

    fileprivate static func provinceText(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .blob(let data): String(decoding: data, as: UTF8.self)
        }
    }
}

extension Store {
    /// A digest of the catalog copy (every `catalog_` table, row by row): the version of the
    /// catalog the city's records are recorded under, which the province keeps beside the city.
    /// Two cities with the same catalog files give the same digest.
    public func catalogFingerprint() throws(StoreError) -> String {
        try read { db in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            func mix(_ text: String) {
                for byte in text.utf8 {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x0000_0100_0000_01b3
                }
            }
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'catalog\\_%' ESCAPE '\\' ORDER BY name
                """)
            for table in tables {
                mix("\u{1}\(table)")
                let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2")
                while let row = try cursor.next() {
                    for value in row.databaseValues { mix("\u{2}" + (Self.provinceText(value) ?? "\u{0}")) }
                }
            }
            return String(hash, radix: 16)
        }
    }
}
