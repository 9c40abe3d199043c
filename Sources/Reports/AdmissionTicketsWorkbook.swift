import Foundation
import Domain
import Spreadsheet
import Store

/// A session's admission tickets (准考证) as one list: every candidate with their ticket, and
/// their room and seat in every part, for the evaluation body to print tickets from or pin up
/// at the entrance, and for institutions to hand to their trainees.
///
/// IDs are masked unless the caller asks for them whole (and logs that request; this type only
/// lays out).
public enum AdmissionTicketsWorkbook {
    public static let sheetName = "准考证 Admission tickets"

    public static func write(_ sheets: ExamSessionSheets, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: title(sheets), subject: "准考证 Admission tickets")
        let parts = sheets.parts.map(\.part).sorted()
        _ = try SessionSheet(name: sheetName, title: title(sheets), details: [details(sheets, unmasked: unmasked)],
                             columns: columns(parts), rows: sheets.candidates.map { row($0, parts: parts, sheets, unmasked: unmasked) })
            .write(into: workbook)
        try workbook.close()
    }

    static func title(_ sheets: ExamSessionSheets) -> String {
        "\(sheets.bodyAndTarget) 准考证 考试日期 \(sheets.examDate)"
    }

    static func details(_ sheets: ExamSessionSheets, unmasked: Bool) -> String {
        let parts = sheets.parts.sorted { $0.part < $1.part }.map { rule in
            rule.minimumMinutes.map { "\(rule.part.chineseName)（不少于 \($0) 分钟）" } ?? rule.part.chineseName
        }
        var lines = [
            "场次 Session \(sheets.sessionNumber)　考试日期 Exam date \(sheets.examDate)　科目 Parts：\(parts.joined(separator: "、"))　"
                + "考生 Candidates：\(sheets.candidates.count) 人　请考生携带身份证和准考证提前 30 分钟到场 "
                + "Bring your ID card and ticket 30 minutes early",
        ]
        if unmasked { lines.append(ExamSessionSheets.wholeNumbersWarning) }
        return lines.joined(separator: "\n")
    }

    static func columns(_ parts: [ExamPart]) -> [TableColumn] {
        var columns: [TableColumn] = [
            .ticket, .name, TableColumn("性别 Sex", width: 6, style: .centredCell), .nationalId,
            TableColumn("培训机构 Institution", width: 26, style: .cell.with { $0.wrapText = true; $0.verticalAlignment = .center }),
        ]
        for part in parts {
            let english = part.capitalizedEnglishName
            columns.append(TableColumn("\(part.chineseName) 考场 \(english) room", width: 14, style: .centredCell))
            columns.append(TableColumn("\(part.chineseName) 座位 \(english) seat", width: 10,
                                       style: .centredCell.with { $0.numberFormat = "0" }))
        }
        columns.append(TableColumn("考试日期 Exam date", width: 12, style: .date.with { $0.horizontalAlignment = .center }))
        return columns
    }

    private static func row(_ candidate: SessionCandidate, parts: [ExamPart], _ sheets: ExamSessionSheets,
                            unmasked: Bool) -> [CellValue] {
        var values: [CellValue] = [
            .text(candidate.ticketNumber),
            .text(candidate.name),
            .text(Sex(rawValue: candidate.sex)?.chineseName ?? candidate.sex),
            .text(sheets.shownNationalID(candidate, unmasked: unmasked)),
            .text(candidate.institutionName ?? "个人报名 Self-applied"),
        ]
        for part in parts {
            let seat = candidate.seats.first { $0.part == part }
            values.append(seat.map { .text($0.roomName) } ?? .blank)
            values.append(seat.map { .integer($0.seat) } ?? .blank)
        }
        let date = try? sheets.summary.session.examDay
        values.append(date.map { .date(year: $0.year, month: $0.month, day: $0.day) } ?? .text(sheets.examDate))
        return values
    }
}
