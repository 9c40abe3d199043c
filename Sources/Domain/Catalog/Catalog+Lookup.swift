/// Lookups that callers use instead of scanning the catalog's arrays, so that the override and
/// fallback rules (routes, subsidy rates) live in one place.
extension Catalog {
    public func project(code: String) -> Project? {
        projects.first { $0.code == code }
    }

    public func occupation(code: String) -> Occupation? {
        occupations.first { $0.code == code }
    }

    public func occupations(inProject projectCode: String) -> [Occupation] {
        occupations.filter { $0.projectCode == projectCode }
    }

    public func specialAbility(code: String) -> SpecialAbility? {
        specialAbilities.first { $0.code == code }
    }

    /// The parts required for a level or for special-ability items, theory before practical before review.
    public func examParts(for scope: CertificationScope) -> [ExamPartRule] {
        examParts.filter { $0.scope == scope }.sorted { $0.part < $1.part }
    }

    /// The routes by which a candidate may apply for `level` of an occupation: the occupation's own
    /// routes for that level when it has any (they replace the template entirely), otherwise the
    /// template's. Empty when the occupation is unknown or does not offer the level.
    public func eligibilityRoutes(occupationCode: String, level: SkillLevel) -> [EligibilityRoute] {
        guard let occupation = occupation(code: occupationCode), occupation.levels.contains(level) else { return [] }
        let own = eligibilityRoutes.filter { $0.occupationCode == occupationCode && $0.level == level }
        if !own.isEmpty { return own }
        return eligibilityRoutes.filter { $0.occupationCode == nil && $0.level == level }
    }

    /// The skill-upgrading subsidy for a certificate: the occupation's own rate for the level if the
    /// catalog has one, else the default (`*`) rate; nil when neither exists.
    public func trainingSubsidy(occupationCode: String, level: SkillLevel) -> Money? {
        if let own = trainingSubsidies.first(where: { $0.occupationCode == occupationCode && $0.level == level }) {
            return own.amount
        }
        return trainingSubsidies.first { $0.occupationCode == nil && $0.level == level }?.amount
    }

    /// The apprenticeship subsidy per apprentice per year for a target level.
    public func apprenticeSubsidy(level: SkillLevel) -> Money? {
        apprenticeSubsidies.first { $0.level == level }?.amountPerYear
    }

    public func district(named name: String) -> District? {
        let wanted = name.trimmingWhitespace()
        return districts.first { $0.name == wanted }
    }

    public func keyGroup(code: String) -> KeyGroup? {
        keyGroups.first { $0.code == code }
    }

    /// Every target of a year, in file order.
    public func targets(year: Int) -> [YearlyTarget] {
        targets.filter { $0.year == year }
    }

    /// One planned figure: `district` nil = the whole area, `projectCode` nil = all projects.
    public func target(year: Int, district: String? = nil, projectCode: String? = nil, metric: TargetMetric) -> Int? {
        targets.first {
            $0.year == year && $0.district == district && $0.projectCode == projectCode && $0.metric == metric
        }?.value
    }
}
