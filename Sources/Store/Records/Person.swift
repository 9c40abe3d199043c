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
