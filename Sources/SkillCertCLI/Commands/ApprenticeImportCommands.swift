import ArgumentParser
import Foundation
import Domain
import Reports
import Services
import Store

extension ApprenticeCommand {
    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the apprentice list template (.xlsx) for apprentice import, with text-formatted code, ID and date columns.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "File name inside the output folder.") var file: String = "apprentice-template.xlsx"

        func run() throws {
            let store = try global.openStore()
            let url = try CatalogWorkbooks(store: store).apprenticeTemplate(actor: try global.actor(in: store)) { try outputFile(global, file) }
            CLIContext.current.print("已写出 Wrote \(url.path)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register the apprenticeships of a list (.xlsx, or CSV in UTF-8 or GB18030): all rows or none.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The list: .xlsx or .csv.") var file: String
        @Option(help: "Training institution for rows without one (institution users: their own).") var institution: String?
        @Option(help: "The sheet to read in an .xlsx (default: the first).") var sheet: String?

        func run() throws {
            let store = try global.openStore()
            let request = ImportRequest(file: CLIContext.current.url(for: file), sheet: sheet, actor: try global.actor(in: store),
                                        errorFolder: global.outputDirectory)
            let listImport = ApprenticeListImport(request: request, institution: institution)
            try importShowingRefusals({ ApprenticeListImport.Outcome.printSummary($0) }) { try listImport.run(store: store) }.print()
        }
    }
}

