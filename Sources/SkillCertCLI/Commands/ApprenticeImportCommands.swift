import ArgumentParser
import Foundation
import Domain
import Intake
import Reports
import Store

extension ApprenticeCommand {
    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the apprentice list template (.xlsx) for apprentice import, with text-formatted code, ID and date columns.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "File name inside the output folder.") var file: String = "apprentice-template.xlsx"

        func run() throws {
            let store = try global.openStore()
            _ = try global.actor(in: store)
            let url = try outputFile(global, file)
            try ApprenticeTemplate.write(try store.catalog(), to: url)
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
            if !list.ignoredColumns.isEmpty {
                out.print("未使用的列 Columns not used: \(list.ignoredColumns.joined(separator: ", "))")
            }
            guard summary.committed else {
                let problems = summary.refused.flatMap { refusal in
                    refusal.issues.map { located($0, row: refusal.row, list: list, file: url.lastPathComponent) }
                }
                for problem in problems.prefix(20) { out.printError(problem.description) }
                if problems.count > 20 { out.printError("…另有 \(problems.count - 20) 个问题 and \(problems.count - 20) more problem(s)") }
                var report = ImportErrorReport(sourceFile: url.lastPathComponent, header: list.header)
                let cells = Dictionary(list.rows.map { ($0.number, $0.cells) }, uniquingKeysWith: { first, _ in first })
                for refusal in summary.refused {
                    report.rows.append(errorRow(refusal.row, cells[refusal.row] ?? [], refusal.issues, columns: list.columns))
                }
                let errorFile = try writeErrorWorkbook(report, for: url, global: global)
                throw ApprenticeImportRefused(rows: summary.rowsRead, rejected: summary.refused.count, errorFile: errorFile)
            }
            let ids = summary.registered.compactMap(\.id)
            out.print("""
                读取 \(summary.rowsRead) 行，已登记 \(ids.count) 名学徒\(ids.isEmpty ? "" : "（编号 \(ids.first!)–\(ids.last!)）")
                \(summary.rowsRead) rows read, \(ids.count) apprenticeship(s) registered\(ids.isEmpty ? "" : " (ids \(ids.first!)–\(ids.last!))")
                """)
        }

        /// An issue with its file, row and column as the clerk sees them; national IDs masked.
        private func located(_ issue: ImportRowIssue, row: Int, list: ApprenticeListReader.List, file: String) -> FieldProblem {
            let column = issue.field.flatMap { list.columns[$0] }
            let field = column.map { ListColumn(index: $0, header: list.header[$0]) }.map { "\($0.letter) \($0.header)" }
                ?? issue.field?.header ?? "整行 row"
            let value = issue.field == .nationalId ? Masking.nationalID(issue.value) : issue.value
            return FieldProblem(file: file, line: row, field: field, value: value, rule: issue.rule)
        }
    }
}

/// An apprentice list with refused rows: nobody was registered.
struct ApprenticeImportRefused: BilingualError {
    let rows: Int
    let rejected: Int
    let errorFile: URL?

    var chinese: String {
        "未登记任何学徒：\(rows) 行中有 \(rejected) 行有错误\(errorFile.map { "，见 \($0.path)" } ?? "")。改正后重新导入整份名单"
    }

    var english: String {
        "no apprenticeship was registered: \(rejected) of \(rows) row(s) were refused\(errorFile.map { " (see \($0.path))" } ?? ""). Fix them and import the whole list again"
    }
}
