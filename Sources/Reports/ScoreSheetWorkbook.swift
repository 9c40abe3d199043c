import Foundation
import Domain
import Spreadsheet
import Store

/// A session's score sheets (评分表), one worksheet per room (a room holds one part): the
/// examiners fill in each candidate's score, or mark them absent or in breach, and sign; the
/// results are later read back from the very file, so the header row is fixed and the ticket
/// and the part's code on every line say whose score it is.
///
/// IDs are masked unless the caller asks for them whole (and logs that request; this type only
/// lays out).
public enum ScoreSheetWorkbook {
    /// The header row, exactly as the results import finds its columns.
    public static let headers = [
        "准考证号 Ticket", "姓名 Name", "身份证号 National ID", "科目 Part", "成绩 Score", "缺考/违纪 Absent/Breach", "考评员签名 Examiner",
    ]
    /// What the absent/breach column accepts: outcomes of their own, never a score of 0.
    public static let outcomes = ["缺考", "违纪"]
    static let scoreColumn = 4
    static let outcomeColumn = 5

    static let columns: [TableColumn] = [
        .ticket, .name, .nationalId,
        TableColumn(headers[3], width: 11, style: .centredText),
        TableColumn(headers[4], width: 10, style: .centredCell.with { $0.numberFormat = "0.0" }),
        TableColumn(headers[5], width: 14, style: .centredCell),
        TableColumn(headers[6], width: 14),
    ]

    public static func write(_ sheets: ExamSessionSheets, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: "\(sheets.bodyAndTarget) 评分表", subject: "评分表 Score sheets")
        let names = SheetName.safe(sheets.rooms.map(\.room.name), fallback: "考场 Room")
        for (room, name) in zip(sheets.rooms, names) {
            let rule = sheets.parts.first { $0.part == room.room.part }
                ?? ExamPartRule(scope: sheets.summary.session.target.scope, part: room.room.part)
            let layout = SessionSheet(
                name: name, title: "\(room.room.name) 评分表 Score sheet",
                details: [details(sheets, room, rule: rule, unmasked: unmasked), notes(rule)],
                columns: columns, rows: room.seated.map { row($0, part: room.room.part, sheets, unmasked: unmasked) },
                rowHeight: 24, orientation: .portrait)
            let sheet = try layout.write(into: workbook)
            try addValidations(to: sheet, layout: layout, rule: rule)
        }
        if sheets.rooms.isEmpty { try ExamSessionSheets.writeNoRoomsSheet(into: workbook) }
        try workbook.close()
    }

    static func details(_ sheets: ExamSessionSheets, _ room: SessionRoomSheet, rule: ExamPartRule, unmasked: Bool) -> String {
        let part = room.room.part
        var lines = [
            "\(sheets.bodyAndTarget)　场次 Session \(sheets.sessionNumber)　考场 Room \(room.room.name)　"
                + "科目 Part \(part.chineseName) \(part.rawValue)　满分 Max score \(rule.maxScore)　合格线 Pass mark \(rule.passMark)　"
                + "考试日期 Exam date \(sheets.examDate)",
        ]
        if unmasked { lines.append(ExamSessionSheets.wholeNumbersWarning) }
        return lines.joined(separator: "\n")
    }

    static func notes(_ rule: ExamPartRule) -> String {
        "填写说明：成绩填 0–\(rule.maxScore) 的数字，保留一位小数；缺考或违纪的考生成绩留空，在“缺考/违纪”栏选 缺考 或 违纪；考评员逐行签名。\n"
            + "How to fill: a score from 0 to \(rule.maxScore) with one decimal; for an absent candidate or a breach leave the "
            + "score blank and choose 缺考 (absent) or 违纪 (breach); the examiner signs each line."
    }

    private static func row(_ seated: SeatedCandidate, part: ExamPart, _ sheets: ExamSessionSheets, unmasked: Bool) -> [CellValue] {
        [.text(seated.candidate.ticketNumber), .text(seated.candidate.name),
         .text(sheets.shownNationalID(seated.candidate, unmasked: unmasked)), .text(part.rawValue), .blank, .blank, .blank]
    }

    /// Excel refuses a score outside 0…max and anything but the two outcomes as the examiner
    /// types, so that a mistyped 85 as 855 is caught in the room rather than at import.
    private static func addValidations(to sheet: Worksheet, layout: SessionSheet, rule: ExamPartRule) throws(SpreadsheetError) {
        try sheet.addDecimalValidation(
            firstRow: layout.firstDataRow, firstColumn: scoreColumn, lastRow: layout.lastDataRow, lastColumn: scoreColumn,
            min: 0, max: Double(rule.maxScore),
            prompt: ValidationMessage(title: "成绩 Score", text: "0–\(rule.maxScore)，一位小数；缺考或违纪留空 (blank if absent)"),
            error: ValidationMessage(title: "成绩无效 Invalid score", text: "成绩应为 0–\(rule.maxScore) 的数字 A score is 0 to \(rule.maxScore)"))
        try sheet.addListValidation(
            firstRow: layout.firstDataRow, firstColumn: outcomeColumn, lastRow: layout.lastDataRow, lastColumn: outcomeColumn,
            values: outcomes,
            prompt: ValidationMessage(title: "缺考/违纪 Absent/Breach", text: "仅在缺考或违纪时选择，成绩留空 Only when absent or in breach"),
            error: ValidationMessage(title: "只能选 缺考 或 违纪", text: "请选择 缺考 或 违纪，或留空 Choose 缺考 or 违纪, or leave blank"))
    }
}
