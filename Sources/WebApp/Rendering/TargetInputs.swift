import Domain

/// The two drop-downs that say what a class trains for or a session assesses: the catalog's
/// occupations and special-ability items (the latter valued `special:CODE`), then the level,
/// which a special-ability item leaves empty. The class form and the session form ask the same.
enum TargetInputs {
    static let specialPrefix = "special:"

    static func occupation(_ catalog: Catalog, form: FormFields, errors: FormErrors) -> FormInput {
        let chosen = form.text("occupation")
        return FormInput("occupation", labelZh: "职业或专项职业能力", labelEn: "Occupation or special-ability item",
                         value: chosen, errors: errors, required: true,
                         hintZh: "职业须再选等级；专项职业能力不分等级。",
                         hintEn: "An occupation needs a level; a special-ability item has none.",
                         options: [.choose] + catalog.occupations.map {
                             FormOption(value: $0.code, text: "\($0.name) \($0.code)", selected: $0.code == chosen)
                         } + catalog.specialAbilities.map {
                             let value = specialPrefix + $0.code
                             return FormOption(value: value, text: "专项 Special: \($0.name)", selected: value == chosen)
                         })
    }

    static func level(form: FormFields, errors: FormErrors) -> FormInput {
        let chosen = form.text("level")
        return FormInput("level", field: .level, value: chosen, errors: errors,
                         options: [FormOption(value: "", text: "无（专项职业能力） None (special-ability item)", selected: chosen.isEmpty)]
                             + SkillLevel.nationalLevels.map {
                                 FormOption(value: $0.code, text: "\($0.chineseName) \($0.englishName)", selected: $0.code == chosen)
                             })
    }

    /// What the two fields pick, or nil with what is wrong with them added to `problems`; whether
    /// the catalog offers that level is then the Store's to say.
    static func target(_ form: FormFields, problems: inout [FieldProblem]) -> CertificationTarget? {
        func refuse(_ field: Field, _ value: String, _ zh: String, _ en: String) {
            problems.append(FieldProblem(field: field, value: value, rule: Rejection(zh, en)))
        }
        let chosen = form.text("occupation").trimmingWhitespace()
        let levelText = form.text("level").trimmingWhitespace()
        if chosen.isEmpty {
            refuse(.occupation, chosen, "请选择职业或专项职业能力项目", "choose an occupation or a special-ability item")
        } else if chosen.hasPrefix(specialPrefix) {
            if levelText.isEmpty { return .specialAbility(code: String(chosen.dropFirst(specialPrefix.count))) }
            refuse(.level, levelText, "专项职业能力不分等级，请选“无”", "a special-ability item has no level: choose none")
        } else if levelText.isEmpty {
            refuse(.level, levelText, "请为职业选择等级", "choose the occupation's level")
        } else {
            do {
                return .occupation(code: chosen, level: try SkillLevel.parse(levelText))
            } catch {
                problems.append(FieldProblem(field: .level, value: levelText, rule: error))
            }
        }
        return nil
    }
}
