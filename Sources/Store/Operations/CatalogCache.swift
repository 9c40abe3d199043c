import GRDB
import Synchronization
import Domain

/// The catalog as a read last found it, with the catalog version it was read at.
///
/// The catalog changes only by a sync (`skillcert catalog sync`, from another process while
/// the server runs) or the first load, and each of those records its `catalog.sync` /
/// `catalog.load` audit event in the same transaction: the newest such event is the catalog's
/// version. A read checks that one indexed number and reads the fourteen tables again only when
/// it moved, instead of on every page that offers the catalog's choices.
final class CatalogCache: Sendable {
    private let remembered = Mutex<(version: Int64, catalog: Catalog)?>(nil)

    /// The newest catalog event (0 before the catalog is loaded), from the audit trail's
    /// (entity, key) index.
    static let versionSQL = "SELECT coalesce(max(id), 0) FROM audit_events WHERE entity = 'catalog' AND entity_key = 'catalog'"

    func catalog(at version: Int64) -> Catalog? {
        remembered.withLock { $0?.version == version ? $0?.catalog : nil }
    }

    func remember(_ catalog: Catalog, at version: Int64) {
        remembered.withLock { $0 = (version: version, catalog: catalog) }
    }
}

extension Store {
    /// The catalog, from the cache when no catalog version was recorded since it was read. Only
    /// inside `read`: a write's catalog is not committed yet, and its audit event's number could
    /// be given again to another change after a rollback.
    func cachedCatalog(_ db: Database) throws -> Catalog {
        let version = try Int64.fetchOne(db, cached: CatalogCache.versionSQL) ?? 0
        if let catalog = catalogCache.catalog(at: version) { return catalog }
        let catalog = try Catalog.fetch(db)
        catalogCache.remember(catalog, at: version)
        return catalog
    }
}
