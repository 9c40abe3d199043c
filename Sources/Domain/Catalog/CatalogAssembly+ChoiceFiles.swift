/// The closed lists a clerk picks a value from (文化程度, 户籍类型, and the key groups): each row is
/// a code with a Chinese and an English name, and trainee lists may give any of the three.
extension CatalogAssembly {
    mutating func readChoiceFiles() {
        if let levels = readChoices(.educationLevels) { draft.educationLevels = levels }
        if let types = readChoices(.householdTypes) { draft.householdTypes = types }
    }

    /// The clean rows of a `code,name_zh,name_en` file, or nil when the file is unusable.
    ///
    /// Lists match a value against the code and both names regardless of case, so two rows that
    /// share any of them (`urban` as one row's code and `Urban` as another's English name) would make
    /// a value ambiguous: every such repeat is a problem, whichever columns the two sides are in.
    mutating func readChoices(_ file: CatalogFile) -> [CatalogChoice]? {
        guard isUsable(file) else { return nil }
        var choices: [CatalogChoice] = []
        var keys: [String: Int] = [:]
        for record in records(file) {
            var row = CatalogRowReader(file: file, record: record)
            let code = row.value("code", CatalogFieldParser.code)
            let nameZh = row.required("name_zh")
            let nameEn = row.required("name_en")
            var ownKeys: Set<String> = []
            for (column, value) in [("code", code), ("name_zh", nameZh), ("name_en", nameEn)] {
                guard let value else { continue }
                let key = value.lowercased()
                // A row may repeat itself (code `rural`, English name `rural`): only other rows clash.
                guard ownKeys.insert(key).inserted else { continue }
                row.claim(key, in: &keys, column: column, value: value)
            }
            if row.isClean, let code, let nameZh, let nameEn {
                choices.append(CatalogChoice(code: code, nameZh: nameZh, nameEn: nameEn))
            }
            absorb(row)
        }
        return choices
    }
}
