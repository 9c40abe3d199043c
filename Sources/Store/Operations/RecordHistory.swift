import GRDB
import Domain

/// A record a page shows with its history: the audit events that changed it.
public enum HistoryRecord: Sendable, Equatable {
    case person(Int64)
    case registration(Int64)
    case certificate(Int64)

    /// The table the trail names the record by. Every change to a registration (registering,
    /// each mark entered, settling, amending, re-checks) is keyed by the registration, every
    /// change to a certificate (issue, print, revoke, reissue) by the certificate.
    public var entity: String {
        switch self {
        case .person: "persons"
        case .registration: "exam_registrations"
        case .certificate: "certificates"
        }
    }

    public var key: String {
        switch self {
        case .person(let id), .registration(let id), .certificate(let id): String(id)
        }
    }

    var kind: String {
        switch self {
        case .person: "人员"
        case .registration: "报名"
        case .certificate: "证书"
        }
    }
}

/// One event in a record's history.
public struct RecordHistoryEvent: Sendable, Equatable {
    public let event: AuditEvent
    /// Set when the event is a list import that did something to the person: what it did.
    public let listImport: ImportTouch?
}

/// What a list import did to one person. The trail records a whole list as one event (a
/// 100,000-row list writes no event per row), so her history finds the event through what the
/// import wrote about her.
public enum ImportTouch: Sendable, Equatable {
    /// A trainee list created her record or enrolled her in a class.
    case traineeList(ListImportTouch)
    /// The bureau's bulk registration of persons (`importPersons`) created her record.
    case personList(PersonListTouch)
    /// An apprentice list registered her apprenticeship.
    case apprenticeList(ApprenticeListTouch)
}

/// What a trainee list import did to one person: her enrolment names the import, and the
/// import's event, keyed by its class, names its file and counts.
public struct ListImportTouch: Sendable, Equatable {
    public let importId: Int64
    public let fileName: String
    public let cohortId: Int64
    public let cohortName: String
    /// True when the import created the person's record; false when she was on record already
    /// and the import enrolled her in the class.
    public let createdPerson: Bool
}

/// The bureau's bulk registration that created a person's record: its event holds the range of
/// ids it registered.
public struct PersonListTouch: Sendable, Equatable {
    /// What was loaded (`往年培训与鉴定记录 earlier years' records`).
    public let source: String
}

/// The apprentice list that registered a person's apprenticeship: its event holds the range of
/// apprenticeship ids it registered.
public struct ApprenticeListTouch: Sendable, Equatable {
    public let fileName: String
    public let apprenticeshipId: Int64
    public let enterpriseName: String
}

extension Store {
    /// Events on a record that read it rather than change it: a disclosure of whole IDs, a
    /// public verification.
    static let eventsThatChangeNothing = ["person.disclose", "cert.verify.public"]

    /// The events that changed `record`, newest first, at most `limit` of them (the total says
    /// how many there are). Whoever may see the record may see its history; a record out of
    /// the actor's scope is not found, like a missing one. Reads `audit_events_entity`
    /// (entity, key, time) backwards: the page stops at its last row. A person's history also
    /// holds the list imports that created, enrolled or apprenticed her (`ImportTouch`).
    public func recordHistory(of record: HistoryRecord, actor: User, limit: Int = 50) throws(StoreError) -> Page<RecordHistoryEvent> {
        try read { db in
            let actor = try currentActor(db, actor)
            guard try isVisible(db, record, actor: actor) else {
                throw StoreError.notFound(kind: record.kind, key: record.key)
            }
            let request = AuditEvent
                .filter(Column("entity") == record.entity && Column("entity_key") == record.key)
                .filter(!Store.eventsThatChangeNothing.contains(Column("action")))
                .order(Column("at").desc, Column("id").desc)
            let page = PageRequest(size: limit)
            let own = try fetchPage(db, request, page)
            let events = own.rows.map { RecordHistoryEvent(event: $0, listImport: nil) }
            guard case .person(let personId) = record else { return Page(rows: events, total: own.total, request: page) }
            let imports = try traineeListImports(db, personId: personId, actor: actor)
                + personListImports(db, personId: personId)
                + apprenticeListImports(db, personId: personId, actor: actor)
            // Audit ids grow with time: the id breaks ties of the same second.
            let merged = (events + imports).sorted { ($0.event.at, $0.event.id ?? 0) > ($1.event.at, $1.event.id ?? 0) }
            return Page(rows: Array(merged.prefix(limit)), total: own.total + imports.count, request: page)
        }
    }

    /// The import events of the trainee lists that enrolled the person (one per class at most),
    /// those of her institution's classes for an institution user: another school's list is not
    /// hers to see. Whether the import created her record: its new persons got the highest ids
    /// among those it enrolled (ids only grow, and nobody else writes during the import), so she
    /// is one of them when fewer than its `new_persons` have a higher id.
    private func traineeListImports(_ db: Database, personId: Int64, actor: User) throws -> [RecordHistoryEvent] {
        var arguments: StatementArguments = [personId]
        if actor.role != .bureau { arguments += [actor.institutionId] }
        let ownClasses = actor.role == .bureau ? "" : "AND c.institution_id = ?"
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.*, t.id AS touch_import_id, t.file_name AS touch_file_name, c.id AS touch_cohort_id, c.name AS touch_cohort_name,
                   (SELECT count(*) FROM enrolments later
                    WHERE later.cohort_id = e.cohort_id AND later.person_id > e.person_id AND later.import_id = t.id)
                     < coalesce(json_extract(a.after, '$.new_persons'), 0) AS touch_created
            FROM enrolments e
            JOIN trainee_imports t ON t.id = e.import_id
            JOIN cohorts c ON c.id = t.cohort_id
            JOIN audit_events a ON a.entity = 'cohorts' AND a.entity_key = CAST(t.cohort_id AS TEXT) AND a.action = 'cohort.import'
                               AND json_extract(a.after, '$.import_id') = t.id
            WHERE e.person_id = ? \(ownClasses)
            """, arguments: arguments)
        return try rows.map { row in
            RecordHistoryEvent(event: try AuditEvent(row: row), listImport: .traineeList(ListImportTouch(
                importId: row["touch_import_id"], fileName: row["touch_file_name"], cohortId: row["touch_cohort_id"],
                cohortName: row["touch_cohort_name"], createdPerson: row["touch_created"])))
        }
    }

    /// The bureau's bulk registration that created the person's record, found by the range of
    /// ids its event holds (`PersonImportSummary.firstPersonId`). Whoever sees her sees how her
    /// record came to be, as with a `person.create`. Reads the few `person.import` events through
    /// `audit_events_action`.
    private func personListImports(_ db: Database, personId: Int64) throws -> [RecordHistoryEvent] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.*, json_extract(a.after, '$.source') AS touch_source FROM audit_events a
            WHERE a.action = 'person.import'
              AND ? BETWEEN json_extract(a.after, '$.first_person_id') AND json_extract(a.after, '$.last_person_id')
            """, arguments: [personId])
        return try rows.map { row in
            RecordHistoryEvent(event: try AuditEvent(row: row), listImport: .personList(PersonListTouch(source: row["touch_source"] ?? "")))
        }
    }

    /// The apprentice lists that registered the person's apprenticeships, found by the range of
    /// apprenticeship ids each list's event holds; those of her institution's apprenticeships
    /// only for an institution user, as with trainee lists.
    private func apprenticeListImports(_ db: Database, personId: Int64, actor: User) throws -> [RecordHistoryEvent] {
        var arguments: StatementArguments = [personId]
        if actor.role != .bureau { arguments += [actor.institutionId] }
        let ownApprenticeships = actor.role == .bureau ? "" : "AND x.institution_id = ?"
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.*, x.id AS touch_apprenticeship_id, n.name AS touch_enterprise_name,
                   json_extract(a.after, '$.file') AS touch_file_name
            FROM apprenticeships x
            JOIN enterprises n ON n.id = x.enterprise_id
            JOIN audit_events a ON a.action = 'apprentice.import'
                 AND x.id BETWEEN json_extract(a.after, '$.first_apprenticeship_id') AND json_extract(a.after, '$.last_apprenticeship_id')
            WHERE x.person_id = ? \(ownApprenticeships)
            """, arguments: arguments)
        return try rows.map { row in
            RecordHistoryEvent(event: try AuditEvent(row: row), listImport: .apprenticeList(ApprenticeListTouch(
                fileName: row["touch_file_name"], apprenticeshipId: row["touch_apprenticeship_id"],
                enterpriseName: row["touch_enterprise_name"])))
        }
    }

    /// Whether the record exists and `actor` may see it: the bureau every record; an
    /// institution its people (registered or trained), the registrations it made and the
    /// certificates of those it trained; an examiner none of these pages.
    func isVisible(_ db: Database, _ record: HistoryRecord, actor: User) throws -> Bool {
        let institution = actor.institutionId
        switch (record, actor.role) {
        case (_, .examiner): return false
        case (.person(let id), .bureau):
            return try Int.fetchOne(db, sql: "SELECT 1 FROM persons WHERE id = ?", arguments: [id]) != nil
        case (.person(let id), .institution):
            return try Int.fetchOne(db, sql: "SELECT 1 WHERE ? IN (\(Store.personIdsOfInstitution(.forMembership)))",
                                    arguments: [id, institution, institution]) != nil
        case (.registration(let id), .bureau):
            return try Int.fetchOne(db, sql: "SELECT 1 FROM exam_registrations WHERE id = ?", arguments: [id]) != nil
        case (.registration(let id), .institution):
            return try Int.fetchOne(db, sql: "SELECT 1 FROM exam_registrations WHERE id = ? AND institution_id = ?",
                                    arguments: [id, institution]) != nil
        case (.certificate(let id), .bureau):
            return try Int.fetchOne(db, sql: "SELECT 1 FROM certificates WHERE id = ?", arguments: [id]) != nil
        case (.certificate(let id), .institution):
            return try Int.fetchOne(db, sql: "SELECT 1 FROM certificates WHERE id = ? AND training_institution_id = ?",
                                    arguments: [id, institution]) != nil
        }
    }
}
