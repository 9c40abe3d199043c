import Domain
import Spreadsheet
import Store

/// Progress against the yearly targets of the catalog (目标进度): each target with what the year
/// to date achieved and the completion rate (a formula), and a chart of target against actual.
struct TargetProgressSheet {
    static let name = "目标进度 Progress"
    static let firstRow = 3

    enum Column: Int, CaseIterable {
        case district, project, metric, target, actual, rate, quarter

        var header: (String, Double) {
            switch self {
            case .district: ("镇街 District", 14)
            case .project: ("项目 Project", 14)
            case .metric: ("指标 Metric", 22)
            case .target: ("年度目标\nYearly target", 11)
            case .actual: ("年度累计完成\nYear to date", 12)
            case .rate: ("完成率\nCompletion rate", 11)
            case .quarter: ("其中本季度\nThis quarter", 11)
            }
        }
    }

    struct Line {
        let target: YearlyTarget
        let actual: QuarterAndYear
    }

    let statistics: QuarterlyStatistics
    let subtitle: String

    /// The year's targets that the report's area answers for: with a district, that district's
    /// own targets; for the whole area, every target, each against its own district and project.
    var lines: [Line] {
        statistics.catalog.targets(year: statistics.period.year)
            .filter { statistics.district == nil || $0.district == statistics.district }
            .map { Line(target: $0, actual: statistics.progress(towards: $0)) }
    }

    func write(into workbook: Workbook) throws(SpreadsheetError) {
        let sheet = try workbook.addSheet(Self.name)
        let lines = self.lines
        let labels = lines.map(self.labels)
        // A label column is as wide as its longest label, so that none is cut off.
        let widths = Column.allCases.map { column in
            column.rawValue < Column.target.rawValue
                ? ColumnWidth.fitting(labels.map { $0[column.rawValue] }, minimum: column.header.1)
                : column.header.1
        }
        for (column, width) in widths.enumerated() { try sheet.setColumnWidth(column, width: width) }
        try QuarterlyLayout.heading(sheet, title: "\(statistics.period.year)年度目标任务完成进度（截至\(statistics.period.chineseLabel)末）",
                                    subtitle: subtitle, lastColumn: Column.allCases.count - 1, width: widths.reduce(0, +))
        for column in Column.allCases {
            try sheet.write(.text(column.header.0), row: 2, column: column.rawValue, style: .header)
        }
        try RowHeight.fit(sheet, row: 2, Column.allCases.map { .init($0.header.0, width: widths[$0.rawValue], bold: true) })
        if lines.isEmpty {
            try sheet.mergeRange(firstRow: Self.firstRow, firstColumn: 0, lastRow: Self.firstRow, lastColumn: Column.allCases.count - 1,
                                 text: "目录中没有本年度本区域的目标 The catalog sets no target for this year and area", style: .cell)
        }
        for (offset, line) in lines.enumerated() {
            let row = Self.firstRow + offset
            for (column, label) in labels[offset].enumerated() {
                try sheet.write(.text(label), row: row, column: column, style: .wrapped)
            }
            try RowHeight.fit(sheet, row: row, labels[offset].indices.map { RowHeight.Cell(labels[offset][$0], width: widths[$0]) })
            try sheet.write(.integer(line.target.value), row: row, column: Column.target.rawValue, style: QuarterlyLayout.countStyle)
            try sheet.write(.integer(Int(line.actual.yearToDate)), row: row, column: Column.actual.rawValue, style: QuarterlyLayout.countStyle)
            try sheet.write(QuarterlyLayout.rate(numerator: CellRange.a1(row: row, column: Column.actual.rawValue), line.actual.yearToDate,
                                                 denominator: CellRange.a1(row: row, column: Column.target.rawValue), Int64(line.target.value)),
                            row: row, column: Column.rate.rawValue, style: .percent)
            try sheet.write(.integer(Int(line.actual.quarter)), row: row, column: Column.quarter.rawValue, style: QuarterlyLayout.countStyle)
        }
        try sheet.freezePanes(row: Self.firstRow, column: 0)
        // On a page of its own, so that no page break cuts it, however many targets come before.
        let chartRow = Self.firstRow + lines.count + 1
        if !lines.isEmpty {
            try sheet.insertChart(chart(count: lines.count), row: chartRow, column: 0, widthScale: 2, heightScale: 1.3)
        }
        try sheet.apply(.listing(repeatRows: 2...2, orientation: .landscape, rowBreaks: lines.isEmpty ? [] : [chartRow]))
    }

    /// The district, project and metric a line is about.
    private func labels(_ line: Line) -> [String] {
        let project = line.target.projectCode.map { statistics.catalog.project(code: $0)?.nameZh ?? $0 } ?? "全部项目 All"
        return [line.target.district ?? "全域 Whole area", project, "\(line.target.metric.chineseName) \(line.target.metric.rawValue)"]
    }

    private func chart(count: Int) -> Chart {
        let last = Self.firstRow + count - 1
        // Project and metric together name a bar: 粤菜师傅 and 南粤家政 both have a class target.
        let categories = SheetRange(sheet: Self.name, firstRow: Self.firstRow, firstColumn: Column.project.rawValue,
                                    lastRow: last, lastColumn: Column.metric.rawValue)
        let series = { (column: Column, name: String) in
            Chart.Series(name: name, categories: categories,
                         values: SheetRange(sheet: Self.name, firstRow: Self.firstRow, firstColumn: column.rawValue,
                                            lastRow: last, lastColumn: column.rawValue))
        }
        return Chart(kind: .bar, title: "年度目标与累计完成 Target and year to date",
                     series: [series(.target, "年度目标 Target"), series(.actual, "年度累计完成 Year to date")],
                     categoryAxisTitle: "指标 Metric", valueAxisTitle: "数量 Number")
    }
}
