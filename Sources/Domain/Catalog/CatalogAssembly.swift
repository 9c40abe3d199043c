/// The working state of one `CatalogBuilder.build` run: which files are usable, what their rows
/// declared, the catalog so far and the problems so far.
///
/// Rows record their keys (codes, names, levels) even when another of their fields is wrong, so
/// that one mistake is reported once, and not again by every row that refers to that key.
struct CatalogAssembly {
    private(set) var problems: [FieldProblem] = []
    /// Files present with every column; a missing or headless file is reported once and skipped.
    private var usable: [CatalogFile: CatalogTableText] = [:]
    /// The catalog built from clean rows; thrown away by the result if any problem was found.
    var draft = Catalog()

    // Keys declared by rows, for references. Nil when the declaring file is unusable, which turns
    // the reference checks against it off instead of flagging every reference.
    var projectCodes: Set<String>?
    var occupationCodes: Set<String>?
    /// Occupation code → levels offered, for rows whose levels parsed.
    var offeredLevels: [String: [SkillLevel]] = [:]
    /// Occupation codes in file order with their names, for messages that name an occupation.
    var occupationNames: [(code: String, name: String)] = []
    var districtNames: Set<String>?
    var specialAbilityCount = 0
    /// (scope, part) pairs that rows of exam_parts.csv declared.
    var examPartsSeen: Set<ExamPartKey> = []
    /// (occupation or `*`, level) pairs that rows of eligibility_routes.csv declared.
    var routeLevelsSeen: Set<OccupationLevel> = []
    var settingKeysSeen: Set<String> = []

    struct ExamPartKey: Hashable {
        var scope: CertificationScope
        var part: ExamPart
    }

    struct OccupationLevel: Hashable {
        var occupation: String
        var level: SkillLevel
    }

    func isUsable(_ file: CatalogFile) -> Bool { usable[file] != nil }

    func records(_ file: CatalogFile) -> [CatalogRecord] { usable[file]?.rows ?? [] }

    mutating func absorb(_ row: CatalogRowReader) {
        problems += row.problems
    }

    mutating func report(_ file: String, line: Int?, field: Field, value: String, _ rule: Rejection) {
        problems.append(FieldProblem(file: file, line: line, field: field, value: value, rule: rule))
    }

    /// Sorts the tables out: unknown and repeated files, missing files, header rows.
    mutating func accept(_ tables: [CatalogTableText]) {
        var given: [CatalogFile: CatalogTableText] = [:]
        for table in tables {
            problems += table.readingProblems
            guard let file = CatalogFile(rawValue: table.file) else {
                report(table.file, line: nil, field: .file, value: table.file, CatalogRule.unknownFile())
                continue
            }
            guard given[file] == nil else {
                report(table.file, line: nil, field: .file, value: table.file, CatalogRule.fileGivenTwice())
                continue
            }
            given[file] = table
        }
        for file in CatalogFile.allCases {
            guard let table = given[file] else {
                report(file.fileName, line: nil, field: .file, value: file.fileName, CatalogRule.missingFile())
                continue
            }
            // The reader already said why this file could not be read; its columns add nothing.
            if table.header.isEmpty && !table.readingProblems.isEmpty { continue }
            if checkHeader(of: table, as: file) { usable[file] = table }
        }
    }

    /// Reports missing, unknown and repeated columns; true when every column is there.
    private mutating func checkHeader(of table: CatalogTableText, as file: CatalogFile) -> Bool {
        var seen: Set<String> = []
        for column in table.header {
            if !file.columns.contains(column) {
                report(file.fileName, line: table.headerLine, field: .column(column), value: "", CatalogRule.unknownColumn(file))
            } else if !seen.insert(column).inserted {
                report(file.fileName, line: table.headerLine, field: .column(column), value: "", CatalogRule.columnTwice())
            }
        }
        let missing = file.columns.filter { !seen.contains($0) }
        for column in missing {
            report(file.fileName, line: table.headerLine, field: .column(column), value: "", CatalogRule.missingColumn())
        }
        return missing.isEmpty
    }

    /// Problems by file (in `CatalogFile` order, then unknown files by name), then line (file-wide
    /// problems first), then the order they were found in.
    func orderedProblems() -> [FieldProblem] {
        func fileRank(_ name: String?) -> (Int, String) {
            guard let name else { return (CatalogFile.allCases.count + 1, "") }
            if let file = CatalogFile(rawValue: name) { return (CatalogFile.allCases.firstIndex(of: file)!, "") }
            return (CatalogFile.allCases.count, name)
        }
        return problems.enumerated().sorted { a, b in
            let (fa, fb) = (fileRank(a.element.file), fileRank(b.element.file))
            if fa != fb { return fa < fb }
            let (la, lb) = (a.element.line ?? 0, b.element.line ?? 0)
            if la != lb { return la < lb }
            return a.offset < b.offset
        }.map(\.element)
    }
}
