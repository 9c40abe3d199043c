import Foundation
import Domain
import Spreadsheet
import Store

/// A session's sign-in sheets (签到表), one worksheet per room: each candidate signs on their
/// seat's line, and the room's invigilators or examiners count who came and sign underneath.
///
/// IDs are masked unless the caller asks for them whole (and logs that request; this type only
/// lays out): the staff compare the last four digits with the ID card.
public enum SignInSheetWorkbook {
    static let columns: [TableColumn] = [
        .seat, .ticket, .name, .nationalId,
        TableColumn("签名 Signature", width: 18), TableColumn("备注 Notes", width: 14),
    ]
    static let nameColumn = 2

    public static func write(_ sheets: ExamSessionSheets, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: "\(sheets.bodyAndTarget) 签到表", subject: "签到表 Sign-in sheets")
        let names = SheetName.safe(sheets.rooms.map(\.room.name), fallback: "考场 Room")
        for (room, name) in zip(sheets.rooms, names) {
            let layout = SessionSheet(
                name: name, title: "\(room.room.name) 考生签到表 Sign-in sheet", details: [details(sheets, room, unmasked: unmasked)],
                columns: columns, rows: room.seated.map { row($0, sheets, unmasked: unmasked) },
                // Tall enough to sign by hand; the six columns read well upright.
                rowHeight: 30, orientation: .portrait)
            let sheet = try layout.write(into: workbook)
            try writeStaffBlock(room, into: sheet, layout: layout)
        }
        if sheets.rooms.isEmpty { try ExamSessionSheets.writeNoRoomsSheet(into: workbook) }
        try workbook.close()
    }

    static func details(_ sheets: ExamSessionSheets, _ room: SessionRoomSheet, unmasked: Bool) -> String {
        let part = room.room.part
        var lines = [
            "\(sheets.bodyAndTarget)　场次 Session \(sheets.sessionNumber)　考场 Room \(room.room.name)　"
                + "科目 Part \(part.chineseName) \(part.englishName)　考试日期 Exam date \(sheets.examDate)",
        ]
        if unmasked { lines.append(ExamSessionSheets.wholeNumbersWarning) }
        return lines.joined(separator: "\n")
    }

    private static func row(_ seated: SeatedCandidate, _ sheets: ExamSessionSheets, unmasked: Bool) -> [CellValue] {
        [.integer(seated.seat), .text(seated.candidate.ticketNumber), .text(seated.candidate.name),
         .text(sheets.shownNationalID(seated.candidate, unmasked: unmasked)), .blank, .blank]
    }

    /// The head count as a formula over the names (so a line struck off on the day still
    /// counts right when retyped), a box for those present, then one line per invigilator or
    /// examiner to sign, or a blank one to fill in when nobody is assigned yet.
    private static func writeStaffBlock(_ room: SessionRoomSheet, into sheet: Worksheet,
                                        layout: SessionSheet) throws(SpreadsheetError) {
        let label = CellStyle(bold: true, verticalAlignment: .center)
        let countRow = layout.lastDataRow + 2
        let letter = String(UnicodeScalar(UInt8(65 + nameColumn)))
        try sheet.mergeRange(firstRow: countRow, firstColumn: 0, lastRow: countRow, lastColumn: 1,
                             text: "应考人数 Candidates", style: label)
        try sheet.write(.formulaNumber("COUNTA(\(letter)\(layout.firstDataRow + 1):\(letter)\(layout.lastDataRow + 1))",
                                       cached: Double(room.seated.count)),
                        row: countRow, column: nameColumn, style: .centredCell.with { $0.numberFormat = "0\" 人\"" })
        try sheet.write(.text("实到人数 Present"), row: countRow, column: 3, style: label.with { $0.horizontalAlignment = .right })
        try sheet.write(.blank, row: countRow, column: 4, style: .cell)
        try sheet.setRowHeight(countRow, height: 26)

        let role = room.room.part == .theory ? "监考员 Invigilator" : "考评员 Examiner"
        let names = room.examinerNames.isEmpty ? [""] : room.examinerNames
        for (offset, name) in names.enumerated() {
            let row = countRow + 2 + offset
            try sheet.mergeRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: 2,
                                 text: "\(role)：\(name)", style: label)
            try sheet.mergeRange(firstRow: row, firstColumn: 3, lastRow: row, lastColumn: 5,
                                 text: "签名 Signature：＿＿＿＿＿＿＿＿＿＿", style: label)
            try sheet.setRowHeight(row, height: 30)
        }
    }
}
