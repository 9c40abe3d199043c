import Domain
import Spreadsheet
import Store

/// The layout the admission tickets, sign-in sheets and score sheets of a session share: a
/// merged title, merged lines of session facts and notes under it, a bilingual header and one
/// bordered row per candidate; header frozen, autofilter on, A4 one page wide with title and
/// header repeated on every page.
struct SessionSheet {
    let name: String
    let title: String
    /// One merged row each; a line may hold line breaks.
    let details: [String]
    let columns: [TableColumn]
    let rows: [[CellValue]]
    /// Taller rows leave room for a handwritten signature.
    var rowHeight: Double = 20
    var orientation: PrintSetup.Orientation = .landscape

    static let titleRow = 0
    var headerRow: Int { Self.titleRow + 1 + details.count }
    var firstDataRow: Int { headerRow + 1 }
    /// An empty room still gets one bordered row, so that the sheet prints as a grid and the
    /// ranges of validations and counts stay valid.
    var lastDataRow: Int { firstDataRow + max(rows.count, 1) - 1 }
    var lastColumn: Int { columns.count - 1 }

    func write(into workbook: Workbook) throws(SpreadsheetError) -> Worksheet {
        let sheet = try writeHead(into: workbook)
        for row in firstDataRow...lastDataRow {
            let values = rows.indices.contains(row - firstDataRow) ? rows[row - firstDataRow] : []
            for (index, column) in columns.enumerated() {
                try sheet.write(values.indices.contains(index) ? values[index] : .blank, row: row, column: index,
                                style: column.style)
            }
            try sheet.setRowHeight(row, height: rowHeight)
        }
        try finish(sheet, lastDataRow: lastDataRow)
        return sheet
    }

    /// Everything above the data rows (widths, title, details, header), top to bottom, so that a
    /// sheet written in constant-memory mode can stream its rows after it.
    func writeHead(into workbook: Workbook) throws(SpreadsheetError) -> Worksheet {
        let sheet = try workbook.addSheet(name)
        for (index, column) in columns.enumerated() {
            try sheet.setColumnWidth(index, width: column.width)
        }
        try sheet.mergeRange(firstRow: Self.titleRow, firstColumn: 0, lastRow: Self.titleRow, lastColumn: lastColumn,
                             text: title, style: .title)
        try sheet.setRowHeight(Self.titleRow, height: 30)
        for (offset, line) in details.enumerated() {
            let row = Self.titleRow + 1 + offset
            try sheet.mergeRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: lastColumn, text: line,
                                 style: Self.detailStyle)
            // Merged cells never grow to fit their text, so the height follows the line count.
            let lineCount = line.split(separator: "\n", omittingEmptySubsequences: false).count
            try sheet.setRowHeight(row, height: Double(14 * lineCount + 6))
        }
        for (index, column) in columns.enumerated() {
            try sheet.write(.text(column.header), row: headerRow, column: index, style: .header)
        }
        try sheet.setRowHeight(headerRow, height: 30)
        return sheet
    }

    /// What needs the last data row: the frozen header, the autofilter and the print setup.
    func finish(_ sheet: Worksheet, lastDataRow: Int) throws(SpreadsheetError) {
        try sheet.freezePanes(row: firstDataRow, column: 0)
        try sheet.autofilter(firstRow: headerRow, firstColumn: 0, lastRow: lastDataRow, lastColumn: lastColumn)
        // Narrow side margins (1 cm) keep the columns legible at one page wide.
        try sheet.apply(.listing(repeatRows: Self.titleRow...headerRow, orientation: orientation,
                                 margins: .init(left: 0.4, right: 0.4, top: 0.6, bottom: 0.6), centerHorizontally: true))
    }

    private static let detailStyle = CellStyle(wrapText: true, horizontalAlignment: .left, verticalAlignment: .center)
}

/// The columns and words the session workbooks share, so that a ticket, an ID and a
/// session read the same on each.
extension TableColumn {
    static let ticket = TableColumn("准考证号 Ticket", width: 16, style: .centredText)
    static let name = TableColumn("姓名 Name", width: 12, style: .centredCell)
    static let nationalId = TableColumn("身份证号 National ID", width: 21, style: .centredText)
    static let seat = TableColumn("座位号 Seat", width: 8, style: .centredCell.with { $0.numberFormat = "0" })
}

extension CellStyle {
    static let centredCell = CellStyle.cell.with { $0.horizontalAlignment = .center; $0.verticalAlignment = .center }
    /// Tickets and IDs: text, so that Excel neither rounds 18 digits nor drops leading zeros.
    static let centredText = CellStyle.text.with { $0.horizontalAlignment = .center; $0.verticalAlignment = .center }
}

/// What every session workbook (tickets, room sheets, results) says about its session.
extension ExamSessionSummary {
    /// `中山市丙职业技能评价中心 中式烹调师 五级/初级工`.
    var bodyAndTarget: String { "\(bodyName) \(targetName)" }
    var examDate: String { session.examDate }
    var sessionNumber: String { session.id.map { String($0) } ?? "" }
}

extension Masking {
    /// Masked (`440524********0014`) unless the caller asked for the whole number.
    static func nationalID(_ text: String, unmasked: Bool) -> String {
        unmasked ? text : nationalID(text)
    }
}

extension ExamPart {
    /// `Theory`, for the English half of a column header.
    var capitalizedEnglishName: String { englishName.prefix(1).uppercased() + englishName.dropFirst() }
}

extension ExamSessionSheets {
    var bodyAndTarget: String { summary.bodyAndTarget }
    var examDate: String { summary.examDate }
    var sessionNumber: String { summary.sessionNumber }

    func shownNationalID(_ candidate: SessionCandidate, unmasked: Bool) -> String {
        Masking.nationalID(candidate.nationalId, unmasked: unmasked)
    }

    /// A line every sheet with whole numbers carries, so that a printout left on a desk says
    /// what it holds.
    static let wholeNumbersWarning = "本表含完整身份证号，请妥善保管 Contains whole ID numbers: keep it confidential"

    /// The sheet a room workbook holds when the reader may see no rooms (institution users
    /// receive admission tickets only), instead of a workbook without sheets, which Excel
    /// cannot open.
    static func writeNoRoomsSheet(into workbook: Workbook) throws(SpreadsheetError) {
        let sheet = try workbook.addSheet("说明 Note")
        try sheet.setColumnWidth(0, width: 90)
        try sheet.write(.text("本场次没有可查看的考场：机构用户只能打印准考证 No rooms to show: institution users receive admission tickets only"),
                        row: 0, column: 0, style: CellStyle(wrapText: true))
    }
}
