import Foundation
import Domain
import Spreadsheet
import Store

/// A training-subsidy claim sheet (以证定补): what an institution claims for the certificates its
/// trainees obtained in a period, which its head signs and stamps and the bureau checks; then a
/// second sheet with the period's certificates left off and why, so that the institution sees
/// at once why a trainee it expected is missing.
///
/// Amounts are numbers in yuan with two decimals, so that the bureau can sum and filter them;
/// the total is a SUM formula with its value cached. A preview (a claim not recorded) says so in
/// its title and claim line, so that a printed preview cannot pass for a claim.
///
/// IDs are masked unless the caller asks for them whole (and logs that request; this type only
/// lays out).
public enum SubsidyClaimWorkbook {
    static let claimSheetName = "以证定补 Claim"
    static let leftOffSheetName = "未申领 Left off"

    enum Column: Int, CaseIterable {
        case number, certificateNumber, name, nationalId, occupation, level, issuedOn, claimableUntil, amount

        var table: TableColumn {
            switch self {
            case .number: .rowNumber
            case .certificateNumber: .certificateNumber
            case .name: .name
            case .nationalId: .nationalId
            case .occupation: TableColumn("职业 Occupation", width: 16, style: .centredWrapped)
            case .level: TableColumn("等级 Level", width: 13, style: .centredCell)
            case .issuedOn: .issuedOn
            case .claimableUntil: TableColumn("申领截止 Claimable until", width: 12, style: .centredDate)
            case .amount: TableColumn("补贴金额（元） Amount (yuan)", width: 15, style: amountStyle)
            }
        }

        func dataRange(_ layout: SessionSheet) -> String {
            CellRange(firstRow: layout.firstDataRow, firstColumn: rawValue, lastRow: layout.lastDataRow, lastColumn: rawValue).a1
        }
    }

    static let amountStyle = CellStyle.money.with { $0.verticalAlignment = .center }

    public static func write(_ claim: SubsidyClaim, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: title(claim), subject: "以证定补培训补贴申领 Training subsidy claim")
        let layout = SessionSheet(
            name: claimSheetName, title: title(claim), details: [details(claim, unmasked: unmasked)],
            columns: Column.allCases.map(\.table),
            rows: claim.lines.enumerated().map { row($1, number: $0 + 1, unmasked: unmasked) })
        let sheet = try layout.write(into: workbook)
        let totalsRow = layout.lastDataRow + 1
        try writeTotal(claim, into: sheet, row: totalsRow, layout: layout)
        try SignatureBlock(lines: [
            [.init(0, 2, "培训机构（盖章）："), .init(3, 4, "机构负责人："), .init(5, 6, "经办人："), .init(7, 8, "日期：")],
            [.init(0, 2, "人社局审核意见："), .init(3, 6, "审核人："), .init(7, 8, "日期：")],
        ]).write(into: sheet, row: totalsRow + 2)
        try leftOffSheet(claim, unmasked: unmasked).write(into: workbook)
        try workbook.close()
    }

    static func title(_ claim: SubsidyClaim) -> String {
        "\(claim.institution.name) 以证定补培训补贴申领表" + (claim.id == nil ? "（预览）" : "")
    }

    static func details(_ claim: SubsidyClaim, unmasked: Bool) -> String {
        let period = "\(claim.period.start) 至 \(claim.period.end)"
        let claimNumber = claim.id.map { "申领编号 Claim No. \($0)" } ?? "预览，未登记 Preview, not recorded"
        var lines = [
            "申领期间 Period \(period)　\(claimNumber)　申领日期 Claimed on \(claim.claimedOn)　"
                + "证书 Certificates \(claim.lines.count) 本　合计 Total \(claim.total) 元",
        ]
        if let code = claim.institution.creditCode {
            lines.append("统一社会信用代码 Credit code \(code)")
        }
        if unmasked { lines.append(ExamSessionSheets.wholeNumbersWarning) }
        return lines.joined(separator: "\n")
    }

    private static func row(_ line: ClaimLine, number: Int, unmasked: Bool) -> [CellValue] {
        let certificate = line.certificate
        let values: [Column: CellValue] = [
            .number: .integer(number),
            .certificateNumber: .text(certificate.number),
            .name: .text(certificate.name),
            .nationalId: .text(Masking.nationalID(certificate.nationalId, unmasked: unmasked)),
            .occupation: .text(certificate.occupationOrItem),
            .level: .text(certificate.levelName),
            .issuedOn: certificate.issuedOnCell,
            .claimableUntil: CertificateLine.dateCell(line.claimableUntil),
            .amount: .number(yuan(line.amount)),
        ]
        return Column.allCases.map { values[$0] ?? .blank }
    }

    /// Fen as yuan for the sheet: the double nearest the exact amount, which shows exactly with two
    /// decimals. The claim itself stays in integer fen in the Store; this is display only.
    static func yuan(_ money: Money) -> Double { Double(money.fen) / 100 }

    /// The count of certificates under their numbers and the total under the amounts, as
    /// formulas with their values cached.
    private static func writeTotal(_ claim: SubsidyClaim, into sheet: Worksheet, row: Int,
                                   layout: SessionSheet) throws(SpreadsheetError) {
        let bold = CellStyle.cell.with { $0.bold = true; $0.verticalAlignment = .center }
        for column in Column.allCases {
            try sheet.write(.blank, row: row, column: column.rawValue, style: .cell)
        }
        try sheet.write(.text("合计 Total"), row: row, column: Column.number.rawValue, style: bold)
        try sheet.write(.formulaNumber("COUNTA(\(Column.certificateNumber.dataRange(layout)))", cached: Double(claim.lines.count)),
                        row: row, column: Column.certificateNumber.rawValue,
                        style: CellStyle.integer.with { $0.bold = true; $0.horizontalAlignment = .center; $0.numberFormat = "0\" 本\"" })
        try sheet.write(.formulaNumber("SUM(\(Column.amount.dataRange(layout)))", cached: yuan(claim.total)),
                        row: row, column: Column.amount.rawValue, style: amountStyle.with { $0.bold = true })
        try sheet.setRowHeight(row, height: 22)
    }

    /// The certificates of the period not claimed here, with the reason in both languages; a
    /// line saying so when there are none, so that an empty sheet is not taken for a failed export.
    static func leftOffSheet(_ claim: SubsidyClaim, unmasked: Bool) -> TableSheet {
        let rows: [[CellValue]] = claim.leftOff.map { left in
            let certificate = left.certificate
            let (chinese, english) = reason(left)
            return [.text(certificate.number), .text(certificate.name),
                    .text(Masking.nationalID(certificate.nationalId, unmasked: unmasked)), .text(certificate.targetName),
                    certificate.issuedOnCell, .text(chinese), .text(english)]
        }
        return TableSheet(
            name: leftOffSheetName,
            title: "\(claim.institution.name) \(claim.period.start) 至 \(claim.period.end) 未申领证书 Certificates left off",
            columns: [.certificateNumber, .name, .nationalId,
                      TableColumn("职业/项目 Occupation/item", width: 24, style: .centredWrapped), .issuedOn,
                      TableColumn("原因", width: 30, style: .wrapped), TableColumn("Reason", width: 36, style: .wrapped)],
            rows: rows.isEmpty ? [[.text("无 None")]] : rows)
    }

    /// Why a certificate is left off, in both languages: the sheet's words, and a page's.
    public static func reason(_ left: UnclaimableCertificate) -> (chinese: String, english: String) {
        switch left.reason {
        case .alreadyClaimed(let claimId):
            ("已在申领 \(claimId) 中申领", "already claimed in claim \(claimId)")
        case .expired(let until):
            ("已过申领期限（\(until) 截止）", "past the claim deadline (\(until))")
        case .revoked:
            left.certificate.revokedOn.map { ("证书已于 \($0) 撤销", "certificate revoked on \($0)") }
                ?? ("证书已撤销", "certificate revoked")
        case .noRate:
            ("目录中没有该职业、等级的补贴标准", "the catalog has no subsidy rate for this occupation and level")
        }
    }
}
