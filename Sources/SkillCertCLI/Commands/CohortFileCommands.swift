import ArgumentParser
import Foundation
import Domain
import Reports
import Services
import Store

extension CohortCommand {
    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the trainee list template (.xlsx) with text-formatted ID and phone columns and drop-downs.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "File name inside the output folder.") var file: String = "trainee-template.xlsx"

        func run() throws {
            let store = try global.openStore()
            let url = try CatalogWorkbooks(store: store).traineeTemplate(actor: try global.actor(in: store)) { try outputFile(global, file) }
            CLIContext.current.print("已写出 Wrote \(url.path)")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a trainee list (.xlsx, or CSV in UTF-8 or GB18030) into a cohort: all rows or none.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Cohort id.") var cohort: Int64
        @Argument(help: "The list: .xlsx or .csv.") var file: String
        @Option(help: "The sheet to read in an .xlsx (default: the first).") var sheet: String?
        @Flag(help: "Import the valid rows even if some are refused (they go to the error workbook).") var acceptValid = false
        @Flag(help: "Print progress lines even when not on a terminal.") var progress = false

        func run() throws {
            let store = try global.openStore()
            let request = ImportRequest(file: CLIContext.current.url(for: file), sheet: sheet, actor: try global.actor(in: store),
                                        errorFolder: global.outputDirectory)
            let listImport = TraineeListImport(cohortId: cohort, request: request, mode: acceptValid ? .acceptValid : .allOrNothing,
                                               today: try global.clock().today)
            let progressLine = ProgressLine(forced: progress)
            let started = ContinuousClock.now
            let outcome = try importShowingRefusals({ progressLine.finish(); RefusalLog($0.refused).print() }) {
                try listImport.run(store: store, cancellation: Cancellation(), progress: progressLine.update(rows:))
            }
            progressLine.finish()
            try outcome.print(seconds: (ContinuousClock.now - started).secondsText)
        }
    }

    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the cohort roster (花名册), print-ready; IDs and phones masked unless --unmasked.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var disclosure: DisclosureOptions
        @Argument(help: "Cohort id.") var cohort: Int64
        @Option(help: "File name inside the output folder (default: roster-cohort-ID.xlsx).") var file: String?

        func run() throws {
            let store = try global.openStore()
            let actor = try global.actor(in: store)
            let written = try TrainingReports(store: store).cohortRoster(actor: actor, cohortId: cohort, disclosure: disclosure.choice) {
                try outputFile(global, file ?? "roster-cohort-\(cohort).xlsx")
            }
            CLIContext.current.print("已写出 Wrote \(written.file.path)")
        }
    }
}
