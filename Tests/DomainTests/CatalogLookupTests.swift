import Domain
import Testing

@Suite("Catalog lookups")
struct CatalogLookupTests {
    private let catalog = CatalogFixture.good.build().catalog ?? Catalog()

    @Test func anOccupationsOwnRoutesReplaceTheTemplateForThatLevelOnly() {
        let own = catalog.eligibilityRoutes(occupationCode: "4-10-01-06", level: .level4)
        #expect(own.map(\.routeCode) == ["4X", "4Y"])
        #expect(own.allSatisfy { $0.occupationCode == "4-10-01-06" })
        // Its other levels, and other occupations at level 4, keep the template.
        #expect(catalog.eligibilityRoutes(occupationCode: "4-10-01-06", level: .level5).map(\.routeCode) == ["5A", "5B"])
        #expect(catalog.eligibilityRoutes(occupationCode: "4-03-02-01", level: .level4).map(\.routeCode) == ["4A", "4B", "4C"])
        #expect(catalog.eligibilityRoutes(occupationCode: "4-03-02-01", level: .level4).allSatisfy { $0.occupationCode == nil })
    }

    @Test func noRoutesForALevelTheOccupationDoesNotOfferOrAnUnknownOccupation() {
        #expect(catalog.eligibilityRoutes(occupationCode: "4-10-01-06", level: .level1) == [])
        #expect(catalog.eligibilityRoutes(occupationCode: "9-99-99-99", level: .level5) == [])
    }

    @Test func aTrainingSubsidyFallsBackToTheDefaultRate() {
        #expect(catalog.trainingSubsidy(occupationCode: "6-31-01-03", level: .level3) == Money(fen: 220_050))
        #expect(catalog.trainingSubsidy(occupationCode: "6-31-01-03", level: .level2) == Money(yuan: 2500))
        #expect(catalog.trainingSubsidy(occupationCode: "4-03-02-01", level: .level3) == Money(yuan: 2000))
        #expect(catalog.trainingSubsidy(occupationCode: "4-03-02-01", level: .level5) == Money(yuan: 1000))
        #expect(catalog.trainingSubsidy(occupationCode: "4-03-02-01", level: .apprentice) == nil)
        #expect(Catalog().trainingSubsidy(occupationCode: "4-03-02-01", level: .level5) == nil)
    }

    @Test func otherLookups() {
        #expect(catalog.project(code: "nanyue")?.nameZh == "南粤家政")
        #expect(catalog.project(code: "x") == nil)
        #expect(catalog.occupations(inProject: "nanyue").map(\.name) == ["家政服务员", "育婴员"])
        #expect(catalog.specialAbility(code: "YC02")?.name == "广府风味菜烹饪")
        #expect(catalog.apprenticeSubsidy(level: .level3) == Money(yuan: 7000))
        #expect(catalog.apprenticeSubsidy(level: .level5) == nil)
        #expect(catalog.district(named: " 小榄镇 ") == District(name: "小榄镇", kind: "镇", city: "中山市"))
        #expect(catalog.district(named: "小榄") == nil)
        #expect(catalog.keyGroup(code: "veteran")?.nameEn == "veterans")
        #expect(catalog.examParts(for: .specialAbility) == [ExamPartRule(scope: .specialAbility, part: .practical, minimumMinutes: 60)])
        #expect(catalog.targets(year: 2026).count == 3)
        #expect(catalog.targets(year: 2025) == [])
        #expect(catalog.target(year: 2026, projectCode: "yuecai", metric: .classes) == 8)
        #expect(catalog.target(year: 2026, metric: .certifications) == 4500)
        #expect(catalog.target(year: 2026, district: "小榄镇", projectCode: "nanyue", metric: .trainees) == 300)
        #expect(catalog.target(year: 2026, metric: .trainees) == nil)
    }
}
