import ArgumentParser
import Foundation
import Domain
import Store

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database, load the catalog and create the bureau administrator.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The catalog folder.") var catalog: String = "Catalog"
    @Option(help: "Login of the bureau administrator to create.") var admin: String = "admin"
    @Option(help: "Name of the bureau administrator.") var adminName: String = "系统管理员"

    func run() throws {
        // The catalog is checked before the file is touched: a broken catalog creates nothing.
        let catalog = try loadCatalog(self.catalog)
        let path = global.databasePath
        let existed = FileManager.default.fileExists(atPath: path)
        let store = try Store.open(path: path, clock: try global.clock(), busyTimeout: try global.busyTimeout())
        do {
            let admin = try store.initialize(catalog: catalog, adminLogin: admin, adminName: adminName)
            CLIContext.current.print("""
                已初始化 Initialised \(path)
                \(catalogSummary(catalog))
                管理员 Administrator: \(admin.login)
                """)
        } catch {
            if !existed { try? FileManager.default.removeItem(atPath: path) }
            throw error
        }
    }
}
