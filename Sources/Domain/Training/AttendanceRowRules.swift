/// One row of an attendance list that passed the field rules.
public struct AttendanceEntry: Hashable, Sendable {
    public var nationalId: NationalID
    public var hours: Hours

    public init(nationalId: NationalID, hours: Hours) {
        self.nationalId = nationalId
        self.hours = hours
    }

    /// The hours in tenths, as the Store keeps them.
    public var hoursTenths: Int { hours.tenths }
}

/// What the field rules made of one attendance row.
public struct AttendanceRowCheck: Hashable, Sendable {
    /// Nil whenever `issues` is not empty.
    public let entry: AttendanceEntry?
    /// National ID first, then hours.
    public let issues: [ListFieldIssue]

    public init(entry: AttendanceEntry?, issues: [ListFieldIssue]) {
        self.entry = issues.isEmpty ? entry : nil
        self.issues = issues
    }

    public var isValid: Bool { entry != nil }
}

/// The field rules for a row of an attendance list (national ID and hours attended). Whether the
/// person is in the cohort is the Store's to check.
public enum AttendanceRowRules {
    public static func check(_ fields: [ListField: CellText], today: CivilDate) -> AttendanceRowCheck {
        var issues: [ListFieldIssue] = []
        let nationalId = ListFieldRules.nationalID(fields[.nationalId], today: today, issues: &issues)
        var hours: Hours?
        let given = fields[.hours]?.text ?? ""
        do {
            hours = try Hours.parse(given)
        } catch {
            issues.append(ListFieldIssue(field: .hours, value: given, rule: error))
        }
        guard let nationalId, let hours else { return AttendanceRowCheck(entry: nil, issues: issues) }
        return AttendanceRowCheck(entry: AttendanceEntry(nationalId: nationalId, hours: hours), issues: [])
    }
}
