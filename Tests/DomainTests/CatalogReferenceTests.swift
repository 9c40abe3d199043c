import Domain
import Testing

@Suite("Catalog builder: duplicates, references, completeness")
struct CatalogReferenceTests {
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

    // MARK: duplicates

    @Test func aDuplicateKeyNamesTheEarlierLine() {
        #expect(problems { $0.append(.projects, ["yuecai", "粤菜", "Cantonese"]) }
                == [duplicate("projects.csv", 7, "code", "yuecai", of: 4)])
        #expect(problems { $0.append(.occupations, ["4-03-02-01", "中式烹调师（旧）", "yuecai", "", "5", "", "no"]) }
                == [duplicate("occupations.csv", 8, "code", "4-03-02-01", of: 4)])
        #expect(problems { $0.append(.occupations, ["4-03-02-99", "电工", "jigong", "", "5", "", "no"]) }
                == [duplicate("occupations.csv", 8, "name", "电工", of: 6)])
        #expect(problems { $0.append(.specialAbilities, ["YC02", "广式点心制作", "yuecai"]) }
                == [duplicate("special_abilities.csv", 6, "code", "YC02", of: 5)])
        #expect(problems { $0.append(.examParts, ["5", "theory", "100", "60", "120"]) }
                == [duplicate("exam_parts.csv", 17, "part", "theory", of: 4)])
        #expect(problems { $0.append(.eligibilityRoutes, ["*", "5", "5A", "", "2", "", "no", "no", "重复"]) }
                == [duplicate("eligibility_routes.csv", 17, "route", "5A", of: 4)])
        #expect(problems { $0.append(.trainingSubsidies, ["*", "五级", "900"]) }
                == [duplicate("training_subsidies.csv", 10, "level", "五级", of: 4)])
        #expect(problems { $0.append(.apprenticeSubsidies, ["3", "7500"]) }
                == [duplicate("apprentice_subsidies.csv", 8, "level", "3", of: 5)])
        #expect(problems { $0.append(.districts, ["石岐街道", "街道", "中山市"]) }
                == [duplicate("districts.csv", 7, "name", "石岐街道", of: 4)])
        #expect(problems { $0.append(.keyGroups, ["rural", "农民工", "migrant workers"]) }
                == [duplicate("key_groups.csv", 10, "code", "rural", of: 5)])
        #expect(problems { $0.append(.targets, ["2026", "", "yuecai", "classes", "9"]) }
                == [duplicate("targets.csv", 7, "metric", "classes", of: 4)])
        #expect(problems { $0.append(.settings, ["retained_part_months", "24", ""]) }
                == [duplicate("settings.csv", 13, "key", "retained_part_months", of: 4)])
    }

    @Test func keysThatDifferInAnyPartAreNotDuplicates() {
        var fixture = CatalogFixture.good
        fixture.set(.eligibilityRoutes, row: 11, "route", "4A")            // 4A of 家政服务员 is not the template's 4A
        fixture.append(.targets, ["2026", "小榄镇", "yuecai", "classes", "2"])  // same metric and project, another district
        fixture.append(.targets, ["2027", "", "yuecai", "classes", "9"])       // another year
        fixture.append(.examParts, ["special-ability", "theory", "100", "60", "30"])
        #expect(fixture.build().problems == [])
    }

    // MARK: references

    @Test func anOccupationOrItemMustBelongToAKnownProject() {
        #expect(problems { $0.set(.occupations, row: 0, "project", "yue") } == [
            problem("occupations.csv", 4, "project", "yue", zh: "projects.csv 中没有此项目代码", en: "no such project code in projects.csv"),
        ])
        #expect(problems { $0.set(.specialAbilities, row: 1, "project", "jigong2") } == [
            problem("special_abilities.csv", 5, "project", "jigong2", zh: "projects.csv 中没有此项目代码", en: "no such project code in projects.csv"),
        ])
    }

    @Test func aRouteMustNameAKnownOccupation() {
        #expect(problems { $0.set(.eligibilityRoutes, row: 11, "occupation", "4-10-01-07") } == [
            problem("eligibility_routes.csv", 15, "occupation", "4-10-01-07",
                    zh: "occupations.csv 中没有此职业编码（或用 * 表示所有职业）",
                    en: "no such occupation code in occupations.csv (or * for every occupation)"),
        ])
    }

    @Test func aRouteOrRateMustBeForALevelTheOccupationOffers() {
        #expect(problems { $0.set(.eligibilityRoutes, row: 11, "level", "1") } == [
            problem("eligibility_routes.csv", 15, "level", "1",
                    zh: "职业 家政服务员 4-10-01-06 未设此等级（见 occupations.csv 的 levels）",
                    en: "occupation 家政服务员 4-10-01-06 does not offer this level (see levels in occupations.csv)"),
        ])
        #expect(problems {
            $0.set(.trainingSubsidies, row: 5, "occupation", "4-10-01-02")
            $0.set(.trainingSubsidies, row: 5, "level", "2")
        } == [
            problem("training_subsidies.csv", 9, "level", "2",
                    zh: "职业 育婴员 4-10-01-02 未设此等级（见 occupations.csv 的 levels）",
                    en: "occupation 育婴员 4-10-01-02 does not offer this level (see levels in occupations.csv)"),
        ])
    }

    @Test func theRequiredCertificateMustBeALowerLevel() {
        #expect(problems { $0.set(.eligibilityRoutes, row: 2, "required_certificate", "4") } == [
            problem("eligibility_routes.csv", 6, "required_certificate", "4",
                    zh: "所需证书应低于申报等级 4（数字更大）", en: "the required certificate must be a lower level than 4 (a larger digit)"),
        ])
        #expect(problems { $0.set(.eligibilityRoutes, row: 10, "required_certificate", "1") }.map(\.value) == ["1"])
    }

    @Test func anApprenticeshipRateIsForLevelFourToOne() {
        #expect(problems { $0.set(.apprenticeSubsidies, row: 0, "level", "5") } == [
            problem("apprentice_subsidies.csv", 4, "level", "5",
                    zh: "企业新型学徒制培养目标为 4 至 1 级（中级工至高级技师）", en: "an apprenticeship targets level 4 to 1 (中级工 to 高级技师)"),
        ])
    }

    @Test func aTargetMustNameAKnownDistrictAndProject() {
        #expect(problems {
            $0.set(.targets, row: 2, "district", "小榄")
            $0.set(.targets, row: 2, "project", "jiazheng")
        } == [
            problem("targets.csv", 6, "district", "小榄",
                    zh: "districts.csv 中没有此镇街（留空表示全区域）", en: "no such district in districts.csv (empty = the whole area)"),
            problem("targets.csv", 6, "project", "jiazheng", zh: "projects.csv 中没有此项目代码", en: "no such project code in projects.csv"),
        ])
    }

    // MARK: completeness

    @Test func everyOfferedLevelNeedsTheoryAndPracticalParts() {
        #expect(problems { $0.removeRow(.examParts, row: 4) } == [
            problem("exam_parts.csv", nil, "scope", "3",
                    zh: "等级 3 缺少 理论知识（theory）科目，而 中式烹调师 4-03-02-01 需要它",
                    en: "level 3 has no theory part, but 中式烹调师 4-03-02-01 needs it"),
        ])
    }

    @Test func aLevelNoOccupationOffersNeedsNoParts() {
        var fixture = CatalogFixture.good
        fixture.set(.occupations, row: 0, "levels", "5|4|3|2")
        fixture.set(.occupations, row: 2, "levels", "5|4|3|2")
        fixture.removeRow(.examParts, row: 11)
        fixture.removeRow(.examParts, row: 10)
        fixture.removeRow(.examParts, row: 9)
        #expect(fixture.build().problems == [])
    }

    @Test func specialAbilityItemsNeedAPracticalPart() {
        #expect(problems { $0.removeRow(.examParts, row: 12) } == [
            problem("exam_parts.csv", nil, "scope", "special-ability",
                    zh: "专项职业能力 缺少 操作技能（practical）科目，而 special_abilities.csv 需要它",
                    en: "special-ability has no practical part, but special_abilities.csv needs it"),
        ])
    }

    @Test func everyOfferedLevelNeedsARouteFromTheTemplateOrItsOwn() {
        let noLevel1 = problems { $0.removeRow(.eligibilityRoutes, row: 10) }
        let rule = (zh: "该职业的等级 1 没有任何申报条件（既无模板 * 也无本职业的条件）",
                    en: "no eligibility route for level 1 of this occupation (neither template * nor its own)")
        #expect(noLevel1 == [
            problem("eligibility_routes.csv", nil, "occupation", "4-03-02-01", zh: rule.zh, en: rule.en),
            problem("eligibility_routes.csv", nil, "occupation", "6-31-01-03", zh: rule.zh, en: rule.en),
        ])
        // Without template routes for level 4, 家政服务员 still has its own; the others have none.
        let noTemplate4 = problems {
            $0.removeRow(.eligibilityRoutes, row: 4)
            $0.removeRow(.eligibilityRoutes, row: 3)
            $0.removeRow(.eligibilityRoutes, row: 2)
        }
        #expect(noTemplate4.map(\.value) == ["4-03-02-01", "6-31-01-03", "4-10-01-02"])
    }
}
