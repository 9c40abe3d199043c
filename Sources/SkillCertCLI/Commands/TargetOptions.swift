import ArgumentParser
import Domain

/// `--occupation` with `--level`, or `--special-ability`: what a cohort trains for or a
/// session assesses.
struct TargetOptions: ParsableArguments {
    @Option(help: "Occupation code or name (with --level).") var occupation: String?
    @Option(help: "Level 5-1 (with --occupation).") var level: String?
    @Option(help: "Special-ability item code or name (instead of --occupation and --level).") var specialAbility: String?

    func target(in catalog: Catalog, purposeZh: String, purposeEn: String) throws -> CertificationTarget {
        switch (occupation, level, specialAbility) {
        case (let occupation?, let level?, nil):
            return .occupation(code: try occupationCode(occupation, in: catalog, option: "--occupation"),
                               level: try parseOption("--level", level, SkillLevel.parse))
        case (nil, nil, let item?):
            return .specialAbility(code: try specialAbilityCode(item, in: catalog, option: "--special-ability"))
        default:
            throw CLIError.missingOption(option: "--occupation and --level, or --special-ability",
                                         reasonZh: "\(purposeZh)要么是某职业的某一等级，要么是一个专项职业能力项目",
                                         reasonEn: "\(purposeEn) an occupation at a level, or one special-ability item")
        }
    }
}

func occupationCode(_ text: String, in catalog: Catalog, option: String) throws(CLIError) -> String {
    guard let found = catalog.occupation(matching: text) else {
        throw CLIError.invalidOption(option: option, value: text, rule: Rejection(
            "不是目录中的职业（编码或名称）", "is not an occupation of the catalog (code or name)"))
    }
    return found.code
}

func specialAbilityCode(_ text: String, in catalog: Catalog, option: String) throws(CLIError) -> String {
    guard let found = catalog.specialAbility(matching: text) else {
        throw CLIError.invalidOption(option: option, value: text, rule: Rejection(
            "不是目录中的专项职业能力项目", "is not a special-ability item of the catalog"))
    }
    return found.code
}

/// `OCCUPATION:LEVEL` (the highest level) or a special-ability item, as `examiner --qualify` takes it.
func qualificationTarget(_ text: String, in catalog: Catalog) throws -> CertificationTarget {
    guard let colon = text.lastIndex(of: ":") else {
        return .specialAbility(code: try specialAbilityCode(text, in: catalog, option: "--qualify"))
    }
    return .occupation(code: try occupationCode(String(text[..<colon]), in: catalog, option: "--qualify"),
                       level: try parseOption("--qualify", String(text[text.index(after: colon)...]), SkillLevel.parse))
}
