import GRDB
import Domain

/// One data row of an apprentice list, as Intake read it: its row number and its cells by field.
public struct ApprenticeListRow: Sendable, Equatable {
    public let number: Int
    public let fields: [ListField: CellText]

    public init(number: Int, fields: [ListField: CellText]) {
        self.number = number
        self.fields = fields
    }
}

/// A refused row of an apprentice list and every reason.
public struct ApprenticeRowRefusal: Sendable, Equatable {
    public let row: Int
    public let issues: [ImportRowIssue]
}

/// The answer to an apprentice list import: every row registered, or none and every refusal.
public struct ApprenticeImportSummary: Sendable, Equatable {
    public let rowsRead: Int
    /// Empty when any row was refused.
    public let registered: [Apprenticeship]
    public let refused: [ApprenticeRowRefusal]
    /// Checked only: every row went through every check and nothing was written.
    public var preview = false

    public var committed: Bool { refused.isEmpty && !preview }
}

extension Store {
    /// Registers (登记) the apprenticeships of a list in one transaction, all or none.
    ///
    /// Every row goes through the field rules (`ApprenticeRowRules`) and then the same checks as
    /// `registerApprenticeship` (enterprise and person on file, a training party that trains, the
    /// name on file, the plan's rules, no apprenticeship under way), plus the list's own: the same person twice in the file, and
    /// the institution's scope. The institution is the row's 培训机构 cell, else `institution`
    /// (id or name), else the acting institution user's own; naming another institution than
    /// their own is refused to an institution user, for the whole file when given as `institution`
    /// and for the row when given in a cell. If any row is refused nothing is written, and every
    /// refused row comes back with all its issues. A `preview` checks every row the same way and
    /// writes nothing (no apprenticeship, no audit event), whatever it finds.
    public func importApprenticeships(_ rows: [ApprenticeListRow], fileName: String, institution: String? = nil,
                                      preview: Bool = false, actor: User) throws(StoreError) -> ApprenticeImportSummary {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireRegistrar(actor, to: "apprentice import")
            var defaultInstitution = actor.role == .bureau ? nil : actor.institutionId
            if let institution {
                guard let found = try Store.findInstitution(db, key: institution) else {
                    throw StoreError.notFound(kind: "机构", key: institution)
                }
                try requireVisible(actor, institutionId: found, orNotFound: "机构", key: institution)
                if let refusal = try trainingPartyRefusal(db, institutionId: found), let error = RegistrationRefusal.storeError([refusal]) {
                    throw error
                }
                defaultInstitution = found
            }
            let catalog = try Catalog.fetch(db)
            let rules = ApprenticeRowRules(catalog: catalog)
            var accepted: [(plan: ApprenticeshipPlan, enterpriseId: Int64, institutionId: Int64, personId: Int64)] = []
            var refused: [ApprenticeRowRefusal] = []
            var firstRowOf: [String: Int] = [:]
            for row in rows {
                let check = rules.check(row.fields, today: clock.today)
                guard let candidate = check.candidate else {
                    refused.append(ApprenticeRowRefusal(row: row.number, issues: check.issues.map(ImportRowIssue.init)))
                    continue
                }
                var issues: [ImportRowIssue] = []
                let institutionId = try rowInstitution(db, candidate.institution, default: defaultInstitution, actor: actor, issues: &issues)
                let id = candidate.nationalId.value
                if let first = firstRowOf[id] {
                    issues.append(ImportRowIssue(field: .nationalId, value: id, rule: Rejection(
                        "与本文件第 \(first) 行是同一人：一人同时只能有一项学徒培养", "the same person as row \(first) of this file: one apprenticeship at a time")))
                } else {
                    firstRowOf[id] = row.number
                }
                let checked = try checkRegistration(db, candidate.plan, enterprise: candidate.enterprise, institutionId: institutionId,
                                                    nationalId: id, name: candidate.name, catalog: catalog)
                issues += checked.refusals.map(\.rowIssue)
                if issues.isEmpty, let institutionId, let enterprise = checked.enterprise, let person = checked.person {
                    accepted.append((candidate.plan, enterprise.id!, institutionId, person.id!))
                } else {
                    refused.append(ApprenticeRowRefusal(row: row.number, issues: issues))
                }
            }
            guard refused.isEmpty && !preview else {
                return ApprenticeImportSummary(rowsRead: rows.count, registered: [], refused: refused, preview: preview)
            }
            let registered = try accepted.map { item in
                try insertApprenticeship(db, item.plan, enterpriseId: item.enterpriseId, institutionId: item.institutionId,
                                         personId: item.personId, actor: actor)
            }
            // The first and last id registered (every id between them is one of the list's: nobody
            // else writes meanwhile), by which each apprentice's history finds the list.
            // Numbers, as the person import's range is, so that the history compares them as numbers.
            let after = ApprenticeImportEvent(file: fileName, rows: rows.count, registered: registered.count,
                                              firstApprenticeshipId: registered.first?.id, lastApprenticeshipId: registered.last?.id)
            try audit(db, actor: actor, action: "apprentice.import", entity: "apprenticeships", key: fileName, after: after)
            return ApprenticeImportSummary(rowsRead: rows.count, registered: registered, refused: [])
        }
    }

    /// Refuses, before a list is read, a user who may not import apprentices (an examiner).
    public func requireApprenticeImporter(actor: User) throws(StoreError) {
        try read { db in try requireRegistrar(try currentActor(db, actor), to: "apprentice import") }
    }

    /// The institution a row registers for, or nil after adding the issue that refuses it.
    private func rowInstitution(_ db: Database, _ named: String?, default fallback: Int64?, actor: User,
                                issues: inout [ImportRowIssue]) throws -> Int64? {
        guard let named else {
            if fallback == nil {
                issues.append(ImportRowIssue(field: .institution, value: "", rule: Rejection(
                    "须填写培训机构，或导入时为整个文件指明培训机构", "name the training institution in the row, or one for the whole file when importing")))
            }
            return fallback
        }
        // Another institution is, to an institution user, one that does not exist.
        guard let found = try Store.findInstitution(db, key: named), actor.role == .bureau || actor.institutionId == found else {
            issues.append(ImportRowIssue(field: .institution, value: named, rule: Rejection("没有此机构", "no such institution")))
            return nil
        }
        return found
    }

    /// An institution's id from its id or exact name.
    static func findInstitution(_ db: Database, key: String) throws -> Int64? {
        let key = key.trimmingWhitespace()
        if let id = Int64(key), try Institution.fetchOne(db, key: id) != nil { return id }
        return try Int64.fetchOne(db, sql: "SELECT id FROM institutions WHERE name = ?", arguments: [key])
    }
}

/// What an apprentice list's audit event records (keys in snake case: `first_apprenticeship_id` …);
/// the id range is absent when nothing was registered.
private struct ApprenticeImportEvent: Encodable {
    let file: String
    let rows: Int
    let registered: Int
    let firstApprenticeshipId: Int64?
    let lastApprenticeshipId: Int64?
}
