import Domain
import Spreadsheet

extension IntakeError {
    /// The reading errors of `XLSXReader` in the terms a clerk acts on. `file` is the name to show.
    init(_ error: SpreadsheetError, file: String) {
        switch error {
        case .fileNotFound:
            self = .missingFile(file: file)
        case .fileUnreadable(_, let detail):
            self = .unreadableFile(file: file, reason: detail)
        case .notASpreadsheet(_, let legacy):
            self = legacy ? .legacyXLS(file: file)
                : .notASpreadsheet(file: file, detail: Rejection("其他格式的文件", "a file of another format"))
        case .notAnXLSX:
            self = .notASpreadsheet(file: file, detail: Rejection("压缩包（不含 Excel 工作簿）", "a zip archive without an Excel workbook in it"))
        case .corruptArchive(_, let detail), .malformedPart(_, _, let detail):
            self = .corruptSpreadsheet(file: file, detail: detail)
        case .sheetNotFound(_, let name, let available):
            self = .missingSheet(file: file, sheet: name, available: available)
        case .partTooLarge(_, let part, let limit):
            self = .oversizedSpreadsheet(file: file, part: part, limit: SpreadsheetError.size(limit))
        default:
            // Writing errors cannot come out of a reader; keep the message rather than lose it.
            self = .unreadableFile(file: file, reason: error.english)
        }
    }
}
