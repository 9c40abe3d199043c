import Domain
import Store

/// Examiners as an interface shows them: IDs masked, what each may assess in the catalog's words.
public struct ExaminerDirectory: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// One page of the examiners `actor` may see.
    public func list(actor: User, page: PageRequest = .first) throws -> Page<ExaminerView> {
        let catalog = try store.catalog()
        return try store.examiners(actor: actor, page: page).mapRows { ExaminerView($0, catalog: catalog) }
    }

    /// Adds what an examiner may assess (or changes the highest level of an occupation) and
    /// returns the examiner as they now stand.
    public func qualify(actor: User, examinerId: Int64, target: CertificationTarget) throws -> ExaminerView {
        let summary = try store.qualifyExaminer(id: examinerId, target: target, actor: actor)
        return ExaminerView(summary, catalog: try store.catalog())
    }
}

public struct ExaminerView: Encodable, Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let nationalId: String
    public let body: String
    public let ownInstitution: String?
    public let login: String?
    /// `中式烹调师 三级/高级工及以下` / `广东烧味制作（专项职业能力）`.
    public let qualifications: [String]

    init(_ summary: ExaminerSummary, catalog: Catalog) {
        id = summary.examiner.id!
        name = summary.person.name
        nationalId = Masking.nationalID(summary.person.nationalId)
        body = summary.bodyName
        ownInstitution = summary.ownInstitutionName
        login = summary.login
        qualifications = summary.qualifications.map { qualification in
            switch qualification.target {
            case .occupation: "\(qualification.target.displayName(in: catalog))及以下"
            case .specialAbility: qualification.target.displayName(in: catalog)
            }
        }
    }
}
