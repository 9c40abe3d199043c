/// A cohort as an institution plans it, checked against the catalog before it is recorded.
public struct CohortPlan: Hashable, Sendable {
    public var name: String
    public var projectCode: String
    public var target: CertificationTarget
    public var district: String
    public var startDate: CivilDate
    public var endDate: CivilDate
    public var plannedHours: Int
    public var capacity: Int

    public init(name: String, projectCode: String, target: CertificationTarget, district: String, startDate: CivilDate,
                endDate: CivilDate, plannedHours: Int, capacity: Int) {
        self.name = name
        self.projectCode = projectCode
        self.target = target
        self.district = district
        self.startDate = startDate
        self.endDate = endDate
        self.plannedHours = plannedHours
        self.capacity = capacity
    }

    /// Every rule the plan breaks, each naming the field that carries the value.
    public func problems(against catalog: Catalog) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func fail(_ field: Field, _ value: String, _ zh: String, _ en: String) {
            problems.append(FieldProblem(field: field, value: value, rule: Rejection(zh, en)))
        }
        if name.trimmingWhitespace().isEmpty { fail(.cohortName, name, "培训班名称不能为空", "a cohort needs a name") }
        guard let project = catalog.project(code: projectCode) else {
            fail(.project, projectCode, "不是目录中的项目（\(catalog.projects.map(\.nameZh).joined(separator: "、"))）",
                 "is not a project in the catalog (\(catalog.projects.map(\.code).joined(separator: ", ")))")
            return problems
        }
        switch target {
        case .occupation(let code, let level):
            if let occupation = catalog.occupation(code: code) {
                if occupation.projectCode != project.code {
                    fail(.occupation, "\(occupation.name) \(code)", "不属于项目“\(project.nameZh)”", "does not belong to the project \(project.nameEn)")
                }
                if !occupation.levels.contains(level) {
                    fail(.level, level.code, "\(occupation.name)只开设 \(occupation.levels.map(\.code).joined(separator: "、")) 级",
                         "\(occupation.name) is offered at levels \(occupation.levels.map(\.code).joined(separator: ", ")) only")
                }
            } else {
                fail(.occupation, code, "不是目录中的职业", "is not an occupation in the catalog")
            }
        case .specialAbility(let code):
            if let item = catalog.specialAbility(code: code) {
                if item.projectCode != project.code {
                    fail(.specialAbility, "\(item.name) \(code)", "不属于项目“\(project.nameZh)”", "does not belong to the project \(project.nameEn)")
                }
            } else {
                fail(.specialAbility, code, "不是目录中的专项职业能力项目", "is not a special-ability item in the catalog")
            }
        }
        if catalog.district(named: district) == nil {
            fail(.district, district, "不在目录的镇街列表中", "is not a district in the catalog")
        }
        if endDate < startDate {
            fail(.endDate, endDate.description, "结束日期早于开始日期 \(startDate)", "the end date is before the start date \(startDate)")
        }
        if plannedHours <= 0 { fail(.plannedHours, String(plannedHours), "计划学时必须大于 0", "planned hours must be more than 0") }
        if capacity <= 0 { fail(.capacity, String(capacity), "班额必须大于 0", "capacity must be more than 0") }
        return problems
    }
}
