import Domain
import Store

/// The breakdown sheets of the quarterly workbook: the statistics' lines summed by occupation
/// and level, by district, by key group, and the apprenticeship lines.
struct QuarterlyBreakdowns {
    let statistics: QuarterlyStatistics
    let subtitle: String

    static let occupationSheet = "职业等级 By occupation"
    static let districtSheet = "镇街 By district"
    static let keyGroupSheet = "重点群体 By key group"
    static let apprenticeSheet = "学徒 Apprenticeships"

    private var catalog: Catalog { statistics.catalog }
    private var title: String { statistics.period.chineseLabel }

    var byOccupation: FigureTable {
        let columns: [FigureColumn] = [
            .figure(.classes), .figure(.trained), .figure(.completed), .figure(.candidates), .figure(.resultsPublished),
            .figure(.passed), .passRate, .figure(.certificates), .figure(.trainingSubsidyDue),
        ]
        return FigureTable(
            name: Self.occupationSheet, title: "\(title)分职业（工种）等级统计表", subtitle: subtitle,
            labelHeaders: [("项目 Project", 12), ("职业/专项能力 Occupation/item", 22), ("等级 Level", 13)],
            columns: columns, rows: targetRows(for: columns))
    }

    var apprenticeships: FigureTable {
        let columns: [FigureColumn] = [
            .figure(.apprenticesRegistered), .figure(.apprenticesFiled), .figure(.apprenticesCompleted),
            .figure(.apprenticesTerminated), .figure(.apprenticeSubsidyDue),
        ]
        return FigureTable(
            name: Self.apprenticeSheet, title: "\(title)企业新型学徒制统计表", subtitle: subtitle,
            labelHeaders: [("项目 Project", 12), ("职业 Occupation", 22), ("目标等级 Target level", 13)],
            columns: columns, rows: targetRows(for: columns))
    }

    var byDistrict: FigureTable {
        let districts = catalog.districts.filter { statistics.district == nil || $0.name == statistics.district }
        let columns: [FigureColumn] = [
            .figure(.classes), .figure(.trained), .figure(.completed), .figure(.candidates), .figure(.resultsPublished),
            .figure(.passed), .passRate, .figure(.certificates), .figure(.apprenticesRegistered),
        ]
        var sums: [String: [QuarterlyFigure: QuarterAndYear]] = [:]
        for (key, figures) in statistics.lines {
            for (figure, value) in figures { sums[key.district, default: [:]][figure, default: .zero] += value }
        }
        return FigureTable(
            name: Self.districtSheet, title: "\(title)分镇街统计表", subtitle: subtitle,
            labelHeaders: [("镇街 District", 14), ("类别 Kind", 8)], columns: columns,
            rows: districts.map { FigureRow(labels: [$0.name, $0.kind], values: sums[$0.name] ?? [:]) })
    }

    /// No total line: a trainee may belong to several key groups.
    var byKeyGroup: FigureTable {
        var sums: [String: [QuarterlyFigure: QuarterAndYear]] = [:]
        for (key, figures) in statistics.keyGroups {
            for (figure, value) in figures { sums[key.keyGroupCode, default: [:]][figure, default: .zero] += value }
        }
        var table = FigureTable(
            name: Self.keyGroupSheet, title: "\(title)重点群体统计表", subtitle: subtitle,
            labelHeaders: [("重点群体 Key group", 16), ("Key group", 26)],
            columns: [.figure(.trained), .figure(.completed), .figure(.certificates)],
            rows: catalog.keyGroups.map { FigureRow(labels: [$0.nameZh, $0.nameEn], values: sums[$0.code] ?? [:]) })
        table.totals = false
        return table
    }

    /// The lines summed over districts by project and target, for the lines where any of the
    /// columns' figures is not zero, in catalog order (projects, then occupations, levels 5 to 1).
    private func targetRows(for columns: [FigureColumn]) -> [FigureRow] {
        let figures = columns.compactMap { if case .figure(let figure) = $0 { figure } else { nil } }
        struct Group: Hashable { let project: String; let target: CertificationTarget }
        var sums: [Group: [QuarterlyFigure: QuarterAndYear]] = [:]
        for (key, values) in statistics.lines {
            let kept = values.filter { figures.contains($0.key) && $0.value != .zero }
            guard !kept.isEmpty else { continue }
            for (figure, value) in kept { sums[Group(project: key.projectCode, target: key.target), default: [:]][figure, default: .zero] += value }
        }
        let projectOrder = Dictionary(catalog.projects.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        return sums.keys.sorted { a, b in
            (projectOrder[a.project] ?? .max, sortKey(a.target)) < (projectOrder[b.project] ?? .max, sortKey(b.target))
        }.map { group in
            FigureRow(labels: [catalog.project(code: group.project)?.nameZh ?? group.project] + labels(group.target), values: sums[group]!)
        }
    }

    private func sortKey(_ target: CertificationTarget) -> String {
        switch target {
        case let .occupation(code, level): "0 \(code) \(level.nationalDigit.map { 9 - $0 } ?? 9)"
        case let .specialAbility(code): "1 \(code)"
        }
    }

    private func labels(_ target: CertificationTarget) -> [String] {
        switch target {
        case let .occupation(code, level): [catalog.occupation(code: code).map { "\($0.name) \(code)" } ?? code, level.chineseName]
        case let .specialAbility(code): [catalog.specialAbility(code: code)?.name ?? code, "专项能力 Special ability"]
        }
    }
}
