import Foundation
import Domain
import Spreadsheet
import Store

/// The apprentice roster (学徒花名册) an institution or the bureau keeps, and the bureau's filing
/// list (备案名单) of the apprenticeships filed in a period with the advance each was granted.
/// IDs are masked unless the caller asks for them whole (and records that).
public enum ApprenticeWorkbooks {
    public static let rosterSheet = "学徒花名册 Apprentices"
    public static let filingSheet = "备案名单 Filed"

    public static func writeRoster(_ lines: [ApprenticeshipLine], title: String, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try TableSheet(
            name: rosterSheet, title: "\(title) 企业新型学徒制学徒花名册 Apprentice roster",
            columns: [TableColumn("序号 No.", width: 7), TableColumn("企业 Enterprise", width: 22), TableColumn("统一社会信用代码 Credit code", width: 22),
                      TableColumn("培训机构 Institution", width: 22), TableColumn("姓名 Name", width: 12), TableColumn("身份证号 National ID", width: 21),
                      TableColumn("职业 Occupation", width: 14), TableColumn("目标等级 Target level", width: 14), TableColumn("开始 Start", width: 12),
                      TableColumn("结束 End", width: 12), TableColumn("企业导师 Enterprise mentor", width: 14),
                      TableColumn("院校导师 Institution mentor", width: 14), TableColumn("状态 Status", width: 12)],
            rows: lines.enumerated().map { index, line in
                let a = line.apprenticeship
                return [.number(Double(index + 1)), .text(line.enterpriseName), .text(line.creditCode), .text(line.institutionName),
                        .text(line.name), .text(Masking.nationalID(line.nationalId, unmasked: unmasked)), .text(line.occupationName),
                        .text(levelName(a)), .text(a.startDate), .text(a.endDate), .text(a.enterpriseMentor),
                        .text(a.institutionMentor), .text(a.status.chineseName)]
            }).write(into: workbook)
        try workbook.close()
    }

    public static func writeFilingList(_ lines: [ApprenticeshipLine], period: String, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        let money = CellStyle.cell.with { $0.numberFormat = "#,##0.00" }
        try TableSheet(
            name: filingSheet, title: "\(period) 企业新型学徒制备案名单 Apprenticeships filed",
            columns: [TableColumn("序号 No.", width: 7), TableColumn("备案日期 Filed on", width: 12), TableColumn("企业 Enterprise", width: 22),
                      TableColumn("统一社会信用代码 Credit code", width: 22), TableColumn("姓名 Name", width: 12),
                      TableColumn("身份证号 National ID", width: 21), TableColumn("职业 Occupation", width: 14),
                      TableColumn("目标等级 Target level", width: 14), TableColumn("培养月数 Months", width: 10),
                      TableColumn("年补贴（元） Yearly rate", width: 14, style: money), TableColumn("预付（元） Advance", width: 14, style: money)],
            rows: lines.enumerated().map { index, line in
                let a = line.apprenticeship
                return [.number(Double(index + 1)), .text(a.filedOn ?? ""), .text(line.enterpriseName), .text(line.creditCode), .text(line.name),
                        .text(Masking.nationalID(line.nationalId, unmasked: unmasked)), .text(line.occupationName), .text(levelName(a)),
                        .number(Double(line.money.plannedMonths)), .number(yuan(line.money.yearlyRate)), .number(yuan(line.money.advance ?? .zero))]
            }).write(into: workbook)
        try workbook.close()
    }

    private static func levelName(_ apprenticeship: Apprenticeship) -> String {
        (try? apprenticeship.targetSkillLevel.chineseName) ?? apprenticeship.targetLevel
    }

    /// Fen as yuan for display only; the Store keeps integer fen.
    private static func yuan(_ money: Money) -> Double { Double(money.fen) / 100 }
}

extension ApprenticeWorkbooks {
    public static let claimSheet = "学徒补贴 Subsidy claim"

    /// An enterprise's apprenticeship subsidy claim for a period: one line per advance, remainder
    /// or sum owed back (negative), and a SUM total with its value cached.
    public static func writeClaim(_ claim: ApprenticeClaim, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        let money = CellStyle.cell.with { $0.numberFormat = "#,##0.00" }
        let sheet = try TableSheet(
            name: claimSheet,
            title: "\(claim.enterprise.name)（\(claim.enterprise.creditCode)）企业新型学徒制补贴申领 \(claim.period.start) 至 \(claim.period.end)",
            columns: [TableColumn("序号 No.", width: 7), TableColumn("日期 Date", width: 12), TableColumn("事项 Item", width: 18),
                      TableColumn("姓名 Name", width: 12), TableColumn("身份证号 National ID", width: 21), TableColumn("职业 Occupation", width: 14),
                      TableColumn("目标等级 Target level", width: 14), TableColumn("培养月数 Months trained", width: 12),
                      TableColumn("金额（元） Amount", width: 14, style: money)],
            rows: claim.lines.enumerated().map { index, item in
                [.number(Double(index + 1)), .text(item.on), .text(itemName(item.kind)), .text(item.line.name),
                 .text(Masking.nationalID(item.line.nationalId, unmasked: unmasked)), .text(item.line.occupationName),
                 .text(levelName(item.line.apprenticeship)), .number(Double(item.line.money.monthsTrained)),
                 .number(yuan(item.amount))]
            }).write(into: workbook)
        let totalRow = TableSheet.firstDataRow + claim.lines.count
        try sheet.write(.text("合计 Total"), row: totalRow, column: 0, style: .header)
        let first = CellRange.a1(row: TableSheet.firstDataRow, column: 8)
        let last = CellRange.a1(row: max(TableSheet.firstDataRow, totalRow - 1), column: 8)
        try sheet.write(.formulaNumber("SUM(\(first):\(last))", cached: yuan(claim.total)), row: totalRow, column: 8, style: money)
        try workbook.close()
    }

    private static func itemName(_ kind: ApprenticeClaimLine.Kind) -> String {
        switch kind {
        case .advance: "备案预付 Advance"
        case .remainder: "结业余额 Remainder"
        case .owedBack: "终止应退 Owed back"
        }
    }
}
