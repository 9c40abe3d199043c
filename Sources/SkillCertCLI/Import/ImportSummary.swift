import Services

/// The line every import ends with, in one shape: rows read, then what became of them: recorded,
/// valid but changing nothing (already enrolled, unchanged), refused; or, when nothing was
/// written, how many were valid and that nothing was written.
struct ImportSummary {
    let rowsRead: Int
    /// Rows written to the records (or that would have been, when nothing was written).
    let recorded: Int
    /// What the recorded rows were: `新登记人员 3 人` / `3 new persons`.
    var recordedDetail: (chinese: String, english: String)?
    /// Valid rows that changed nothing, with what to call them: `已在班` / `already enrolled`.
    var unchanged: (count: Int, chinese: String, english: String)?
    let refused: Int
    /// False when nothing was written (a refused row in an all-or-nothing import).
    let written: Bool
    var seconds: String?

    var chinese: String {
        let time = seconds.map { "，用时 \($0) 秒" } ?? ""
        guard written else {
            return "读取 \(rowsRead) 行：正确 \(recorded + (unchanged?.count ?? 0)) 行，拒绝 \(refused) 行，未写入任何记录\(time)"
        }
        let detail = recordedDetail.flatMap { recorded > 0 ? "（\($0.chinese)）" : nil } ?? ""
        let same = unchanged.map { "，\($0.chinese) \($0.count) 行" } ?? ""
        return "读取 \(rowsRead) 行：记录 \(recorded) 行\(detail)\(same)，拒绝 \(refused) 行\(time)"
    }

    var english: String {
        let time = seconds.map { ", \($0) s" } ?? ""
        guard written else {
            return "\(rowsRead) rows read: \(recorded + (unchanged?.count ?? 0)) valid, \(refused) refused, nothing was written\(time)"
        }
        let detail = recordedDetail.flatMap { recorded > 0 ? " (\($0.english))" : nil } ?? ""
        let same = unchanged.map { ", \($0.count) \($0.english)" } ?? ""
        return "\(rowsRead) rows read: \(recorded) recorded\(detail)\(same), \(refused) refused\(time)"
    }

    func print() { CLIContext.current.print("\(chinese)\n\(english)") }
}

extension ImportSummary {
    /// The summary of an import's outcome; `unchanged` names its valid rows that changed nothing.
    init(_ outcome: ImportOutcome, recordedDetail: (chinese: String, english: String)? = nil,
         unchanged: (chinese: String, english: String)? = nil, seconds: String? = nil) {
        self.init(rowsRead: outcome.rowsRead, recorded: outcome.recorded, recordedDetail: recordedDetail,
                  unchanged: unchanged.map { (outcome.alreadyPresent, $0.chinese, $0.english) }, refused: outcome.refusedCount,
                  written: outcome.committed, seconds: seconds)
    }
}
