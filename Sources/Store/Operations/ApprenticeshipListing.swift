import GRDB
import Domain

/// Which apprenticeships a page lists; every filter given must hold.
public struct ApprenticeshipListFilter: Sendable, Equatable {
    public var status: ApprenticeshipStatus?
    public var enterpriseId: Int64?
    public var occupationCode: String?
    /// Part of the apprentice's name.
    public var name: String?

    public init(status: ApprenticeshipStatus? = nil, enterpriseId: Int64? = nil, occupationCode: String? = nil, name: String? = nil) {
        self.status = status
        self.enterpriseId = enterpriseId
        self.occupationCode = occupationCode
        self.name = name
    }
}

/// Apprenticeships a page at a time, and one apprenticeship: an institution's own, every one
/// for the bureau; examiners are refused, and another institution's apprenticeship is not found.
extension Store {
    /// One page of the apprenticeships in the actor's scope that pass `filter`, newest first.
    public func apprenticeships(actor: User, filter: ApprenticeshipListFilter,
                                page: PageRequest = .all) throws(StoreError) -> Page<ApprenticeshipLine> {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireApprenticeshipViewer(actor)
            var request = Apprenticeship.order(Column("id").desc)
            if let institutionId = actor.institutionId { request = request.filter(Column("institution_id") == institutionId) }
            if let status = filter.status { request = request.filter(Column("status") == status.rawValue) }
            if let enterprise = filter.enterpriseId { request = request.filter(Column("enterprise_id") == enterprise) }
            if let occupation = filter.occupationCode { request = request.filter(Column("occupation_code") == occupation) }
            if let pattern = Store.containsPattern(filter.name) {
                request = request.filter(sql: "person_id IN (SELECT id FROM persons WHERE name LIKE ? ESCAPE '\\')", arguments: [pattern])
            }
            let catalog = try Catalog.fetch(db)
            return try fetchPage(db, request, page).mapRows { try apprenticeshipLine(db, $0, catalog: catalog) }
        }
    }

    /// One apprenticeship in the actor's scope, with its subsidy as it stands today.
    public func apprenticeship(id: Int64, actor: User) throws(StoreError) -> ApprenticeshipLine {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireApprenticeshipViewer(actor)
            return try visibleApprenticeshipLine(db, id: id, actor: actor)
        }
    }

    /// The apprenticeship as the page that confirms a move to `target` shows it, to a user who may
    /// make that move: anyone else is refused here, before the page, in the words the move itself
    /// is refused with; one they may not see is not found, like a missing one.
    public func apprenticeshipForStep(id: Int64, to target: ApprenticeshipStatus, actor: User) throws(StoreError) -> ApprenticeshipLine {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireMayMoveApprenticeship(actor, to: target)
            return try visibleApprenticeshipLine(db, id: id, actor: actor)
        }
    }

    private func visibleApprenticeshipLine(_ db: Database, id: Int64, actor: User) throws -> ApprenticeshipLine {
        guard let apprenticeship = try Apprenticeship.fetchOne(db, key: id) else {
            throw StoreError.notFound(kind: "学徒培养", key: String(id))
        }
        try requireVisible(actor, institutionId: apprenticeship.institutionId, orNotFound: "学徒培养", key: String(id))
        return try apprenticeshipLine(db, apprenticeship, catalog: try Catalog.fetch(db))
    }

    private func requireApprenticeshipViewer(_ actor: User) throws {
        guard actor.role != .examiner else {
            throw StoreError.notPermitted(action: "apprentice list", reasonZh: "考评员不办理学徒培养",
                                          reasonEn: "examiners do not handle apprenticeships")
        }
    }
}

extension Store {
    /// The Store's day, against which an interface checks what was typed (a national ID's birth
    /// date may not be in the future) before handing it over.
    public var currentDay: CivilDate { clock.today }
}
