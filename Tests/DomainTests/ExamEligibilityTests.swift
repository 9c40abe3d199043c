import Domain
import Testing

@Suite("Exam eligibility")
struct ExamEligibilityTests {
    static let cook = "4-03-02-01"
    static let masseur = "4-10-01-06"

    /// DOMAIN.md's template routes, plus an override: 保健按摩师 level 4 needs level 5 + 2 years.
    static let catalog = Catalog(
        occupations: [
            Occupation(code: cook, name: "中式烹调师", projectCode: "yuecai", levels: [.level5, .level4, .level3, .level2, .level1]),
            Occupation(code: masseur, name: "保健按摩师", projectCode: "jigong", levels: [.level5, .level4, .level3]),
        ],
        eligibilityRoutes: [
            EligibilityRoute(level: .level5, routeCode: "5A", minimumYears: 1, descriptionZh: "从事本职业 1 年"),
            EligibilityRoute(level: .level5, routeCode: "5B", requiresApprenticeship: true, descriptionZh: "学徒期满"),
            EligibilityRoute(level: .level4, routeCode: "4A", requiredCertificate: .level5, minimumYears: 4, descriptionZh: "五级 + 4 年"),
            EligibilityRoute(level: .level4, routeCode: "4B", minimumYears: 6, descriptionZh: "从事本职业 6 年"),
            EligibilityRoute(level: .level4, routeCode: "4C", requiredDiploma: .technicalSchool, finalYearStudentsAllowed: true,
                             descriptionZh: "技工院校毕业（含在校生）"),
            EligibilityRoute(level: .level3, routeCode: "3A", requiredCertificate: .level4, minimumYears: 5, descriptionZh: "四级 + 5 年"),
            EligibilityRoute(level: .level3, routeCode: "3B", requiredCertificate: .level4, requiredDiploma: .seniorTechnicalSchool,
                             descriptionZh: "四级 + 高级技工学校毕业"),
            EligibilityRoute(level: .level3, routeCode: "3C", requiredCertificate: .level4, minimumYears: 2, requiredDiploma: .juniorCollege,
                             descriptionZh: "大专 + 四级 + 2 年"),
            EligibilityRoute(level: .level2, routeCode: "2A", requiredCertificate: .level3, minimumYears: 4, descriptionZh: "三级 + 4 年"),
            EligibilityRoute(level: .level2, routeCode: "2B", requiredCertificate: .level3, minimumYears: 3, requiredDiploma: .seniorTechnicalSchool,
                             descriptionZh: "三级 + 3 年（高级技工学校毕业）"),
            EligibilityRoute(occupationCode: masseur, level: .level4, routeCode: "4X", requiredCertificate: .level5, minimumYears: 2,
                             descriptionZh: "五级 + 2 年"),
        ]
    )

    static let today = CivilDate(year: 2026, month: 3, day: 1)!

    static func cert(_ level: SkillLevel, _ y: Int, _ m: Int, _ d: Int, occupation: String = cook) -> EligibilityEvidence.HeldCertificate {
        .init(occupationCode: occupation, level: level, issueDate: CivilDate(year: y, month: m, day: d)!)
    }

    func evaluate(_ level: SkillLevel, _ evidence: EligibilityEvidence, occupation: String = cook,
                  on date: CivilDate = today) -> EligibilityDecision {
        EligibilityCheck.evaluate(occupationCode: occupation, level: level, evidence: evidence, catalog: Self.catalog, on: date)
    }

    func routeCode(_ decision: EligibilityDecision) -> String? {
        if case .eligible(let route) = decision { return route.routeCode }
        return nil
    }

    func misses(_ decision: EligibilityDecision) -> [RouteMiss] {
        if case .refused(let reasons) = decision { return reasons }
        return []
    }

    // MARK: level 5

    @Test func level5ByOneYearOrByApprenticeship() {
        #expect(routeCode(evaluate(.level5, EligibilityEvidence(declaredYears: 1))) == "5A")
        #expect(routeCode(evaluate(.level5, EligibilityEvidence(completedApprenticeship: true))) == "5B")
    }

    @Test func level5RefusalNamesBothRoutes() {
        let reasons = misses(evaluate(.level5, EligibilityEvidence()))
        #expect(reasons.map { $0.route?.routeCode } == ["5A", "5B"])
        #expect(reasons[0].missing == [Rejection("需从事本职业 1 年，申报人为 0 年", "needs 1 years in this occupation; the candidate declares 0")])
        #expect(reasons[1].missing == [Rejection("需已完成企业新型学徒制培训", "needs a completed apprenticeship")])
    }

    // MARK: level 4

    @Test func yearsAfterACertificateNeedBothTheDeclarationAndTheTimeSinceItsIssue() {
        // Four years since the issue, but only three declared: the years after it are at most three.
        let evidence = EligibilityEvidence(certificates: [Self.cert(.level5, 2022, 3, 1)], declaredYears: 3)
        let reasons = misses(evaluate(.level4, evidence))
        #expect(reasons.map { $0.route?.routeCode } == ["4A", "4B", "4C"])
        #expect(reasons[0].missing == [Rejection(
            "取得本职业五级/初级工证书后需从事本职业 4 年，申报人为 3 年",
            "needs 4 years in this occupation after the level 5 (junior) certificate; the candidate declares 3")])
        #expect(reasons[1].missing == [Rejection("需从事本职业 6 年，申报人为 3 年", "needs 6 years in this occupation; the candidate declares 3")])
        #expect(reasons[2].missing == [Rejection(
            "需为技工院校或中职相关专业毕业（含最后一学年在校生）",
            "needs to be a technical-school or secondary-vocational graduate of a relevant major (final-year students included)")])
    }

    @Test func declaredYearsDoNotSatisfyACertificateRoute() {
        let reasons = misses(evaluate(.level4, EligibilityEvidence(declaredYears: 5)))
        #expect(reasons[0].missing == [Rejection(
            "需持有本职业五级/初级工或以上等级证书，并在取得证书后从事本职业 4 年",
            "needs a level 5 (junior) or higher certificate of this occupation and 4 years in the occupation after it")])
        #expect(routeCode(evaluate(.level4, EligibilityEvidence(declaredYears: 6))) == "4B")
    }

    @Test func theFirstFittingRouteInCatalogOrderIsNamed() {
        let evidence = EligibilityEvidence(certificates: [Self.cert(.level5, 2020, 1, 1)], declaredYears: 8, diplomas: [.technicalSchool])
        #expect(routeCode(evaluate(.level4, evidence)) == "4A")
    }

    @Test func aHigherCertificateSatisfiesAndTheEarliestQualifyingOneCounts() {
        let higher = EligibilityEvidence(certificates: [Self.cert(.level3, 2021, 6, 1)], declaredYears: 4)
        #expect(routeCode(evaluate(.level4, higher)) == "4A")
        let two = EligibilityEvidence(certificates: [Self.cert(.level5, 2025, 1, 1), Self.cert(.level4, 2020, 1, 1)], declaredYears: 4)
        #expect(routeCode(evaluate(.level4, two)) == "4A")
    }

    @Test func certificatesOfAnotherOccupationOrIssuedAfterTheDateDoNotCount() {
        let other = EligibilityEvidence(certificates: [Self.cert(.level5, 2015, 1, 1, occupation: Self.masseur)])
        #expect(!evaluate(.level4, other).isEligible)
        let future = EligibilityEvidence(certificates: [Self.cert(.level5, 2027, 1, 1)])
        #expect(misses(evaluate(.level4, future, on: Self.today))[0].missing.first?.chinese.hasPrefix("需持有本职业五级") == true)
    }

    @Test func diplomaRouteAdmitsGraduatesAndFinalYearStudentsOfThatDiplomaOnly() {
        #expect(routeCode(evaluate(.level4, EligibilityEvidence(diplomas: [.technicalSchool]))) == "4C")
        #expect(routeCode(evaluate(.level4, EligibilityEvidence(finalYearStudentOf: .technicalSchool))) == "4C")
        #expect(!evaluate(.level4, EligibilityEvidence(finalYearStudentOf: .juniorCollege)).isEligible)
        #expect(!evaluate(.level4, EligibilityEvidence(diplomas: [.seniorTechnicalSchool])).isEligible)
    }

    // MARK: level 3 and 2

    @Test func level3Routes() {
        let l4 = Self.cert(.level4, 2024, 3, 1)
        #expect(routeCode(evaluate(.level3, EligibilityEvidence(certificates: [Self.cert(.level4, 2021, 3, 1)], declaredYears: 5))) == "3A")
        #expect(routeCode(evaluate(.level3, EligibilityEvidence(certificates: [l4], diplomas: [.seniorTechnicalSchool]))) == "3B")
        #expect(routeCode(evaluate(.level3, EligibilityEvidence(certificates: [l4], declaredYears: 2, diplomas: [.juniorCollege]))) == "3C")
        // A final-year student is not enough where the route does not allow it.
        let student = misses(evaluate(.level3, EligibilityEvidence(certificates: [l4], finalYearStudentOf: .seniorTechnicalSchool)))
        #expect(student[1].missing == [Rejection("需为高级技工学校或技师学院毕业", "needs to be a senior technical school or technician college graduate")])
    }

    @Test func level3RefusalListsEveryMissingConditionOfEachRoute() {
        let reasons = misses(evaluate(.level3, EligibilityEvidence(declaredYears: 10)))
        #expect(reasons.map { $0.route?.routeCode } == ["3A", "3B", "3C"])
        #expect(reasons[1].missing == [
            Rejection("需持有本职业四级/中级工或以上等级证书", "needs a level 4 (intermediate) or higher certificate of this occupation"),
            Rejection("需为高级技工学校或技师学院毕业", "needs to be a senior technical school or technician college graduate"),
        ])
        #expect(reasons[2].missing.last == Rejection("需为大专及以上学历", "needs to be a junior college (大专) graduate or higher"))
        #expect(reasons[1].summary == Rejection(
            "路线 3B：需持有本职业四级/中级工或以上等级证书；需为高级技工学校或技师学院毕业",
            "route 3B: needs a level 4 (intermediate) or higher certificate of this occupation; needs to be a senior technical school or technician college graduate"))
    }

    @Test func level2ThreeYearsForSeniorTechnicalSchoolGraduates() {
        let l3 = Self.cert(.level3, 2023, 1, 15)
        #expect(routeCode(evaluate(.level2, EligibilityEvidence(certificates: [l3], declaredYears: 3, diplomas: [.seniorTechnicalSchool]))) == "2B")
        let reasons = misses(evaluate(.level2, EligibilityEvidence(certificates: [l3], declaredYears: 4)))
        #expect(reasons.map { $0.route?.routeCode } == ["2A", "2B"])
        #expect(reasons[0].missing.map(\.chinese) == ["取得本职业三级/高级工证书后需从事本职业 4 年，该证书 2023-01-15 发证，至考试日 2026-03-01 不满 4 年"])
    }

    // MARK: overrides, levels not offered, special ability

    @Test func anOccupationsOwnRoutesReplaceTheTemplate() {
        let evidence = EligibilityEvidence(certificates: [Self.cert(.level5, 2024, 1, 1, occupation: Self.masseur)], declaredYears: 2)
        #expect(routeCode(evaluate(.level4, evidence, occupation: Self.masseur)) == "4X")
        let reasons = misses(evaluate(.level4, EligibilityEvidence(declaredYears: 20), occupation: Self.masseur))
        #expect(reasons.map { $0.route?.routeCode } == ["4X"])
    }

    @Test func aLevelTheOccupationDoesNotOfferIsRefused() {
        let reasons = misses(evaluate(.level2, EligibilityEvidence(declaredYears: 30), occupation: Self.masseur))
        #expect(reasons == [RouteMiss(route: nil, missing: [Rejection(
            "职业 保健按摩师（4-10-01-06）不开设二级/技师认定", "occupation 4-10-01-06 does not offer level 2 (technician)")])])
        #expect(reasons[0].summary.chinese == "职业 保健按摩师（4-10-01-06）不开设二级/技师认定")
    }

    @Test func anUnknownOccupationOrALevelWithoutRoutesIsRefused() {
        #expect(misses(evaluate(.level5, EligibilityEvidence(), occupation: "9-99-99-99")) == [RouteMiss(route: nil, missing: [
            Rejection("目录中没有职业 9-99-99-99", "the catalog has no occupation 9-99-99-99")])])
        #expect(misses(evaluate(.level1, EligibilityEvidence(declaredYears: 30))) == [RouteMiss(route: nil, missing: [
            Rejection("目录中没有职业 4-03-02-01 一级/高级技师的申报条件",
                      "the catalog has no eligibility route for level 1 (senior technician) of occupation 4-03-02-01")])])
    }

    @Test func specialAbilityItemsHaveNoConditionsAndTargetsDelegateForLevels() {
        let none = EligibilityEvidence()
        #expect(EligibilityCheck.evaluate(target: .specialAbility(code: "YC02"), evidence: none,
                                          catalog: Self.catalog, on: Self.today) == .eligibleWithoutConditions)
        #expect(EligibilityDecision.eligibleWithoutConditions.isEligible)
        #expect(EligibilityCheck.evaluate(target: .occupation(code: Self.cook, level: .level5), evidence: none,
                                          catalog: Self.catalog, on: Self.today) == evaluate(.level5, none))
    }

    @Test func wholeYearsCountAnniversaries() {
        func d(_ y: Int, _ m: Int, _ day: Int) -> CivilDate { CivilDate(year: y, month: m, day: day)! }
        #expect(EligibilityCheck.wholeYears(from: d(2020, 3, 1), to: d(2024, 3, 1)) == 4)
        #expect(EligibilityCheck.wholeYears(from: d(2020, 3, 1), to: d(2024, 2, 29)) == 3)
        #expect(EligibilityCheck.wholeYears(from: d(2020, 2, 29), to: d(2021, 2, 28)) == 0)
        #expect(EligibilityCheck.wholeYears(from: d(2020, 2, 29), to: d(2021, 3, 1)) == 1)
        #expect(EligibilityCheck.wholeYears(from: d(2025, 1, 1), to: d(2024, 1, 1)) == 0)
    }
}
