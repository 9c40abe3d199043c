import ArgumentParser
import Foundation
import Domain
import Intake
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
            let actor = try global.actor(in: store)
            let url = CLIContext.current.url(for: file)
            let list = try ApprenticeListReader.read(url, sheet: sheet)
            let summary = try store.importApprenticeships(list.rows.map { ApprenticeListRow(number: $0.number, fields: $0.fields) },
                                                          fileName: url.lastPathComponent, institution: institution, actor: actor)
            let out = CLIContext.current
            let fileName = url.lastPathComponent
            var refusals = RefusalLog()
            var report = ImportErrorReport(sourceFile: fileName, header: list.header)
            let cells = Dictionary(list.rows.map { ($0.number, $0.cells) }, uniquingKeysWith: { first, _ in first })
            for refusal in summary.refused {
                refusals.add(file: fileName, row: refusal.row, issues: refusal.issues, header: list.header, columns: list.columns)
                report.rows.append(errorRow(refusal.row, cells[refusal.row] ?? [], refusal.issues, columns: list.columns))
            }
            let ids = summary.registered.compactMap(\.id)
            let which = ids.count > 1 ? "\(ids.first!)–\(ids.last!)" : ids.first.map(String.init) ?? ""
            ImportSummary(rowsRead: summary.rowsRead, recorded: summary.committed ? ids.count : summary.rowsRead - summary.refused.count,
                          recordedDetail: ("学徒培养编号 \(which)", "\(ids.count > 1 ? "apprenticeships" : "apprenticeship") \(which)"),
                          refused: summary.refused.count, written: summary.committed).print()
            if !list.ignoredColumns.isEmpty {
                out.print("未使用的列 Columns not used: \(list.ignoredColumns.joined(separator: ", "))")
            }
            refusals.print()
            guard summary.committed else {
                let errorFile = try writeErrorWorkbook(report, for: url, global: global)
                throw ImportRefused(rejected: summary.refused.count, errorFile: errorFile, advice: .wholeFile)
            }
        }
    }
}

