import Domain
import Store

/// A session's results as an interface shows them: per candidate and part, no IDs.
public struct ResultsDirectory: Sendable {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// The results of session `sessionId` within `actor`'s scope; with `pendingOnly`, only the
    /// candidates with a mark not yet final (the counts are of every candidate).
    public func show(actor: User, sessionId: Int64, pendingOnly: Bool = false) throws -> SessionResultsView {
        let results = try store.sessionResults(id: sessionId, actor: actor)
        return SessionResultsView(
            parts: results.parts.map(\.part), candidates: (pendingOnly ? results.pending : results.candidates).map(CandidateResultView.init),
            candidateCount: results.candidates.count, passed: results.candidates.filter(\.passed).count,
            pending: results.pending.count, status: results.summary.session.status)
    }
}

/// The results of a session: the candidates shown and the session's counts.
public struct SessionResultsView: Sendable, Equatable {
    /// The parts of the exam, in the order of each candidate's `parts`.
    public let parts: [ExamPart]
    public let candidates: [CandidateResultView]
    /// Every candidate in scope, whether shown or not.
    public let candidateCount: Int
    public let passed: Int
    public let pending: Int
    public let status: SessionStatus
}

public struct CandidateResultView: Encodable, Sendable, Equatable {
    public struct PartView: Encodable, Sendable, Equatable {
        public let part: String
        /// `final`, `retained`, `awaiting-second-entry`, `mismatch`, `not-entered`, `not-sat`.
        public let state: String
        public let mark: String?
        public let passed: Bool
        /// For a table: `85.5 合格`, `缺考 不合格`, `待第二人录入`.
        public let text: String
    }

    public let ticket: String
    public let name: String
    public let parts: [PartView]
    public let passed: Bool
    public let pending: Bool
    public let retake: Bool
    /// `待定 pending`, `合格 passed`, `不合格 failed`.
    public let resultText: String

    public init(_ result: CandidateResult) {
        ticket = result.ticketNumber
        name = result.name
        parts = result.parts.map { part in
            switch part.standing {
            case .final(let mark, let passed):
                PartView(part: part.part.rawValue, state: "final", mark: mark.description, passed: passed,
                         text: "\(mark) \(passed ? "合格" : "不合格")")
            case .retained(let mark, let passedOn):
                PartView(part: part.part.rawValue, state: "retained", mark: mark.description, passed: true,
                         text: "\(mark) 保留（\(passedOn)）")
            case .awaitingSecondEntry:
                PartView(part: part.part.rawValue, state: "awaiting-second-entry", mark: nil, passed: false, text: "待第二人录入")
            case .mismatch(let first, let second):
                PartView(part: part.part.rawValue, state: "mismatch", mark: nil, passed: false, text: "不一致 \(first)/\(second)")
            case .notEntered:
                PartView(part: part.part.rawValue, state: "not-entered", mark: nil, passed: false, text: "未录入")
            case .notSat:
                PartView(part: part.part.rawValue, state: "not-sat", mark: nil, passed: false, text: "未报考")
            }
        }
        passed = result.passed
        pending = result.isPending
        retake = result.isRetake
        resultText = pending ? "待定 pending" : passed ? "合格 passed" : "不合格 failed"
    }
}
