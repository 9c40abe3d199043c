import GRDB
import Domain

/// One trainee line of a cohort roster (花名册). Personal data is whole here: the report that
/// lays it out masks it unless the user asked otherwise.
public struct RosterLine: Sendable, Equatable {
    public let name: String
    public let sex: String
    public let nationalId: String
    public let phone: String?
    /// Catalog names, not codes: this is what the roster prints.
    public let education: String?
    public let householdType: String?
    public let keyGroups: [String]
    public let hoursTenths: Int
    public let status: EnrolmentStatus
    public let completedOn: String?
    public let withdrawalReason: String?
}

/// Everything a cohort roster shows.
public struct CohortRoster: Sendable, Equatable {
    public let cohort: Cohort
    public let institution: Institution
    public let projectName: String
    /// `中式烹调师 四级/中级工` or the special-ability item's name.
    public let targetName: String
    public let completionSharePercent: Int
    public let lines: [RosterLine]

    public var personIds: [Int64] = []
}

extension Store {
    /// The roster of a cohort in enrolment order, within the actor's scope.
    public func cohortRoster(cohortId: Int64, actor: User) throws(StoreError) -> CohortRoster {
        try read { db in
            let actor = try currentActor(db, actor)
            let cohort = try scopedCohort(db, id: cohortId, actor: actor, to: "cohort roster")
            let catalog = try Catalog.fetch(db)
            let institution = try Institution.fetchOne(db, key: cohort.institutionId)!
            let target: String
            if let code = cohort.occupationCode, let level = cohort.skillLevel {
                target = "\(catalog.occupation(code: code)?.name ?? code) \(level.chineseName)"
            } else {
                let code = cohort.specialAbilityCode ?? ""
                target = "\(catalog.specialAbility(code: code)?.name ?? code)（专项职业能力）"
            }
            let education = Dictionary(catalog.educationLevels.map { ($0.code, $0.nameZh) }, uniquingKeysWith: { a, _ in a })
            let household = Dictionary(catalog.householdTypes.map { ($0.code, $0.nameZh) }, uniquingKeysWith: { a, _ in a })
            let groups = Dictionary(catalog.keyGroups.map { ($0.code, $0.nameZh) }, uniquingKeysWith: { a, _ in a })
            var groupsByEnrolment: [Int64: [String]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT g.enrolment_id, g.key_group_code FROM enrolment_key_groups g
                JOIN enrolments e ON e.id = g.enrolment_id WHERE e.cohort_id = ?
                """, arguments: [cohortId]) {
                let code: String = row["key_group_code"]
                groupsByEnrolment[row["enrolment_id"], default: []].append(groups[code] ?? code)
            }
            var personIds: [Int64] = []
            let lines = try Row.fetchAll(db, sql: """
                SELECT e.*, p.name, p.sex, p.national_id, p.phone FROM enrolments e JOIN persons p ON p.id = e.person_id
                WHERE e.cohort_id = ? ORDER BY COALESCE(e.import_id, 0), e.source_row, e.id
                """, arguments: [cohortId]).map { row -> RosterLine in
                let enrolment = try Enrolment(row: row)
                personIds.append(enrolment.personId)
                let sex: String = row["sex"]
                return RosterLine(
                    name: row["name"], sex: sex == "male" ? "男" : "女", nationalId: row["national_id"], phone: row["phone"],
                    education: enrolment.education.map { education[$0] ?? $0 },
                    householdType: enrolment.householdType.map { household[$0] ?? $0 },
                    keyGroups: groupsByEnrolment[enrolment.id!] ?? [], hoursTenths: enrolment.hoursTenths,
                    status: enrolment.status, completedOn: enrolment.completedOn, withdrawalReason: enrolment.withdrawalReason)
            }
            var roster = CohortRoster(cohort: cohort, institution: institution,
                                      projectName: catalog.project(code: cohort.projectCode)?.nameZh ?? cohort.projectCode,
                                      targetName: target, completionSharePercent: catalog.integerSetting(.completionSharePercent),
                                      lines: lines)
            roster.personIds = personIds
            return roster
        }
    }
}
