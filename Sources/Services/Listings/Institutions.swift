import Domain
import Store

/// Institutions as an interface shows them: contact phones masked.
public struct InstitutionDirectory: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// One page of the institutions `actor` may see, optionally of one kind.
    public func list(actor: User, kind: InstitutionKind? = nil, page: PageRequest = .first) throws -> Page<InstitutionView> {
        try store.institutions(actor: actor, kind: kind, page: page).mapRows(InstitutionView.init)
    }

    /// One institution by id or exact name.
    public func show(actor: User, institution idOrName: String) throws -> InstitutionView {
        InstitutionView(try store.institution(idOrName, actor: actor))
    }
}

/// The institution as listings show it.
public struct InstitutionView: Encodable, Sendable, Equatable {
    public let id: Int64
    public let name: String
    /// `training`, `school`, `evaluation`.
    public let kind: String
    public let district: String
    public let creditCode: String?
    public let creditCodeWarning: String?
    public let contactPerson: String?
    public let contactPhone: String?
    public let address: String?
    /// The first 13 characters of the certificate numbers this body issues.
    public let bodyPrefix: String?

    init(_ institution: Institution) {
        id = institution.id!
        name = institution.name
        kind = institution.kind.rawValue
        district = institution.district
        creditCode = institution.creditCode
        creditCodeWarning = institution.creditCodeWarning
        contactPerson = institution.contactPerson
        contactPhone = institution.contactPhone.map(Masking.phone)
        address = institution.address
        bodyPrefix = institution.certificateIssuer?.prefix
    }
}
