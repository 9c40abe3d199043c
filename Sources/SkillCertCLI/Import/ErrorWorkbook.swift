import Foundation
import Domain
import Intake
import Reports
import Store

/// Writes the refused rows into the output folder as `<file>-errors.xlsx`; nil when none. An
/// import calls it before its transaction commits, so that rows are never written while the
/// rows refused beside them go unreported.
func writeErrorWorkbook(_ report: ImportErrorReport, for source: URL, global: GlobalOptions) throws(ErrorWorkbookNotWritten) -> URL? {
    guard !report.rows.isEmpty else { return nil }
    do {
        let url = try outputFile(global, "\(source.deletingPathExtension().lastPathComponent)-errors.xlsx")
        try ImportErrorWorkbook.write(report, to: url)
        return url
    } catch {
        throw ErrorWorkbookNotWritten(cause: userMessage(for: error, command: nil)
            ?? UserMessage(chinese: String(describing: error), english: String(describing: error)), refused: report.rows.count)
    }
}

/// One refused row as the error workbook shows it.
func errorRow(_ number: Int, _ cells: [String], _ issues: [ImportRowIssue], columns: [ListField: Int]) -> ImportErrorRow {
    ImportErrorRow(rowNumber: number, cells: cells, issues: issues.map { issue in
        ImportErrorIssue(column: issue.field.flatMap { columns[$0] },
                         chinese: "\(issue.field?.chineseHeader ?? "整行")：\(issue.rule.chinese)",
                         english: "\(issue.field?.englishHeader ?? "row"): \(issue.rule.english)")
    })
}

/// The error workbook of an import could not be written; neither was anything else.
struct ErrorWorkbookNotWritten: BilingualError {
    let cause: UserMessage
    let refused: Int

    var chinese: String {
        "\(cause.chinese)\n\(refused) 行被拒绝，错误行工作簿无法写出，因此未写入任何记录；请用 --out 指定可以写入的文件夹后重新导入"
    }

    var english: String {
        "\(cause.english)\n\(refused) row(s) were refused and their error workbook could not be written, so nothing was written; name a folder that can be written with --out and import again"
    }
}

/// An all-or-nothing import that found bad rows: nothing was written.
struct ImportRefused: BilingualError {
    enum Advice {
        /// Fix the rows, or take the valid ones with --accept-valid.
        case acceptValid
        /// Fix the rows and import the whole file again.
        case wholeFile
        /// Fix the lines and import the score sheet again: marks already entered are not entered twice.
        case scoreSheet
    }

    let rejected: Int
    let errorFile: URL?
    let advice: Advice

    var chinese: String {
        let then = switch advice {
        case .acceptValid: "改正后重新导入，或用 --accept-valid 只导入正确的行"
        case .wholeFile: "改正后重新导入整份文件"
        case .scoreSheet: "改正后重新导入整张评分表（已录入的相同成绩不会重复）"
        }
        return "未写入任何记录：\(rejected) 行被拒绝\(errorFile.map { "，见 \($0.path)" } ?? "")。\(then)"
    }

    var english: String {
        let then = switch advice {
        case .acceptValid: "Fix them and import again, or use --accept-valid to import the valid rows only"
        case .wholeFile: "Fix them and import the whole file again"
        case .scoreSheet: "Fix them and import the score sheet again (marks you already entered are not entered twice)"
        }
        return "nothing was written: \(rejected) row(s) refused\(errorFile.map { " (see \($0.path))" } ?? ""). \(then)"
    }
}
