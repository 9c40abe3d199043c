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

extension Store {
    /// Events on a record that read it rather than change it: a disclosure of whole IDs, a
    /// public verification.
    static let eventsThatChangeNothing = ["person.disclose", "cert.verify.public"]

    /// The events that changed `record`, newest first, at most `limit` of them (the total says
    /// how many there are). Whoever may see the record may see its history; a record out of
    /// the actor's scope is not found, like a missing one. Reads `audit_events_entity`
    /// (entity, key, time) backwards: the page stops at its last row.
    public func recordHistory(of record: HistoryRecord, actor: User, limit: Int = 50) throws(StoreError) -> Page<AuditEvent> {
        try read { db in
            let actor = try currentActor(db, actor)
            guard try isVisible(db, record, actor: actor) else {
                throw StoreError.notFound(kind: record.kind, key: record.key)
            }
            let request = AuditEvent
                .filter(Column("entity") == record.entity && Column("entity_key") == record.key)
                .filter(!Store.eventsThatChangeNothing.contains(Column("action")))
                .order(Column("at").desc, Column("id").desc)
            return try fetchPage(db, request, PageRequest(size: limit))
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
