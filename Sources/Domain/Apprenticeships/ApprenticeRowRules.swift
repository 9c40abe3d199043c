/// An apprentice row that passed every field rule: what the Store checks against its records and
/// the plan rules next.
public struct ApprenticeCandidate: Hashable, Sendable {
    /// The enterprise as the row names it: a credit code (upper-cased) or SkillCert's enterprise id.
    public var enterprise: String
    public var nationalId: NationalID
    /// Checked against the person on file.
    public var name: String
    /// The training institution the row names (id or name); nil when the import decides.
    public var institution: String?
    public var plan: ApprenticeshipPlan

    public init(enterprise: String, nationalId: NationalID, name: String, institution: String? = nil, plan: ApprenticeshipPlan) {
        self.enterprise = enterprise
        self.nationalId = nationalId
        self.name = name
        self.institution = institution
        self.plan = plan
    }
}

/// What the field rules made of one apprentice row: a candidate when every field passed, and
/// every issue found otherwise.
public struct ApprenticeRowCheck: Hashable, Sendable {
    /// Nil whenever `issues` is not empty.
    public let candidate: ApprenticeCandidate?
    public let issues: [ListFieldIssue]

    public init(candidate: ApprenticeCandidate?, issues: [ListFieldIssue]) {
        self.candidate = issues.isEmpty ? candidate : nil
        self.issues = issues
    }
}

/// The field rules for a row of an apprentice list (学徒名单): what each cell must be on its own.
/// The rules that relate values (durations, the contract, the level the occupation offers) are
/// `ApprenticeshipPlan`'s, and whether the enterprise and the person are on file is the Store's:
/// both run on the candidate, exactly as for `apprentice register`.
///
/// Every field is checked even after one has failed, so that a clerk fixes a row once.
public struct ApprenticeRowRules: Sendable {
    private let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    public func check(_ fields: [ListField: CellText], today: CivilDate) -> ApprenticeRowCheck {
        var issues: [ListFieldIssue] = []
        func text(_ field: ListField) -> String { fields[field]?.text.trimmingCellWhitespace() ?? "" }
        func given(_ field: ListField) -> String { fields[field]?.text ?? "" }
        func fail(_ field: ListField, _ rule: Rejection) { issues.append(ListFieldIssue(field: field, value: given(field), rule: rule)) }
        func required(_ field: ListField) -> String? {
            let value = text(field)
            if value.isEmpty { fail(field, Rejection("必须填写", "is required")) }
            return value.isEmpty ? nil : value
        }

        let enterprise = required(.enterprise).flatMap { key -> String? in
            // A SkillCert enterprise id is a short number; anything else must be a credit code.
            if key.count < 18, key.allSatisfy(\.isASCIIDigit) { return key }
            do throws(Rejection) {
                return try CreditCode.parse(key).code.value
            } catch {
                fail(.enterprise, error)
                return nil
            }
        }
        let nationalId = ListFieldRules.nationalID(fields[.nationalId], today: today, issues: &issues)
        var name: String?
        do {
            name = try TraineeName.parse(given(.name))
        } catch {
            fail(.name, error)
        }
        let occupation = required(.occupation).flatMap { key -> String? in
            if let found = catalog.occupation(matching: key) { return found.code }
            fail(.occupation, Rejection("不是目录中的职业（编码或名称）", "is not an occupation of the catalog (code or name)"))
            return nil
        }
        let level = required(.targetLevel).flatMap { key -> SkillLevel? in
            do throws(Rejection) { return try SkillLevel.parse(key) } catch { fail(.targetLevel, error); return nil }
        }
        func date(_ field: ListField) -> CivilDate? {
            required(field).flatMap { key -> CivilDate? in
                do throws(Rejection) { return try CivilDate.parse(key) } catch { fail(field, error); return nil }
            }
        }
        let contractStart = date(.contractStart)
        let contractYears = required(.contractYears).flatMap { key -> Int? in
            let digits = key.hasSuffix("年") ? String(key.dropLast()).trimmingCellWhitespace() : key
            if !digits.isEmpty, digits.count <= 2, digits.allSatisfy(\.isASCIIDigit), let years = Int(digits) { return years }
            fail(.contractYears, Rejection("合同年限应为整数年数，如 3", "the contract length is a whole number of years, e.g. 3"))
            return nil
        }
        let start = date(.apprenticeStart)
        let end = date(.apprenticeEnd)
        // The mentors are names: nothing hidden in them either.
        func mentor(_ field: ListField, _ chinese: String, _ english: String) -> String? {
            required(field).flatMap { value -> String? in
                do throws(Rejection) {
                    try HiddenCharacter.screen(value, chineseSubject: chinese, englishSubject: english)
                    return value
                } catch {
                    fail(field, error)
                    return nil
                }
            }
        }
        let enterpriseMentor = mentor(.enterpriseMentor, "企业导师", "enterprise mentor")
        let institutionMentor = mentor(.institutionMentor, "院校导师", "institution mentor")
        let reason = text(.extensionReason)
        let institution = text(.institution)

        guard issues.isEmpty, let enterprise, let nationalId, let name, let occupation, let level, let contractStart,
              let contractYears, let start, let end, let enterpriseMentor, let institutionMentor else {
            return ApprenticeRowCheck(candidate: nil, issues: issues)
        }
        let plan = ApprenticeshipPlan(occupationCode: occupation, targetLevel: level, contractStart: contractStart,
                                      contractYears: contractYears, start: start, end: end,
                                      extensionReason: reason.isEmpty ? nil : reason,
                                      enterpriseMentor: enterpriseMentor, institutionMentor: institutionMentor)
        return ApprenticeRowCheck(
            candidate: ApprenticeCandidate(enterprise: enterprise, nationalId: nationalId, name: name,
                                           institution: institution.isEmpty ? nil : institution, plan: plan),
            issues: [])
    }
}
