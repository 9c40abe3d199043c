import Domain
import Spreadsheet

/// What every sheet of the quarterly workbook shares: the heading, the two period headers, how
/// a figure becomes a cell, and the rate formula.
enum QuarterlyLayout {
    static let quarterHeader = "本季度\nQuarter"
    static let yearHeader = "年度累计\nYear to date"

    static let totalLabel = CellStyle.cell.with { $0.bold = true; $0.horizontalAlignment = .center }
    static let countStyle = CellStyle.integer.with { $0.numberFormat = "#,##0" }
    static let boldCount = countStyle.with { $0.bold = true }
    static let boldMoney = CellStyle.money.with { $0.bold = true }
    static let boldPercent = CellStyle.percent.with { $0.bold = true }

    /// The merged title and the line under it saying the period, the area and the day written.
    static func heading(_ sheet: Worksheet, title: String, subtitle: String, lastColumn: Int) throws(SpreadsheetError) {
        try sheet.mergeRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: max(lastColumn, 1), text: title, style: .title)
        try sheet.setRowHeight(0, height: 28)
        try sheet.mergeRange(firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: max(lastColumn, 1), text: subtitle,
                             style: CellStyle.wrapped.with { $0.border = .none })
        try sheet.setRowHeight(1, height: 32)
    }

    /// Counts are whole numbers; money is kept in fen and shown in yuan with two decimals.
    static func number(_ value: Int64, figure: QuarterlyFigure) -> CellValue {
        figure.isMoney ? .number(Money(fen: value).yuanForDisplay) : .integer(Int(value))
    }

    static func cellNumber(_ value: Int64, figure: QuarterlyFigure) -> Double {
        figure.isMoney ? Money(fen: value).yuanForDisplay : Double(value)
    }

    static func style(_ figure: QuarterlyFigure, total: Bool = false) -> CellStyle {
        switch (figure.isMoney, total) {
        case (true, false): .money
        case (true, true): boldMoney
        case (false, false): countStyle
        case (false, true): boldCount
        }
    }

    /// `IF(D5=0,0,C5/D5)`: a rate that shows 0.0% rather than #DIV/0! when nothing was counted.
    static func rate(numerator: String, _ top: Int64, denominator: String, _ bottom: Int64) -> CellValue {
        .formulaNumber("IF(\(denominator)=0,0,\(numerator)/\(denominator))", cached: bottom == 0 ? 0 : Double(top) / Double(bottom))
    }
}
