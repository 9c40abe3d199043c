/// What building a catalog gave: the catalog when nothing is wrong, otherwise every problem found.
public struct CatalogBuildResult: Equatable, Sendable {
    /// Nil whenever `problems` is not empty: a broken catalog must never reach a database.
    public let catalog: Catalog?
    /// Every problem, ordered by file (in `CatalogFile` order) and line.
    public let problems: [FieldProblem]

    public init(catalog: Catalog?, problems: [FieldProblem]) {
        self.catalog = problems.isEmpty ? catalog : nil
        self.problems = problems
    }
}

/// Checks the catalog files' text and turns it into a `Catalog`.
///
/// Pure: it takes tables already read (see Intake's `CatalogReader`), so every check is testable
/// in memory. It reports every problem in one run, because a clerk fixing a catalog in Excel
/// should not have to run the check once per mistake.
public enum CatalogBuilder {
    public static func build(_ tables: [CatalogTableText]) -> CatalogBuildResult {
        var assembly = CatalogAssembly()
        assembly.accept(tables)
        assembly.readReferenceFiles()
        assembly.readChoiceFiles()
        assembly.readExamFiles()
        assembly.readPlanFiles()
        assembly.readPrintFiles()
        assembly.checkCompleteness()
        return CatalogBuildResult(catalog: assembly.draft, problems: assembly.orderedProblems())
    }
}
