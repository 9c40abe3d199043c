import GRDB
import Domain

/// An exam session (认定场次) of an evaluation body for one occupation and level or one
/// special-ability item, on one day, in one or more rooms.
public struct ExamSession: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "exam_sessions"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var bodyId: Int64
    public var occupationCode: String?
    public var level: String?
    public var specialAbilityCode: String?
    /// `YYYY-MM-DD`.
    public var examDate: String
    public var status: SessionStatus
    public var createdAt: String
    /// `YYYY-MM-DD` the bureau locked (published) the results; re-check windows run from it.
    public var resultsLockedOn: String?
    /// The 工种 assessed, for an occupation with sub-trades.
    public var subTrade: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// What the session assesses; the table's CHECK guarantees one of the two shapes.
    public var target: CertificationTarget {
        CertificationTarget(occupationCode: occupationCode, levelCode: level, specialAbilityCode: specialAbilityCode)!
    }
}

/// A theory room or a practical / review panel of a session.
public struct ExamRoom: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "exam_rooms"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var sessionId: Int64
    public var name: String
    public var part: ExamPart
    public var seats: Int

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// How a registration was found eligible.
public enum RegistrationEligibility: String, Codable, Sendable {
    /// A catalog route fits (`routeCode`).
    case route
    /// Special-ability items have no entry condition.
    case noConditions = "no-conditions"
    /// Refused by the routes, admitted by a bureau user with a reason.
    case override
}

/// A candidate's place in a session: the admission ticket (准考证号), who registered them and
/// on what grounds, and what they declared.
public struct ExamRegistration: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "exam_registrations"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var sessionId: Int64
    public var personId: Int64
    public var ticketNumber: String
    public var institutionId: Int64?
    public var cohortId: Int64?
    public var eligibility: RegistrationEligibility
    public var routeCode: String?
    public var overrideReason: String?
    public var declaredYears: Int
    /// Diploma codes separated by `;`.
    public var diplomas: String
    public var finalYearOf: String?
    public var registeredAt: String
    /// For a retake (补考): the earlier registration whose failed parts this one retakes.
    public var retakeOf: Int64?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The room and seat of one registered part.
public struct ExamSeat: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "exam_seats"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var registrationId: Int64
    public var part: ExamPart
    public var roomId: Int64
    public var seat: Int
}
