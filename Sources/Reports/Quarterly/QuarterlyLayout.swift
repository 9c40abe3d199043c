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

    /// Column widths of counts, and of money: a city's totals run to 14 characters and more
    /// ("150,000,000.00"), so money columns start there and grow with their largest amount.
    static let countWidth = 11.0
    static let moneyWidth = 14.0
    static let rateWidth = 11.0

    /// The merged title and the line under it saying the period, the area and the day written,
    /// over columns `0...lastColumn`, which are `width` units wide together.
    static func heading(_ sheet: Worksheet, title: String, subtitle: String, lastColumn: Int, width: Double) throws(SpreadsheetError) {
        try sheet.mergeRange(firstRow: 0, firstColumn: 0, lastRow: 0, lastColumn: max(lastColumn, 1), text: title, style: .title)
        try sheet.setRowHeight(0, height: 28)
        try sheet.mergeRange(firstRow: 1, firstColumn: 0, lastRow: 1, lastColumn: max(lastColumn, 1), text: subtitle,
                             style: CellStyle.wrapped.with { $0.border = .none })
        try sheet.setRowHeight(1, height: RowHeight.fitting([.init(subtitle, width: width)]) ?? RowHeight.height(lines: 1))
    }

    /// The two header rows of a figure sheet: the figure (or project) over its column pair in
    /// `headerRow`, 本季度 | 年度累计 under it, and the label headers merged down both rows. Each
    /// row is as tall as its longest header, and the two together as tall as the label headers.
    static func figureHeaders(_ sheet: Worksheet, headerRow: Int, labels: [(text: String, width: Double)],
                              pairs: [(text: String, width: Double, firstColumn: Int)]) throws(SpreadsheetError) {
        for (index, label) in labels.enumerated() {
            try sheet.mergeRange(firstRow: headerRow, firstColumn: index, lastRow: headerRow + 1, lastColumn: index,
                                 text: label.text, style: .header)
        }
        for pair in pairs {
            try sheet.mergeRange(firstRow: headerRow, firstColumn: pair.firstColumn, lastRow: headerRow, lastColumn: pair.firstColumn + 1,
                                 text: pair.text, style: .header)
            try sheet.write(.text(quarterHeader), row: headerRow + 1, column: pair.firstColumn, style: .header)
            try sheet.write(.text(yearHeader), row: headerRow + 1, column: pair.firstColumn + 1, style: .header)
        }
        let lines = { (cells: [RowHeight.Cell]) in cells.map(RowHeight.lineCount).max() ?? 1 }
        let halves = max(2, lines(pairs.flatMap { [RowHeight.Cell(quarterHeader, width: $0.width, bold: true),
                                                   RowHeight.Cell(yearHeader, width: $0.width, bold: true)] }))
        let figures = max(2, lines(pairs.map { RowHeight.Cell($0.text, width: 2 * $0.width, bold: true) }),
                          lines(labels.map { RowHeight.Cell($0.text, width: $0.width, bold: true) }) - halves)
        try sheet.setRowHeight(headerRow, height: RowHeight.height(lines: figures))
        try sheet.setRowHeight(headerRow + 1, height: RowHeight.height(lines: halves))
    }

    /// The width of a column of `figure` that shows each of `amounts` in full, the total's included.
    static func width(_ figure: QuarterlyFigure, showing amounts: [Int64]) -> Double {
        ColumnWidth.showing(amounts.map { cellNumber($0, figure: figure) }, decimals: figure.isMoney ? 2 : 0,
                            minimum: figure.isMoney ? moneyWidth : countWidth)
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
