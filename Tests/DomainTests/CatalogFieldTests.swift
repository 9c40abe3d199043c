import Domain
import Testing

/// One test per kind of value check: each breaks one field of the good fixture and expects exactly
/// one problem, with its file, line, field, value and rule.
@Suite("Catalog builder: field values")
struct CatalogFieldTests {
    private func onlyProblem(_ change: (inout CatalogFixture) -> Void) -> [FieldProblem] {
        var fixture = CatalogFixture.good
        change(&fixture)
        let result = fixture.build()
        #expect(result.catalog == nil)
        return result.problems
    }

    @Test func aLevelOutsideTheNationalFiveIsReportedWithTheBadItemOnly() {
        #expect(onlyProblem { $0.set(.occupations, row: 2, "levels", "5|4|6") } == [
            problem("occupations.csv", 6, "levels", "6",
                    zh: "等级应为国家职业技能等级 5、4、3、2 或 1", en: "a level here is a national level 5, 4, 3, 2 or 1"),
        ])
        #expect(onlyProblem { $0.set(.apprenticeSubsidies, row: 0, "level", "apprentice") } == [
            problem("apprentice_subsidies.csv", 4, "level", "apprentice",
                    zh: "等级应为国家职业技能等级 5、4、3、2 或 1", en: "a level here is a national level 5, 4, 3, 2 or 1"),
        ])
    }

    @Test func listItemsMustBeNonEmptyAndUnique() {
        #expect(onlyProblem { $0.set(.occupations, row: 3, "levels", "5||4|3") } == [
            problem("occupations.csv", 7, "levels", "5||4|3",
                    zh: "列表中有空项（两个 | 之间没有内容）", en: "the list has an empty item (nothing between two |)"),
        ])
        #expect(onlyProblem { $0.set(.occupations, row: 1, "sub_trades", "母婴护理员|家务服务员|母婴护理员") } == [
            problem("occupations.csv", 5, "sub_trades", "母婴护理员", zh: "列表中此项出现了两次", en: "this item appears twice in the list"),
        ])
    }

    @Test func yesNoFieldsAcceptOnlyYesNoOrShiFou() throws {
        #expect(onlyProblem { $0.set(.occupations, row: 0, "unconfirmed", "y") } == [
            problem("occupations.csv", 4, "unconfirmed", "y", zh: "应为 yes 或 no（是/否）", en: "must be yes or no (是/否)"),
        ])
        var fixture = CatalogFixture.good
        fixture.set(.occupations, row: 0, "unconfirmed", "是")
        #expect(try #require(fixture.build().catalog).occupation(code: "4-03-02-01")?.unconfirmed == true)
    }

    @Test func aRequiredFieldMustNotBeEmpty() {
        #expect(onlyProblem { $0.set(.keyGroups, row: 4, "name_zh", "　") } == [
            problem("key_groups.csv", 8, "name_zh", "", zh: "不能为空", en: "must not be empty"),
        ])
    }

    @Test func wholeNumbersMustBeInRange() {
        #expect(onlyProblem { $0.set(.examParts, row: 2, "max_score", "0") } == [
            problem("exam_parts.csv", 6, "max_score", "0", zh: "应为 1 至 1000 的整数", en: "must be a whole number from 1 to 1000"),
        ])
        #expect(onlyProblem { $0.set(.eligibilityRoutes, row: 3, "minimum_years", "6.5") } == [
            problem("eligibility_routes.csv", 7, "minimum_years", "6.5", zh: "应为 0 至 50 的整数", en: "must be a whole number from 0 to 50"),
        ])
        #expect(onlyProblem { $0.set(.targets, row: 1, "value", "-5") } == [
            problem("targets.csv", 5, "value", "-5", zh: "应为 0 至 100000000 的整数", en: "must be a whole number from 0 to 100000000"),
        ])
    }

    @Test func amountsAreCheckedByMoneyParsing() {
        #expect(onlyProblem { $0.set(.trainingSubsidies, row: 1, "amount_yuan", "1500元") } == [
            problem("training_subsidies.csv", 5, "amount_yuan", "1500元",
                    zh: "金额应为不带符号的元数，例如 5500 或 5500.50", en: "an amount is written in yuan without a sign, e.g. 5500 or 5500.50"),
        ])
        #expect(onlyProblem { $0.set(.apprenticeSubsidies, row: 2, "amount_yuan_per_year", "8500.555") } == [
            problem("apprentice_subsidies.csv", 6, "amount_yuan_per_year", "8500.555",
                    zh: "金额最多两位小数（分）", en: "an amount has at most two decimals (fen)"),
        ])
    }

    @Test func aTargetYearIsAFourDigitYear() {
        #expect(onlyProblem { $0.set(.targets, row: 2, "year", "2026年") } == [
            problem("targets.csv", 6, "year", "2026年", zh: "应为 2000 至 2100 的整数", en: "must be a whole number from 2000 to 2100"),
        ])
    }

    @Test func anOccupationCodeHasTheShapeOfThe2022Classification() {
        #expect(onlyProblem { $0.set(.occupations, row: 0, "code", "4-3-2-1") } == [
            problem("occupations.csv", 4, "code", "4-3-2-1",
                    zh: "职业编码应为 2022 版格式 d-dd-dd-dd，例如 4-03-02-01",
                    en: "an occupation code is written d-dd-dd-dd as in the 2022 classification, e.g. 4-03-02-01"),
        ])
        // In a file that refers to occupations, a malformed code is reported as malformed, not as unknown.
        #expect(onlyProblem { $0.set(.trainingSubsidies, row: 5, "occupation", "6-31-01-3") } == [
            problem("training_subsidies.csv", 9, "occupation", "6-31-01-3",
                    zh: "职业编码应为 2022 版格式 d-dd-dd-dd，例如 4-03-02-01",
                    en: "an occupation code is written d-dd-dd-dd as in the 2022 classification, e.g. 4-03-02-01"),
        ])
    }

    @Test func codesArePlainASCII() {
        #expect(onlyProblem { $0.set(.keyGroups, row: 0, "code", "高校") } == [
            problem("key_groups.csv", 4, "code", "高校",
                    zh: "代码只能由英文字母、数字、- 和 _ 组成（至多 32 个字符）",
                    en: "a code holds only ASCII letters, digits, - and _ (at most 32 characters)"),
        ])
    }

    @Test func enumeratedFieldsNameTheirChoices() {
        #expect(onlyProblem { $0.set(.occupations, row: 3, "strand", "育婴") } == [
            problem("occupations.csv", 7, "strand", "育婴", zh: "条线应为 母婴、居家、养老、医护 之一，或留空",
                    en: "a strand is 母婴, 居家, 养老 or 医护, or empty"),
        ])
        #expect(onlyProblem { $0.set(.districts, row: 1, "kind", "乡") } == [
            problem("districts.csv", 5, "kind", "乡", zh: "类型应为 街道、镇 或 区", en: "kind is 街道, 镇 or 区"),
        ])
        #expect(onlyProblem { $0.set(.eligibilityRoutes, row: 4, "required_diploma", "college") } == [
            problem("eligibility_routes.csv", 8, "required_diploma", "college",
                    zh: "学历应为 technical-school、senior-technical-school、junior-college 之一，或留空",
                    en: "a diploma is technical-school, senior-technical-school or junior-college, or empty"),
        ])
        #expect(onlyProblem { $0.set(.targets, row: 0, "metric", "class") } == [
            problem("targets.csv", 4, "metric", "class", zh: "指标应为 classes、trainees、certifications 或 apprentices",
                    en: "a metric is classes, trainees, certifications or apprentices"),
        ])
        #expect(onlyProblem { $0.set(.examParts, row: 8, "part", "综合评审") } == [
            problem("exam_parts.csv", 12, "part", "综合评审", zh: "科目应为 theory（理论知识）、practical（操作技能）或 review（综合评审）",
                    en: "a part is theory, practical or review"),
        ])
    }

    @Test func aBadScopeIsReportedAndSoIsThePartItLeavesMissing() {
        // `special` reads as 特级技师, which bureau exams do not have; the special-ability practical part is then missing.
        #expect(onlyProblem { $0.set(.examParts, row: 12, "scope", "special") } == [
            problem("exam_parts.csv", nil, "scope", "special-ability",
                    zh: "专项职业能力 缺少 操作技能（practical）科目，而 special_abilities.csv 需要它",
                    en: "special-ability has no practical part, but special_abilities.csv needs it"),
            problem("exam_parts.csv", 16, "scope", "special", zh: "应为国家等级 5 至 1 或 special-ability（专项职业能力）",
                    en: "must be a national level 5 to 1 or special-ability"),
        ])
    }

    @Test func aRouteCodeIsAShortLabel() {
        #expect(onlyProblem { $0.set(.eligibilityRoutes, row: 0, "route", "5 A") } == [
            problem("eligibility_routes.csv", 4, "route", "5 A", zh: "条件代码应为至多 8 个英文字母或数字，例如 4B",
                    en: "a route code is up to 8 ASCII letters or digits, e.g. 4B"),
        ])
    }

    @Test func thePassMarkCannotExceedTheMaximum() {
        #expect(onlyProblem { $0.set(.examParts, row: 0, "pass_mark", "120") } == [
            problem("exam_parts.csv", 4, "pass_mark", "120", zh: "及格分不能高于满分 100", en: "the pass mark cannot be above the maximum score 100"),
        ])
    }

    @Test func finalYearStudentsNeedADiploma() {
        #expect(onlyProblem { $0.set(.eligibilityRoutes, row: 3, "final_year_students", "yes") } == [
            problem("eligibility_routes.csv", 7, "final_year_students", "yes",
                    zh: "final_year_students 为 yes 时须填写 required_diploma", en: "final_year_students = yes needs a required_diploma"),
        ])
    }

    @Test func aRowWithSeveralBadFieldsReportsEachOfThem() {
        let problems = onlyProblem {
            $0.set(.examParts, row: 1, "max_score", "abc")
            $0.set(.examParts, row: 1, "pass_mark", "")
            $0.set(.examParts, row: 1, "minimum_minutes", "0")
        }
        #expect(problems.map(\.field) == [.column("max_score"), .column("pass_mark"), .column("minimum_minutes")])
        #expect(Set(problems.map(\.line)) == [5])
    }
}
