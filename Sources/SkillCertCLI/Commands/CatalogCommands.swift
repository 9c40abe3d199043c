import ArgumentParser
import Foundation
import Domain
import Services
import Store

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "The catalog: occupations, levels, exam parts, routes, rates, districts, targets (目录).",
        subcommands: [Validate.self, Sync.self, Export.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a catalog folder and report every problem with file, line and field.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The catalog folder.") var directory: String = "Catalog"

        func run() throws {
            let catalog = try loadCatalog(directory)
            CLIContext.current.print("目录有效 The catalog is valid: \(directory)\n\(catalogSummary(catalog))")
            let unconfirmed = catalog.occupations.filter(\.unconfirmed)
            if !unconfirmed.isEmpty {
                CLIContext.current.print("未确认的职业编码 Occupation codes still to confirm: "
                    + unconfirmed.map { "\($0.name) \($0.code)" }.joined(separator: ", "))
            }
        }
    }

    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Update the database's catalog from a catalog folder (bureau).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The catalog folder.") var directory: String = "Catalog"

        func run() throws {
            let catalog = try loadCatalog(directory)
            let store = try global.openStore()
            let report = try store.syncCatalog(catalog, actor: try global.actor(in: store))
            if report.isEmpty {
                CLIContext.current.print("目录无变化 The catalog is unchanged.")
                return
            }
            CLIContext.current.print("目录已更新 Catalog updated: 新增 added \(report.count(.added)) · 修改 changed \(report.count(.changed)) · 删除 removed \(report.count(.removed))")
            for change in report.changes {
                CLIContext.current.print("  \(change.kind.rawValue) \(change.table) \(change.key)")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the database's catalog as a workbook into the output folder.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "File name inside the output folder.") var file: String = "catalog.xlsx"

        func run() throws {
            let store = try global.openStore()
            let url = try CatalogWorkbooks(store: store).export(actor: try global.actor(in: store)) { try outputFile(global, file) }
            CLIContext.current.print("已写出 Wrote \(url.path)")
        }
    }
}
