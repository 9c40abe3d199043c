import Domain
import Testing

/// The closed lists of trainee records (education_levels.csv, household_types.csv) and key groups,
/// whose codes and names a trainee list may use interchangeably.
@Suite("Catalog builder: closed lists")
struct CatalogChoiceFileTests {
    private func problems(_ change: (inout CatalogFixture) -> Void) -> [FieldProblem] {
        var fixture = CatalogFixture.good
        change(&fixture)
        let result = fixture.build()
        #expect(result.catalog == nil)
        return result.problems
    }

    private func duplicate(_ file: String, _ line: Int, _ field: String, _ value: String, of earlier: Int) -> FieldProblem {
        problem(file, line, field, value, zh: "与第 \(earlier) 行重复", en: "duplicates line \(earlier)")
    }

    @Test func bothFilesAreRequired() {
        #expect(problems { $0.remove(.educationLevels) } == [
            problem("education_levels.csv", nil, "file", "education_levels.csv", zh: "缺少此目录文件", en: "this catalog file is missing"),
        ])
        #expect(problems { $0.remove(.householdTypes) } == [
            problem("household_types.csv", nil, "file", "household_types.csv", zh: "缺少此目录文件", en: "this catalog file is missing"),
        ])
    }

    @Test func theListsKeepFileOrder() throws {
        let catalog = try #require(CatalogFixture.good.build().catalog)
        #expect(catalog.educationLevels.map(\.code) == ["junior-or-below", "senior-secondary", "junior-college", "bachelor", "postgraduate"])
        #expect(catalog.educationLevels[1] == CatalogChoice(code: "senior-secondary", nameZh: "高中/中专/技校",
                                                            nameEn: "senior secondary or technical school"))
    }

    @Test func aRepeatedCodeOrNameIsAProblem() {
        #expect(problems { $0.append(.educationLevels, ["bachelor", "学士", "bachelor's degree"]) }
                == [duplicate("education_levels.csv", 9, "code", "bachelor", of: 7)])
        #expect(problems { $0.append(.educationLevels, ["master", "本科", "master"]) }
                == [duplicate("education_levels.csv", 9, "name_zh", "本科", of: 7)])
        #expect(problems { $0.append(.householdTypes, ["town", "城镇户口", "URBAN"]) }
                == [duplicate("household_types.csv", 6, "name_en", "URBAN", of: 4)])
    }

    /// A value is matched against the code and both names, so a clash across columns is as ambiguous
    /// as one within a column.
    @Test func aCodeThatIsAnotherRowsNameIsAProblem() {
        #expect(problems { $0.append(.householdTypes, ["Rural", "乡村", "countryside"]) }
                == [duplicate("household_types.csv", 6, "code", "Rural", of: 5)])
        #expect(problems { $0.append(.keyGroups, ["migrant", "农民工", "VETERANS"]) }
                == [duplicate("key_groups.csv", 10, "name_en", "VETERANS", of: 6)])
    }

    @Test func aRowMayRepeatItsOwnCodeAsAName() throws {
        // urban,城镇,urban in the shipped file: the code and the English name are the same word.
        let catalog = try #require(CatalogFixture.good.build().catalog)
        #expect(catalog.householdTypes.first?.nameEn == "urban")
    }

    @Test func namesMustNotBeEmptyAndCodesArePlain() {
        #expect(problems { $0.set(.householdTypes, row: 1, "name_zh", "") } == [
            problem("household_types.csv", 5, "name_zh", "", zh: "不能为空", en: "must not be empty"),
        ])
        #expect(problems { $0.set(.educationLevels, row: 0, "code", "初中") } == [
            problem("education_levels.csv", 4, "code", "初中",
                    zh: "代码只能由英文字母、数字、- 和 _ 组成（至多 32 个字符）",
                    en: "a code holds only ASCII letters, digits, - and _ (at most 32 characters)"),
        ])
    }
}
