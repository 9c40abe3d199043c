import GRDB
import Domain

/// A desk a page opens before it has anything to list with (a period, a filter), which some
/// users may not open at all. The lists behind it refuse those users the same way.
public enum Desk: Sendable {
    /// The audit trail: the bureau's only.
    case auditTrail
    /// The apprentice subsidy claims of a period: the bureau's and the institutions', not
    /// examiners'.
    case apprenticeClaims
}

extension Store {
    /// Refuses `actor` a desk they may not open, with the refusal its lists give: a page asks
    /// this before it has a period or a filter, instead of reading something else to be refused.
    public func requireDesk(_ desk: Desk, actor: User) throws(StoreError) {
        try read { db in try requireOpen(desk, try currentActor(db, actor)) }
    }

    /// The desk's rule, inside the caller's transaction (`actor` as `currentActor` read it).
    func requireOpen(_ desk: Desk, _ actor: User) throws {
        switch desk {
        case .auditTrail:
            try requireBureau(actor, to: "audit list")
        case .apprenticeClaims:
            guard actor.role != .examiner else {
                throw StoreError.notPermitted(action: "apprentice claims", reasonZh: "考评员不查看学徒补贴",
                                              reasonEn: "examiners do not see apprentice subsidies")
            }
        }
    }
}
