import Foundation
import Domain
import Reports
import Store

/// The workbooks written from the catalog alone: the catalog itself and the two list templates.
/// Any user whose account is active may write them.
public struct CatalogWorkbooks: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// The database's catalog as a workbook.
    public func export(actor: User, to destination: ReportDestination) throws -> URL {
        try write(CatalogWorkbook.write, for: actor, to: destination)
    }

    /// The trainee list template, with text-formatted ID and phone columns and drop-downs.
    public func traineeTemplate(actor: User, to destination: ReportDestination) throws -> URL {
        try write(TraineeTemplate.write, for: actor, to: destination)
    }

    /// The apprentice list template, with text-formatted code, ID and date columns.
    public func apprenticeTemplate(actor: User, to destination: ReportDestination) throws -> URL {
        try write(ApprenticeTemplate.write, for: actor, to: destination)
    }

    private func write(_ writer: (Catalog, URL) throws -> Void, for actor: User, to destination: ReportDestination) throws -> URL {
        // A disabled account writes nothing, as everywhere else.
        _ = try store.user(login: actor.login)
        let catalog = try store.catalog()
        let url = try destination()
        try writer(catalog, url)
        return url
    }
}
