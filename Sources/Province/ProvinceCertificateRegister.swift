import Domain
import Services

/// The province database as the register the public verification page asks
/// (`skillcert serve --province-pg`): every city's certificates, answered with the city that
/// issued each and what it certifies named by `catalog` (the serving city's: the occupations and
/// items are the province's own list).
public struct ProvinceCertificateRegister: CertificateRegister {
    public let database: ProvinceDatabase
    public let catalog: Catalog

    public init(database: ProvinceDatabase, catalog: Catalog) {
        self.database = database
        self.catalog = catalog
    }

    public var kind: String { "province" }

    public var description: String { database.address.description }

    public func verify(number: String, name: String, nationalId: NationalID?) async throws -> PublicVerificationAnswer {
        switch try await database.verify(number: number, name: name, nationalId: nationalId?.value) {
        case .valid(let facts): return .valid(publicFacts(facts))
        case .revoked(let facts, let on, let reason): return .revoked(publicFacts(facts), on: on, reason: reason)
        case .noMatch: return .noMatch
        case .unusable(let rejection): return .unusable(rejection)
        }
    }

    private func publicFacts(_ facts: ProvinceCertificateFacts) -> PublicCertificateFacts {
        let target = facts.level == nil
            ? CertificationTarget(occupationCode: nil, levelCode: nil, specialAbilityCode: facts.occupationOrItem)
            : CertificationTarget(occupationCode: facts.occupationOrItem, levelCode: facts.level, specialAbilityCode: nil)
        return PublicCertificateFacts(number: facts.number, certified: target?.displayName(in: catalog) ?? facts.occupationOrItem,
                                      issuedOn: facts.issuedOn, body: facts.body, city: CityNames.label(facts.city))
    }
}
