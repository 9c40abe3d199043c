import GRDB

/// One change (or one disclosure of personal data): who, what, which record, before and after, when.
///
/// Audit events are only ever inserted; nothing updates or deletes them.
public struct AuditEvent: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "audit_events"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// UTC, ISO 8601.
    public var at: String
    public var actorLogin: String
    public var actorRole: String
    /// `person.register`, `institution.update`, `catalog.sync`, `person.disclose` …
    public var action: String
    /// The table of the record concerned.
    public var entity: String
    /// The record's key (id, login, national ID is never used as a key here).
    public var entityKey: String
    /// JSON of the record before the change; nil for a creation.
    public var before: String?
    /// JSON of the record after the change; nil for a deletion.
    public var after: String?
    /// Why, when the user gave a reason (overrides, disclosures).
    public var reason: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AuditEvent {
    /// Read column by column: a page of the trail is fifty events, and `Decodable` with
    /// snake-case keys converts every column name of every row, which cost more than SQLite's
    /// own work for the page.
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        at = try row.decode(forColumn: "at")
        actorLogin = try row.decode(forColumn: "actor_login")
        actorRole = try row.decode(forColumn: "actor_role")
        action = try row.decode(forColumn: "action")
        entity = try row.decode(forColumn: "entity")
        entityKey = try row.decode(forColumn: "entity_key")
        before = try row.decode(forColumn: "before")
        after = try row.decode(forColumn: "after")
        reason = try row.decode(forColumn: "reason")
    }
}
