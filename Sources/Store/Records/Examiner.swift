import GRDB
import Domain

/// A 考评员: a person working for an evaluation body, qualified for some occupations up to a
/// level, and possibly also teaching at a training institution (whose trainees they never assess).
public struct Examiner: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "examiners"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var personId: Int64
    public var bodyId: Int64
    public var ownInstitutionId: Int64?
    /// The examiner's login, when they record scores themselves.
    public var userId: Int64?
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What an examiner may assess: an occupation up to a level (and every level below it), or a
/// special-ability item.
public struct ExaminerQualification: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "examiner_qualifications"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var examinerId: Int64
    public var occupationCode: String?
    public var highestLevel: String?
    public var specialAbilityCode: String?

    public init(examinerId: Int64, target: CertificationTarget) {
        self.examinerId = examinerId
        switch target {
        case .occupation(let code, let level):
            occupationCode = code
            highestLevel = level.code
        case .specialAbility(let code):
            specialAbilityCode = code
        }
    }

    /// The highest target this qualification reaches.
    public var target: CertificationTarget {
        CertificationTarget(occupationCode: occupationCode, levelCode: highestLevel, specialAbilityCode: specialAbilityCode)!
    }

    /// Whether it lets the examiner assess `target`: the same item, or the same occupation at
    /// this level or a lower one.
    public func covers(_ target: CertificationTarget) -> Bool {
        switch (self.target, target) {
        case (.occupation(let mine, let highest), .occupation(let code, let level)): mine == code && level <= highest
        case (.specialAbility(let mine), .specialAbility(let code)): mine == code
        default: false
        }
    }
}
