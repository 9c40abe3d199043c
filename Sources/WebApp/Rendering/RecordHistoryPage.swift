import Services
import Store

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
        /// The list import that created or enrolled the person, said in words instead of the
        /// import's counts: which file, into which class.
        let listImport: ListImport?
    }

    struct ListImport {
        let zh: String
        let en: String
        let fileName: String
        let cohortName: String
        let cohortHref: String

        init(_ touch: ListImportTouch) {
            (zh, en) = touch.createdPerson
                ? ("名单导入新建人员记录（导入 \(touch.importId)）", "created by list import \(touch.importId)")
                : ("名单导入录入培训班（导入 \(touch.importId)）", "enrolled by list import \(touch.importId)")
            fileName = touch.fileName
            cohortName = touch.cohortName
            cohortHref = "/cohorts/\(touch.cohortId)"
        }
    }

    let rows: [Row]
    let total: Int
    let shown: Int
    let isCut: Bool
    /// The audit trail filtered to the record: the bureau's only.
    let auditHref: String?

    init(_ view: RecordHistoryView) {
        rows = view.events.map {
            Row(at: BureauTime.shown($0.audit.at), actor: $0.audit.actor, role: $0.audit.role, action: $0.audit.action,
                before: $0.audit.before ?? "", after: $0.audit.after ?? "", reason: $0.audit.reason ?? "",
                listImport: $0.listImport.map(ListImport.init))
        }
        total = view.total
        shown = view.events.count
        isCut = view.isCut
        auditHref = view.auditHref
    }
}
