/// Checks that span files: what one file offers, another must cover.
extension CatalogAssembly {
    mutating func checkCompleteness() {
        checkExamPartsCoverOfferedLevels()
        checkEveryOfferedLevelHasRoute()
        checkEverySettingPresent()
    }

    /// Every level an occupation offers needs a theory and a practical part (DOMAIN.md), and
    /// special-ability items need a practical part: otherwise no candidate could ever pass.
    private mutating func checkExamPartsCoverOfferedLevels() {
        guard isUsable(.examParts) else { return }
        let file = CatalogFile.examParts.fileName
        for level in SkillLevel.nationalLevels {
            guard let first = occupationNames.first(where: { offeredLevels[$0.code]?.contains(level) == true }) else { continue }
            for part in [ExamPart.theory, .practical] where !examPartsSeen.contains(ExamPartKey(scope: .level(level), part: part)) {
                report(file, line: nil, field: .column("scope"), value: CertificationScope.level(level).code,
                       CatalogRule.missingExamPart(part, scope: .level(level), neededBy: occupationLabel(first.code)))
            }
        }
        if specialAbilityCount > 0, !examPartsSeen.contains(ExamPartKey(scope: .specialAbility, part: .practical)) {
            report(file, line: nil, field: .column("scope"), value: CertificationScope.specialAbility.code,
                   CatalogRule.missingExamPart(.practical, scope: .specialAbility, neededBy: CatalogFile.specialAbilities.fileName))
        }
    }

    /// A level with no route would be offered but impossible to apply for.
    private mutating func checkEveryOfferedLevelHasRoute() {
        guard isUsable(.eligibilityRoutes), isUsable(.occupations) else { return }
        for (code, _) in occupationNames {
            for level in offeredLevels[code] ?? [] {
                let own = OccupationLevel(occupation: code, level: level)
                let template = OccupationLevel(occupation: CatalogFile.anyOccupation, level: level)
                if !routeLevelsSeen.contains(own) && !routeLevelsSeen.contains(template) {
                    report(CatalogFile.eligibilityRoutes.fileName, line: nil, field: .column("occupation"), value: code,
                           CatalogRule.noRoute(level: level))
                }
            }
        }
    }

    private mutating func checkEverySettingPresent() {
        guard isUsable(.settings) else { return }
        for key in CatalogSettingKey.allCases where !settingKeysSeen.contains(key.rawValue) {
            report(CatalogFile.settings.fileName, line: nil, field: .column("key"), value: key.rawValue, CatalogRule.missingSetting())
        }
    }
}
