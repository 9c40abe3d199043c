import Domain
import Store

/// How big a year the demo builds.
public enum DemoScale: String, CaseIterable, Sendable {
    /// A handful of classes: for tests.
    case tiny
    /// One district's plan as the catalog's targets give it (粤菜师傅 and 南粤家政 classes and
    /// trainees, certifications, apprentices), plus 广东技工 classes.
    case district
    /// A city: about 1.2 million people on file, 300,000 enrolments, 200,000 exam registrations
    /// and 150,000 certificates.
    case city
}

/// One kind of class: what it trains for, its hours and what its trainees declare when the
/// institution registers them for the exam.
struct ClassKind: Sendable {
    let project: String
    let target: CertificationTarget
    /// The 工种 the exam assesses, for 家政服务员.
    let subTrade: String?
    let title: String
    let hours: Int
    let declaration: CandidateDeclaration
    /// True for a class of the level above that the district's holders of the level below take
    /// (三级 after 四级): its trainees are people the year certified at the level below, and it
    /// opens once enough of them hold that certificate.
    var fromHolders = false

    var level: SkillLevel? {
        if case .occupation(_, let level) = target { return level }
        return nil
    }

    var occupationCode: String? {
        if case .occupation(let code, _) = target { return code }
        return nil
    }
}

/// The figures of the year to build: classes and trainees per project, the people already on
/// file, apprentices, and the rates that shape the results. Built from the catalog's targets for
/// the district scale, so that the demo shows a year that meets its plan.
public struct DemoPlan: Sendable {
    public let scale: DemoScale
    public let year: Int
    /// Classes per project code (yuecai, nanyue, jigong).
    public let classes: [String: Int]
    /// Trainees per project code, spread evenly over its classes.
    public let trainees: [String: Int]
    /// Persons of earlier years loaded in bulk before the year starts.
    public let earlierPersons: Int
    /// Apprenticeships registered during the year.
    public let apprentices: Int
    /// Apprenticeships begun in the year before, completed this year with a certificate.
    public let carriedOverApprentices: Int
    public let enterprises: Int
    public let examinersPerBody: Int
    /// The share of classes that sit their exam within the year; the rest end too late in the
    /// year and sit next year's.
    public let examinedShare: Double
    /// The chance a candidate who sits a part passes it.
    public let partPassRate: Double
    public let seed: UInt64

    static let projects = ["yuecai", "nanyue", "jigong"]

    /// The plan for `scale`; the district scale takes its figures from the catalog's targets
    /// for `year`, which must be there.
    public static func make(scale: DemoScale, year: Int, catalog: Catalog) throws(DemoError) -> DemoPlan {
        switch scale {
        case .tiny:
            return DemoPlan(scale: scale, year: year, classes: ["yuecai": 3, "nanyue": 2, "jigong": 2],
                            trainees: ["yuecai": 18, "nanyue": 12, "jigong": 12], earlierPersons: 40, apprentices: 6,
                            carriedOverApprentices: 2, enterprises: 3, examinersPerBody: 10, examinedShare: 1,
                            partPassRate: 0.85, seed: 2026)
        case .district:
            return try district(year: year, catalog: catalog)
        case .city:
            // Fifty-one districts' worth of classes: about 300,000 enrolments; the late classes of
            // the year sit next year's exams, which leaves about 200,000 registrations.
            let district = try district(year: year, catalog: catalog)
            let factor = 51
            let classes = district.classes.mapValues { $0 * factor }
            let trainees = district.trainees.mapValues { $0 * factor }
            let enrolled = trainees.values.reduce(0, +)
            return DemoPlan(scale: scale, year: year, classes: classes, trainees: trainees,
                            earlierPersons: 1_200_000 - enrolled, apprentices: district.apprentices * factor,
                            carriedOverApprentices: district.carriedOverApprentices * factor, enterprises: 1_500,
                            examinersPerBody: 60, examinedShare: 0.71, partPassRate: 0.875, seed: 2026)
        }
    }

    private static func district(year: Int, catalog: Catalog) throws(DemoError) -> DemoPlan {
        func target(_ project: String?, _ metric: TargetMetric) throws(DemoError) -> Int {
            guard let found = catalog.targets.first(where: {
                $0.year == year && $0.district == nil && $0.projectCode == project && $0.metric == metric
            }) else {
                throw DemoError.missingTarget(year: year, project: project, metric: metric)
            }
            return found.value
        }
        let yuecai = (classes: try target("yuecai", .classes), trainees: try target("yuecai", .trainees))
        let nanyue = (classes: try target("nanyue", .classes), trainees: try target("nanyue", .trainees))
        let certifications = try target(nil, .certifications)
        let apprentices = try target(nil, .apprentices)
        // 广东技工 has no class target here: the technical schools train what the certification
        // target still needs, at about 78 certificates for every hundred trainees.
        let jigongTrainees = max(0, Int((Double(certifications) / 0.78).rounded()) - yuecai.trainees - nanyue.trainees)
        let jigongClasses = max(1, (jigongTrainees + 49) / 50)
        return DemoPlan(scale: .district, year: year,
                        classes: ["yuecai": yuecai.classes, "nanyue": nanyue.classes, "jigong": jigongClasses],
                        trainees: ["yuecai": yuecai.trainees, "nanyue": nanyue.trainees, "jigong": jigongTrainees],
                        earlierPersons: 30_000, apprentices: apprentices, carriedOverApprentices: max(1, apprentices / 10),
                        enterprises: 40, examinersPerBody: 15, examinedShare: 1, partPassRate: 0.915, seed: 2026)
    }

    /// Trainees of class `index` (0-based) of `project`: the project's trainees spread evenly.
    /// The same plan drawn from another seed: another city's people and certificates (the
    /// province tests push two cities whose people differ).
    public func reseeded(_ seed: UInt64) -> DemoPlan {
        DemoPlan(scale: scale, year: year, classes: classes, trainees: trainees, earlierPersons: earlierPersons,
                 apprentices: apprentices, carriedOverApprentices: carriedOverApprentices, enterprises: enterprises,
                 examinersPerBody: examinersPerBody, examinedShare: examinedShare, partPassRate: partPassRate, seed: seed)
    }

    func classSize(project: String, index: Int) -> Int {
        let classes = self.classes[project] ?? 0, trainees = self.trainees[project] ?? 0
        guard classes > 0 else { return 0 }
        return trainees / classes + (index < trainees % classes ? 1 : 0)
    }

    /// The kinds of class each project runs, in the order its classes take them.
    static func kinds(_ project: String) -> [ClassKind] {
        let one = CandidateDeclaration(declaredYears: 1)
        let six = CandidateDeclaration(declaredYears: 6)
        let school = CandidateDeclaration(diplomas: [.technicalSchool])
        // Route 3B: a 四级 certificate and the diploma of a senior technical school / technician college.
        let college = CandidateDeclaration(diplomas: [.seniorTechnicalSchool])
        func job(_ code: String, _ name: String, _ level: SkillLevel, hours: Int, _ declaration: CandidateDeclaration,
                 subTrade: String? = nil) -> ClassKind {
            let grade = [SkillLevel.level5: "五级", .level4: "四级", .level3: "三级", .level2: "二级", .level1: "一级"][level]!
            return ClassKind(project: project, target: .occupation(code: code, level: level), subTrade: subTrade,
                             title: "\(name)\(subTrade.map { "（\($0)）" } ?? "")（\(grade)）", hours: hours, declaration: declaration)
        }
        func advanced(_ code: String, _ name: String) -> ClassKind {
            var kind = job(code, name, .level3, hours: 320, college)
            kind.fromHolders = true
            return kind
        }
        func item(_ code: String, _ name: String) -> ClassKind {
            ClassKind(project: project, target: .specialAbility(code: code), subTrade: nil, title: "\(name)专项能力", hours: 60,
                      declaration: CandidateDeclaration())
        }
        switch project {
        case "yuecai":
            return [job("4-03-02-01", "中式烹调师", .level5, hours: 80, one), job("4-03-02-01", "中式烹调师", .level4, hours: 120, six),
                    item("YC01", "广东烧味制作"), job("4-03-02-02", "中式面点师", .level5, hours: 80, one), item("YC03", "广式点心制作"),
                    job("4-03-02-04", "西式面点师", .level5, hours: 80, one), item("YC10", "潮汕卤鹅制作"), item("YC02", "广府风味菜烹饪")]
        case "nanyue":
            return [job("4-10-01-06", "家政服务员", .level5, hours: 90, one, subTrade: "母婴护理员"),
                    job("4-10-01-06", "家政服务员", .level4, hours: 120, six, subTrade: "母婴护理员"),
                    job("4-10-01-05", "养老护理员", .level5, hours: 90, one), job("4-10-01-02", "育婴员", .level5, hours: 80, one),
                    job("4-10-01-06", "家政服务员", .level5, hours: 90, one, subTrade: "家务服务员"),
                    job("4-10-01-03", "保育师", .level5, hours: 80, one), job("4-10-01-05", "养老护理员", .level4, hours: 120, six),
                    job("4-14-01-02", "医疗护理员", .level5, hours: 90, one),
                    job("4-10-01-06", "家政服务员", .level5, hours: 90, one, subTrade: "家庭照护员")]
        default:
            // Classes go to the three schools in turn, so every third kind (from the first) is the
            // technician college's (中山市技师学院): its 四级 classes of 电工 and 焊工, and the 三级
            // classes its graduates take once they hold the 四级 certificate of the year.
            let electrician = job("6-31-01-03", "电工", .level4, hours: 240, school), welder = job("6-18-02-04", "焊工", .level4, hours: 240, school)
            let electrician5 = job("6-31-01-03", "电工", .level5, hours: 160, one), welder5 = job("6-18-02-04", "焊工", .level5, hours: 160, one)
            let turner5 = job("6-18-01-01", "车工", .level5, hours: 160, one), turner = job("6-18-01-01", "车工", .level4, hours: 240, school)
            return [electrician, electrician5, welder5,
                    advanced("6-31-01-03", "电工"), welder, turner5,
                    welder, electrician, electrician5,
                    advanced("6-18-02-04", "焊工"), turner, welder5,
                    electrician, welder, turner5,
                    advanced("6-31-01-03", "电工"), electrician5, electrician]
        }
    }
}

/// Why the demo cannot build its year.
public enum DemoError: BilingualError, Equatable {
    case missingTarget(year: Int, project: String?, metric: TargetMetric)
    /// A Store operation refused a step of the year: the demo's own plan broke a rule.
    case refused(step: String, chinese: String, english: String)

    public var chinese: String {
        switch self {
        case .missingTarget(let year, let project, let metric):
            "目录 targets.csv 中没有 \(year) 年\(project.map { "项目 \($0) 的" } ?? "全部项目的")\(metric.chineseName)目标，无法按计划生成演示数据"
        case .refused(let step, let chinese, _):
            "演示数据生成失败（\(step)）：\(chinese)"
        }
    }

    public var english: String {
        switch self {
        case .missingTarget(let year, let project, let metric):
            "Catalog targets.csv has no \(year) target for \(metric.rawValue) of \(project.map { "project \($0)" } ?? "all projects"): the demo builds the year from the plan"
        case .refused(let step, _, let english):
            "The demo could not build its year (\(step)): \(english)"
        }
    }
}
