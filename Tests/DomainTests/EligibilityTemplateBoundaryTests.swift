import Domain
import Testing

/// Every route of DOMAIN.md's eligibility template (levels 5 to 1) at its boundary, both ways.
///
/// A route that asks for a certificate and N years means N years of work in the occupation after
/// the certificate: the candidate must declare at least N years in the occupation, AND the
/// certificate must have been issued at least N whole years before the exam date (years after
/// it cannot be more than the time since its issue). Either alone is not enough.
@Suite("Eligibility: the template's routes at their boundaries")
struct EligibilityTemplateBoundaryTests {
    static let cook = "4-03-02-01"

    /// DOMAIN.md's table, route by route, as `Catalog/eligibility_routes.csv` holds it.
    static let catalog = Catalog(
        occupations: [Occupation(code: cook, name: "中式烹调师", projectCode: "yuecai", levels: SkillLevel.nationalLevels)],
        eligibilityRoutes: [
            EligibilityRoute(level: .level5, routeCode: "5A", minimumYears: 1, descriptionZh: "1 年"),
            EligibilityRoute(level: .level5, routeCode: "5B", requiresApprenticeship: true, descriptionZh: "学徒期满"),
            EligibilityRoute(level: .level4, routeCode: "4A", requiredCertificate: .level5, minimumYears: 4, descriptionZh: "五级 + 4 年"),
            EligibilityRoute(level: .level4, routeCode: "4B", minimumYears: 6, descriptionZh: "6 年"),
            EligibilityRoute(level: .level4, routeCode: "4C", requiredDiploma: .technicalSchool, finalYearStudentsAllowed: true,
                             descriptionZh: "技工院校毕业（含应届）"),
            EligibilityRoute(level: .level3, routeCode: "3A", requiredCertificate: .level4, minimumYears: 5, descriptionZh: "四级 + 5 年"),
            EligibilityRoute(level: .level3, routeCode: "3B", requiredCertificate: .level4, requiredDiploma: .seniorTechnicalSchool,
                             descriptionZh: "四级 + 高级技工学校、技师学院毕业"),
            EligibilityRoute(level: .level3, routeCode: "3C", requiredCertificate: .level4, minimumYears: 2, requiredDiploma: .juniorCollege,
                             descriptionZh: "大专 + 四级 + 2 年"),
            EligibilityRoute(level: .level2, routeCode: "2A", requiredCertificate: .level3, minimumYears: 4, descriptionZh: "三级 + 4 年"),
            EligibilityRoute(level: .level2, routeCode: "2B", requiredCertificate: .level3, minimumYears: 3, requiredDiploma: .seniorTechnicalSchool,
                             descriptionZh: "三级 + 3 年（高级技工学校、技师学院毕业）"),
            EligibilityRoute(level: .level1, routeCode: "1A", requiredCertificate: .level2, minimumYears: 4, descriptionZh: "二级 + 4 年"),
        ]
    )

    /// The exam date every case is judged on.
    static let examDay = CivilDate(year: 2026, month: 6, day: 15)!

    static func held(_ level: SkillLevel, issued year: Int, _ month: Int = 6, _ day: Int = 15) -> EligibilityEvidence.HeldCertificate {
        .init(occupationCode: cook, level: level, issueDate: CivilDate(year: year, month: month, day: day)!)
    }

    func decide(_ level: SkillLevel, _ evidence: EligibilityEvidence) -> EligibilityDecision {
        EligibilityCheck.evaluate(occupationCode: Self.cook, level: level, evidence: evidence, catalog: Self.catalog, on: Self.examDay)
    }

    func admitted(_ level: SkillLevel, _ evidence: EligibilityEvidence) -> String? {
        if case .eligible(let route) = decide(level, evidence) { return route.routeCode }
        return nil
    }

    /// What `route` lacks, or nil when the candidate was admitted.
    func lacks(_ route: String, _ level: SkillLevel, _ evidence: EligibilityEvidence) -> [Rejection]? {
        guard case .refused(let misses) = decide(level, evidence) else { return nil }
        return misses.first { $0.route?.routeCode == route }?.missing
    }

    // MARK: level 5

    @Test func route5AOneYearDeclared() {
        #expect(admitted(.level5, EligibilityEvidence(declaredYears: 1)) == "5A")
        #expect(lacks("5A", .level5, EligibilityEvidence(declaredYears: 0)) == [
            Rejection("需从事本职业 1 年，申报人为 0 年", "needs 1 years in this occupation; the candidate declares 0")])
    }

    @Test func route5BCompletedApprenticeship() {
        #expect(admitted(.level5, EligibilityEvidence(completedApprenticeship: true)) == "5B")
        #expect(lacks("5B", .level5, EligibilityEvidence()) == [Rejection("需已完成企业新型学徒制培训", "needs a completed apprenticeship")])
    }

    // MARK: level 4

    @Test func route4ALevel5CertificateAndFourYearsAfterIt() {
        // Exactly four years declared, the certificate issued exactly four years before the exam.
        #expect(admitted(.level4, EligibilityEvidence(certificates: [Self.held(.level5, issued: 2022)], declaredYears: 4)) == "4A")
        // One year fewer declared: refused although the certificate is old enough.
        #expect(lacks("4A", .level4, EligibilityEvidence(certificates: [Self.held(.level5, issued: 2022)], declaredYears: 3)) == [Rejection(
            "取得本职业五级/初级工证书后需从事本职业 4 年，申报人为 3 年",
            "needs 4 years in this occupation after the level 5 (junior) certificate; the candidate declares 3")])
        // Four years declared, but the certificate is one day short of four years old at the exam.
        #expect(lacks("4A", .level4, EligibilityEvidence(certificates: [Self.held(.level5, issued: 2022, 6, 16)], declaredYears: 4)) == [Rejection(
            "取得本职业五级/初级工证书后需从事本职业 4 年，该证书 2022-06-16 发证，至考试日 2026-06-15 不满 4 年",
            "needs 4 years in this occupation after the level 5 (junior) certificate; it was issued on 2022-06-16, less than 4 years before the exam on 2026-06-15")])
        // No certificate at all.
        #expect(lacks("4A", .level4, EligibilityEvidence(declaredYears: 5)) == [Rejection(
            "需持有本职业五级/初级工或以上等级证书，并在取得证书后从事本职业 4 年",
            "needs a level 5 (junior) or higher certificate of this occupation and 4 years in the occupation after it")])
    }

    @Test func anOldCertificateDoesNotStandInForTheYearsTheCandidateDeclares() {
        // The issue's case: a level-5 certificate of 2018 and --years 3 for level 4.
        let evidence = EligibilityEvidence(certificates: [Self.held(.level5, issued: 2018)], declaredYears: 3)
        #expect(admitted(.level4, evidence) == nil)
        #expect(lacks("4A", .level4, evidence)?.map(\.english) == [
            "needs 4 years in this occupation after the level 5 (junior) certificate; the candidate declares 3"])
    }

    @Test func bothShortfallsOfACertificateRouteAreListed() {
        let evidence = EligibilityEvidence(certificates: [Self.held(.level5, issued: 2025)], declaredYears: 2)
        #expect(lacks("4A", .level4, evidence)?.map(\.chinese) == [
            "取得本职业五级/初级工证书后需从事本职业 4 年，申报人为 2 年",
            "取得本职业五级/初级工证书后需从事本职业 4 年，该证书 2025-06-15 发证，至考试日 2026-06-15 不满 4 年",
        ])
    }

    @Test func route4BSixYearsDeclared() {
        #expect(admitted(.level4, EligibilityEvidence(declaredYears: 6)) == "4B")
        #expect(lacks("4B", .level4, EligibilityEvidence(declaredYears: 5)) == [
            Rejection("需从事本职业 6 年，申报人为 5 年", "needs 6 years in this occupation; the candidate declares 5")])
    }

    @Test func route4CTechnicalSchoolGraduateOrFinalYearStudent() {
        #expect(admitted(.level4, EligibilityEvidence(diplomas: [.technicalSchool])) == "4C")
        #expect(admitted(.level4, EligibilityEvidence(finalYearStudentOf: .technicalSchool)) == "4C")
        #expect(lacks("4C", .level4, EligibilityEvidence()) == [Rejection(
            "需为技工院校或中职相关专业毕业（含最后一学年在校生）",
            "needs to be a technical-school or secondary-vocational graduate of a relevant major (final-year students included)")])
    }

    // MARK: level 3

    @Test func route3ALevel4CertificateAndFiveYearsAfterIt() {
        #expect(admitted(.level3, EligibilityEvidence(certificates: [Self.held(.level4, issued: 2021)], declaredYears: 5)) == "3A")
        #expect(lacks("3A", .level3, EligibilityEvidence(certificates: [Self.held(.level4, issued: 2021)], declaredYears: 4))?.map(\.english) == [
            "needs 5 years in this occupation after the level 4 (intermediate) certificate; the candidate declares 4"])
        #expect(lacks("3A", .level3, EligibilityEvidence(certificates: [Self.held(.level4, issued: 2021, 6, 16)], declaredYears: 5))?.map(\.english) == [
            "needs 5 years in this occupation after the level 4 (intermediate) certificate; it was issued on 2021-06-16, less than 5 years before the exam on 2026-06-15"])
        #expect(lacks("3A", .level3, EligibilityEvidence(declaredYears: 5))?.map(\.english) == [
            "needs a level 4 (intermediate) or higher certificate of this occupation and 5 years in the occupation after it"])
    }

    @Test func route3BLevel4CertificateAndASeniorTechnicalSchoolDiplomaWithoutYears() {
        // No time after the certificate is asked: one issued the day before the exam will do.
        let fresh = Self.held(.level4, issued: 2026, 6, 14)
        #expect(admitted(.level3, EligibilityEvidence(certificates: [fresh], diplomas: [.seniorTechnicalSchool])) == "3B")
        #expect(lacks("3B", .level3, EligibilityEvidence(certificates: [fresh]))?.map(\.english) == [
            "needs to be a senior technical school or technician college graduate"])
        #expect(lacks("3B", .level3, EligibilityEvidence(diplomas: [.seniorTechnicalSchool]))?.map(\.english) == [
            "needs a level 4 (intermediate) or higher certificate of this occupation"])
    }

    @Test func route3CJuniorCollegeLevel4CertificateAndTwoYearsAfterIt() {
        let college: Set<Diploma> = [.juniorCollege]
        #expect(admitted(.level3, EligibilityEvidence(certificates: [Self.held(.level4, issued: 2024)], declaredYears: 2, diplomas: college)) == "3C")
        #expect(lacks("3C", .level3, EligibilityEvidence(certificates: [Self.held(.level4, issued: 2024)], declaredYears: 1, diplomas: college))?
            .map(\.english) == ["needs 2 years in this occupation after the level 4 (intermediate) certificate; the candidate declares 1"])
        #expect(lacks("3C", .level3, EligibilityEvidence(certificates: [Self.held(.level4, issued: 2024, 6, 16)], declaredYears: 2, diplomas: college))?
            .map(\.english) == ["needs 2 years in this occupation after the level 4 (intermediate) certificate; it was issued on 2024-06-16, less than 2 years before the exam on 2026-06-15"])
        #expect(lacks("3C", .level3, EligibilityEvidence(certificates: [Self.held(.level4, issued: 2024)], declaredYears: 2))?.map(\.english) == [
            "needs to be a junior college (大专) graduate or higher"])
    }

    // MARK: level 2 and 1

    @Test func route2ALevel3CertificateAndFourYearsAfterIt() {
        #expect(admitted(.level2, EligibilityEvidence(certificates: [Self.held(.level3, issued: 2022)], declaredYears: 4)) == "2A")
        #expect(lacks("2A", .level2, EligibilityEvidence(certificates: [Self.held(.level3, issued: 2022)], declaredYears: 3))?.map(\.english) == [
            "needs 4 years in this occupation after the level 3 (senior) certificate; the candidate declares 3"])
        #expect(lacks("2A", .level2, EligibilityEvidence(certificates: [Self.held(.level3, issued: 2022, 6, 16)], declaredYears: 4))?.map(\.english) == [
            "needs 4 years in this occupation after the level 3 (senior) certificate; it was issued on 2022-06-16, less than 4 years before the exam on 2026-06-15"])
        #expect(lacks("2A", .level2, EligibilityEvidence(declaredYears: 10))?.map(\.english) == [
            "needs a level 3 (senior) or higher certificate of this occupation and 4 years in the occupation after it"])
    }

    @Test func route2BSeniorTechnicalSchoolGraduatesNeedThreeYearsAfterTheLevel3Certificate() {
        let senior: Set<Diploma> = [.seniorTechnicalSchool]
        #expect(admitted(.level2, EligibilityEvidence(certificates: [Self.held(.level3, issued: 2023)], declaredYears: 3, diplomas: senior)) == "2B")
        #expect(lacks("2B", .level2, EligibilityEvidence(certificates: [Self.held(.level3, issued: 2023)], declaredYears: 2, diplomas: senior))?
            .map(\.english) == ["needs 3 years in this occupation after the level 3 (senior) certificate; the candidate declares 2"])
        #expect(lacks("2B", .level2, EligibilityEvidence(certificates: [Self.held(.level3, issued: 2023, 6, 16)], declaredYears: 3, diplomas: senior))?
            .map(\.english) == ["needs 3 years in this occupation after the level 3 (senior) certificate; it was issued on 2023-06-16, less than 3 years before the exam on 2026-06-15"])
        #expect(lacks("2B", .level2, EligibilityEvidence(certificates: [Self.held(.level3, issued: 2023)], declaredYears: 3))?.map(\.english) == [
            "needs to be a senior technical school or technician college graduate"])
        // Without the diploma three years are not enough: 2A asks for four.
        #expect(admitted(.level2, EligibilityEvidence(certificates: [Self.held(.level3, issued: 2023)], declaredYears: 3)) == nil)
    }

    @Test func route1ALevel2CertificateAndFourYearsAfterIt() {
        #expect(admitted(.level1, EligibilityEvidence(certificates: [Self.held(.level2, issued: 2022)], declaredYears: 4)) == "1A")
        #expect(lacks("1A", .level1, EligibilityEvidence(certificates: [Self.held(.level2, issued: 2022)], declaredYears: 3))?.map(\.english) == [
            "needs 4 years in this occupation after the level 2 (technician) certificate; the candidate declares 3"])
        #expect(lacks("1A", .level1, EligibilityEvidence(certificates: [Self.held(.level2, issued: 2022, 6, 16)], declaredYears: 4))?.map(\.english) == [
            "needs 4 years in this occupation after the level 2 (technician) certificate; it was issued on 2022-06-16, less than 4 years before the exam on 2026-06-15"])
        #expect(lacks("1A", .level1, EligibilityEvidence(declaredYears: 20))?.map(\.english) == [
            "needs a level 2 (technician) or higher certificate of this occupation and 4 years in the occupation after it"])
    }

    // MARK: which certificate counts

    @Test func theEarliestQualifyingCertificateGivesTheLongestTimeAfterIt() {
        // A level-4 certificate of 2020 counts for level 4's 4A as a "level 5 or higher" one; the
        // newer level-5 certificate alone would be too recent.
        let two = EligibilityEvidence(certificates: [Self.held(.level5, issued: 2025), Self.held(.level4, issued: 2020)], declaredYears: 4)
        #expect(admitted(.level4, two) == "4A")
    }

    @Test func aCertificateIssuedAfterTheExamDateIsNotHeld() {
        let later = EligibilityEvidence(certificates: [Self.held(.level4, issued: 2026, 6, 16)], diplomas: [.seniorTechnicalSchool])
        #expect(lacks("3B", .level3, later)?.map(\.english) == ["needs a level 4 (intermediate) or higher certificate of this occupation"])
        let onTheDay = EligibilityEvidence(certificates: [Self.held(.level4, issued: 2026, 6, 15)], diplomas: [.seniorTechnicalSchool])
        #expect(admitted(.level3, onTheDay) == "3B")
    }
}
