import Domain
import Store

/// Training cohorts and their trainees as an interface shows them; the trainees' IDs and phones
/// masked unless asked for whole with a reason, and then recorded as a disclosure.
public struct CohortDirectory: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// One page of the cohorts `actor` may see.
    public func list(actor: User, page: PageRequest = .first) throws -> Page<CohortView> {
        try store.cohorts(actor: actor, page: page).mapRows(CohortView.init)
    }

    /// A cohort with its trainees.
    public func show(actor: User, cohortId: Int64, disclosure: Disclosure = .masked) throws -> CohortDetailView {
        let shown = try disclosure.checked()
        let summary = try store.cohort(id: cohortId, actor: actor)
        let roster = try store.cohortRoster(cohortId: cohortId, actor: actor)
        try shown.record(roster.personIds, in: store, actor: actor)
        return CohortDetailView(cohort: CohortView(summary), trainees: roster.lines.map { TraineeView($0, unmasked: shown.unmasked) },
                                projectName: roster.projectName, targetName: roster.targetName)
    }
}

public struct CohortView: Encodable, Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let institution: String
    public let project: String
    public let occupation: String?
    public let level: String?
    public let specialAbility: String?
    public let district: String
    public let startDate: String
    public let endDate: String
    public let plannedHours: Int
    public let capacity: Int
    public let enrolled: Int
    public let completed: Int
    public let withdrawn: Int

    init(_ summary: CohortSummary) {
        let c = summary.cohort
        id = c.id!
        name = c.name
        institution = summary.institutionName
        project = c.projectCode
        occupation = c.occupationCode
        level = c.level
        specialAbility = c.specialAbilityCode
        district = c.district
        startDate = c.startDate
        endDate = c.endDate
        plannedHours = c.plannedHours
        capacity = c.capacity
        enrolled = summary.enrolled
        completed = summary.completed
        withdrawn = summary.withdrawn
    }
}

public struct TraineeView: Encodable, Sendable, Equatable {
    public let name: String
    public let nationalId: String
    public let phone: String?
    /// `64.5`.
    public let hours: String
    /// `enrolled`, `completed`, `withdrawn`.
    public let status: String
    /// For a table: `结业 completed`.
    public let statusText: String

    init(_ line: RosterLine, unmasked: Bool) {
        name = line.name
        nationalId = unmasked ? line.nationalId : Masking.nationalID(line.nationalId)
        phone = line.phone.map { unmasked ? $0 : Masking.phone($0) }
        hours = Hours(tenths: line.hoursTenths).description
        status = line.status.rawValue
        statusText = "\(line.status.chineseName) \(line.status.rawValue)"
    }
}

public struct CohortDetailView: Encodable, Sendable, Equatable {
    public let cohort: CohortView
    public let trainees: [TraineeView]
    /// The project's and the training target's names (`粤菜师傅`, `中式烹调师 四级/中级工`), for a
    /// heading; the encoded view names them by code in `cohort`.
    public let projectName: String
    public let targetName: String

    private enum CodingKeys: String, CodingKey {
        case cohort, trainees
    }
}
