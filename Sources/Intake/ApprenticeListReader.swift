import Domain
import Foundation

/// Reads an apprentice list (学徒名单) for `apprentice import`: the first sheet of an .xlsx (or the
/// one named), or a CSV in UTF-8 or GB18030, through the same reader as trainee lists, so that
/// the header is found and matched the same way (Chinese or English, any order, `apprentice
/// template`'s bilingual headers) and every unusable file gets the same `IntakeError`.
///
/// Apprentice lists are short (a class of apprentices, not a district's trainees), so the rows are
/// read whole: the Store checks them all in one transaction before writing any.
public enum ApprenticeListReader {
    /// Columns a list must have. A person is named by ID and name, which are checked against the
    /// person on file; the rest is what `apprentice register` asks for.
    public static let required: [ListField] = [
        .enterprise, .nationalId, .name, .occupation, .targetLevel, .contractStart, .contractYears,
        .apprenticeStart, .apprenticeEnd, .enterpriseMentor, .institutionMentor,
    ]
    /// 延长理由 only matters past two years; 培训机构 lets the bureau import for several institutions.
    public static let optional: [ListField] = [.extensionReason, .institution]

    public struct List: Sendable, Equatable {
        /// How the file was read: `xlsx sheet 学徒名单`, `CSV GB18030`.
        public let formatDescription: String
        /// The header row's cells as given, for the error workbook.
        public let header: [String]
        /// Zero-based column of each field, for highlighting a refused cell.
        public let columns: [ListField: Int]
        /// Header texts of the columns not read (`序号`, `备注`).
        public let ignoredColumns: [String]
        public let rows: [ListRow]
    }

    public static func read(_ url: URL, sheet: String? = nil) throws(IntakeError) -> List {
        let reader = try TraineeListReader(url: url, sheet: sheet, required: required, optional: optional)
        var rows: [ListRow] = []
        do {
            try reader.forEachRow { rows.append($0) }
        } catch let error as IntakeError {
            throw error
        } catch {
            throw IntakeError.unreadableFile(file: url.lastPathComponent, reason: String(describing: error))
        }
        return List(formatDescription: reader.formatDescription, header: reader.header, columns: reader.columns,
                    ignoredColumns: reader.ignoredColumns, rows: rows)
    }
}
