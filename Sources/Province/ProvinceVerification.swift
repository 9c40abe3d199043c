import Domain
import PostgresNIO

/// What was certified, as the province answers a verification: the certificate's own facts and
/// the city that issued it, nothing else about the holder.
public struct ProvinceCertificateFacts: Sendable, Equatable {
    public let number: String
    public let city: String
    /// The occupation code and level digit (`4-03-02-01`, `5`), or the special-ability item code.
    public let occupationOrItem: String
    public let level: String?
    public let issuedOn: String
    public let body: String
}

/// The province's verification answer, the same three answers as a city's public page.
public enum ProvinceVerificationAnswer: Sendable, Equatable {
    case valid(ProvinceCertificateFacts)
    case revoked(ProvinceCertificateFacts, on: String, reason: String)
    /// No certificate with this number and this holder in any city; whether the number exists is not said.
    case noMatch
    case unusable(Rejection)
}

extension ProvinceDatabase {
    /// A certificate of any city checked by its number and the holder's name, and the national
    /// ID when given, as the public page of a city checks its own (`Services.PublicVerification`).
    public func verify(number: String, name: String, nationalId: String?) async throws -> ProvinceVerificationAnswer {
        let number = number.trimmingWhitespace().uppercased()
        let name = name.trimmingWhitespace()
        let nationalId = nationalId?.trimmingWhitespace().uppercased()
        guard !number.isEmpty else { return .unusable(Rejection("请填写证书编号", "give the certificate number")) }
        guard !name.isEmpty else { return .unusable(Rejection("请填写持证人姓名", "give the holder's name")) }
        return try await withConnection { connection in
            try await requireSchema(connection)
            let rows = try await connection.query("""
                SELECT c.number, c.city_code, coalesce(c.occupation_code, c.special_ability_code), c.level, c.issued_on,
                       coalesce(b.name, ''), c.revoked_on, c.revocation_reason, p.name, p.national_id
                FROM certificates c
                JOIN persons p ON p.city_code = c.city_code AND p.id = c.person_id
                LEFT JOIN institutions b ON b.city_code = c.city_code AND b.id = c.body_id
                WHERE c.number = \(number)
                ORDER BY c.revoked_on IS NULL DESC, c.city_code
                """, logger: Self.logger)
            for try await (number, city, target, level, issued, body, revokedOn, reason, holder, holderId)
                in rows.decode((String, String, String, String?, String, String, String?, String?, String, String).self) {
                guard holder == name, nationalId.map({ $0 == holderId }) ?? true else { continue }
                let facts = ProvinceCertificateFacts(number: number, city: city, occupationOrItem: target, level: level,
                                                     issuedOn: issued, body: body)
                if let revokedOn { return .revoked(facts, on: revokedOn, reason: reason ?? "") }
                return .valid(facts)
            }
            return .noMatch
        }
    }
}
