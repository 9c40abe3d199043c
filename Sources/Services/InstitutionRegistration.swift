import Domain
import Store

/// An institution as a person gives it: each field's text, from a form or the command line.
/// Nil is a field not given (the command line changes only the options it is given); a form
/// gives every field, "" when left empty.
public struct InstitutionEntry: Sendable, Equatable {
    public var name: String?
    /// `training`, `school`, `evaluation` or their Chinese names.
    public var kind: String?
    public var district: String?
    public var creditCode: String?
    public var contactPerson: String?
    public var contactPhone: String?
    public var address: String?
    /// An evaluation body's certificate-number parts: Y or S, 4 digits, 2 digits, 6 digits.
    public var bodyKind: String?
    public var bodyCode: String?
    public var province: String?
    public var site: String?

    public init(name: String? = nil, kind: String? = nil, district: String? = nil, creditCode: String? = nil,
                contactPerson: String? = nil, contactPhone: String? = nil, address: String? = nil,
                bodyKind: String? = nil, bodyCode: String? = nil, province: String? = nil, site: String? = nil) {
        self.name = name
        self.kind = kind
        self.district = district
        self.creditCode = creditCode
        self.contactPerson = contactPerson
        self.contactPhone = contactPhone
        self.address = address
        self.bodyKind = bodyKind
        self.bodyCode = bodyCode
        self.province = province
        self.site = site
    }
}

/// An institution as recorded, with the doubts about its credit code that did not justify
/// refusing it (an early pilot code failing its check).
public struct InstitutionRecorded: Sendable {
    public let institution: Institution
    public let warnings: [CreditCodeWarning]
}

/// Registering and changing institutions and evaluation bodies, the same for every interface:
/// each field is read by its Domain rule and every refused field is reported at once (as
/// `StoreError.invalid` or `.invalidFields`, naming the fields); then the Store checks the actor,
/// the name, the district against the catalog and uniqueness, records, and audits.
public struct InstitutionRegistration: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Registers an institution (bureau). An evaluation body needs its body kind, body code,
    /// province code and site sequence: the first 13 characters of its certificate numbers.
    public func add(_ entry: InstitutionEntry, actor: User) throws -> InstitutionRecorded {
        var problems = FieldProblems()
        let kind = problems.read(.institutionKind, entry.kind ?? "", InstitutionKind.parse)
        let creditCode = Self.given(entry.creditCode).flatMap { problems.read(.creditCode, $0, CreditCode.parse) }
        let phone = Self.given(entry.contactPhone).flatMap { problems.read(.contactPhone, $0, ContactPhone.parse) }
        var issuer: CertificateIssuer?
        if kind == .evaluation { issuer = Self.issuer(entry, problems: &problems) }
        try problems.throwIfAny()
        var new = NewInstitution(name: entry.name ?? "", kind: kind!, creditCode: creditCode,
                                 district: (entry.district ?? "").trimmingWhitespace(),
                                 contactPerson: Self.given(entry.contactPerson), contactPhone: phone,
                                 address: Self.given(entry.address))
        new.issuer = issuer
        return InstitutionRecorded(institution: try store.addInstitution(new, actor: actor), warnings: creditCode?.warnings ?? [])
    }

    /// Changes the fields `entry` gives: the bureau any of them, an institution's own users
    /// their contact details (the Store decides). "" clears a contact detail; a credit code on
    /// record can be corrected but not removed. The kind and an evaluation body's number parts
    /// are never changed: the certificates it issued carry them.
    public func update(id: Int64, _ entry: InstitutionEntry, actor: User) throws -> InstitutionRecorded {
        var problems = FieldProblems()
        var changes = InstitutionChanges(name: entry.name, district: entry.district?.trimmingWhitespace(),
                                         contactPerson: entry.contactPerson?.trimmingWhitespace(),
                                         address: entry.address?.trimmingWhitespace())
        if let typed = entry.creditCode {
            if let code = Self.given(typed) {
                changes.creditCode = problems.read(.creditCode, code, CreditCode.parse)
            } else if try store.institution(String(id), actor: actor).creditCode != nil {
                problems.add(.creditCode, typed, Rejection("已登记的统一社会信用代码不能清空，只能改为正确的代码",
                                                           "a credit code on record cannot be removed, only corrected"))
            }
        }
        if let typed = entry.contactPhone {
            // "" clears the number; anything else must be one.
            changes.contactPhone = Self.given(typed) == nil ? "" : problems.read(.contactPhone, typed, ContactPhone.parse)
        }
        try problems.throwIfAny()
        return InstitutionRecorded(institution: try store.updateInstitution(id: id, changes, actor: actor),
                                   warnings: changes.creditCode?.warnings ?? [])
    }

    /// The evaluation body's number parts, each of them required.
    private static func issuer(_ entry: InstitutionEntry, problems: inout FieldProblems) -> CertificateIssuer? {
        let parts: [(Field, String?)] = [(.bodyKind, entry.bodyKind), (.bodyCode, entry.bodyCode),
                                         (.provinceCode, entry.province), (.siteSequence, entry.site)]
        var missing = false
        for (field, text) in parts where given(text) == nil {
            missing = true
            problems.add(field, text ?? "", Rejection("评价机构必须填写（证书编号的组成部分）",
                                                      "an evaluation body needs it (a part of its certificate numbers)"))
        }
        guard !missing else { return nil }
        do {
            return try CertificateIssuer.parse(bodyKind: entry.bodyKind!, bodyCode: entry.bodyCode!,
                                               provinceCode: entry.province!, siteSequence: entry.site!)
        } catch {
            problems.append(error)
            return nil
        }
    }

    /// The text of a field that was filled in; nil for one not given or left blank.
    private static func given(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}

/// The refused fields of one entry, gathered so that all are reported together.
struct FieldProblems {
    private(set) var all: [FieldProblem] = []

    /// `parse(text)`, or nil with the refusal noted against `field`.
    mutating func read<T>(_ field: Field, _ text: String, _ parse: (String) throws(Rejection) -> T) -> T? {
        do {
            return try parse(text)
        } catch {
            add(field, text, error)
            return nil
        }
    }

    mutating func add(_ field: Field, _ value: String, _ rule: Rejection) {
        all.append(FieldProblem(field: field, value: value, rule: rule))
    }

    mutating func append(_ problem: FieldProblem) { all.append(problem) }

    func throwIfAny() throws(StoreError) {
        if all.count == 1 { throw StoreError.invalid(all[0]) }
        if all.count > 1 { throw StoreError.invalidFields(all) }
    }
}
