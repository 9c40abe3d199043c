import Domain
import Store

/// The history of one record (a person, an exam registration, a certificate) as its page shows
/// it: the audit events that changed it, newest first, masked exactly like the audit trail.
public struct RecordHistories: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// The latest `limit` events that changed `record`. The Store decides who may see it: the
    /// same people who may see the record; out of scope is not found.
    public func history(of record: HistoryRecord, actor: User, limit: Int = 50) throws -> RecordHistoryView {
        let events = try store.recordHistory(of: record, actor: actor, limit: limit)
        return RecordHistoryView(
            events: events.rows.map { RecordHistoryEntry(audit: AuditView($0.event), listImport: $0.listImport) }, total: events.total,
            auditHref: actor.role == .bureau ? "/audit?entity=\(record.entity)&key=\(record.key)" : nil)
    }
}

/// A record's latest changes.
public struct RecordHistoryView: Sendable, Equatable {
    /// Newest first, personal data masked.
    public let events: [RecordHistoryEntry]
    /// Every event that changed the record, shown or not.
    public let total: Int
    /// The audit trail filtered to this record, for the bureau (the only role that may read
    /// the trail); nil for everyone else.
    public let auditHref: String?

    /// True when older events were left out.
    public var isCut: Bool { total > events.count }
}

/// One change in a record's history: the audit event, masked, and for a list import (trainees,
/// the bureau's bulk registration of persons, apprentices), what that import did to the person.
public struct RecordHistoryEntry: Sendable, Equatable {
    public let audit: AuditView
    public let listImport: ImportTouch?
}
