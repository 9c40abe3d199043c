import Domain
import Testing

@Suite("Catalog builder: files, columns, the good case")
struct CatalogBuilderTests {
    @Test func goodTablesBuildACatalogWithNoProblems() throws {
        let result = CatalogFixture.good.build()
        #expect(result.problems == [])
        let catalog = try #require(result.catalog)
        #expect(catalog.projects.map(\.code) == ["yuecai", "nanyue", "jigong"])
        #expect(catalog.occupations.count == 4)
        #expect(catalog.specialAbilities.count == 2)
        #expect(catalog.examParts.count == 13)
        #expect(catalog.eligibilityRoutes.count == 13)
        #expect(catalog.trainingSubsidies.count == 6)
        #expect(catalog.apprenticeSubsidies.count == 4)
        #expect(catalog.districts.count == 3)
        #expect(catalog.keyGroups.count == 6)
        #expect(catalog.educationLevels.count == 5)
        #expect(catalog.householdTypes == [CatalogChoice(code: "urban", nameZh: "城镇", nameEn: "urban"),
                                           CatalogChoice(code: "rural", nameZh: "农村", nameEn: "rural")])
        #expect(catalog.targets.count == 3)
        #expect(catalog.settings.count == CatalogSettingKey.allCases.count)

        let domestic = try #require(catalog.occupation(code: "4-10-01-06"))
        #expect(domestic == Occupation(code: "4-10-01-06", name: "家政服务员", projectCode: "nanyue", strand: "居家",
                                       levels: [.level5, .level4, .level3, .level2],
                                       subTrades: ["母婴护理员", "家务服务员", "家庭照护员"], unconfirmed: false))
        // Levels typed 1|2|3|4|5 are kept down the ladder, 5 first.
        #expect(catalog.occupation(code: "6-31-01-03")?.levels == [.level5, .level4, .level3, .level2, .level1])
        #expect(catalog.occupation(code: "4-10-01-02")?.unconfirmed == true)
        #expect(catalog.eligibilityRoutes.first == EligibilityRoute(
            occupationCode: nil, level: .level5, routeCode: "5A", minimumYears: 1, descriptionZh: "累计从事本职业工作1年"))
        #expect(catalog.eligibilityRoutes[4] == EligibilityRoute(
            occupationCode: nil, level: .level4, routeCode: "4C", requiredDiploma: .technicalSchool,
            finalYearStudentsAllowed: true, descriptionZh: "技工院校毕业"))
        #expect(catalog.examParts(for: .level(.level2)).map(\.part) == [.theory, .practical, .review])
        #expect(catalog.examParts(for: .level(.level2)).last?.minimumMinutes == nil)
        #expect(catalog.trainingSubsidy(occupationCode: "6-31-01-03", level: .level3) == Money(fen: 220_050))
        #expect(catalog.targets(year: 2026).last == YearlyTarget(year: 2026, district: "小榄镇", projectCode: "nanyue",
                                                                  metric: .trainees, value: 300))
    }

    @Test func aMissingFileIsNamed() {
        var fixture = CatalogFixture.good
        fixture.remove(.districts)
        var expected = [problem("districts.csv", nil, "file", "districts.csv", zh: "缺少此目录文件", en: "this catalog file is missing")]
        // The target naming 小榄镇 is not reported as well: with no district file there is nothing to check it against.
        #expect(fixture.build().problems == expected)
        fixture.remove(.settings)
        expected.append(problem("settings.csv", nil, "file", "settings.csv", zh: "缺少此目录文件", en: "this catalog file is missing"))
        let result = fixture.build()
        #expect(result.problems == expected)
        #expect(result.catalog == nil)
    }

    @Test func anUnknownFileAndAFileGivenTwiceAreReported() {
        var tables = CatalogFixture.good.tables
        tables.append(CatalogTableText(file: "occupation.csv", header: ["code"], headerLine: 1, rows: []))
        tables.append(CatalogFixture.good.tables[0])
        let problems = CatalogBuilder.build(tables).problems
        #expect(problems.count == 2)
        #expect(problems.first == problem("projects.csv", nil, "file", "projects.csv",
                                          zh: "此目录文件出现了两次", en: "this catalog file was given twice"))
        #expect(problems.last?.file == "occupation.csv")
        #expect(problems.last?.rule.english.hasPrefix("not a catalog file (the catalog files are projects.csv, occupations.csv,") == true)
    }

    @Test func aMissingColumnIsReportedOnTheHeaderLineAndItsRowsAreSkipped() {
        var fixture = CatalogFixture.good
        fixture.setHeader(.keyGroups, ["code", "name_zh", "name"])
        #expect(fixture.build().problems == [
            problem("key_groups.csv", 3, "name", "",
                    zh: "未知的列（此文件的列为 code, name_zh, name_en）", en: "unknown column (this file's columns are code, name_zh, name_en)"),
            problem("key_groups.csv", 3, "name_en", "", zh: "表头缺少此列", en: "the header row lacks this column"),
        ])
    }

    @Test func aColumnTwiceInTheHeaderIsReported() {
        var fixture = CatalogFixture.good
        fixture.setHeader(.districts, ["name", "kind", "city", "kind"])
        #expect(fixture.build().problems == [
            problem("districts.csv", 3, "kind", "", zh: "表头中此列出现了两次", en: "this column appears twice in the header row"),
        ])
    }

    @Test func readingProblemsAreReportedWithTheBuildersOwn() {
        var tables = CatalogFixture.good.tables
        let reading = problem("projects.csv", 9, "name_en", "chef↵", zh: "字段中不能有换行", en: "a field cannot hold a line break")
        tables[0].readingProblems = [reading]
        let unreadable = problem("districts.csv", nil, "file", "districts.csv", zh: "不是 UTF-8 编码", en: "not UTF-8")
        let districts = tables.firstIndex { $0.file == "districts.csv" }!
        tables[districts] = CatalogTableText(file: "districts.csv", header: [], headerLine: 0, rows: [], readingProblems: [unreadable])
        let result = CatalogBuilder.build(tables)
        // The unreadable file is reported by its reading problem only: not as missing, not for its columns.
        #expect(result.problems == [reading, unreadable])
        #expect(result.catalog == nil)
    }

    @Test func everyProblemOfEveryFileIsReportedInOneRunInFileAndLineOrder() {
        var fixture = CatalogFixture.good
        fixture.set(.settings, row: 2, "value", "0")
        fixture.set(.occupations, row: 3, "unconfirmed", "maybe")
        fixture.set(.occupations, row: 1, "project", "nanyu")
        fixture.set(.districts, row: 0, "kind", "县")
        fixture.set(.targets, row: 0, "year", "26")
        let result = fixture.build()
        #expect(result.catalog == nil)
        #expect(result.problems.map { "\($0.file!):\($0.line!):\($0.field.labelEn)" } == [
            "occupations.csv:5:project",
            "occupations.csv:7:unconfirmed",
            "districts.csv:4:kind",
            "targets.csv:4:year",
            "settings.csv:6:value",
        ])
    }

    @Test func aBuildResultWithProblemsNeverCarriesACatalog() {
        let result = CatalogBuildResult(catalog: Catalog(), problems: [problem("x.csv", 1, "f", "v", zh: "错", en: "wrong")])
        #expect(result.catalog == nil)
        #expect(CatalogBuildResult(catalog: Catalog(), problems: []).catalog == Catalog())
    }

    @Test func theFileTableNamesEveryColumnOnce() {
        #expect(CatalogFile.allCases.count == 14)
        #expect(CatalogFile.occupations.columns == ["code", "name", "project", "strand", "levels", "sub_trades", "unconfirmed"])
        for file in CatalogFile.allCases {
            #expect(Set(file.columns).count == file.columns.count, "\(file.fileName)")
        }
        // The fixture, like the shipped files, uses exactly the declared columns.
        for (name, sheet) in CatalogFixture.good.sheets {
            #expect(CatalogFile(rawValue: name)?.columns == sheet.header)
        }
    }
}
