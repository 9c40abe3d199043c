import GRDB
import GRDBSQLite
import Domain

/// Reads certificate lines one at a time from a prepared statement, straight from SQLite's
/// columns: a city's roster is a million lines, and going through GRDB's `Row` (a lookup by
/// column name and an existential per value) would cost more than SQLite's own work.
///
/// What repeats from line to line (a certification target's names, an institution's name) is
/// worked out once per distinct value and shared, so that a line costs the few strings that
/// are its own: number, name, national ID, dates.
struct CertificateLineReader {
    /// The columns, in `select`'s order.
    private enum Field: Int32 {
        case id, number, personId, name, sex, nationalId, occupationCode, level, specialAbilityCode, issuedOn, bodyId,
             bodyName, sessionId, trainingInstitutionId, trainingName, subTrade, revokedOn, revocationReason, reissues
    }

    /// Certificates matching `condition` (over `c`, the certificates), in number order.
    /// bench/roster_floor.c runs the same text (a bureau's roster of a period): keep them in step.
    static func sql(where condition: String, page: PageRequest = .all) -> String {
        """
        SELECT c.id, c.number, c.person_id, p.name, p.sex, p.national_id, c.occupation_code, c.level, \
        c.special_ability_code, c.issued_on, c.body_id, b.name AS body_name, c.session_id, \
        c.training_institution_id, t.name AS training_name, s.sub_trade, c.revoked_on, c.revocation_reason, \
        (SELECT count(*) FROM certificate_reissues r WHERE r.certificate_id = c.id) AS reissues \
        FROM certificates c JOIN persons p ON p.id = c.person_id JOIN institutions b ON b.id = c.body_id \
        LEFT JOIN institutions t ON t.id = c.training_institution_id LEFT JOIN exam_sessions s ON s.id = c.session_id \
        WHERE \(condition) ORDER BY c.number\(page.sqlClause)
        """
    }

    /// What a line shows of its certification target, worked out once per target.
    private struct TargetNames {
        let target: CertificationTarget
        let targetName: String
        let occupationName: String?
        let level: SkillLevel?
    }

    private struct TargetKey: Hashable {
        let occupationCode: String?
        let level: String?
        let specialAbilityCode: String?
    }

    private let catalog: Catalog
    private var targets: [TargetKey: TargetNames] = [:]
    private var institutionNames: [Int64: String] = [:]

    init(_ db: Database) throws {
        catalog = try Catalog.fetch(db)
    }

    /// Runs the query and hands each line to `body`, in number order, stepping the statement
    /// itself (GRDB's cursor) so that no array of lines is built.
    mutating func each(_ db: Database, where condition: String, arguments: StatementArguments, page: PageRequest = .all,
                       _ body: (CertificateLine) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: Self.sql(where: condition, page: page))
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        let rows = try Row.fetchCursor(statement)
        while try rows.next() != nil {
            try body(try line(handle))
        }
    }

    private mutating func line(_ handle: OpaquePointer) throws -> CertificateLine {
        let names = try targetNames(handle)
        let bodyId = sqlite3_column_int64(handle, Field.bodyId.rawValue)
        return CertificateLine(
            id: sqlite3_column_int64(handle, Field.id.rawValue), number: text(handle, .number),
            personId: sqlite3_column_int64(handle, Field.personId.rawValue), name: text(handle, .name),
            sex: text(handle, .sex), nationalId: text(handle, .nationalId), target: names.target,
            targetName: names.targetName, occupationCode: names.target.occupationCode,
            occupationName: names.occupationName, subTrade: optionalText(handle, .subTrade), level: names.level,
            issuedOn: text(handle, .issuedOn), bodyName: institutionName(handle, id: bodyId, name: .bodyName),
            sessionId: optionalInteger(handle, .sessionId),
            trainingInstitutionName: optionalInteger(handle, .trainingInstitutionId).map {
                institutionName(handle, id: $0, name: .trainingName)
            },
            revokedOn: optionalText(handle, .revokedOn), revocationReason: optionalText(handle, .revocationReason),
            reissues: Int(sqlite3_column_int64(handle, Field.reissues.rawValue)))
    }

    private mutating func targetNames(_ handle: OpaquePointer) throws -> TargetNames {
        let key = TargetKey(occupationCode: optionalText(handle, .occupationCode), level: optionalText(handle, .level),
                            specialAbilityCode: optionalText(handle, .specialAbilityCode))
        if let known = targets[key] { return known }
        // The schema's CHECK makes this a target; a row that is not one is a damaged database.
        guard let target = CertificationTarget(occupationCode: key.occupationCode, levelCode: key.level,
                                               specialAbilityCode: key.specialAbilityCode) else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "certificate without a valid target: \(key)")
        }
        let names = TargetNames(target: target, targetName: target.displayName(in: catalog),
                                occupationName: target.occupationCode.flatMap { catalog.occupation(code: $0)?.name },
                                level: target.level)
        targets[key] = names
        return names
    }

    private mutating func institutionName(_ handle: OpaquePointer, id: Int64, name field: Field) -> String {
        if let known = institutionNames[id] { return known }
        let name = text(handle, field)
        institutionNames[id] = name
        return name
    }

    private func text(_ handle: OpaquePointer, _ field: Field) -> String {
        optionalText(handle, field) ?? ""
    }

    private func optionalText(_ handle: OpaquePointer, _ field: Field) -> String? {
        guard let bytes = sqlite3_column_text(handle, field.rawValue) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, field.rawValue))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private func optionalInteger(_ handle: OpaquePointer, _ field: Field) -> Int64? {
        sqlite3_column_type(handle, field.rawValue) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, field.rawValue)
    }
}

private extension CertificationTarget {
    var occupationCode: String? {
        if case .occupation(let code, _) = self { return code }
        return nil
    }

    var level: SkillLevel? {
        if case .occupation(_, let level) = self { return level }
        return nil
    }
}
