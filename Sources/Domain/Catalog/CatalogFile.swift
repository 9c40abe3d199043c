/// The catalog files and their columns: the one place that names them, so that the CSV reader,
/// the builder and the catalog workbook writer cannot disagree.
public enum CatalogFile: String, CaseIterable, Sendable, Comparable {
    case projects = "projects.csv"
    case occupations = "occupations.csv"
    case specialAbilities = "special_abilities.csv"
    case examParts = "exam_parts.csv"
    case eligibilityRoutes = "eligibility_routes.csv"
    case trainingSubsidies = "training_subsidies.csv"
    case apprenticeSubsidies = "apprentice_subsidies.csv"
    case districts = "districts.csv"
    case keyGroups = "key_groups.csv"
    case educationLevels = "education_levels.csv"
    case householdTypes = "household_types.csv"
    case targets = "targets.csv"
    case settings = "settings.csv"
    case certificateLayout = "certificate_layout.csv"

    /// Separates the items of a list inside one field (`5|4|3|2|1`): a comma would split the CSV field.
    public static let listSeparator: Character = "|"

    /// In `occupation` columns, the row applies to every occupation (the national template or default rate).
    public static let anyOccupation = "*"

    public var fileName: String { rawValue }

    /// Every column, in the order the shipped files and the workbook use. All are required.
    public var columns: [String] {
        switch self {
        case .projects: ["code", "name_zh", "name_en"]
        case .occupations: ["code", "name", "project", "strand", "levels", "sub_trades", "unconfirmed"]
        case .specialAbilities: ["code", "name", "project"]
        case .examParts: ["scope", "part", "max_score", "pass_mark", "minimum_minutes"]
        case .eligibilityRoutes:
            ["occupation", "level", "route", "required_certificate", "minimum_years", "required_diploma",
             "apprenticeship", "final_year_students", "description"]
        case .trainingSubsidies: ["occupation", "level", "amount_yuan"]
        case .apprenticeSubsidies: ["level", "amount_yuan_per_year"]
        case .districts: ["name", "kind", "city"]
        case .keyGroups, .educationLevels, .householdTypes: ["code", "name_zh", "name_en"]
        case .targets: ["year", "district", "project", "metric", "value"]
        case .settings: ["key", "value", "note"]
        case .certificateLayout: ["field", "label", "x_mm", "y_mm", "width_mm", "font_size_pt"]
        }
    }

    /// Files are checked and reported in declaration order: referenced files before the files that refer to them.
    public static func < (a: CatalogFile, b: CatalogFile) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
