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
        /// A list import that created, enrolled or apprenticed the person, said in words instead
        /// of the import's counts: which file (or what was loaded), into which class or
        /// apprenticeship.
        let listImport: ListImport?
    }

    struct ListImport {
        struct Link {
            let zh: String
            let en: String
            let text: String
            let href: String
        }

        let zh: String
        let en: String
        /// `文件 file list.csv`, `来源 source 往年培训与鉴定记录`.
        let sourceZh: String
        let sourceEn: String
        let source: String
        let link: Link?

        init(_ touch: ImportTouch) {
            switch touch {
            case .traineeList(let list):
                (zh, en) = list.createdPerson
                    ? ("名单导入新建人员记录（导入 \(list.importId)）", "created by list import \(list.importId)")
                    : ("名单导入录入培训班（导入 \(list.importId)）", "enrolled by list import \(list.importId)")
                (sourceZh, sourceEn, source) = ("文件", "file", list.fileName)
                link = Link(zh: "培训班", en: "cohort", text: list.cohortName, href: "/cohorts/\(list.cohortId)")
            case .personList(let load):
                (zh, en) = ("批量登记新建人员记录", "created by the bureau's bulk registration")
                (sourceZh, sourceEn, source) = ("来源", "source", load.source)
                link = nil
            case .apprenticeList(let list):
                (zh, en) = ("学徒名单导入登记学徒培养", "apprenticeship registered by an apprentice list")
                (sourceZh, sourceEn, source) = ("文件", "file", list.fileName)
                link = Link(zh: "学徒培养", en: "apprenticeship", text: list.enterpriseName, href: "/apprenticeships/\(list.apprenticeshipId)")
            }
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
