import Domain
import Store

/// Certificates as an interface lists them: the holders' IDs always masked (a listing has no
/// whole view; the roster and the national upload do).
public struct CertificateDirectory: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// One page of the certificates `filter` selects that `actor` may see.
    public func list(actor: User, filter: CertificateFilter, page: PageRequest = .first) throws -> Page<CertificateView> {
        try store.certificates(filter, actor: actor, page: page).mapRows(CertificateView.init)
    }
}

public struct CertificateView: Encodable, Sendable, Equatable {
    public let number: String
    public let name: String
    public let nationalId: String
    /// `中式烹调师 四级/中级工`.
    public let certified: String
    public let issuedOn: String
    public let trainingInstitution: String?
    /// `有效 valid` / `已撤销 revoked 2026-12-20`.
    public let status: String
    public let reissues: Int

    init(_ line: CertificateLine) {
        number = line.number
        name = line.name
        nationalId = Masking.nationalID(line.nationalId)
        certified = line.targetName
        issuedOn = line.issuedOn
        trainingInstitution = line.trainingInstitutionName
        status = line.revokedOn.map { "已撤销 revoked \($0)" } ?? "有效 valid"
        reissues = line.reissues
    }
}
