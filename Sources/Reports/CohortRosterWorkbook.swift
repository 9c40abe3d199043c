import Foundation
import Domain
import Spreadsheet
import Store

/// A cohort's roster (花名册): the sheet an institution prints, has each trainee sign, stamps
/// and hands to the bureau.
///
/// IDs and phones are masked unless the caller asks for them whole (and logs that request; this
/// type only lays out). Totals are formulas with their values cached, so the sheet is right
/// when opened and stays right when the clerk corrects an hour on paper-day.
public enum CohortRosterWorkbook {
    public static let sheetName = "花名册 Roster"

    static let titleRow = 0
    static let subtitleRow = 1
    static let headerRow = 2
    static let firstDataRow = 3

    /// The columns in print order; the raw value is the zero-based column index.
    enum Column: Int, CaseIterable {
        case number, name, sex, nationalId, phone, education, householdType, keyGroups
        case hours, attendance, status, signature

        var header: String {
            switch self {
            case .number: "序号 No."
            case .name: "姓名 Name"
            case .sex: "性别 Sex"
            case .nationalId: "身份证号 National ID"
            case .phone: "手机号码 Phone"
            case .education: "文化程度 Education"
            case .householdType: "户籍类型 Household"
            case .keyGroups: "重点群体 Key groups"
            case .hours: "出勤学时 Hours"
            case .attendance: "出勤率 Attendance"
            case .status: "状态 Status"
            case .signature: "签名 Signature"
            }
        }

        var width: Double {
            switch self {
            case .number: 7
            case .name: 12
            case .sex: 6
            case .nationalId: 21
            case .phone: 14
            case .education: 14
            case .householdType: 10
            case .keyGroups: 22
            case .hours: 9
            case .attendance: 10
            case .status: 24
            case .signature: 16
            }
        }

        /// Column letter for formulas; the roster has fewer than 26 columns.
        var letter: String { String(UnicodeScalar(UInt8(65 + rawValue))) }
    }

    public static func write(_ roster: CohortRoster, unmasked: Bool, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: title(roster), subject: "学员花名册 Trainee roster")
        let sheet = try workbook.addSheet(sheetName)
        let lastColumn = Column.allCases.count - 1

        for column in Column.allCases {
            try sheet.setColumnWidth(column.rawValue, width: column.width)
        }
        try sheet.mergeRange(firstRow: titleRow, firstColumn: 0, lastRow: titleRow, lastColumn: lastColumn,
                             text: title(roster), style: .title)
        try sheet.setRowHeight(titleRow, height: 30)
        try sheet.mergeRange(firstRow: subtitleRow, firstColumn: 0, lastRow: subtitleRow, lastColumn: lastColumn,
                             text: subtitle(roster, unmasked: unmasked), style: subtitleStyle)
        try sheet.setRowHeight(subtitleRow, height: unmasked ? 48 : 34)
        for column in Column.allCases {
            try sheet.write(.text(column.header), row: headerRow, column: column.rawValue, style: .header)
        }
        try sheet.setRowHeight(headerRow, height: 30)

        // An empty cohort still gets one bordered row, so the totals' ranges stay valid.
        let lastDataRow = firstDataRow + max(roster.lines.count, 1) - 1
        if roster.lines.isEmpty {
            for column in Column.allCases {
                try sheet.write(.blank, row: firstDataRow, column: column.rawValue, style: .cell)
            }
        }
        for (offset, line) in roster.lines.enumerated() {
            let row = firstDataRow + offset
            for (column, value) in cells(line, number: offset + 1, row: row, roster: roster, unmasked: unmasked) {
                try sheet.write(value, row: row, column: column.rawValue, style: style(of: column))
            }
            // Room for a handwritten signature.
            try sheet.setRowHeight(row, height: 24)
        }

        let totalsRow = lastDataRow + 1
        try writeTotals(roster, into: sheet, row: totalsRow, lastDataRow: lastDataRow)
        try writeSignatureBlock(into: sheet, row: totalsRow + 5, lastColumn: lastColumn)

        try sheet.freezePanes(row: firstDataRow, column: 0)
        try sheet.autofilter(firstRow: headerRow, firstColumn: 0, lastRow: lastDataRow, lastColumn: lastColumn)
        // Narrow side margins (1 cm) leave the twelve columns legible on one landscape A4 width.
        try sheet.apply(.listing(repeatRows: titleRow...headerRow,
                                 margins: .init(left: 0.4, right: 0.4, top: 0.6, bottom: 0.6),
                                 centerHorizontally: true))
        try workbook.close()
    }

    static func title(_ roster: CohortRoster) -> String {
        "\(roster.institution.name) \(roster.cohort.name) 学员花名册"
    }

    static func subtitle(_ roster: CohortRoster, unmasked: Bool) -> String {
        let cohort = roster.cohort
        var lines = [
            "项目：\(roster.projectName)　培训目标：\(roster.targetName)　镇街：\(cohort.district)　"
                + "培训日期：\(cohort.startDate) 至 \(cohort.endDate)　计划学时：\(cohort.plannedHours)　"
                + "结业要求：出勤学时达计划的 \(roster.completionSharePercent)%",
            "Project \(roster.projectName) · target \(roster.targetName) · district \(cohort.district) · "
                + "\(cohort.startDate) – \(cohort.endDate) · \(cohort.plannedHours) planned hours · "
                + "completion at \(roster.completionSharePercent)% of planned hours",
        ]
        if unmasked {
            lines.append("本表含完整身份证号和手机号码，请妥善保管 Contains whole ID and phone numbers: keep it confidential")
        }
        return lines.joined(separator: "\n")
    }

    private static func cells(_ line: RosterLine, number: Int, row: Int, roster: CohortRoster,
                              unmasked: Bool) -> [(Column, CellValue)] {
        let hours = Double(line.hoursTenths) / 10
        let planned = roster.cohort.plannedHours
        let attendance: CellValue = planned > 0
            ? .formulaNumber("\(Column.hours.letter)\(row + 1)/\(planned)", cached: hours / Double(planned))
            : .blank
        let phone = line.phone.map { unmasked ? $0 : Masking.phone($0) } ?? ""
        return [
            (.number, .integer(number)),
            (.name, .text(line.name)),
            (.sex, .text(line.sex)),
            (.nationalId, .text(unmasked ? line.nationalId : Masking.nationalID(line.nationalId))),
            (.phone, .text(phone)),
            (.education, .text(line.education ?? "")),
            (.householdType, .text(line.householdType ?? "")),
            (.keyGroups, .text(line.keyGroups.joined(separator: TraineeTemplate.keyGroupSeparator))),
            (.hours, .number(hours)),
            (.attendance, attendance),
            (.status, .text(status(line))),
            (.signature, .blank),
        ]
    }

    /// The status as the roster prints it. Completed and withdrawn lines start with the status
    /// name, which is what the totals' COUNTIF patterns rely on.
    static func status(_ line: RosterLine) -> String {
        switch line.status {
        case .enrolled:
            return line.status.chineseName
        case .completed:
            return line.completedOn.map { "\(line.status.chineseName)（\($0)）" } ?? line.status.chineseName
        case .withdrawn:
            guard let reason = line.withdrawalReason, !reason.isEmpty else { return line.status.chineseName }
            return "\(line.status.chineseName)：\(reason)"
        }
    }

    private static func style(of column: Column) -> CellStyle {
        switch column {
        case .number: centred(.integer)
        case .sex: centred(.cell)
        case .nationalId, .phone: centred(.text)
        case .hours: centred(.cell.with { $0.numberFormat = "0.0" })
        case .attendance: centred(.percent)
        case .keyGroups, .status: .cell.with { $0.wrapText = true; $0.verticalAlignment = .center }
        default: .cell.with { $0.verticalAlignment = .center }
        }
    }

    private static func centred(_ style: CellStyle) -> CellStyle {
        style.with { $0.horizontalAlignment = .center; $0.verticalAlignment = .center }
    }

    /// The head count and the hours as totals, then one line per status, all formulas over the
    /// data rows with the values they give cached.
    private static func writeTotals(_ roster: CohortRoster, into sheet: Worksheet, row: Int,
                                    lastDataRow: Int) throws(SpreadsheetError) {
        func range(_ column: Column) -> String {
            "\(column.letter)\(firstDataRow + 1):\(column.letter)\(lastDataRow + 1)"
        }
        let bold = CellStyle.cell.with { $0.bold = true; $0.verticalAlignment = .center }
        let boldCount = CellStyle.integer.with { $0.bold = true; $0.horizontalAlignment = .center }
        for column in Column.allCases {
            try sheet.write(.blank, row: row, column: column.rawValue, style: .cell)
        }
        try sheet.write(.text("合计"), row: row, column: Column.number.rawValue, style: bold)
        // Shown as "12 人" but stored as the number 12.
        try sheet.write(.formulaNumber("COUNTA(\(range(.name)))", cached: Double(roster.lines.count)),
                        row: row, column: Column.name.rawValue, style: boldCount.with { $0.numberFormat = "0\" 人\"" })
        let hours = Double(roster.lines.reduce(0) { $0 + $1.hoursTenths }) / 10
        try sheet.write(.formulaNumber("SUM(\(range(.hours)))", cached: hours), row: row, column: Column.hours.rawValue,
                        style: boldCount.with { $0.numberFormat = "0.0" })

        let counts: [(EnrolmentStatus, String, String)] = [
            (.completed, "结业 Completed", "结业*"),
            (.enrolled, "在读 Enrolled", "在读"),
            (.withdrawn, "退学 Withdrawn", "退学*"),
        ]
        for (offset, (status, label, pattern)) in counts.enumerated() {
            let count = roster.lines.filter { $0.status == status }.count
            try sheet.write(.text(label), row: row + 1 + offset, column: Column.status.rawValue, style: bold)
            try sheet.write(.formulaNumber("COUNTIF(\(range(.status)),\"\(pattern)\")", cached: Double(count)),
                            row: row + 1 + offset, column: Column.signature.rawValue, style: boldCount)
        }
    }

    /// Where the institution stamps and the bureau signs off.
    private static func writeSignatureBlock(into sheet: Worksheet, row: Int, lastColumn: Int) throws(SpreadsheetError) {
        try SignatureBlock(lines: [
            [.init(0, 4, "培训机构（盖章）："), .init(5, 7, "经办人："), .init(8, lastColumn, "日期：")],
            [.init(0, 4, "人社局审核："), .init(5, 7, "审核人："), .init(8, lastColumn, "日期：")],
        ]).write(into: sheet, row: row)
    }

    private static let subtitleStyle = CellStyle(wrapText: true, horizontalAlignment: .center, verticalAlignment: .center)
}
