import Domain
import Store

/// What a listing, show or workbook may reveal of national IDs and phone numbers: masked, the
/// default everywhere, or whole for a reason the user gives. A whole disclosure is an audit event
/// that keeps the reason, since that reason is what the bureau checks later.
public enum Disclosure: Sendable, Equatable {
    case masked
    case whole(reason: String)

    /// The disclosure with its reason checked: whole values without a reason are refused before
    /// anything is read, so that nothing is shown, written or recorded.
    func checked() throws(DisclosureError) -> CheckedDisclosure {
        switch self {
        case .masked:
            return CheckedDisclosure(reason: nil)
        case .whole(let reason):
            let trimmed = reason.trimmingWhitespace()
            guard !trimmed.isEmpty else { throw .reasonMissing(value: reason) }
            return CheckedDisclosure(reason: trimmed)
        }
    }
}

/// Why a disclosure was refused.
public enum DisclosureError: BilingualError, Equatable {
    /// Whole values were asked for with a blank reason.
    case reasonMissing(value: String)

    /// The input at fault, for an interface to name in its own words (a flag, a form label).
    public var field: Field {
        switch self {
        case .reasonMissing: .reason
        }
    }

    private var problem: FieldProblem {
        switch self {
        case .reasonMissing(let value):
            FieldProblem(field: field, value: value, rule: Rejection(
                "显示完整的身份证号和手机号须说明理由（记入审计日志）",
                "whole national IDs and phone numbers are shown only with a reason (kept in the audit trail)"))
        }
    }

    public var chinese: String { problem.chinese }
    public var english: String { problem.english }
}

/// A disclosure whose reason has been checked.
struct CheckedDisclosure {
    /// Trimmed; nil when masked.
    let reason: String?

    var unmasked: Bool { reason != nil }

    /// Records in the audit trail that `personIds` are shown whole, with the reason; nothing when
    /// masked or when nobody is shown.
    func record(_ personIds: [Int64], in store: Store, actor: User) throws(StoreError) {
        guard let reason, !personIds.isEmpty else { return }
        try store.recordDisclosure(of: personIds, purpose: reason, actor: actor)
    }
}
