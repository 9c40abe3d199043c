import Foundation
import Domain
import Intake
import Reports
import Store

/// The refused rows of one import as they are found: for the outcome (masked values, located by
/// column) and for the error workbook (the rows as given, the cells at fault marked).
struct RefusedRows {
    private let fileName: String
    private let header: [String]
    private let columns: [ListField: Int]
    private(set) var rows: [RefusedRow] = []
    private(set) var report: ImportErrorReport

    init(fileName: String, header: [String], columns: [ListField: Int]) {
        self.fileName = fileName
        self.header = header
        self.columns = columns
        report = ImportErrorReport(sourceFile: fileName, header: header,
                                   nationalIdColumn: columns[.nationalId], phoneColumn: columns[.phone])
    }

    var isEmpty: Bool { rows.isEmpty }

    /// The error workbook's content for the outcome; nil when no row was refused.
    var errorReport: ImportErrorReport? { report.rows.isEmpty ? nil : report }

    /// A refused row of the list: `cells` as the file has them.
    mutating func refuse(row: Int, cells: [String], issues: [ImportRowIssue]) {
        note(file: fileName, row: row, issues: issues, header: header, columns: columns)
        report.rows.append(ImportErrorRow(rowNumber: row, cells: cells, issues: issues.map { issue in
            ImportErrorIssue(column: issue.field.flatMap { columns[$0] },
                             chinese: "\(issue.field?.chineseHeader ?? "整行")：\(issue.rule.chinese)",
                             english: "\(issue.field?.englishHeader ?? "row"): \(issue.rule.english)")
        }))
    }

    /// A refused row for the outcome only, located in a sheet of its own header (a score sheet's
    /// rooms); the caller fills the error workbook itself.
    mutating func note(file: String, row: Int, issues: [ImportRowIssue], header: [String], columns: [ListField: Int]) {
        rows.append(RefusedRow(file: file, row: row, problems: issues.map { RowProblem($0, header: header, columns: columns) }))
    }

    mutating func addToWorkbook(_ row: ImportErrorRow) {
        report.rows.append(row)
    }

    /// Writes the error workbook into `folder` as `<file>-errors.xlsx`, masked if `masked`; nil
    /// when no row was refused.
    /// An import calls it before its transaction commits, so that rows are never written while the
    /// rows refused beside them go unreported: when it throws, nothing is written.
    func writeWorkbook(for source: URL, into folder: URL, masked: Bool, outcome: ImportOutcome) throws(ErrorWorkbookNotWritten) -> URL? {
        guard !report.rows.isEmpty else { return nil }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw ErrorWorkbookNotWritten(step: .createFolder, url: folder, cause: error, outcome: outcome)
        }
        let url = folder.appendingPathComponent("\(source.deletingPathExtension().lastPathComponent)-errors.xlsx")
        do {
            try ImportErrorWorkbook.write(report, masked: masked, to: url)
        } catch {
            throw ErrorWorkbookNotWritten(step: .write, url: url, cause: error, outcome: outcome)
        }
        return url
    }
}

/// The error workbook of an import could not be written, so neither was anything else. Carries
/// the outcome (every refused row) so that the rows can still be shown.
public struct ErrorWorkbookNotWritten: BilingualError {
    public enum Step: Sendable, Equatable {
        /// Making the folder (`url`) failed.
        case createFolder
        /// Writing the workbook (`url`) failed.
        case write
    }

    public let step: Step
    public let url: URL
    /// The file system's or the workbook writer's error.
    public let cause: any Error
    /// Nothing committed; the refused rows all there.
    public let outcome: ImportOutcome

    public var chinese: String {
        let why = (cause as? any BilingualError)?.chinese ?? String(describing: cause)
        let doing = step == .createFolder ? "无法创建文件夹" : "无法写入文件"
        return "\(doing) \(url.path)：\(why)\n\(outcome.refusedCount) 行被拒绝，错误行工作簿无法写出，因此未写入任何记录；请指定可以写入的文件夹后重新导入"
    }

    public var english: String {
        let why = (cause as? any BilingualError)?.english ?? String(describing: cause)
        let doing = step == .createFolder ? "cannot create folder" : "cannot write file"
        return "\(doing) \(url.path): \(why)\n\(outcome.refusedCount) row(s) were refused and their error workbook could not be written, so nothing was written; name a folder that can be written and import again"
    }
}
