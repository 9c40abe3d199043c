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
            guard entity == nil, key == nil, let size = page.size else { return try fetchPage(db, request, page) }
            // The whole trail's total without counting millions of rows: its ids run from 1 with
            // no gaps, since triggers refuse every DELETE and a rolled-back insert takes its
            // AUTOINCREMENT step back with it.
            let total = try Int.fetchOne(db, cached: "SELECT coalesce(max(id), 0) FROM audit_events") ?? 0
            // The web app's audit page runs this on every view: a statement prepared once.
            let rows = try AuditEvent.fetchAll(db, cached: "SELECT * FROM audit_events ORDER BY id DESC LIMIT ? OFFSET ?",
                                               arguments: [size, page.offset])
            return Page(rows: rows, total: total, request: page)
        }
    }
}
