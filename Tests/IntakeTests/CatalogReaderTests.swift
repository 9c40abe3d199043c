import Domain
import Foundation
import Intake
import Testing

/// The package's own `Catalog/` directory, found from this file so that tests run from any directory.
private let shippedCatalog = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Catalog")

/// A copy of the shipped catalog in a temporary directory, for tests that break one file.
private final class TemporaryCatalog {
    let url: URL

    init(copying source: URL? = shippedCatalog) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        if let source {
            try FileManager.default.copyItem(at: source, to: url)
        } else {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ file: String, _ text: String) throws {
        try write(file, bytes: Array(text.utf8))
    }

    func write(_ file: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: url.appendingPathComponent(file))
    }

    func remove(_ file: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(file))
    }

    func text(_ file: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
    }
}

@Suite("Catalog reader: the shipped catalog")
struct ShippedCatalogTests {
    @Test func theShippedCatalogHasNoProblems() throws {
        let result = CatalogReader.load(shippedCatalog)
        #expect(result.problems == [], "\(result.problems.map(\.description).joined(separator: "\n"))")
        let catalog = try #require(result.catalog)
        #expect(catalog.projects.count == 3)
        #expect(catalog.occupations.count == 11)
        #expect(catalog.occupations.filter(\.unconfirmed).map(\.name) == ["养老护理员", "育婴员", "保育师", "医疗护理员", "车工"])
        #expect(catalog.specialAbilities.count == 10)
        #expect(catalog.examParts.count == 13)
        #expect(catalog.eligibilityRoutes.count == 12)
        #expect(catalog.trainingSubsidies.count == 5)
        #expect(catalog.apprenticeSubsidies.count == 4)
        #expect(catalog.districts.count == 23)
        #expect(catalog.districts.filter { $0.kind == "街道" }.count == 8)
        #expect(catalog.keyGroups.count == 6)
        #expect(catalog.educationLevels.map(\.nameZh) == ["初中及以下", "高中/中专/技校", "大专", "本科", "研究生及以上"])
        #expect(catalog.householdTypes.map(\.code) == ["urban", "rural"])
        #expect(catalog.householdTypes.map(\.nameZh) == ["城镇", "农村"])
        #expect(catalog.targets.count == 6)
        #expect(catalog.settings.count == CatalogSettingKey.allCases.count)
    }

    @Test func theShippedValuesAreTheOnesDomainMdGives() throws {
        let catalog = try #require(CatalogReader.load(shippedCatalog).catalog)
        #expect(catalog.occupation(code: "4-03-02-01")?.name == "中式烹调师")
        #expect(catalog.occupation(code: "4-10-01-06")?.levels == [.level5, .level4, .level3, .level2])
        #expect(catalog.occupation(code: "4-10-01-06")?.subTrades == ["母婴护理员", "家务服务员", "家庭照护员"])
        #expect(catalog.occupation(code: "6-18-02-04")?.name == "焊工")
        #expect(catalog.trainingSubsidy(occupationCode: "6-31-01-03", level: .level1) == Money(yuan: 3000))
        #expect(catalog.apprenticeSubsidy(level: .level4) == Money(yuan: 5500))
        #expect(catalog.eligibilityRoutes(occupationCode: "4-03-02-01", level: .level3).map(\.routeCode) == ["3A", "3B", "3C"])
        // The example override: 养老护理员 level 5 has its own single route instead of 5A and 5B.
        let elderCare = catalog.eligibilityRoutes(occupationCode: "4-10-01-05", level: .level5)
        #expect(elderCare.count == 1)
        #expect(elderCare.first?.occupationCode == "4-10-01-05")
        #expect(catalog.target(year: 2026, projectCode: "nanyue", metric: .trainees) == 1500)
        #expect(catalog.target(year: 2026, metric: .apprentices) == 290)
        #expect(catalog.integerSetting(.retainedPartMonths) == 12)
        #expect(catalog.examParts(for: .level(.level1)).map(\.part) == [.theory, .practical, .review])
    }

    @Test func lineNumbersCountTheCommentLines() throws {
        let tables = try CatalogReader.readDirectory(shippedCatalog)
        #expect(tables.map(\.file) == CatalogFile.allCases.map(\.fileName).sorted())
        let routes = try #require(tables.first { $0.file == "eligibility_routes.csv" })
        #expect(routes.headerLine == 8)
        #expect(routes.rows.first?.line == 9)
        // The override row comes after three comment lines between data rows.
        #expect(routes.rows.last?.line == 23)
        #expect(routes.rows.last?.fields["occupation"] == "4-10-01-05")
    }
}

@Suite("Catalog reader: files as clerks save them")
struct CatalogReaderTests {
    @Test func aByteOrderMarkAndWindowsLineEndsAreAccepted() throws {
        let catalog = try TemporaryCatalog()
        let projects = try catalog.text("projects.csv").replacingOccurrences(of: "\n", with: "\r\n")
        try catalog.write("projects.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(projects.utf8))
        let result = CatalogReader.load(catalog.url)
        #expect(result.problems == [])
        #expect(result.catalog?.projects.first == Project(code: "yuecai", nameZh: "粤菜师傅", nameEn: "Cantonese chef"))
        let table = try CatalogReader.readFile(catalog.url.appendingPathComponent("projects.csv"))
        #expect(table.header == ["code", "name_zh", "name_en"])
        #expect(table.rows.map(\.line) == [5, 6, 7])
    }

    @Test func commentsAndBlankLinesAreSkippedButCounted() throws {
        let text = """
            # key_groups.csv: a comment
            "# a comment Excel quoted, because it holds a comma",,

            code,name_zh,name_en
            graduate,高校毕业生,college graduates

            # rural,农村劳动力,rural labour
            ,,
            veteran , 退役军人 ,veterans
            """
        let table = try CatalogReader.parse(Data(text.utf8), file: "key_groups.csv")
        #expect(table.headerLine == 4)
        #expect(table.rows.map(\.line) == [5, 9])
        #expect(table.rows.last?.fields["code"] == "veteran ")
        #expect(table.readingProblems == [])
    }

    @Test func aBadLevelIsReportedAtItsRealLine() throws {
        let catalog = try TemporaryCatalog()
        // Two comment lines instead of the shipped seven: the header is line 3, 家政服务员 (the fourth row) line 7.
        let data = try catalog.text("occupations.csv").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(data[4].hasPrefix("4-10-01-06,家政服务员"))
        var lines = ["# occupations for a test", "# second comment line"] + data.map(String.init)
        lines[6] = lines[6].replacingOccurrences(of: ",5|4|3|2,", with: ",5|4|3|6,")
        try catalog.write("occupations.csv", lines.joined(separator: "\n") + "\n")
        let result = CatalogReader.load(catalog.url)
        #expect(result.catalog == nil)
        #expect(result.problems == [FieldProblem(
            file: "occupations.csv", line: 7, field: .column("levels"), value: "6",
            rule: Rejection("等级应为国家职业技能等级 5、4、3、2 或 1", "a level here is a national level 5, 4, 3, 2 or 1"))])
        #expect(result.problems.first?.english == "occupations.csv line 7 · field levels, value \"6\": a level here is a national level 5, 4, 3, 2 or 1")
    }

    @Test func aMissingFileIsAProblemNotACrash() throws {
        let catalog = try TemporaryCatalog()
        try catalog.remove("districts.csv")
        #expect(throws: Never.self) { try CatalogReader.readDirectory(catalog.url) }
        let result = CatalogReader.load(catalog.url)
        #expect(result.catalog == nil)
        #expect(result.problems == [FieldProblem(
            file: "districts.csv", line: nil, field: .file, value: "districts.csv",
            rule: Rejection("缺少此目录文件", "this catalog file is missing"))])
    }

    @Test func aFileThatIsNotUTF8IsNamedWithItsFirstBadLine() throws {
        let catalog = try TemporaryCatalog()
        // 高校毕业生 in GB18030, as Excel's plain "CSV" writes it on Chinese Windows.
        let gb18030: [UInt8] = [0xB8, 0xDF, 0xD0, 0xA3, 0xB1, 0xCF, 0xD2, 0xB5, 0xC9, 0xFA]
        try catalog.write("key_groups.csv", bytes: Array("# key groups\ncode,name_zh,name_en\ngraduate,".utf8) + gb18030
                              + Array(",college graduates\n".utf8))
        #expect(throws: IntakeError.notUTF8(file: "key_groups.csv", line: 3)) { try CatalogReader.readDirectory(catalog.url) }
        let result = CatalogReader.load(catalog.url)
        // Reported once, as unreadable: not also as missing, and the other files are still checked (they have no problems).
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.file == "key_groups.csv")
        #expect(result.problems.first?.line == 3)
        #expect(result.problems.first?.rule.english.hasPrefix("not UTF-8: in Excel save as “CSV UTF-8 (Comma delimited)”") == true)
        #expect(result.problems.first?.rule.chinese.hasPrefix("不是 UTF-8 编码") == true)
    }

    @Test func aMissingDirectoryIsOneProblem() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-catalog-\(UUID().uuidString)")
        #expect(throws: IntakeError.missingDirectory(path: missing.path)) { try CatalogReader.readDirectory(missing) }
        let result = CatalogReader.load(missing)
        #expect(result.problems.map(\.field) == [.directory])
        #expect(result.problems.first?.value == missing.path)
    }

    @Test func aLineBreakInsideAFieldIsAProblemAndLaterLinesKeepTheirNumbers() throws {
        let districts = """
            # districts.csv for a test
            name,kind,city
            "石岐
            街道",街道,中山市
            小榄镇,村,中山市
            """
        let table = try CatalogReader.parse(Data(districts.utf8), file: "districts.csv")
        #expect(table.rows.map(\.line) == [3, 5])
        #expect(table.readingProblems == [FieldProblem(
            file: "districts.csv", line: 3, field: .column("name"), value: "石岐↵街道",
            rule: Rejection("字段中不能有换行（可能缺少右引号）", "a field cannot hold a line break (a closing quote may be missing)"))])
        // The builder then reports the row on line 5 at line 5.
        let catalog = try TemporaryCatalog()
        try catalog.write("districts.csv", districts)
        let problems = CatalogReader.load(catalog.url).problems
        #expect(problems.map { "\($0.line ?? 0):\($0.field.labelEn):\($0.value)" } == ["3:name:石岐↵街道", "5:kind:村"])
    }

    @Test func shortRowsAndValuesOutsideTheHeaderAreProblemsButExcelPaddingIsNot() throws {
        let text = """
            # settings-like file
            key,value,note,,
            a,1,x,,
            b,2
            c,3,,,extra
            d,4,y
            """
        let table = try CatalogReader.parse(Data(text.utf8), file: "settings.csv")
        #expect(table.header == ["key", "value", "note"])
        #expect(table.rows.map(\.line) == [3, 4, 5, 6])
        #expect(table.readingProblems == [
            FieldProblem(file: "settings.csv", line: 4, field: .column("note"), value: "",
                         rule: Rejection("此行在该列之前就结束了：只有 2 个字段，表头有 3 列",
                                         "the row ends before this column: it has 2 fields, the header has 3 columns")),
            FieldProblem(file: "settings.csv", line: 5, field: .column("column 5"), value: "extra",
                         rule: Rejection("此值所在的列在表头中没有列名", "this value is in a column that has no name in the header row")),
        ])
    }

    @Test func aFileWithOnlyCommentsIsMalformed() throws {
        let text = "# only a comment\n\n# and another\n"
        #expect(throws: IntakeError.malformedCSV(
            file: "targets.csv", line: 4,
            reason: Rejection("没有表头行（只有注释或空行）", "there is no header row (only comments or blank lines)"))) {
            try CatalogReader.parse(Data(text.utf8), file: "targets.csv")
        }
        let error = IntakeError.malformedCSV(file: "targets.csv", line: 4, reason: Rejection("没有表头行", "there is no header row"))
        #expect(error.description == "文件 targets.csv 第 4 行 CSV 格式错误：没有表头行\ntargets.csv line 4 · malformed CSV: there is no header row")
    }

    @Test func readmeLockFilesAndHiddenFilesAreNotCatalogFilesButAStrayCSVIs() throws {
        let catalog = try TemporaryCatalog()
        try catalog.write("~$projects.csv", "lock")
        try catalog.write(".projects.csv", "hidden")
        #expect(CatalogReader.load(catalog.url).problems == [])
        try catalog.write("occupation.csv", "code\n")
        let problems = CatalogReader.load(catalog.url).problems
        #expect(problems.map(\.file) == ["occupation.csv"])
        #expect(problems.first?.rule.english.hasPrefix("not a catalog file") == true)
    }
}
