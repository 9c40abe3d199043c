import Foundation
import Domain
import Spreadsheet
import Store

/// A certificate roster (证书名册): the certificates of a session, an institution or a period,
/// one line each with holder, occupation, level, issue date, bodies and status, which the bureau
/// files and an institution hands to its trainees' employers.
///
/// Revoked certificates stay on the roster with the date and reason, since their numbers are
/// never given again and a roster that dropped them would have gaps nobody could explain. The
/// totals are formulas (all certificates, the valid ones) with their values cached.
///
/// IDs are masked unless the caller asks for them whole (and logs that request; this type only
/// lays out).
public enum CertificateRosterWorkbook {
    static let sheetName = "证书名册 Certificates"

    /// The status words; the valid count's COUNTIF matches `valid` whole, and a revoked line
    /// starts with `revoked`.
    static let valid = "有效"
    static let revoked = "已撤销"

    /// The columns in print order; the raw value is the zero-based column index.
    enum Column: Int, CaseIterable {
        case number, certificateNumber, name, sex, nationalId, occupation, level, issuedOn, body, institution, status, reissues

        var table: TableColumn {
            switch self {
            case .number: .rowNumber
            case .certificateNumber: .certificateNumber
            case .name: .name
            case .sex: TableColumn("性别 Sex", width: 6, style: .centredCell)
            case .nationalId: .nationalId
            case .occupation: TableColumn("职业/项目 Occupation/item", width: 16, style: .centredWrapped)
            case .level: TableColumn("等级 Level", width: 13, style: .centredCell)
            case .issuedOn: .issuedOn
            case .body: TableColumn("评价机构 Evaluation body", width: 20, style: .centredWrapped)
            case .institution: TableColumn("培训机构 Training institution", width: 20, style: .centredWrapped)
            case .status: TableColumn("状态 Status", width: 30, style: .cell.with { $0.wrapText = true; $0.verticalAlignment = .center })
            case .reissues: TableColumn("补发次数 Reissues", width: 9, style: .centredCell.with { $0.numberFormat = "0" })
            }
        }

        /// The column's data cells, `B4:B6`, for the totals' formulas.
        func dataRange(_ layout: SessionSheet, lastDataRow: Int) -> String {
            CellRange(firstRow: layout.firstDataRow, firstColumn: rawValue, lastRow: lastDataRow, lastColumn: rawValue).a1
        }
    }

    /// `title` says what the roster covers (`考试场次 3`, an institution's name, a period); the
    /// sheet's title is it followed by 证书名册.
    public static func write(_ lines: [CertificateLine], title: String, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
        let roster = try Writer(title: title, unmasked: unmasked, to: url)
        for line in lines { try roster.append(line) }
        try roster.finish()
    }

    /// A roster written line by line as the Store reads them: a city's year is a million
    /// certificates, which neither the lines nor their cells should have to fit in memory.
    ///
    /// The workbook is in constant-memory mode, so everything goes top to bottom: title,
    /// details and header on creation, one row per `append`, and the totals (counted while
    /// appending) with the autofilter by `finish()`, which writes the file. Small rosters take
    /// the same path, so what the tests read back is what a city gets.
    public final class Writer {
        /// The certificates appended so far, and how many of them are valid.
        public private(set) var count = 0
        public private(set) var validCount = 0

        private let workbook: Workbook
        private let sheet: Worksheet
        private let layout: SessionSheet
        private let unmasked: Bool
        /// One per column, resolved once: each cell then costs no style lookup.
        private let formats: [CellFormat]
        private let rowHeight: Double

        public init(title: String, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
            let workbook = try Workbook(path: url.path, constantMemory: true)
            let heading = "\(title) 证书名册"
            try workbook.setProperties(title: heading, subject: "证书名册 Certificate roster")
            let layout = SessionSheet(
                name: sheetName, title: heading, details: [details(unmasked: unmasked)],
                columns: Column.allCases.map(\.table), rows: [],
                // Two lines of a revocation reason, wrapped.
                rowHeight: 30)
            sheet = try layout.writeHead(into: workbook)
            formats = Column.allCases.map { workbook.cellFormat($0.table.style) }
            rowHeight = layout.rowHeight
            self.workbook = workbook
            self.layout = layout
            self.unmasked = unmasked
        }

        public func append(_ line: CertificateLine) throws(SpreadsheetError) {
            let row = layout.firstDataRow + count
            count += 1
            if !line.isRevoked { validCount += 1 }
            try write(.integer(count), row, .number)
            try write(.text(line.number), row, .certificateNumber)
            try write(.text(line.name), row, .name)
            try write(.text(line.sexName), row, .sex)
            try write(.text(Masking.nationalID(line.nationalId, unmasked: unmasked)), row, .nationalId)
            try write(.text(line.occupationOrItem), row, .occupation)
            try write(line.level.map { .text($0.chineseName) } ?? .blank, row, .level)
            try write(line.issuedOnCell, row, .issuedOn)
            try write(.text(line.bodyName), row, .body)
            try write(.text(line.trainingInstitution), row, .institution)
            try write(.text(status(line)), row, .status)
            try write(.integer(line.reissues), row, .reissues)
            try sheet.setRowHeight(row, height: rowHeight)
        }

        /// Writes the totals under the lines and the file; call it once, after the last line.
        public func finish() throws(SpreadsheetError) {
            // An empty roster still gets one bordered row, so that it prints as a grid and the
            // totals' ranges stay valid.
            let lastDataRow = layout.firstDataRow + max(count, 1) - 1
            if count == 0 {
                for column in Column.allCases { try write(.blank, lastDataRow, column) }
                try sheet.setRowHeight(lastDataRow, height: rowHeight)
            }
            // Before the totals: constant-memory mode accepts an autofilter only while its last
            // row is the row being written.
            try layout.finish(sheet, lastDataRow: lastDataRow)
            try writeTotals(lastDataRow: lastDataRow)
            try workbook.close()
        }

        /// Leaves no file behind when the lines could not all be read: a roster that stops
        /// halfway would look complete, totals and all.
        public func abandon() {
            try? workbook.close()
            try? FileManager.default.removeItem(atPath: workbook.path)
        }

        private func write(_ value: CellValue, _ row: Int, _ column: Column) throws(SpreadsheetError) {
            try sheet.write(value, row: row, column: column.rawValue, format: formats[column.rawValue])
        }

        /// One line under the certificates: the count of all (`3 本`) under the numbers and the
        /// count of valid ones (`有效 2 本`) under the statuses, each a formula with its value cached.
        private func writeTotals(lastDataRow: Int) throws(SpreadsheetError) {
            let row = lastDataRow + 1
            let bold = CellStyle.cell.with { $0.bold = true; $0.verticalAlignment = .center }
            let count = { (format: String) in
                CellStyle.integer.with { $0.bold = true; $0.horizontalAlignment = .center; $0.numberFormat = format }
            }
            // Left to right: constant-memory mode writes a row's cells in the order they come.
            for column in Column.allCases {
                let cell: (CellValue, CellStyle) = switch column {
                case .number: (.text("合计 Total"), bold)
                case .certificateNumber:
                    (.formulaNumber("COUNTA(\(column.dataRange(layout, lastDataRow: lastDataRow)))", cached: Double(self.count)),
                     count("0\" 本\""))
                // Shown as "有效 2 本" but stored as the number 2.
                case .status:
                    (.formulaNumber("COUNTIF(\(column.dataRange(layout, lastDataRow: lastDataRow)),\"\(valid)\")",
                                    cached: Double(validCount)),
                     count("\"\(valid) \"0\" 本\""))
                default: (.blank, .cell)
                }
                try sheet.write(cell.0, row: row, column: column.rawValue, style: cell.1)
            }
            try sheet.setRowHeight(row, height: 22)
        }
    }

    static func details(unmasked: Bool) -> String {
        var lines = [
            "状态：有效，或已撤销（撤销日期）及理由；已撤销证书的编号不再使用。补发（遗失、损毁）不改变证书编号，补发次数为已补发的次数。",
            "Status: 有效 valid, or 已撤销 revoked (date) with the reason; a revoked number is never used again. "
                + "A reissue (lost, damaged) keeps the number; 补发次数 counts the reissues.",
        ]
        if unmasked { lines.append(ExamSessionSheets.wholeNumbersWarning) }
        return lines.joined(separator: "\n")
    }

    /// `有效`, or `已撤销（2026-11-21）：信息不实`.
    static func status(_ line: CertificateLine) -> String {
        guard let revokedOn = line.revokedOn else { return valid }
        let reason = line.revocationReason.map { "：\($0)" } ?? ""
        return "\(revoked)（\(revokedOn)）\(reason)"
    }
}

extension CellStyle {
    /// Names of bodies and occupations: centred, wrapped when long.
    static let centredWrapped = CellStyle.centredCell.with { $0.wrapText = true }
}
