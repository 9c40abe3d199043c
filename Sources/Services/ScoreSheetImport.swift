import Foundation
import Domain
import Intake
import Reports
import Store

/// Enters the marks of a filled score sheet (every sheet, one per room, or the one asked for), all
/// lines or none: any refused line refuses the file, and each refused line is reported with its
/// sheet, row and reasons.
///
/// A score sheet is one session's (a few hundred lines), read whole and recorded by the Store in
/// one transaction; cancellation is looked at once the sheet is read, before that transaction.
public struct ScoreSheetImport: ListImport {
    public let sessionId: Int64
    /// `sheet` is the one room to read; nil for every sheet of the workbook.
    public let request: ImportRequest
    /// Checks against the records and writes nothing: the web's preview before the user confirms.
    public let preview: Bool

    public init(sessionId: Int64, request: ImportRequest, preview: Bool = false) {
        self.sessionId = sessionId
        self.request = request
        self.preview = preview
    }

    /// `recorded` counts the marks entered, `alreadyPresent` those the same user had entered before.
    public struct Outcome: Sendable, Equatable {
        public var rows: ImportOutcome
        /// Parts now final: two equal entries, or the one entry a review needs.
        public var final = 0
        /// First entries, waiting for a second user.
        public var awaitingSecondEntry = 0
        /// Second entries unequal to the first: pending until a bureau user settles them.
        public var mismatched = 0
    }

    public func run(store: Store, cancellation: Cancellation, progress: (Int) -> Void) throws -> Outcome {
        let url = request.file
        let fileName = url.lastPathComponent
        let lines = try ScoreSheetReader.lines(of: url, sheet: request.sheet)
        progress(lines.count)
        try cancellation.check()
        let scoreLines = lines.map { line in
            ScoreLine(sheet: [fileName, line.sheet].compactMap { $0 }.joined(separator: " › "), row: line.row,
                      ticket: line.ticket, name: line.name, part: line.part, mark: line.score, outcome: line.outcome)
        }
        let summary = try store.importScores(sessionId: sessionId, fileName: fileName, lines: scoreLines, preview: preview,
                                             actor: request.actor)

        var refused = RefusedRows(fileName: fileName, header: lines.first?.header ?? [], columns: [:])
        // Each refused line once, with all its problems, in the order of the sheets.
        let problemsByLine = Dictionary(grouping: summary.problems, by: \.index)
        for index in problemsByLine.keys.sorted() {
            let line = lines[index], problems = problemsByLine[index]!
            refused.note(file: problems[0].line.sheet ?? fileName, row: line.row,
                         issues: problems.map { ImportRowIssue(field: $0.field, value: $0.value, rule: $0.rule) },
                         header: line.header, columns: line.columns)
        }
        // The error workbook has the refused lines under their sheet's header, one per problem,
        // with the reason and the cell at fault.
        for problem in summary.problems {
            let line = lines[problem.index]
            refused.addToWorkbook(ImportErrorRow(rowNumber: line.row, cells: line.cells, issues: [
                ImportErrorIssue(column: line.columns[problem.field],
                                 chinese: "\(problem.field.chineseHeader)：\(problem.rule.chinese)",
                                 english: "\(problem.field.englishHeader): \(problem.rule.english)"),
            ]))
        }

        func count(_ match: (ScoreEntryResult) -> Bool) -> Int { summary.count(where: match) }
        let clean = summary.problems.isEmpty
        let committed = clean && !preview
        let unchanged = count { $0 == .unchanged }
        var rows = ImportOutcome(fileName: fileName)
        rows.rowsRead = summary.lines
        rows.recorded = clean ? summary.results.count - unchanged : summary.lines - problemsByLine.count
        rows.alreadyPresent = unchanged
        rows.refused = refused.rows
        rows.committed = committed
        rows.preview = preview
        // Nothing was written when a line was refused, so the workbook may follow the transaction.
        rows.errorWorkbook = try refused.writeWorkbook(for: url, into: request.errorFolder, masked: request.masksErrorWorkbook,
                                                       outcome: rows)
        rows.errorReport = refused.errorReport
        return Outcome(rows: rows,
                       final: count { if case .confirmed = $0 { true } else { false } },
                       awaitingSecondEntry: count { $0 == .awaitingSecondEntry },
                       mismatched: count { if case .mismatch = $0 { true } else { false } })
    }
}
