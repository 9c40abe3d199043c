import Foundation
import Domain
import Intake

/// Reads and checks a catalog directory, printing every problem; a catalog with any problem
/// is refused as a whole, so a broken catalog never reaches a database.
func loadCatalog(_ directory: String) throws -> Catalog {
    let url = CLIContext.current.url(for: directory)
    let result = CatalogReader.load(url)
    for problem in result.problems {
        CLIContext.current.printError("\(problem.commandLineChinese)\n  \(problem.commandLineEnglish)")
    }
    guard let catalog = result.catalog, result.problems.isEmpty else {
        throw CLIError.catalogHasProblems(count: result.problems.count, directory: directory)
    }
    return catalog
}

/// One line per table: how many of each thing the catalog holds.
func catalogSummary(_ catalog: Catalog) -> String {
    let unconfirmed = catalog.occupations.filter(\.unconfirmed).count
    return """
        项目 projects \(catalog.projects.count) · 职业 occupations \(catalog.occupations.count) (未确认 unconfirmed \(unconfirmed)) · \
        专项能力 special abilities \(catalog.specialAbilities.count) · 考试科目 exam parts \(catalog.examParts.count) · \
        申报条件 eligibility routes \(catalog.eligibilityRoutes.count) · 补贴标准 subsidy rates \(catalog.trainingSubsidies.count + catalog.apprenticeSubsidies.count) · \
        镇街 districts \(catalog.districts.count) · 重点群体 key groups \(catalog.keyGroups.count) · 年度目标 targets \(catalog.targets.count) · \
        设置 settings \(catalog.settings.count)
        """
}
