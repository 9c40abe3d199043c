import Foundation
import Domain
import Reports
import Store

/// The workbooks of an exam session: admission tickets, sign-in sheets, score sheets, and the
/// results roster (成绩册). IDs and phones masked unless asked for whole with a reason, which is
/// then recorded.
public struct ExamReports: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// The three workbooks written before the exam.
    public enum SessionSheet: Sendable, CaseIterable {
        /// 准考证: ticket, room and seat per part (institutions: their own candidates).
        case admissionTickets
        /// 签到表: one sheet per room.
        case signIn
        /// 评分表: one per room and part, for the examiners to fill.
        case scoreSheets

        /// Whether the sheet lists the rooms (and so needs the candidates placed in them).
        var forRooms: Bool { self != .admissionTickets }
    }

    /// Writes `sheet` for session `sessionId`.
    public func sessionSheet(_ sheet: SessionSheet, actor: User, sessionId: Int64, disclosure: Disclosure = .masked,
                             to destination: ReportDestination) throws -> WrittenWorkbook {
        let shown = try disclosure.checked()
        let sheets = try store.examSessionSheets(id: sessionId, forRooms: sheet.forRooms, actor: actor)
        try shown.record(sheets.personIds, in: store, actor: actor)
        let url = try destination()
        switch sheet {
        case .admissionTickets: try AdmissionTicketsWorkbook.write(sheets, unmasked: shown.unmasked, to: url)
        case .signIn: try SignInSheetWorkbook.write(sheets, unmasked: shown.unmasked, to: url)
        case .scoreSheets: try ScoreSheetWorkbook.write(sheets, unmasked: shown.unmasked, to: url)
        }
        return WrittenWorkbook(file: url, lines: sheets.candidates.count)
    }

    /// Writes the results roster of session `sessionId`: marks, outcomes, pass counts and rates,
    /// mismatches settled, amendments, re-checks.
    public func resultsRoster(actor: User, sessionId: Int64, disclosure: Disclosure = .masked,
                              to destination: ReportDestination) throws -> WrittenWorkbook {
        let shown = try disclosure.checked()
        let results = try store.sessionResults(id: sessionId, actor: actor)
        try shown.record(results.personIds, in: store, actor: actor)
        let url = try destination()
        try ResultsRosterWorkbook.write(results, unmasked: shown.unmasked, to: url)
        return WrittenWorkbook(file: url, lines: results.candidates.count)
    }
}
