import GRDB
import Domain

/// One row added, changed or removed by a catalog sync.
public struct CatalogChange: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case added, changed, removed }
    public let table: String
    public let key: String
    public let kind: Kind
    public let before: [String: String]?
    public let after: [String: String]?
}

/// What a sync did; empty when the catalog in the database was already the same.
public struct CatalogSyncReport: Sendable, Equatable {
    public let changes: [CatalogChange]
    public var isEmpty: Bool { changes.isEmpty }

    public func count(_ kind: CatalogChange.Kind) -> Int { changes.filter { $0.kind == kind }.count }
}

extension Store {
    /// Replaces the database's copy of the catalog with `catalog` (already checked by
    /// `CatalogBuilder`). Bureau only. A value still used by records cannot be removed: the
    /// whole sync is then refused and nothing changes.
    public func syncCatalog(_ catalog: Catalog, actor: User) throws(StoreError) -> CatalogSyncReport {
        try write { db in
            let actor = try currentActor(db, actor)
            try requireBureau(actor, to: "catalog sync")
            return try applyCatalog(db, catalog, actor: actor, action: "catalog.sync")
        }
    }

    /// The catalog as the database holds it (read again only after a sync, see `CatalogCache`).
    public func catalog() throws(StoreError) -> Catalog {
        try read { db in try cachedCatalog(db) }
    }

    /// The catalog for the bureau's administration pages, which show all of it. Bureau only:
    /// the others meet the catalog's values where their work needs them (a form's choices, a
    /// list template), not as a page of rates and targets.
    public func catalog(actor: User) throws(StoreError) -> Catalog {
        try read { db in
            try requireBureau(try currentActor(db, actor), to: "catalog view")
            return try cachedCatalog(db)
        }
    }

    func applyCatalog(_ db: Database, _ catalog: Catalog, actor: User, action: String) throws -> CatalogSyncReport {
        let wanted = catalog.databaseRows()
        var changes: [CatalogChange] = []
        var removals: [(CatalogTable, CatalogTable.Row)] = []

        for table in CatalogTable.all {
            let existing = try fetchRows(db, table)
            let existingByKey = Dictionary(existing.map { (table.key(of: $0), $0) }, uniquingKeysWith: { first, _ in first })
            let rows = wanted[table.name] ?? []
            let wantedKeys = Set(rows.map(table.key(of:)))
            for row in rows {
                let key = table.key(of: row)
                if let old = existingByKey[key] {
                    if old != row {
                        try update(db, table, row)
                        changes.append(CatalogChange(table: table.name, key: key, kind: .changed,
                                                     before: printable(old), after: printable(row)))
                    }
                } else {
                    try insert(db, table, row)
                    changes.append(CatalogChange(table: table.name, key: key, kind: .added, before: nil, after: printable(row)))
                }
            }
            for old in existing where !wantedKeys.contains(table.key(of: old)) {
                removals.append((table, old))
            }
        }
        // Children go before parents, so that a removed project goes after its occupations.
        for (table, old) in removals.reversed() {
            try delete(db, table, old)
            changes.append(CatalogChange(table: table.name, key: table.key(of: old), kind: .removed, before: printable(old), after: nil))
        }
        // The exam totals were judged by the parts and pass marks: judged again when those change.
        if changes.contains(where: { $0.table == "catalog_exam_parts" }) { try Self.refillExamTotals(db) }
        if !changes.isEmpty || action == "catalog.load" {
            try audit(db, actor: actor, action: action, entity: "catalog", key: "catalog", after: changes)
        }
        return CatalogSyncReport(changes: changes)
    }

    private func fetchRows(_ db: Database, _ table: CatalogTable) throws -> [CatalogTable.Row] {
        let sql = "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)"
        return try GRDB.Row.fetchAll(db, sql: sql).map { row in
            Dictionary(uniqueKeysWithValues: table.columns.map { ($0, row[$0] as DatabaseValue) })
        }
    }

    private func insert(_ db: Database, _ table: CatalogTable, _ row: CatalogTable.Row) throws {
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        try db.execute(sql: "INSERT INTO \(table.name) (\(table.columns.joined(separator: ", "))) VALUES (\(placeholders))",
                       arguments: StatementArguments(table.columns.map { row[$0] ?? .null }))
    }

    private func update(_ db: Database, _ table: CatalogTable, _ row: CatalogTable.Row) throws {
        let valueColumns = table.columns.filter { !table.keyColumns.contains($0) }
        let sets = valueColumns.map { "\($0) = ?" }.joined(separator: ", ")
        let keys = table.keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        try db.execute(sql: "UPDATE \(table.name) SET \(sets) WHERE \(keys)",
                       arguments: StatementArguments((valueColumns + table.keyColumns).map { row[$0] ?? .null }))
    }

    private func delete(_ db: Database, _ table: CatalogTable, _ row: CatalogTable.Row) throws {
        let keys = table.keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        do {
            try db.execute(sql: "DELETE FROM \(table.name) WHERE \(keys)",
                           arguments: StatementArguments(table.keyColumns.map { row[$0] ?? .null }))
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw StoreError.catalogValueInUse(table: table.name, key: table.key(of: row))
        }
    }

    private func printable(_ row: CatalogTable.Row) -> [String: String] {
        row.mapValues(CatalogTable.text)
    }
}
