import GRDB
import Domain

/// The catalog as database rows, table by table, and back.
///
/// One description per table (its key and columns) lets a single diff routine sync every
/// table; the tables are listed parents first so that inserts meet their references.
struct CatalogTable {
    let name: String
    let keyColumns: [String]
    let columns: [String]

    typealias Row = [String: DatabaseValue]

    func key(of row: Row) -> String {
        keyColumns.map { column in row[column].map(CatalogTable.text) ?? "" }.joined(separator: " / ")
    }

    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: ""
        case .int64(let n): String(n)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob: "<blob>"
        }
    }

    static let projects = CatalogTable(name: "catalog_projects", keyColumns: ["code"], columns: ["code", "name_zh", "name_en"])
    static let occupations = CatalogTable(
        name: "catalog_occupations", keyColumns: ["code"],
        columns: ["code", "name", "project_code", "strand", "levels", "sub_trades", "unconfirmed"])
    static let specialAbilities = CatalogTable(
        name: "catalog_special_abilities", keyColumns: ["code"], columns: ["code", "name", "project_code"])
    static let examParts = CatalogTable(
        name: "catalog_exam_parts", keyColumns: ["scope", "part"],
        columns: ["scope", "part", "max_score", "pass_mark", "minimum_minutes"])
    static let eligibilityRoutes = CatalogTable(
        name: "catalog_eligibility_routes", keyColumns: ["occupation_code", "level", "route_code"],
        columns: ["occupation_code", "level", "route_code", "required_certificate", "minimum_years", "required_diploma",
                  "requires_apprenticeship", "final_year_students", "description"])
    static let trainingSubsidies = CatalogTable(
        name: "catalog_training_subsidies", keyColumns: ["occupation_code", "level"],
        columns: ["occupation_code", "level", "amount_fen"])
    static let apprenticeSubsidies = CatalogTable(
        name: "catalog_apprentice_subsidies", keyColumns: ["level"], columns: ["level", "amount_fen_per_year"])
    static let districts = CatalogTable(name: "catalog_districts", keyColumns: ["name"], columns: ["name", "kind", "city"])
    static let keyGroups = CatalogTable(name: "catalog_key_groups", keyColumns: ["code"], columns: ["code", "name_zh", "name_en"])
    static let targets = CatalogTable(
        name: "catalog_targets", keyColumns: ["year", "district", "project_code", "metric"],
        columns: ["year", "district", "project_code", "metric", "value"])
    static let settings = CatalogTable(name: "catalog_settings", keyColumns: ["key"], columns: ["key", "value", "note"])
    static let educationLevels = CatalogTable(
        name: "catalog_education_levels", keyColumns: ["code"], columns: ["code", "name_zh", "name_en"])
    static let householdTypes = CatalogTable(
        name: "catalog_household_types", keyColumns: ["code"], columns: ["code", "name_zh", "name_en"])

    static let certificateLayout = CatalogTable(
        name: "catalog_certificate_layout", keyColumns: ["field"],
        columns: ["field", "label", "x_mm", "y_mm", "width_mm", "font_size_pt"])

    /// Parents before children.
    static let all: [CatalogTable] = [
        projects, occupations, specialAbilities, examParts, eligibilityRoutes, trainingSubsidies,
        apprenticeSubsidies, districts, keyGroups, targets, settings, educationLevels, householdTypes, certificateLayout,
    ]
}

/// The template's rows have no occupation; the database keeps `*` there so it can be a key.
private let anyOccupation = "*"

extension Catalog {
    /// The rows each catalog table should hold, keyed by table name.
    func databaseRows() -> [String: [CatalogTable.Row]] {
        func row(_ pairs: [(String, (any DatabaseValueConvertible)?)]) -> CatalogTable.Row {
            Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, $0.1?.databaseValue ?? .null) })
        }
        return [
            CatalogTable.projects.name: projects.map { row([("code", $0.code), ("name_zh", $0.nameZh), ("name_en", $0.nameEn)]) },
            CatalogTable.occupations.name: occupations.map {
                row([("code", $0.code), ("name", $0.name), ("project_code", $0.projectCode), ("strand", $0.strand),
                     ("levels", $0.levels.map(\.code).joined(separator: "|")),
                     ("sub_trades", $0.subTrades.joined(separator: "|")), ("unconfirmed", $0.unconfirmed)])
            },
            CatalogTable.specialAbilities.name: specialAbilities.map {
                row([("code", $0.code), ("name", $0.name), ("project_code", $0.projectCode)])
            },
            CatalogTable.examParts.name: examParts.map {
                row([("scope", $0.scope.code), ("part", $0.part.rawValue), ("max_score", $0.maxScore),
                     ("pass_mark", $0.passMark), ("minimum_minutes", $0.minimumMinutes)])
            },
            CatalogTable.eligibilityRoutes.name: eligibilityRoutes.map {
                row([("occupation_code", $0.occupationCode ?? anyOccupation), ("level", $0.level.code),
                     ("route_code", $0.routeCode), ("required_certificate", $0.requiredCertificate?.code),
                     ("minimum_years", $0.minimumYears), ("required_diploma", $0.requiredDiploma?.rawValue),
                     ("requires_apprenticeship", $0.requiresApprenticeship),
                     ("final_year_students", $0.finalYearStudentsAllowed), ("description", $0.descriptionZh)])
            },
            CatalogTable.trainingSubsidies.name: trainingSubsidies.map {
                row([("occupation_code", $0.occupationCode ?? anyOccupation), ("level", $0.level.code), ("amount_fen", $0.amount.fen)])
            },
            CatalogTable.apprenticeSubsidies.name: apprenticeSubsidies.map {
                row([("level", $0.level.code), ("amount_fen_per_year", $0.amountPerYear.fen)])
            },
            CatalogTable.districts.name: districts.map { row([("name", $0.name), ("kind", $0.kind), ("city", $0.city)]) },
            CatalogTable.keyGroups.name: keyGroups.map { row([("code", $0.code), ("name_zh", $0.nameZh), ("name_en", $0.nameEn)]) },
            CatalogTable.targets.name: targets.map {
                row([("year", $0.year), ("district", $0.district ?? ""), ("project_code", $0.projectCode ?? ""),
                     ("metric", $0.metric.rawValue), ("value", $0.value)])
            },
            CatalogTable.settings.name: settings.map { row([("key", $0.key), ("value", $0.value), ("note", $0.note)]) },
            CatalogTable.educationLevels.name: educationLevels.map { row([("code", $0.code), ("name_zh", $0.nameZh), ("name_en", $0.nameEn)]) },
            CatalogTable.householdTypes.name: householdTypes.map { row([("code", $0.code), ("name_zh", $0.nameZh), ("name_en", $0.nameEn)]) },
            CatalogTable.certificateLayout.name: certificateLayout.map {
                row([("field", $0.field.rawValue), ("label", $0.label), ("x_mm", $0.xMillimetres), ("y_mm", $0.yMillimetres),
                     ("width_mm", $0.widthMillimetres), ("font_size_pt", $0.fontSizePoints)])
            },
        ]
    }

    /// Reads the catalog back from its tables. The rows were checked before they were written,
    /// so a value that no longer parses means the file was edited by hand: that is reported.
    static func fetch(_ db: Database) throws -> Catalog {
        func rows(_ table: CatalogTable) throws -> [GRDB.Row] {
            try GRDB.Row.fetchAll(db, cached: "SELECT * FROM \(table.name) ORDER BY rowid")
        }
        func level(_ text: String, _ table: CatalogTable) throws -> SkillLevel {
            do { return try SkillLevel.parse(text) } catch {
                throw StoreError.database(message: "\(table.name): unreadable level \(text)")
            }
        }
        var catalog = Catalog()
        catalog.projects = try rows(.projects).map { Project(code: $0["code"], nameZh: $0["name_zh"], nameEn: $0["name_en"]) }
        catalog.occupations = try rows(.occupations).map { r in
            let levelText: String = r["levels"], subTrades: String = r["sub_trades"]
            return Occupation(
                code: r["code"], name: r["name"], projectCode: r["project_code"], strand: r["strand"],
                levels: try levelText.split(separator: "|").map { try level(String($0), .occupations) },
                subTrades: subTrades.split(separator: "|").map(String.init), unconfirmed: r["unconfirmed"])
        }
        catalog.specialAbilities = try rows(.specialAbilities).map {
            SpecialAbility(code: $0["code"], name: $0["name"], projectCode: $0["project_code"])
        }
        catalog.examParts = try rows(.examParts).map { r in
            let scopeText: String = r["scope"], partText: String = r["part"]
            guard let scope = try? CertificationScope.parse(scopeText), let part = ExamPart(rawValue: partText) else {
                throw StoreError.database(message: "catalog_exam_parts: unreadable row \(scopeText) \(partText)")
            }
            return ExamPartRule(scope: scope, part: part, maxScore: r["max_score"], passMark: r["pass_mark"],
                                minimumMinutes: r["minimum_minutes"])
        }
        catalog.eligibilityRoutes = try rows(.eligibilityRoutes).map { r in
            let occupation: String = r["occupation_code"]
            let certificate: String? = r["required_certificate"], diploma: String? = r["required_diploma"]
            return EligibilityRoute(
                occupationCode: occupation == anyOccupation ? nil : occupation,
                level: try level(r["level"], .eligibilityRoutes), routeCode: r["route_code"],
                requiredCertificate: try certificate.map { try level($0, .eligibilityRoutes) },
                minimumYears: r["minimum_years"], requiredDiploma: diploma.flatMap(Diploma.init(rawValue:)),
                requiresApprenticeship: r["requires_apprenticeship"], finalYearStudentsAllowed: r["final_year_students"],
                descriptionZh: r["description"])
        }
        catalog.trainingSubsidies = try rows(.trainingSubsidies).map { r in
            let occupation: String = r["occupation_code"]
            return TrainingSubsidyRate(occupationCode: occupation == anyOccupation ? nil : occupation,
                                       level: try level(r["level"], .trainingSubsidies), amount: Money(fen: r["amount_fen"]))
        }
        catalog.apprenticeSubsidies = try rows(.apprenticeSubsidies).map { r in
            ApprenticeSubsidyRate(level: try level(r["level"], .apprenticeSubsidies), amountPerYear: Money(fen: r["amount_fen_per_year"]))
        }
        catalog.districts = try rows(.districts).map { District(name: $0["name"], kind: $0["kind"], city: $0["city"]) }
        catalog.keyGroups = try rows(.keyGroups).map { KeyGroup(code: $0["code"], nameZh: $0["name_zh"], nameEn: $0["name_en"]) }
        catalog.targets = try rows(.targets).map { r in
            let district: String = r["district"], project: String = r["project_code"], metric: String = r["metric"]
            guard let metric = TargetMetric(rawValue: metric) else {
                throw StoreError.database(message: "catalog_targets: unreadable metric \(metric)")
            }
            return YearlyTarget(year: r["year"], district: district.isEmpty ? nil : district,
                                projectCode: project.isEmpty ? nil : project, metric: metric, value: r["value"])
        }
        catalog.settings = try rows(.settings).map { CatalogSetting(key: $0["key"], value: $0["value"], note: $0["note"]) }
        catalog.educationLevels = try rows(.educationLevels).map { CatalogChoice(code: $0["code"], nameZh: $0["name_zh"], nameEn: $0["name_en"]) }
        catalog.householdTypes = try rows(.householdTypes).map { CatalogChoice(code: $0["code"], nameZh: $0["name_zh"], nameEn: $0["name_en"]) }
        catalog.certificateLayout = try rows(.certificateLayout).map { r in
            let fieldText: String = r["field"]
            guard let field = CertificateField(rawValue: fieldText) else {
                throw StoreError.database(message: "catalog_certificate_layout: unreadable field \(fieldText)")
            }
            return CertificateFieldPlacement(field: field, label: r["label"], xMillimetres: r["x_mm"], yMillimetres: r["y_mm"],
                                             widthMillimetres: r["width_mm"], fontSizePoints: r["font_size_pt"])
        }
        return catalog
    }
}
