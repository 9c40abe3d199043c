import Domain
import Spreadsheet

/// A column pair of a statistics table: a figure for the quarter and for the year to date, or
/// the rate of two figures of the same row (a formula, so that it follows a corrected cell).
enum FigureColumn {
    case figure(QuarterlyFigure)
    case rate(zh: String, en: String, numerator: QuarterlyFigure, denominator: QuarterlyFigure)

    static let passRate = FigureColumn.rate(zh: "合格率", en: "Pass rate", numerator: .passed, denominator: .resultsPublished)

    var header: String {
        switch self {
        case .figure(let figure): "\(figure.chineseName)\n\(figure.englishName)"
        case .rate(let zh, let en, _, _): "\(zh)\n\(en)"
        }
    }
}

/// One line of a statistics table: its labels (project, occupation, level; a district …) and
/// its figures.
struct FigureRow {
    let labels: [String]
    let values: [QuarterlyFigure: QuarterAndYear]
}

/// Lays out a breakdown: a merged title, a line saying what it covers, two header rows (the
/// figure over 本季度 | 年度累计), the lines, and a total line of SUM formulas. Numbers are
/// numbers with formats; rates and totals are formulas written with their values.
struct FigureTable {
    let name: String
    let title: String
    let subtitle: String
    let labelHeaders: [(text: String, width: Double)]
    let columns: [FigureColumn]
    let rows: [FigureRow]
    /// False where lines overlap (a trainee in two key groups), so a sum would count twice.
    var totals = true

    static let titleRow = 0
    static let subtitleRow = 1
    static let headerRow = 2
    static let halfRow = 3
    static let firstDataRow = 4

    var lastDataRow: Int { Self.firstDataRow + rows.count - 1 }
    var totalRow: Int? { totals && !rows.isEmpty ? lastDataRow + 1 : nil }

    /// The zero-based column of a column pair's quarter (or year-to-date) cell.
    func column(_ index: Int, yearToDate: Bool) -> Int { labelHeaders.count + index * 2 + (yearToDate ? 1 : 0) }

    @discardableResult
    func write(into workbook: Workbook) throws(SpreadsheetError) -> Worksheet {
        let sheet = try workbook.addSheet(name)
        let lastColumn = column(columns.count - 1, yearToDate: true)
        let widths = columns.map(width)
        for (index, label) in labelHeaders.enumerated() { try sheet.setColumnWidth(index, width: label.width) }
        for (index, width) in widths.enumerated() {
            try sheet.setColumnWidth(column(index, yearToDate: false), column(index, yearToDate: true), width: width)
        }
        try QuarterlyLayout.heading(sheet, title: title, subtitle: subtitle, lastColumn: lastColumn,
                                    width: labelHeaders.map(\.width).reduce(0, +) + 2 * widths.reduce(0, +))
        try QuarterlyLayout.figureHeaders(sheet, headerRow: Self.headerRow, labels: labelHeaders,
                                          pairs: columns.indices.map { (columns[$0].header, widths[$0], column($0, yearToDate: false)) })
        if rows.isEmpty {
            try sheet.mergeRange(firstRow: Self.firstDataRow, firstColumn: 0, lastRow: Self.firstDataRow, lastColumn: lastColumn,
                                 text: "本期没有记录 No records in this period", style: .cell)
        }
        for (offset, line) in rows.enumerated() {
            let row = Self.firstDataRow + offset
            for (index, label) in line.labels.enumerated() {
                try sheet.write(.text(label), row: row, column: index, style: .wrapped)
            }
            try RowHeight.fit(sheet, row: row, zip(line.labels, labelHeaders).map { RowHeight.Cell($0, width: $1.width) })
            try writeFigures(sheet, row: row, values: line.values)
        }
        if let totalRow {
            try sheet.mergeRange(firstRow: totalRow, firstColumn: 0, lastRow: totalRow, lastColumn: labelHeaders.count - 1,
                                 text: "合计 Total", style: QuarterlyLayout.totalLabel)
            try writeFigures(sheet, row: totalRow, values: totalValues, total: true)
        }
        try sheet.freezePanes(row: Self.firstDataRow, column: labelHeaders.count)
        try sheet.apply(.listing(repeatRows: Self.headerRow...Self.halfRow))
        return sheet
    }

    /// The width of a column pair: enough for its largest number, the total line's included.
    private func width(_ column: FigureColumn) -> Double {
        guard case .figure(let figure) = column else { return QuarterlyLayout.rateWidth }
        let amounts = (rows.map(\.values) + [totalValues]).compactMap { $0[figure] }
        return QuarterlyLayout.width(figure, showing: amounts.flatMap { [$0.quarter, $0.yearToDate] })
    }

    /// A line's cells: each figure's number (on the total line, the SUM of the cells above with
    /// its value) and each rate's formula over the line's own cells.
    private func writeFigures(_ sheet: Worksheet, row: Int, values: [QuarterlyFigure: QuarterAndYear],
                              total: Bool = false) throws(SpreadsheetError) {
        let value = { (figure: QuarterlyFigure) in values[figure] ?? .zero }
        for (index, figure) in columns.enumerated() {
            for yearToDate in [false, true] {
                let cell = column(index, yearToDate: yearToDate)
                switch figure {
                case .figure(let figure):
                    let amount = value(figure)
                    let number = yearToDate ? amount.yearToDate : amount.quarter
                    let range = CellRange(firstRow: Self.firstDataRow, firstColumn: cell, lastRow: lastDataRow, lastColumn: cell).a1
                    try sheet.write(total ? .formulaNumber("SUM(\(range))", cached: QuarterlyLayout.cellNumber(number, figure: figure))
                                          : QuarterlyLayout.number(number, figure: figure),
                                    row: row, column: cell, style: QuarterlyLayout.style(figure, total: total))
                case .rate(_, _, let numerator, let denominator):
                    try writeRate(sheet, row: row, column: cell, numerator: numerator, denominator: denominator,
                                  yearToDate: yearToDate, value: value)
                }
            }
        }
    }

    private func writeRate(_ sheet: Worksheet, row: Int, column cell: Int, numerator: QuarterlyFigure, denominator: QuarterlyFigure,
                           yearToDate: Bool, value: (QuarterlyFigure) -> QuarterAndYear) throws(SpreadsheetError) {
        guard let top = columnOf(numerator, yearToDate: yearToDate), let bottom = columnOf(denominator, yearToDate: yearToDate) else { return }
        let pick = { (amount: QuarterAndYear) in yearToDate ? amount.yearToDate : amount.quarter }
        try sheet.write(QuarterlyLayout.rate(numerator: CellRange.a1(row: row, column: top), pick(value(numerator)),
                                             denominator: CellRange.a1(row: row, column: bottom), pick(value(denominator))),
                        row: row, column: cell, style: .percent)
    }

    private func columnOf(_ figure: QuarterlyFigure, yearToDate: Bool) -> Int? {
        columns.firstIndex { if case .figure(figure) = $0 { true } else { false } }.map { column($0, yearToDate: yearToDate) }
    }

    /// The sums of the lines, for the total line's cached values.
    private var totalValues: [QuarterlyFigure: QuarterAndYear] {
        rows.reduce(into: [:]) { sums, line in
            for (figure, value) in line.values { sums[figure, default: .zero] += value }
        }
    }
}
