import Services

/// What `record-history.mustache` shows of a record's history: its latest changes, times in
/// China time, IDs and phones masked by `RecordHistories`. A page puts one in a `history`
/// field and writes `{{#history}}{{> record-history}}{{/history}}`.
struct RecordHistoryPage {
    struct Row {
        let at: String
        let actor: String
        let role: String
        let action: String
        let before: String
        let after: String
        let reason: String
    }

    let rows: [Row]
    let total: Int
    let shown: Int
    let isCut: Bool
    /// The audit trail filtered to the record: the bureau's only.
    let auditHref: String?

    init(_ view: RecordHistoryView) {
        rows = view.events.map {
            Row(at: BureauTime.shown($0.at), actor: $0.actor, role: $0.role, action: $0.action,
                before: $0.before ?? "", after: $0.after ?? "", reason: $0.reason ?? "")
        }
        total = view.total
        shown = view.events.count
        isCut = view.isCut
        auditHref = view.auditHref
    }
}
