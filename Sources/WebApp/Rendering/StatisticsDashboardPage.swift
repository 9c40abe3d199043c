import Domain
import Store

/// The figures the dashboard shows, each counted by the quarterly statistics' own definition
/// (`QuarterlyFigure`): the Store is asked for these four and nothing else.
enum DashboardFigures {
    static let counted: Set<QuarterlyFigure> = [.classes, .trained, .certificates, .apprenticesRegistered]

    /// The rows of a project's panel: the figure, the catalog metric its target is set in.
    static let rows: [(figure: QuarterlyFigure, metric: TargetMetric)] = [
        (.classes, .classes), (.trained, .trainees), (.certificates, .certifications), (.apprenticesRegistered, .apprentices),
    ]

    /// Certificates at 三级/高级工 and above (高技能人才): special-ability ones have no level.
    static func isHighSkill(_ key: StatisticsKey) -> Bool {
        if case .occupation(_, let level) = key.target { return level.isHighSkill }
        return false
    }

    /// `12.5%` (one decimal), or `—` when nothing was certified.
    static func share(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "—" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

/// The statistics dashboard (`/statistics`): per project, the quarter and the year to date of
/// classes, people trained, certificates and apprentices against the catalog's yearly targets,
/// the high-skill share of the certificates, and a chart drawn as SVG on the server whose
/// figures are also written out as text and in the table.
struct StatisticsDashboardPage {
    let period: PeriodView
    let panels: [ProjectPanel]

    init(_ statistics: QuarterlyStatistics) {
        period = PeriodView(statistics.period)
        let catalog = statistics.catalog
        let targets = catalog.targets(year: statistics.period.year).filter { $0.district == nil }
        var panels = catalog.projects.map { project in
            ProjectPanel(statistics, anchor: project.code, nameZh: project.nameZh, nameEn: project.nameEn, projectCode: project.code,
                         targets: targets.filter { $0.projectCode == project.code })
        }
        // Targets set for all projects together (certifications, apprentices) against every project's records.
        panels.append(ProjectPanel(statistics, anchor: "all", nameZh: "全部项目", nameEn: "All projects", projectCode: nil,
                                   targets: targets.filter { $0.projectCode == nil }))
        self.panels = panels
    }
}

/// The quarter a page is about and the form that picks another.
struct PeriodView {
    let year: Int
    let quarter: Int
    let labelZh: String
    let labelEn: String
    let quarterStart: String
    let yearStart: String
    let end: String
    /// `year=2026&quarter=4`, for links to the same quarter's other pages.
    let query: String
    let quarters: [QuarterChoice]

    struct QuarterChoice {
        let value: Int
        let label: String
        let selected: Bool
    }

    init(_ period: Period) {
        year = period.year
        if case .quarter(_, let quarter) = period { self.quarter = quarter.rawValue } else { quarter = 4 }
        labelZh = period.chineseLabel
        labelEn = period.englishLabel
        quarterStart = period.start.description
        yearStart = period.yearToDate.start.description
        end = period.end.description
        query = "year=\(year)&quarter=\(quarter)"
        let chosen = quarter
        quarters = Period.Quarter.allCases.map {
            QuarterChoice(value: $0.rawValue, label: "\($0.chineseName) Q\($0.rawValue)", selected: $0.rawValue == chosen)
        }
    }
}

/// One project's figures (or all projects' together), its chart and its targets.
struct ProjectPanel {
    let anchor: String
    let nameZh: String
    let nameEn: String
    let rows: [FigureRow]
    let highSkillQuarter: Int64
    let highSkillYear: Int64
    let highSkillShare: String
    let chart: BarChart

    struct FigureRow {
        let figure: String
        let labelZh: String
        let labelEn: String
        let quarter: Int64
        let yearToDate: Int64
        /// Empty when the catalog sets no target for it.
        let target: String
        let rate: String
    }

    init(_ statistics: QuarterlyStatistics, anchor: String, nameZh: String, nameEn: String, projectCode: String?, targets: [YearlyTarget]) {
        self.anchor = anchor
        self.nameZh = nameZh
        self.nameEn = nameEn
        let inProject = { (key: StatisticsKey) in projectCode == nil || key.projectCode == projectCode }
        rows = DashboardFigures.rows.map { row in
            let value = statistics.total(row.figure, where: inProject)
            let target = targets.first { $0.metric == row.metric }
            return FigureRow(figure: row.figure.rawValue, labelZh: row.figure.chineseName, labelEn: row.figure.englishName,
                             quarter: value.quarter, yearToDate: value.yearToDate,
                             target: target.map { String($0.value) } ?? "",
                             rate: target.map { DashboardFigures.share(value.yearToDate, of: Int64($0.value)) } ?? "")
        }
        let highSkill = statistics.total(.certificates) { inProject($0) && DashboardFigures.isHighSkill($0) }
        highSkillQuarter = highSkill.quarter
        highSkillYear = highSkill.yearToDate
        let certified = rows.first { $0.figure == QuarterlyFigure.certificates.rawValue }?.yearToDate ?? 0
        highSkillShare = DashboardFigures.share(highSkill.yearToDate, of: certified)
        chart = BarChart(id: "chart-\(anchor)", title: "\(nameZh) \(nameEn)：年度累计与年度目标 Year to date and yearly target",
                         bars: rows.map { BarChart.Input(label: $0.labelZh, value: $0.yearToDate, target: Int64($0.target)) })
    }
}

/// A horizontal bar chart as SVG elements the template writes out (every text escaped by it):
/// per figure a grey bar for the yearly target and a coloured bar for the year to date, each
/// scaled to the larger of the two, with the numbers written beside them. A figure without a
/// target has no bar, only its number and 无目标: a bar against nothing would read as 100%, and
/// the figures of one chart (classes, people) are not lengths of one scale either.
struct BarChart {
    struct Input {
        let label: String
        let value: Int64
        let target: Int64?
    }

    struct Bar {
        let label: String
        let labelY: Int
        let valueY: Int
        /// False for a figure without a target: no bar is drawn for it.
        let hasBar: Bool
        let valueWidth: Int
        let valueText: String
        let valueTextX: Int
        let targetY: Int
        let targetWidth: Int
        let hasTarget: Bool
        let targetText: String
        let targetTextX: Int
    }

    static let width = 560
    static let labelWidth = 150
    static let barSpace = 300
    static let rowHeight = 46

    let id: String
    let title: String
    /// Every figure in words, for a screen reader (the SVG's `<desc>`).
    let description: String
    let height: Int
    let width = BarChart.width
    let barX = BarChart.labelWidth
    let bars: [Bar]

    init(id: String, title: String, bars inputs: [Input]) {
        self.id = id
        self.title = title
        height = inputs.count * Self.rowHeight + 10
        description = inputs.map { input in
            "\(input.label) \(input.value)" + (input.target.map { "，目标 target \($0)" } ?? "，无目标 no target")
        }.joined(separator: "；")
        bars = inputs.enumerated().map { index, input in
            let top = 8 + index * Self.rowHeight
            guard let target = input.target else {
                // The words on the label's line: there is no bar to stand beside.
                return Bar(label: input.label, labelY: top + 22, valueY: top + 10, hasBar: false, valueWidth: 0,
                           valueText: "累计 \(input.value)（无目标 no target）", valueTextX: Self.labelWidth,
                           targetY: top + 2, targetWidth: 0, hasTarget: false, targetText: "", targetTextX: Self.labelWidth)
            }
            let scale = max(input.value, target, 1)
            let length = { (value: Int64) in Int((value * Int64(Self.barSpace) + scale / 2) / scale) }
            let valueWidth = max(length(input.value), input.value > 0 ? 2 : 0)
            let targetWidth = length(target)
            return Bar(label: input.label, labelY: top + 22, valueY: top + 18, hasBar: true, valueWidth: valueWidth,
                       valueText: "累计 \(input.value)", valueTextX: Self.labelWidth + valueWidth + 6,
                       targetY: top + 2, targetWidth: targetWidth, hasTarget: true,
                       targetText: "目标 \(target)", targetTextX: Self.labelWidth + targetWidth + 6)
        }
    }
}

/// The same figures split by district or by occupation (the dashboard's drill-down): one line
/// per project and district, or per project and what was trained or certified (an occupation
/// at a level, or a special-ability item).
struct StatisticsBreakdownPage {
    let period: PeriodView
    let byDistrict: Bool
    let headingZh: String
    let headingEn: String
    let columnZh: String
    let columnEn: String
    let lines: [Line]

    struct Line {
        let project: String
        let name: String
        let classes: Int64
        let trained: Int64
        let certificates: Int64
        let highSkill: Int64
        let highSkillShare: String
        let apprentices: Int64
    }

    init(_ statistics: QuarterlyStatistics, byDistrict: Bool) {
        period = PeriodView(statistics.period)
        self.byDistrict = byDistrict
        headingZh = byDistrict ? "按镇街" : "按职业（工种）"
        headingEn = byDistrict ? "By district" : "By occupation"
        columnZh = byDistrict ? "镇街" : "职业（等级）或专项能力"
        columnEn = byDistrict ? "District" : "Occupation (level) or special ability"
        let catalog = statistics.catalog
        let projectOrder = Dictionary(catalog.projects.enumerated().map { ($0.element.code, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let projectName = { (code: String) in catalog.project(code: code)?.nameZh ?? code }
        let name = { (key: StatisticsKey) -> String in
            if byDistrict { return key.district }
            switch key.target {
            case let .occupation(code, level): return "\(catalog.occupation(code: code)?.name ?? code) \(code) \(level.chineseName)"
            case let .specialAbility(code): return "\(catalog.specialAbility(code: code)?.name ?? code) \(code)"
            }
        }
        struct Group: Hashable { let project: String; let name: String }
        var sums: [Group: [QuarterlyFigure: Int64]] = [:]
        var highSkill: [Group: Int64] = [:]
        for (key, figures) in statistics.lines {
            let group = Group(project: key.projectCode, name: name(key))
            for (figure, value) in figures where DashboardFigures.counted.contains(figure) {
                sums[group, default: [:]][figure, default: 0] += value.yearToDate
            }
            if DashboardFigures.isHighSkill(key) { highSkill[group, default: 0] += figures[.certificates]?.yearToDate ?? 0 }
        }
        let groups = sums.filter { $0.value.values.contains { $0 != 0 } }.sorted { a, b in
            let (orderA, orderB) = (projectOrder[a.key.project] ?? .max, projectOrder[b.key.project] ?? .max)
            return orderA != orderB ? orderA < orderB : (a.key.project, a.key.name) < (b.key.project, b.key.name)
        }
        lines = groups.map { group, figures in
            let certificates = figures[.certificates] ?? 0
            return Line(project: projectName(group.project), name: group.name, classes: figures[.classes] ?? 0,
                        trained: figures[.trained] ?? 0, certificates: certificates, highSkill: highSkill[group] ?? 0,
                        highSkillShare: DashboardFigures.share(highSkill[group] ?? 0, of: certificates),
                        apprentices: figures[.apprenticesRegistered] ?? 0)
        }
    }
}
