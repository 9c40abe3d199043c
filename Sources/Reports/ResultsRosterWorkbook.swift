import Foundation
import Domain
import Spreadsheet
import Store

/// A session's results roster (成绩册): every candidate's mark and pass flag per part and the
/// outcome, with counts and pass rates the bureau reports upwards; then every settled mismatch,
/// every amendment after the lock and every re-check, so that the file alone shows how each
/// mark came to be.
///
/// Scores are numbers (one decimal), so that a clerk can sort and sum them; absent (缺考) and
/// breach (违纪) stay words, never 0. The counts are COUNTIF formulas over the flags with their
/// values cached: right when opened, and still right after a clerk corrects a flag.
///
/// IDs are masked unless the caller asks for them whole (and logs that request; this type only
/// lays out).
public enum ResultsRosterWorkbook {
    static let resultsSheetName = "成绩册 Results"
    static let mismatchesSheetName = "不一致处理 Mismatches settled"
    static let amendmentsSheetName = "成绩更正 Amendments"
    static let rechecksSheetName = "复核 Re-checks"

    // The words the flag and result columns hold; the summary's COUNTIF patterns match them whole.
    static let yes = "是"
    static let no = "否"
    static let retained = "保留"
    static let passed = "合格"
    static let failed = "不合格"
    static let pending = "待定"

    /// 序号, ticket, name, ID, institution come before the parts' columns.
    static let fixedColumnCount = 5

    public static func write(_ results: SessionResults, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: title(results), subject: "成绩册 Results roster")
        let layout = SessionSheet(
            name: resultsSheetName, title: title(results),
            details: [details(results, unmasked: unmasked), notes], columns: columns(results.parts),
            rows: results.candidates.enumerated().map { row($1, number: $0 + 1, parts: results.parts, unmasked: unmasked) })
        let sheet = try layout.write(into: workbook)
        try writeSummary(results, into: sheet, layout: layout)
        for table in changeSheets(results) {
            try table.write(into: workbook)
        }
        try workbook.close()
    }

    static func title(_ results: SessionResults) -> String {
        "\(results.summary.bodyAndTarget) 成绩册 考试日期 \(results.summary.examDate)"
    }

    static func details(_ results: SessionResults, unmasked: Bool) -> String {
        let session = results.summary.session
        let locked = session.resultsLockedOn.map { "锁定日期 Locked on \($0)" } ?? "未锁定 not locked"
        let marks = results.parts.map { "\($0.part.chineseName) \($0.passMark)/\($0.maxScore)" }
        var lines = [
            "场次 Session \(results.summary.sessionNumber)　状态 Status \(session.status.chineseName) \(session.status.englishName)　"
                + "\(locked)　合格线/满分 Pass mark/max：\(marks.joined(separator: "、"))　考生 Candidates：\(results.candidates.count) 人",
        ]
        if unmasked { lines.append(ExamSessionSheets.wholeNumbersWarning) }
        return lines.joined(separator: "\n")
    }

    static let notes = "合格栏：是 / 否；“保留”为前次考试合格且在保留期内的科目，成绩为原成绩。缺考、违纪不是 0 分。"
        + "“待第二人录入”“不一致”“未录入”的成绩尚未确定，结果为“待定”。\n"
        + "Passed: 是 yes / 否 no; 保留 = passed in an earlier session and kept, with that mark. 缺考 absent and 违纪 breach "
        + "are not scores of 0. A mark awaiting a second entry, a mismatch or no entry is not final: the result is 待定 pending."

    static func columns(_ parts: [ExamPartRule]) -> [TableColumn] {
        var columns: [TableColumn] = [
            TableColumn("序号 No.", width: 6, style: .centredCell.with { $0.numberFormat = "0" }),
            .ticket, .name, .nationalId,
            TableColumn("培训机构 Institution", width: 24, style: .cell.with { $0.wrapText = true; $0.verticalAlignment = .center }),
        ]
        for rule in parts {
            let part = rule.part
            columns.append(TableColumn("\(part.chineseName) 成绩 \(part.capitalizedEnglishName) mark", width: 12, style: markStyle))
            columns.append(TableColumn("\(part.chineseName) 合格 \(part.capitalizedEnglishName) passed", width: 10,
                                       style: .centredCell))
        }
        columns.append(TableColumn("结果 Result", width: 9, style: .centredCell))
        columns.append(TableColumn("补考 Retake", width: 8, style: .centredCell))
        return columns
    }

    /// Scores show one decimal; the words in the same column are centred alike.
    static let markStyle = CellStyle.centredCell.with { $0.numberFormat = "0.0" }

    private static func row(_ candidate: CandidateResult, number: Int, parts: [ExamPartRule], unmasked: Bool) -> [CellValue] {
        var values: [CellValue] = [
            .integer(number),
            .text(candidate.ticketNumber),
            .text(candidate.name),
            .text(Masking.nationalID(candidate.nationalId, unmasked: unmasked)),
            .text(candidate.institutionName ?? "个人报名 Self-applied"),
        ]
        for rule in parts {
            let (mark, flag) = cells(candidate.standing(rule.part) ?? .notSat)
            values += [mark, flag]
        }
        values.append(.text(candidate.passed ? passed : candidate.isPending ? pending : failed))
        values.append(candidate.isRetake ? .text(yes) : .blank)
        return values
    }

    /// The mark cell and the pass-flag cell of one part. Pending states leave the flag blank, so
    /// that neither count takes them.
    static func cells(_ standing: PartStanding) -> (mark: CellValue, flag: CellValue) {
        switch standing {
        case .final(let mark, let passed): (markCell(mark), .text(passed ? yes : no))
        case .retained(let mark, _): (markCell(mark), .text(retained))
        case .awaitingSecondEntry: (.text("待第二人录入"), .blank)
        case .mismatch(let first, let second): (.text("不一致 \(first)/\(second)"), .blank)
        case .notEntered: (.text("未录入"), .blank)
        case .notSat: (.text("未考"), .text(no))
        }
    }

    /// A score as a number, absent and breach as their words.
    static func markCell(_ mark: ExamMark) -> CellValue {
        if case .score(let tenths) = mark { return .number(Double(tenths) / 10) }
        return .text(mark.description)
    }

    /// Under the candidates, one line per part (those who sat it, those who passed, the rate)
    /// and one for all candidates. A part's sitters are its marks that are numbers or 违纪, less
    /// the retained ones, which were sat in an earlier session; absent candidates did not sit.
    private static func writeSummary(_ results: SessionResults, into sheet: Worksheet,
                                     layout: SessionSheet) throws(SpreadsheetError) {
        func range(_ column: Int) -> String {
            CellRange(firstRow: layout.firstDataRow, firstColumn: column, lastRow: layout.lastDataRow, lastColumn: column).a1
        }
        let labelStyle = CellStyle.cell.with { $0.bold = true; $0.verticalAlignment = .center }
        let countStyle = CellStyle.integer.with { $0.bold = true; $0.horizontalAlignment = .center }
        let rateStyle = CellStyle.percent.with { $0.bold = true; $0.horizontalAlignment = .center }
        let countColumn = 3, passedColumn = 4, rateColumn = 5
        let headerRow = layout.lastDataRow + 2

        try sheet.mergeRange(firstRow: headerRow, firstColumn: 0, lastRow: headerRow, lastColumn: countColumn - 1,
                             text: "汇总 Summary", style: .header)
        for (column, header) in [(countColumn, "人数 Count"), (passedColumn, "合格 Passed"), (rateColumn, "合格率 Pass rate")] {
            try sheet.write(.text(header), row: headerRow, column: column, style: .header)
        }
        try sheet.setRowHeight(headerRow, height: 22)

        func line(_ offset: Int, label: String, count: (formula: String, value: Int),
                  passes: (formula: String, value: Int)) throws(SpreadsheetError) {
            let row = headerRow + 1 + offset
            try sheet.mergeRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: countColumn - 1, text: label,
                                 style: labelStyle)
            try sheet.write(.formulaNumber(count.formula, cached: Double(count.value)), row: row, column: countColumn,
                            style: countStyle)
            try sheet.write(.formulaNumber(passes.formula, cached: Double(passes.value)), row: row, column: passedColumn,
                            style: countStyle)
            let countCell = CellRange.a1(row: row, column: countColumn), passedCell = CellRange.a1(row: row, column: passedColumn)
            try sheet.write(.formulaNumber("IF(\(countCell)=0,0,\(passedCell)/\(countCell))",
                                           cached: count.value == 0 ? 0 : Double(passes.value) / Double(count.value)),
                            row: row, column: rateColumn, style: rateStyle)
            try sheet.setRowHeight(row, height: 20)
        }

        for (index, rule) in results.parts.enumerated() {
            let marks = range(fixedColumnCount + 2 * index), flags = range(fixedColumnCount + 2 * index + 1)
            let standings = results.candidates.compactMap { $0.standing(rule.part) }
            let sat = standings.filter {
                if case .final(let mark, _) = $0 { mark != .absent } else { false }
            }.count
            let passes = standings.filter { if case .final(_, true) = $0 { true } else { false } }.count
            try line(index, label: "\(rule.part.chineseName) 实考 \(rule.part.capitalizedEnglishName), sat",
                     count: ("COUNT(\(marks))+COUNTIF(\(marks),\"\(ExamMark.breach)\")-COUNTIF(\(flags),\"\(retained)\")", sat),
                     passes: ("COUNTIF(\(flags),\"\(yes)\")", passes))
        }
        let resultColumn = fixedColumnCount + 2 * results.parts.count
        try line(results.parts.count, label: "全部考生 All candidates",
                 count: ("COUNTA(\(range(2)))", results.candidates.count),
                 passes: ("COUNTIF(\(range(resultColumn)),\"\(passed)\")", results.candidates.filter(\.passed).count))

        let noteRow = headerRow + results.parts.count + 2
        try sheet.mergeRange(
            firstRow: noteRow, firstColumn: 0, lastRow: noteRow, lastColumn: layout.lastColumn,
            text: "各科合格率 = 合格人数 / 实考人数（缺考和保留的科目不计）；全部考生合格率 = 合格人数 / 考生人数。\n"
                + "A part's rate is passed / sat (absent and retained parts left out); the overall rate is passed / all candidates.",
            style: CellStyle(italic: true, wrapText: true, verticalAlignment: .center))
        try sheet.setRowHeight(noteRow, height: 34)
    }

    /// The settled mismatches, amendments and re-checks, each a sheet with a line saying so when
    /// there are none, so that an empty sheet is not taken for a failed export.
    static func changeSheets(_ results: SessionResults) -> [TableSheet] {
        let heading = "\(results.summary.bodyAndTarget) 场次 Session \(results.summary.sessionNumber)"
        let part = TableColumn("科目 Part", width: 10, style: .centredCell)
        let mark = { (header: String) in TableColumn(header, width: 11, style: markStyle) }
        let reason = TableColumn("理由 Reason", width: 30, style: .wrapped)
        let by = TableColumn("经办人 By", width: 12, style: .centredCell)
        let at = TableColumn("时间（北京时间） At (CST)", width: 20, style: .centredCell)
        let date = { (header: String) in TableColumn(header, width: 13, style: .centredCell) }
        func rows(_ rows: [[CellValue]]) -> [[CellValue]] { rows.isEmpty ? [[.text("无 None")]] : rows }

        return [
            TableSheet(name: mismatchesSheetName, title: "\(heading) 不一致处理 Mismatches settled",
                       columns: [.ticket, .name, part, mark("第一次录入 First entry"), mark("第二次录入 Second entry"),
                                 mark("确定成绩 Settled mark"), reason, by, at],
                       rows: rows(results.settledMismatches.map {
                           [.text($0.ticketNumber), .text($0.name), .text($0.part.chineseName), markCell($0.first),
                            markCell($0.second), markCell($0.settled), .text($0.reason), .text($0.settledBy),
                            .text(bureauTime($0.settledAt))]
                       })),
            TableSheet(name: amendmentsSheetName, title: "\(heading) 成绩更正 Amendments after the lock",
                       columns: [.ticket, .name, part, mark("更正前 Before"), mark("更正后 After"), reason,
                                 TableColumn("来自复核 From re-check", width: 10, style: .centredCell), by, at],
                       rows: rows(results.amendments.map {
                           [.text($0.ticketNumber), .text($0.name), .text($0.part.chineseName), markCell($0.before),
                            markCell($0.after), .text($0.reason), .text($0.fromRecheck ? yes : no), .text($0.amendedBy),
                            .text(bureauTime($0.amendedAt))]
                       })),
            TableSheet(name: rechecksSheetName, title: "\(heading) 复核 Re-checks",
                       columns: [.ticket, .name, date("申请日期 Requested on"), reason,
                                 TableColumn("结果 Outcome", width: 14, style: .centredCell), date("决定日期 Decided on"),
                                 TableColumn("说明 Note", width: 30, style: .wrapped)],
                       rows: rows(results.rechecks.map {
                           [.text($0.ticketNumber), .text($0.name), .text($0.requestedOn), .text($0.reason),
                            .text(outcome($0.outcome)), .text($0.decidedOn ?? ""), .text($0.note ?? "")]
                       })),
        ]
    }

    /// `2026-11-21 12:00:00`: the Store keeps UTC (`2026-11-21T04:00:00Z`), the bureau reads its
    /// own time.
    static func bureauTime(_ timestamp: String) -> String {
        guard let date = try? Date.ISO8601FormatStyle().parse(timestamp) else { return timestamp }
        return date.formatted(Date.ISO8601FormatStyle(dateSeparator: .dash, dateTimeSeparator: .space, timeZone: Clock.bureauTimeZone)
            .year().month().day().time(includingFractionalSeconds: false))
    }

    /// The Store keeps `unchanged` / `amended`, and nil while the bureau has not decided.
    static func outcome(_ code: String?) -> String {
        switch code {
        case nil: "待处理 undecided"
        case "unchanged"?: "维持 unchanged"
        case "amended"?: "更正 amended"
        case let other?: other
        }
    }
}
