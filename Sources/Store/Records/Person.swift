import GRDB

/// A person known to the system: one row per national ID, shared by every institution.
public struct Person: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "persons"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    /// 18 characters, check character upper-case.
    public var nationalId: String
    /// Stored exactly as given: rare characters outside the BMP (𠈌) included.
    public var name: String
    /// `male` or `female`, read from the ID.
    public var sex: String
    /// `YYYY-MM-DD`, read from the ID.
    public var birthDate: String
    public var phone: String?
    public var createdAt: String
    public var updatedAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Person {
    /// Read column by column: `Decodable` with snake-case keys converts every column name of
    /// every row it reads, which cost more than SQLite's own work for a listing's page.
    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            nationalId: try row.decode(forColumn: "national_id"),
            name: try row.decode(forColumn: "name"),
            sex: try row.decode(forColumn: "sex"),
            birthDate: try row.decode(forColumn: "birth_date"),
            phone: try row.decode(forColumn: "phone"),
            createdAt: try row.decode(forColumn: "created_at"),
            updatedAt: try row.decode(forColumn: "updated_at"))
    }
}
