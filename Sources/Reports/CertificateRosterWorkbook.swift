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
        func dataRange(_ layout: SessionSheet) -> String {
            CellRange(firstRow: layout.firstDataRow, firstColumn: rawValue, lastRow: layout.lastDataRow, lastColumn: rawValue).a1
        }
    }

    /// `title` says what the roster covers (`考试场次 3`, an institution's name, a period); the
    /// sheet's title is it followed by 证书名册.
    public static func write(_ lines: [CertificateLine], title: String, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        let heading = "\(title) 证书名册"
        try workbook.setProperties(title: heading, subject: "证书名册 Certificate roster")
        let layout = SessionSheet(
            name: sheetName, title: heading, details: [details(unmasked: unmasked)],
            columns: Column.allCases.map(\.table),
            rows: lines.enumerated().map { row($1, number: $0 + 1, unmasked: unmasked) },
            // Two lines of a revocation reason, wrapped.
            rowHeight: 30)
        let sheet = try layout.write(into: workbook)
        try writeTotals(lines, into: sheet, layout: layout)
        try workbook.close()
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

    private static func row(_ line: CertificateLine, number: Int, unmasked: Bool) -> [CellValue] {
        let values: [Column: CellValue] = [
            .number: .integer(number),
            .certificateNumber: .text(line.number),
            .name: .text(line.name),
            .sex: .text(line.sexName),
            .nationalId: .text(Masking.nationalID(line.nationalId, unmasked: unmasked)),
            .occupation: .text(line.occupationOrItem),
            .level: line.level.map { .text($0.chineseName) } ?? .blank,
            .issuedOn: line.issuedOnCell,
            .body: .text(line.bodyName),
            .institution: .text(line.trainingInstitution),
            .status: .text(status(line)),
            .reissues: .integer(line.reissues),
        ]
        return Column.allCases.map { values[$0] ?? .blank }
    }

    /// `有效`, or `已撤销（2026-11-21）：信息不实`.
    static func status(_ line: CertificateLine) -> String {
        guard let revokedOn = line.revokedOn else { return valid }
        let reason = line.revocationReason.map { "：\($0)" } ?? ""
        return "\(revoked)（\(revokedOn)）\(reason)"
    }

    /// One line under the certificates: the count of all (`3 本`) under the numbers and the count
    /// of valid ones (`有效 2 本`) under the statuses, each a formula with its value cached.
    private static func writeTotals(_ lines: [CertificateLine], into sheet: Worksheet,
                                    layout: SessionSheet) throws(SpreadsheetError) {
        let row = layout.lastDataRow + 1
        let bold = CellStyle.cell.with { $0.bold = true; $0.verticalAlignment = .center }
        let count = { (format: String) in
            CellStyle.integer.with { $0.bold = true; $0.horizontalAlignment = .center; $0.numberFormat = format }
        }
        for column in Column.allCases {
            try sheet.write(.blank, row: row, column: column.rawValue, style: .cell)
        }
        try sheet.write(.text("合计 Total"), row: row, column: Column.number.rawValue, style: bold)
        try sheet.write(.formulaNumber("COUNTA(\(Column.certificateNumber.dataRange(layout)))",
                                       cached: Double(lines.count)),
                        row: row, column: Column.certificateNumber.rawValue, style: count("0\" 本\""))
        // Shown as "有效 2 本" but stored as the number 2.
        try sheet.write(.formulaNumber("COUNTIF(\(Column.status.dataRange(layout)),\"\(valid)\")",
                                       cached: Double(lines.filter { !$0.isRevoked }.count)),
                        row: row, column: Column.status.rawValue, style: count("\"\(valid) \"0\" 本\""))
        try sheet.setRowHeight(row, height: 22)
    }
}

extension CellStyle {
    /// Names of bodies and occupations: centred, wrapped when long.
    static let centredWrapped = CellStyle.centredCell.with { $0.wrapText = true }
}
