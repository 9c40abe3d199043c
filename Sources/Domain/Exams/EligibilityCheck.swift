/// Checks a candidate's evidence against the catalog's eligibility routes (申报条件).
///
/// Years of experience: the candidate declares their whole years in the occupation. A route that
/// requires a certificate asks for N years of work "after obtaining" it (取得证书后累计从事本职业
/// 工作 N 年), which holds only when BOTH the declared years reach N (years after the certificate
/// are years in the occupation) AND the certificate was issued at least N whole years before the
/// date judged on, the exam date (years after it cannot outnumber the time since its issue). The
/// declaration cannot say when its years were spent, so nothing finer is checked; the earliest
/// qualifying certificate (same occupation, required level or higher) gives the most time. A
/// certificate from another bureau's system is not known here; a bureau user overrides that refusal.
///
/// Diplomas match exactly (a senior technical school diploma does not stand in for the
/// technical-school route): the policy text names each diploma separately.
public enum EligibilityCheck {
    /// Evaluates a national level of an occupation.
    public static func evaluate(occupationCode: String, level: SkillLevel, evidence: EligibilityEvidence,
                                catalog: Catalog, on date: CivilDate) -> EligibilityDecision {
        guard let occupation = catalog.occupation(code: occupationCode) else {
            return .refused(reasons: [RouteMiss(route: nil, missing: [
                Rejection("目录中没有职业 \(occupationCode)", "the catalog has no occupation \(occupationCode)"),
            ])])
        }
        guard occupation.levels.contains(level) else {
            return .refused(reasons: [RouteMiss(route: nil, missing: [
                Rejection("职业 \(occupation.name)（\(occupationCode)）不开设\(level.chineseName)认定",
                          "occupation \(occupationCode) does not offer \(level.englishName)"),
            ])])
        }
        let routes = catalog.eligibilityRoutes(occupationCode: occupationCode, level: level)
        guard !routes.isEmpty else {
            return .refused(reasons: [RouteMiss(route: nil, missing: [
                Rejection("目录中没有职业 \(occupationCode) \(level.chineseName)的申报条件",
                          "the catalog has no eligibility route for \(level.englishName) of occupation \(occupationCode)"),
            ])])
        }
        var misses: [RouteMiss] = []
        for route in routes {
            let missing = shortfalls(of: route, occupationCode: occupationCode, evidence: evidence, on: date)
            if missing.isEmpty { return .eligible(route: route) }
            misses.append(RouteMiss(route: route, missing: missing))
        }
        return .refused(reasons: misses)
    }

    /// Evaluates what a session assesses; special-ability items need nothing beyond the
    /// training (the item's code is checked where the session is created, not here).
    public static func evaluate(target: CertificationTarget, evidence: EligibilityEvidence,
                                catalog: Catalog, on date: CivilDate) -> EligibilityDecision {
        switch target {
        case .specialAbility: .eligibleWithoutConditions
        case .occupation(let code, let level): evaluate(occupationCode: code, level: level, evidence: evidence, catalog: catalog, on: date)
        }
    }

    /// Whole years from `start` to `end`: a year counts only once its anniversary is reached
    /// (a 29 February start reaches its anniversary on 1 March in common years).
    public static func wholeYears(from start: CivilDate, to end: CivilDate) -> Int {
        guard start <= end else { return 0 }
        let years = end.year - start.year
        return (end.month, end.day) < (start.month, start.day) ? years - 1 : years
    }

    private static func shortfalls(of route: EligibilityRoute, occupationCode: String,
                                   evidence: EligibilityEvidence, on date: CivilDate) -> [Rejection] {
        var missing: [Rejection] = []
        if let required = route.requiredCertificate {
            // A higher certificate of the same occupation also satisfies; one issued after the
            // application date is not yet held.
            let qualifying = evidence.certificates.filter {
                $0.occupationCode == occupationCode && $0.level >= required && $0.issueDate <= date
            }
            if let earliest = qualifying.map(\.issueDate).min() {
                let after = "取得本职业\(required.chineseName)证书后需从事本职业 \(route.minimumYears) 年"
                let afterEn = "needs \(route.minimumYears) years in this occupation after the \(required.englishName) certificate"
                if evidence.declaredYears < route.minimumYears {
                    missing.append(Rejection("\(after)，申报人为 \(evidence.declaredYears) 年",
                                             "\(afterEn); the candidate declares \(evidence.declaredYears)"))
                }
                if wholeYears(from: earliest, to: date) < route.minimumYears {
                    missing.append(Rejection(
                        "\(after)，该证书 \(earliest) 发证，至考试日 \(date) 不满 \(route.minimumYears) 年",
                        "\(afterEn); it was issued on \(earliest), less than \(route.minimumYears) years before the exam on \(date)"))
                }
            } else if route.minimumYears > 0 {
                missing.append(Rejection(
                    "需持有本职业\(required.chineseName)或以上等级证书，并在取得证书后从事本职业 \(route.minimumYears) 年",
                    "needs a \(required.englishName) or higher certificate of this occupation and \(route.minimumYears) years in the occupation after it"))
            } else {
                missing.append(Rejection(
                    "需持有本职业\(required.chineseName)或以上等级证书",
                    "needs a \(required.englishName) or higher certificate of this occupation"))
            }
        } else if evidence.declaredYears < route.minimumYears {
            missing.append(Rejection(
                "需从事本职业 \(route.minimumYears) 年，申报人为 \(evidence.declaredYears) 年",
                "needs \(route.minimumYears) years in this occupation; the candidate declares \(evidence.declaredYears)"))
        }
        if let diploma = route.requiredDiploma {
            let studying = route.finalYearStudentsAllowed && evidence.finalYearStudentOf == diploma
            if !evidence.diplomas.contains(diploma) && !studying {
                missing.append(route.finalYearStudentsAllowed
                    ? Rejection("需为\(diploma.chineseName)（含最后一学年在校生）",
                                "needs to be a \(diploma.englishName) (final-year students included)")
                    : Rejection("需为\(diploma.chineseName)", "needs to be a \(diploma.englishName)"))
            }
        }
        if route.requiresApprenticeship && !evidence.completedApprenticeship {
            missing.append(Rejection("需已完成企业新型学徒制培训", "needs a completed apprenticeship"))
        }
        return missing
    }
}
