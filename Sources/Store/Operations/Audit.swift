import GRDB
import Domain

extension Store {
    /// The audit trail, newest first. Bureau only: it holds every record's history.
    public func auditEvents(actor: User, entity: String? = nil, key: String? = nil,
                            page: PageRequest = PageRequest(size: 100)) throws(StoreError) -> Page<AuditEvent> {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "audit list")
            var request = AuditEvent.order(Column("id").desc)
            if let entity { request = request.filter(Column("entity") == entity) }
            if let key { request = request.filter(Column("entity_key") == key) }
            guard entity == nil, key == nil, page.size != nil else { return try fetchPage(db, request, page) }
            // The whole trail's total without counting millions of rows: its ids run from 1 with
            // no gaps, since triggers refuse every DELETE and a rolled-back insert takes its
            // AUTOINCREMENT step back with it.
            let total = try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM audit_events") ?? 0
            return Page(rows: try page.apply(to: request).fetchAll(db), total: total, request: page)
        }
    }
}
