import GRDB
import Domain

/// A training class (培训班) run by an institution under one of the three projects, for an
/// occupation and level or for a special-ability item.
public struct Cohort: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "cohorts"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var institutionId: Int64
    public var name: String
    public var projectCode: String
    /// Set with `level` for a national-level class; nil for a special-ability class.
    public var occupationCode: String?
    /// The level code (`5` … `1`).
    public var level: String?
    public var specialAbilityCode: String?
    public var district: String
    /// `YYYY-MM-DD`.
    public var startDate: String
    public var endDate: String
    public var plannedHours: Int
    public var capacity: Int
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var skillLevel: SkillLevel? { level.flatMap { try? SkillLevel.parse($0) } }

    /// What the cohort trains for; the table's CHECK guarantees one of the two shapes.
    public var target: CertificationTarget {
        CertificationTarget(occupationCode: occupationCode, levelCode: level, specialAbilityCode: specialAbilityCode)!
    }
}

/// Where a trainee stands in a cohort.
public enum EnrolmentStatus: String, Codable, Sendable, CaseIterable {
    case enrolled    // 在读
    case completed   // 结业
    case withdrawn   // 退学

    public var chineseName: String {
        switch self {
        case .enrolled: "在读"
        case .completed: "结业"
        case .withdrawn: "退学"
        }
    }
}

/// A person's place in a cohort, with what was known of them when they enrolled
/// (education, household type, key groups) and their attendance.
public struct Enrolment: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "enrolments"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var cohortId: Int64
    public var personId: Int64
    public var education: String?
    public var householdType: String?
    public var status: EnrolmentStatus
    /// Attended hours in tenths of an hour, so that 12.5 hours compare exactly.
    public var hoursTenths: Int
    public var completedOn: String?
    public var withdrawnOn: String?
    public var withdrawalReason: String?
    /// The import that added the trainee, and the row of that file.
    public var importId: Int64?
    public var sourceRow: Int?
    public var enrolledAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Cohort {
    /// Read column by column: `Decodable` with snake-case keys converts every column name of
    /// every row it reads, which cost a fifth of the server's time for a clerk's list of classes.
    public init(row: Row) throws {
        self.init(
            id: try row.decode(forColumn: "id"),
            institutionId: try row.decode(forColumn: "institution_id"),
            name: try row.decode(forColumn: "name"),
            projectCode: try row.decode(forColumn: "project_code"),
            occupationCode: try row.decode(forColumn: "occupation_code"),
            level: try row.decode(forColumn: "level"),
            specialAbilityCode: try row.decode(forColumn: "special_ability_code"),
            district: try row.decode(forColumn: "district"),
            startDate: try row.decode(forColumn: "start_date"),
            endDate: try row.decode(forColumn: "end_date"),
            plannedHours: try row.decode(forColumn: "planned_hours"),
            capacity: try row.decode(forColumn: "capacity"),
            createdAt: try row.decode(forColumn: "created_at"))
    }
}
