import Domain
import Spreadsheet
import Store

/// The summary sheet (汇总): one line per figure, a column pair (quarter, year to date) per
/// project and one for all projects. The all-projects pair adds the project cells up, and the
/// certificate total, high-skill count and the rates are formulas over the cells above them, so a
/// corrected cell carries through; every formula is written with its value.
struct QuarterlySummarySheet {
    static let name = "汇总 Summary"

    /// A line of the summary.
    enum Line {
        case figure(QuarterlyFigure)
        case passRate
        /// Certificates of one level, or (nil) of special-ability items.
        case certificates(SkillLevel?)
        case certificateTotal
        case highSkill
        case highSkillShare

        var label: String {
            switch self {
            case .figure(let figure): "\(figure.chineseName) \(figure.englishName)"
            case .passRate: "合格率 Pass rate"
            case .certificates(let level?): "取证：\(level.chineseName) Certificates, level \(level.nationalDigit!)"
            case .certificates(nil): "取证：专项职业能力 Certificates, special ability"
            case .certificateTotal: "取证人数合计 Certificates, total"
            case .highSkill: "其中高技能人才（三级及以上）High-skill (level 3 and above)"
            case .highSkillShare: "高技能人才占比 High-skill share"
            }
        }

        /// The lines a sum line adds up, as a SUM over their cells.
        var summands: [Line] {
            switch self {
            case .certificateTotal: SkillLevel.nationalLevels.map { .certificates($0) } + [.certificates(nil)]
            case .highSkill: SkillLevel.nationalLevels.filter(\.isHighSkill).map { .certificates($0) }
            default: []
            }
        }

        /// The numerator and denominator of a rate line.
        var ratio: (Line, Line)? {
            switch self {
            case .passRate: (.figure(.passed), .figure(.resultsPublished))
            case .highSkillShare: (.highSkill, .certificateTotal)
            default: nil
            }
        }
    }

    static let lines: [Line] = [
        .figure(.classes), .figure(.trained), .figure(.completed), .figure(.candidates), .figure(.resultsPublished),
        .figure(.passed), .passRate,
    ] + Line.certificateTotal.summands + [
        .certificateTotal, .highSkill, .highSkillShare,
        .figure(.apprenticesRegistered), .figure(.apprenticesFiled), .figure(.apprenticesCompleted), .figure(.apprenticesTerminated),
        .figure(.trainingSubsidyDue), .figure(.trainingSubsidyClaimed), .figure(.apprenticeSubsidyDue),
    ]

    static let firstLineRow = 4

    let statistics: QuarterlyStatistics
    let subtitle: String
    var projects: [Project] { statistics.catalog.projects }

    func row(of line: Int) -> Int { Self.firstLineRow + line }
    /// The quarter (or year-to-date) column of a project; `projects.count` is the all-projects pair.
    func column(project index: Int, yearToDate: Bool) -> Int { 1 + index * 2 + (yearToDate ? 1 : 0) }

    static let labelWidth = 44.0

    func write(into workbook: Workbook) throws(SpreadsheetError) {
        let sheet = try workbook.addSheet(Self.name)
        let lastColumn = column(project: projects.count, yearToDate: true)
        let widths = (0...projects.count).map(width)
        try sheet.setColumnWidth(0, width: Self.labelWidth)
        for (project, width) in widths.enumerated() {
            try sheet.setColumnWidth(column(project: project, yearToDate: false), column(project: project, yearToDate: true), width: width)
        }
        try QuarterlyLayout.heading(sheet, title: "\(statistics.period.chineseLabel)技能人才工作统计汇总表", subtitle: subtitle,
                                    lastColumn: lastColumn, width: Self.labelWidth + 2 * widths.reduce(0, +))
        let groups = projects.map { "\($0.nameZh)\n\($0.nameEn)" } + ["合计\nAll projects"]
        try QuarterlyLayout.figureHeaders(sheet, headerRow: 2, labels: [("指标 Figure", Self.labelWidth)],
                                          pairs: groups.indices.map { (groups[$0], widths[$0], column(project: $0, yearToDate: false)) })
        for (index, line) in Self.lines.enumerated() {
            try sheet.write(.text(line.label), row: row(of: index), column: 0, style: .wrapped)
            try RowHeight.fit(sheet, row: row(of: index), [.init(line.label, width: Self.labelWidth)])
            for project in 0...projects.count {
                for yearToDate in [false, true] {
                    let (value, style) = cell(line, project: project, yearToDate: yearToDate)
                    try sheet.write(value, row: row(of: index), column: column(project: project, yearToDate: yearToDate), style: style)
                }
            }
        }
        try sheet.freezePanes(row: Self.firstLineRow, column: 1)
        // On a page of its own: under the table it would be cut by the page break.
        let chartRow = row(of: Self.lines.count) + 1
        try sheet.insertChart(certificateChart, row: chartRow, column: 0, widthScale: 2, heightScale: 1.3)
        try sheet.apply(.listing(repeatRows: 2...3, orientation: .landscape, rowBreaks: [chartRow]))
    }

    /// The width of a project's column pair: enough for the largest number of any line in it.
    private func width(project: Int) -> Double {
        Self.lines.map { line -> Double in
            let amounts = { (pick: (QuarterAndYear) -> Int64) in self.amount(line, project: project, pick: pick) }
            // Sum lines are counts of certificates; rate lines are narrower still.
            let figure = self.value(line, project: project)?.figure ?? .certificates
            return QuarterlyLayout.width(figure, showing: [amounts(\.quarter), amounts(\.yearToDate)])
        }.max() ?? QuarterlyLayout.countWidth
    }

    /// Certificates of the year to date by level (the categories), one series per project.
    var certificateChart: Chart {
        let levelLines = Self.lines.indices.filter { if case .certificates = Self.lines[$0] { true } else { false } }
        let categories = SheetRange(sheet: Self.name, firstRow: row(of: levelLines.first!), firstColumn: 0,
                                    lastRow: row(of: levelLines.last!), lastColumn: 0)
        return Chart(
            kind: .column, title: "年度累计取证人数（按项目和等级）Certificates by project and level, year to date",
            series: projects.indices.map { index in
                let column = column(project: index, yearToDate: true)
                return Chart.Series(name: projects[index].nameZh, categories: categories,
                                    values: SheetRange(sheet: Self.name, firstRow: row(of: levelLines.first!), firstColumn: column,
                                                       lastRow: row(of: levelLines.last!), lastColumn: column))
            },
            categoryAxisTitle: "等级 Level", valueAxisTitle: "人数 People")
    }

    // MARK: Cells

    private func value(_ line: Line, project: Int) -> (figure: QuarterlyFigure, amount: QuarterAndYear)? {
        let code = project < projects.count ? projects[project].code : nil
        let inProject = { (key: StatisticsKey) in code == nil || key.projectCode == code }
        switch line {
        case .figure(let figure):
            return (figure, statistics.total(figure, where: inProject))
        case .certificates(let level):
            return (.certificates, statistics.total(.certificates) { key in
                guard inProject(key) else { return false }
                switch key.target {
                case .occupation(_, let own): return own == level
                case .specialAbility: return level == nil
                }
            })
        default:
            return nil
        }
    }

    private func cell(_ line: Line, project: Int, yearToDate: Bool) -> (CellValue, CellStyle) {
        let pick = { (amount: QuarterAndYear) in yearToDate ? amount.yearToDate : amount.quarter }
        let column = column(project: project, yearToDate: yearToDate)
        let here = { (other: Int) in CellRange.a1(row: self.row(of: other), column: column) }
        let index = { (wanted: Line) in Self.lines.firstIndex(of: wanted)! }
        let amount = { (wanted: Line) -> Int64 in self.amount(wanted, project: project, pick: pick) }
        switch line {
        case .figure, .certificates:
            let (figure, value) = self.value(line, project: project)!
            let number = pick(value)
            if project == projects.count, !projects.isEmpty {
                // All projects: the project cells of the line added up.
                let cells = projects.indices.map { CellRange.a1(row: row(of: index(line)), column: self.column(project: $0, yearToDate: yearToDate)) }
                return (.formulaNumber(cells.joined(separator: "+"), cached: QuarterlyLayout.cellNumber(number, figure: figure)),
                        QuarterlyLayout.style(figure, total: true))
            }
            return (QuarterlyLayout.number(number, figure: figure), QuarterlyLayout.style(figure))
        case .passRate, .highSkillShare:
            let (numerator, denominator) = line.ratio!
            return (QuarterlyLayout.rate(numerator: here(index(numerator)), amount(numerator),
                                         denominator: here(index(denominator)), amount(denominator)),
                    project == projects.count ? QuarterlyLayout.boldPercent : .percent)
        case .certificateTotal, .highSkill:
            let range = "SUM(\(here(index(line.summands.first!))):\(here(index(line.summands.last!))))"
            return (.formulaNumber(range, cached: Double(line.summands.reduce(0) { $0 + amount($1) })), QuarterlyLayout.boldCount)
        }
    }

    /// The number a line shows in a column, sums included, for the cached values.
    private func amount(_ line: Line, project: Int, pick: (QuarterAndYear) -> Int64) -> Int64 {
        switch line {
        case .figure, .certificates: pick(value(line, project: project)!.amount)
        case .certificateTotal, .highSkill: line.summands.reduce(0) { $0 + amount($1, project: project, pick: pick) }
        case .passRate, .highSkillShare: 0
        }
    }
}

extension QuarterlySummarySheet.Line: Equatable {}
