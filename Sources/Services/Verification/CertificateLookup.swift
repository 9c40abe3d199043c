import Domain
import Store

/// Verification of a certificate, as the public checks one: the number with the holder's name or
/// national ID. The answer shows the public fields only, the ID masked.
public struct CertificateLookup: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func verify(actor: User, number: String, name: String?, nationalId: NationalID?) throws -> VerificationAnswer {
        switch try store.verifyCertificate(number: number, name: name, nationalId: nationalId, actor: actor) {
        case .valid(let line): .valid(PublicCertificateView(line))
        case .revoked(let line): .revoked(PublicCertificateView(line), on: line.revokedOn ?? "", reason: line.revocationReason ?? "")
        case .noSuchCertificate: .noSuchCertificate
        case .noMatch: .noMatch
        }
    }
}

/// What verifying a certificate number answers.
public enum VerificationAnswer: Sendable, Equatable {
    case valid(PublicCertificateView)
    case revoked(PublicCertificateView, on: String, reason: String)
    /// No certificate has this number.
    case noSuchCertificate
    /// The number exists but not with this name or ID; who holds it is not said.
    case noMatch
}

/// What the national lookup shows of a certificate: the holder's ID masked.
public struct PublicCertificateView: Encodable, Sendable, Equatable {
    public let name: String
    public let nationalId: String
    /// `中式烹调师 五级/初级工`.
    public let certified: String
    public let number: String
    public let issuedOn: String
    /// The evaluation body that issued it.
    public let body: String

    init(_ line: CertificateLine) {
        name = line.name
        nationalId = Masking.nationalID(line.nationalId)
        certified = line.targetName
        number = line.number
        issuedOn = line.issuedOn
        body = line.bodyName
    }
}
