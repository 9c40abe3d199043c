import Domain
import Foundation
import Spreadsheet

/// Reads a filled score sheet (评分表): every sheet of the workbook (one per room), or the one
/// named, or a CSV list with the same columns. Columns are found by header like any list:
/// 准考证号 and 科目 are required; 姓名 (checked against the ticket), 成绩 and 缺考/违纪 are read
/// when present. A sheet with no filled line (a room whose sheet came back blank) is skipped.
public enum ScoreSheetReader {
    /// One filled line of a score sheet.
    public struct Line: Sendable, Equatable {
        /// The sheet it is on; nil for CSV.
        public let sheet: String?
        public let row: Int
        /// The line as given, under `header`, for the error workbook.
        public let cells: [String]
        public let header: [String]
        public let ticket: String
        public let name: String
        public let part: String
        public let score: String
        public let outcome: String
        /// Zero-based columns of the fields, for highlighting a refused cell.
        public let columns: [ListField: Int]
    }

    public static func lines(of url: URL, sheet: String? = nil) throws(IntakeError) -> [Line] {
        var sheets: [String?] = [sheet]
        if sheet == nil, case .xlsx = try ListFileKind.sniff(url) {
            do {
                sheets = try XLSXReader(url: url).visibleSheetNames
            } catch {
                throw IntakeError(error, file: url.lastPathComponent)
            }
        }
        var lines: [Line] = []
        var lastError: IntakeError?
        for name in sheets {
            do {
                let reader = try TraineeListReader(url: url, sheet: name, required: [.ticket, .part],
                                                   optional: [.name, .score, .outcome])
                try reader.forEachRow { row in
                    func text(_ field: ListField) -> String { row.fields[field]?.text.trimmingWhitespace() ?? "" }
                    lines.append(Line(sheet: reader.sheetName, row: row.number, cells: row.cells, header: reader.header,
                                      ticket: text(.ticket), name: text(.name), part: text(.part), score: text(.score),
                                      outcome: text(.outcome), columns: reader.columns))
                }
            } catch IntakeError.noDataRows(let file, let sheet, let headerRow) where sheets.count > 1 {
                lastError = .noDataRows(file: file, sheet: sheet, headerRow: headerRow)
            } catch let error as IntakeError {
                throw error
            } catch {
                throw IntakeError.unreadableFile(file: url.lastPathComponent, reason: String(describing: error))
            }
        }
        if lines.isEmpty, let lastError { throw lastError }
        return lines
    }
}
