import GRDB
import Domain

/// What kind of organisation an institution is.
public enum InstitutionKind: String, Codable, Sendable, CaseIterable {
    case training     // 培训机构
    case school       // 技工院校
    case evaluation   // 评价机构 (evaluation body: holds exams, issues certificates)

    public var chineseName: String {
        switch self {
        case .training: "培训机构"
        case .school: "技工院校"
        case .evaluation: "评价机构"
        }
    }

    /// `a training institution`, `a technical school`, `an evaluation body`: for sentences.
    public var englishArticleName: String {
        switch self {
        case .training: "a training institution"
        case .school: "a technical school"
        case .evaluation: "an evaluation body"
        }
    }

    /// Only these train apprentices (企业新型学徒制's training party); an evaluation body assesses.
    public var trainsApprentices: Bool { self != .evaluation }

    public static func parse(_ text: String) throws(Rejection) -> InstitutionKind {
        let key = text.trimmingWhitespace().lowercased()
        if let kind = InstitutionKind(rawValue: key) { return kind }
        if let kind = allCases.first(where: { $0.chineseName == key }) { return kind }
        throw Rejection("机构类型应为 training（培训机构）、school（技工院校）或 evaluation（评价机构）",
                        "an institution kind is training, school or evaluation")
    }
}

/// A training institution, technical school or evaluation body.
///
/// Evaluation bodies also carry the parts a certificate number is made of: body kind (Y/S),
/// body code, province code and site sequence.
public struct Institution: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "institutions"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var name: String
    public var kind: InstitutionKind
    /// 统一社会信用代码, canonical form.
    public var creditCode: String?
    /// Set when the credit code fails its check but was accepted as an early pilot code.
    public var creditCodeWarning: String?
    /// A district (镇街) name from the catalog.
    public var district: String
    public var contactPerson: String?
    public var contactPhone: String?
    public var address: String?
    /// `Y` or `S`, for evaluation bodies.
    public var bodyKind: String?
    public var bodyCode: Int?
    public var provinceCode: String?
    public var siteSequence: Int?
    public var createdAt: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The issuer part of the certificate numbers an evaluation body issues; nil for the others.
    public var certificateIssuer: CertificateIssuer? {
        guard let bodyKind, let kind = EvaluationBodyKind(rawValue: bodyKind), let bodyCode, let provinceCode,
              let siteSequence else { return nil }
        return try? CertificateIssuer(bodyKind: kind, bodyCode: bodyCode, provinceCode: provinceCode, siteSequence: siteSequence)
    }
}

extension Institution {
    /// Read column by column: `Decodable` with snake-case keys converts every column name of
    /// every row it reads, which cost a quarter of the web app's time for the institution list.
    public init(row: Row) throws {
        let kindText: String = try row.decode(forColumn: "kind")
        guard let kind = InstitutionKind(rawValue: kindText) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "an institution of an unknown kind: \(kindText)")
        }
        self.init(
            id: try row.decode(forColumn: "id"),
            name: try row.decode(forColumn: "name"),
            kind: kind,
            creditCode: try row.decode(forColumn: "credit_code"),
            creditCodeWarning: try row.decode(forColumn: "credit_code_warning"),
            district: try row.decode(forColumn: "district"),
            contactPerson: try row.decode(forColumn: "contact_person"),
            contactPhone: try row.decode(forColumn: "contact_phone"),
            address: try row.decode(forColumn: "address"),
            bodyKind: try row.decode(forColumn: "body_kind"),
            bodyCode: try row.decode(forColumn: "body_code"),
            provinceCode: try row.decode(forColumn: "province_code"),
            siteSequence: try row.decode(forColumn: "site_sequence"),
            createdAt: try row.decode(forColumn: "created_at"))
    }
}
