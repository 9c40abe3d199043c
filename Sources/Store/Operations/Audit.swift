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
            return try fetchPage(db, request, page)
        }
    }
}
