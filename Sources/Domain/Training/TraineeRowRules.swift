/// What the field rules made of one trainee row: a candidate when every field passed, and every
/// issue found otherwise.
public struct TraineeRowCheck: Hashable, Sendable {
    /// Nil whenever `issues` is not empty.
    public let candidate: TraineeCandidate?
    /// In field order (national ID, name, phone, education, household type, key groups); a cell
    /// naming several unknown key groups gives one issue per unknown group.
    public let issues: [ListFieldIssue]

    public init(candidate: TraineeCandidate?, issues: [ListFieldIssue]) {
        self.candidate = issues.isEmpty ? candidate : nil
        self.issues = issues
    }

    public var isValid: Bool { candidate != nil }
}

/// The field rules for a row of a trainee list: what can be decided from the row alone. Whether
/// the person is already in the file or in an overlapping cohort is the Store's to check.
///
/// Every field is checked even after one has failed, so that a clerk fixes a row once.
public struct TraineeRowRules: Sendable {
    private let education: ChoiceMatcher<CatalogChoice>
    private let householdTypes: ChoiceMatcher<CatalogChoice>
    private let keyGroups: ChoiceMatcher<KeyGroup>

    /// Takes the catalog's closed lists; cheap, but one instance can serve all rows of a file.
    public init(catalog: Catalog) {
        education = ChoiceMatcher(catalog.educationLevels)
        householdTypes = ChoiceMatcher(catalog.householdTypes)
        keyGroups = ChoiceMatcher(catalog.keyGroups)
    }

    /// Checks one row. Fields missing from `fields` count as empty cells.
    public static func check(_ fields: [ListField: CellText], catalog: Catalog, today: CivilDate) -> TraineeRowCheck {
        TraineeRowRules(catalog: catalog).check(fields, today: today)
    }

    public func check(_ fields: [ListField: CellText], today: CivilDate) -> TraineeRowCheck {
        var issues: [ListFieldIssue] = []

        let nationalId = ListFieldRules.nationalID(fields[.nationalId], today: today, issues: &issues)

        var name: String?
        let givenName = fields[.name]?.text ?? ""
        do {
            name = try TraineeName.parse(givenName)
        } catch {
            issues.append(ListFieldIssue(field: .name, value: givenName, rule: error))
        }

        var phone: String?
        if let text = ListFieldRules.optionalText(fields[.phone]) {
            do {
                phone = try MobilePhone.parse(text).value
            } catch {
                issues.append(ListFieldIssue(field: .phone, value: fields[.phone]?.text ?? text, rule: error))
            }
        }

        let educationCode = choice(.education, in: fields, matcher: education, issues: &issues,
                                   chinese: "文化程度", english: "an education level", plural: "education levels")
        let householdCode = choice(.householdType, in: fields, matcher: householdTypes, issues: &issues,
                                   chinese: "户籍类型", english: "a household type", plural: "household types")

        var groupCodes: [String] = []
        if let text = ListFieldRules.optionalText(fields[.keyGroups]) {
            let outcome = KeyGroupCell.read(text, with: keyGroups)
            groupCodes = outcome.codes
            for item in outcome.unknown {
                issues.append(ListFieldIssue(
                    field: .keyGroups, value: item,
                    rule: keyGroups.rejection(chineseSubject: "重点群体", englishSubject: "a key group", englishPlural: "key groups")))
            }
        }

        guard issues.isEmpty, let nationalId, let name else {
            return TraineeRowCheck(candidate: nil, issues: issues)
        }
        return TraineeRowCheck(
            candidate: TraineeCandidate(nationalId: nationalId, name: name, phone: phone, education: educationCode,
                                        householdType: householdCode, keyGroups: groupCodes),
            issues: [])
    }

    /// An optional closed-list field: its code, nil when empty, or an issue.
    private func choice(_ field: ListField, in fields: [ListField: CellText], matcher: ChoiceMatcher<CatalogChoice>,
                        issues: inout [ListFieldIssue], chinese: String, english: String, plural: String) -> String? {
        guard let text = ListFieldRules.optionalText(fields[field]) else { return nil }
        if let code = matcher.code(for: text) { return code }
        issues.append(ListFieldIssue(
            field: field, value: fields[field]?.text ?? text,
            rule: matcher.rejection(chineseSubject: chinese, englishSubject: english, englishPlural: plural)))
        return nil
    }
}
