import Foundation
import GRDB
import Domain

/// Which audit events to list: any combination of who acted, what they did, on which record and
/// on which days. Nil (or blank) fields do not filter.
public struct AuditFilter: Sendable, Equatable {
    /// The acting user's login, exactly.
    public var actorLogin: String?
    /// The action, exactly: `person.update`, `user.signin.fail` …
    public var action: String?
    /// The table of the record concerned (`persons`, `institutions` …).
    public var entity: String?
    /// The record's key within `entity` (on its own it matches that key in any table).
    public var key: String?
    /// The first and last day, both included, counted in the bureau's time zone as every
    /// date of SkillCert is; either may be left open.
    public var from: CivilDate?
    public var through: CivilDate?

    public init(actorLogin: String? = nil, action: String? = nil, entity: String? = nil, key: String? = nil,
                from: CivilDate? = nil, through: CivilDate? = nil) {
        self.actorLogin = actorLogin
        self.action = action
        self.entity = entity
        self.key = key
        self.from = from
        self.through = through
    }

    /// True when nothing narrows the trail.
    public var isEmpty: Bool { self == AuditFilter().normalised }

    /// Blank texts taken as absent, the others trimmed.
    var normalised: AuditFilter {
        func text(_ value: String?) -> String? {
            guard let trimmed = value?.trimmingWhitespace(), !trimmed.isEmpty else { return nil }
            return trimmed
        }
        return AuditFilter(actorLogin: text(actorLogin), action: text(action), entity: text(entity), key: text(key),
                           from: from, through: through)
    }
}

extension Store {
    /// The audit trail, newest first. Bureau only: it holds every record's history.
    public func auditEvents(actor: User, entity: String? = nil, key: String? = nil,
                            page: PageRequest = PageRequest(size: 100)) throws(StoreError) -> Page<AuditEvent> {
        try auditEvents(actor: actor, filter: AuditFilter(entity: entity, key: key), page: page)
    }

    /// The events `filter` selects, newest first (by time, then by the order they were written).
    ///
    /// A city's trail holds millions of events, so every filter reads one index in the order
    /// of the listing (`audit_events_at`, `_actor`, `_action`, `_entity`, each ending in the
    /// time): a page reads its fifty rows and stops. The unfiltered total is the last id, not a
    /// count (see below); a filtered total counts the matches in the same index.
    public func auditEvents(actor: User, filter: AuditFilter, page: PageRequest = PageRequest(size: 100)) throws(StoreError) -> Page<AuditEvent> {
        try read { db in
            let actor = try currentActor(db, actor)
            try requireOpen(.auditTrail, actor)
            let filter = try checked(filter)
            let request = try auditRequest(filter)
            guard filter.isEmpty, page.size != nil else { return try fetchPage(db, request, page) }
            // The whole trail's total without counting millions of rows: its ids run from 1 with
            // no gaps, since triggers refuse every DELETE and a rolled-back insert takes its
            // AUTOINCREMENT step back with it.
            let total = try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM audit_events") ?? 0
            return Page(rows: try page.apply(to: request).fetchAll(db), total: total, request: page)
        }
    }

    /// The same events as `auditEvents(actor:filter:page:)`, every one of them, handed to `body`
    /// one at a time in the listing's order inside one read transaction: a workbook of the whole
    /// trail never holds it in memory. An error `body` throws stops the read and is rethrown.
    public func eachAuditEvent(actor: User, filter: AuditFilter, _ body: (AuditEvent) throws -> Void) throws {
        var stoppedBy: (any Error)?
        do {
            try read { db in
                let actor = try currentActor(db, actor)
                try requireOpen(.auditTrail, actor)
                let request = try auditRequest(try checked(filter))
                // Each page of the trail is read about once: SQLite's default cache is enough.
                try db.execute(sql: "PRAGMA cache_size = -2000")
                defer { try? db.execute(sql: "PRAGMA cache_size = \(Store.pageCacheSize)") }
                // Read by column position: decoding a million events through Codable costs more
                // than writing them into a workbook.
                let rows = try Row.fetchCursor(db, request.select(Self.auditColumns).asRequest(of: Row.self))
                while let row = try rows.next() {
                    let event = AuditEvent(id: row[0], at: row[1], actorLogin: row[2], actorRole: row[3], action: row[4],
                                           entity: row[5], entityKey: row[6], before: row[7], after: row[8], reason: row[9])
                    do { try body(event) } catch {
                        stoppedBy = error
                        throw CancellationError()
                    }
                }
            }
        } catch {
            throw stoppedBy ?? error
        }
    }

    private static let auditColumns = ["id", "at", "actor_login", "actor_role", "action", "entity", "entity_key", "before", "after", "reason"]
        .map { Column($0) }

    /// The actions and the tables the trail holds, each in order, for a filter's choices. Each
    /// value is found by one step through its index, never by reading the trail.
    public func auditChoices(actor: User) throws(StoreError) -> (actions: [String], entities: [String]) {
        try read { db in
            try requireOpen(.auditTrail, try currentActor(db, actor))
            // Prepared once per connection: parsing the recursive query was half of this read.
            func distinct(_ column: String) throws -> [String] {
                try String.fetchAll(db.cachedStatement(sql: """
                    WITH RECURSIVE value(v) AS (
                        SELECT min(\(column)) FROM audit_events
                        UNION ALL
                        SELECT (SELECT min(\(column)) FROM audit_events WHERE \(column) > v) FROM value WHERE v IS NOT NULL
                    )
                    SELECT v FROM value WHERE v IS NOT NULL
                    """))
            }
            return (try distinct("action"), try distinct("entity"))
        }
    }

    /// The filter with blanks removed, its days in order.
    func checked(_ filter: AuditFilter) throws -> AuditFilter {
        let filter = filter.normalised
        if let from = filter.from, let through = filter.through, through < from {
            throw StoreError.invalid(FieldProblem(field: .endDate, value: through.description, rule: Rejection(
                "结束日期早于开始日期 \(from)", "the end date is before the start date, \(from)")))
        }
        return filter
    }

    func auditRequest(_ filter: AuditFilter) throws -> QueryInterfaceRequest<AuditEvent> {
        var request = AuditEvent.order(Column("at").desc, Column("id").desc)
        if let login = filter.actorLogin { request = request.filter(Column("actor_login") == login) }
        if let action = filter.action { request = request.filter(Column("action") == action) }
        if let entity = filter.entity { request = request.filter(Column("entity") == entity) }
        if let key = filter.key { request = request.filter(Column("entity_key") == key) }
        // Events carry UTC timestamps; a day is the bureau's, so it starts at 16:00 UTC the day before.
        if let from = filter.from { request = request.filter(Column("at") >= startTimestamp(of: from)) }
        if let through = filter.through { request = request.filter(Column("at") < startTimestamp(of: through.adding(days: 1))) }
        return request
    }

    /// The stored timestamp of midnight at the start of `day` in the bureau's time zone.
    private func startTimestamp(of day: CivilDate) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = clock.timeZone
        let midnight = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        return Clock.timestamp(of: midnight)
    }
}
