import GRDB
import Domain

/// An enterprise, identified by its 统一社会信用代码.
public struct Enterprise: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "enterprises"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var creditCode: String
    /// Set when the code fails its check but was accepted as an early pilot code.
    public var creditCodeWarning: String?
    public var name: String
    public var district: String
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// An enterprise new-type apprenticeship (企业新型学徒制): enterprise, training institution,
/// apprentice, target, contract, dates, mentors, and where it stands.
public struct Apprenticeship: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "apprenticeships"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var enterpriseId: Int64
    public var institutionId: Int64
    public var personId: Int64
    public var occupationCode: String
    public var targetLevel: String
    public var contractStart: String
    public var contractYears: Int
    public var startDate: String
    public var endDate: String
    public var extensionReason: String?
    public var enterpriseMentor: String
    public var institutionMentor: String
    public var status: ApprenticeshipStatus
    public var filedOn: String?
    public var advanceFen: Int64?
    public var trainingStartedOn: String?
    public var completedOn: String?
    public var certificateId: Int64?
    public var terminatedOn: String?
    public var terminationReason: String?
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
