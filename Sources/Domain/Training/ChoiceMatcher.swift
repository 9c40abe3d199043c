/// Finds the catalog entry a clerk meant in a closed-list cell: by code, Chinese name or English
/// name, in any letter case. Built once per list so that a million rows do not each lower-case
/// the catalog again.
struct ChoiceMatcher: Sendable {
    private let codeByKey: [String: String]
    /// The Chinese names in catalog order, for the message that says what is allowed.
    let allowedNames: [String]

    init(_ choices: [CatalogChoice]) {
        var codeByKey: [String: String] = [:]
        for choice in choices {
            // The catalog builder refuses clashing keys; should one slip through, the first row wins.
            for key in [choice.code, choice.nameZh, choice.nameEn] where codeByKey[key.lowercased()] == nil {
                codeByKey[key.lowercased()] = choice.code
            }
        }
        self.codeByKey = codeByKey
        allowedNames = choices.map(\.nameZh)
    }

    init(_ groups: [KeyGroup]) {
        self.init(groups.map { CatalogChoice(code: $0.code, nameZh: $0.nameZh, nameEn: $0.nameEn) })
    }

    /// The code for a trimmed value, nil when it names no entry.
    func code(for value: String) -> String? {
        codeByKey[value] ?? codeByKey[value.lowercased()]
    }

    /// The rejection for a value that names no entry of the list: `chineseSubject` is `文化程度`,
    /// `englishSubject` the singular with its article (`an education level`), `englishPlural` the list
    /// (`education levels`).
    func rejection(chineseSubject: String, englishSubject: String, englishPlural: String) -> Rejection {
        guard !allowedNames.isEmpty else {
            return Rejection("目录中没有\(chineseSubject)列表，此列应留空",
                             "the catalog has no list of \(englishPlural), so this column must be left empty")
        }
        return Rejection(
            "不是目录中的\(chineseSubject)，应为以下之一：\(allowedNames.joined(separator: "、"))（也可填写代码或英文名称）",
            "not \(englishSubject) of the catalog; use one of \(allowedNames.joined(separator: ", ")) (or its code or English name)")
    }
}
