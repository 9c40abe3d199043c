import Foundation
import Domain
import Spreadsheet
import Store

/// The bureau's quarterly statistics workbook (季度统计): the quarter and the year to date on a
/// summary sheet per project, then by occupation and level, by district, by key group, for
/// apprenticeships, progress against the catalog's yearly targets, and a notes sheet with the
/// definition of every figure. No personal data appears in it.
public enum QuarterlyWorkbook {
    static let notesSheet = "口径 Notes"

    /// `byCity`: the province's workbook, with a sheet of the same figures per city after the
    /// summary (`statistics` is then every city's lines together).
    public static func write(_ statistics: QuarterlyStatistics, byCity cities: [QuarterlyCityFigures]? = nil,
                             to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        let period = statistics.period
        try workbook.setProperties(title: "\(period.chineseLabel)技能人才工作统计", subject: "季度统计 Quarterly statistics")
        let subtitle = subtitle(statistics, cities: cities)
        try QuarterlySummarySheet(statistics: statistics, subtitle: subtitle).write(into: workbook)
        if let cities { try byCityTable(cities, period: period, subtitle: subtitle).write(into: workbook) }
        let breakdowns = QuarterlyBreakdowns(statistics: statistics, subtitle: subtitle)
        for table in [breakdowns.byOccupation, breakdowns.byDistrict, breakdowns.byKeyGroup, breakdowns.apprenticeships] {
            try table.write(into: workbook)
        }
        try TargetProgressSheet(statistics: statistics, subtitle: subtitle).write(into: workbook)
        try writeNotes(statistics, province: cities != nil, into: workbook)
        try workbook.close()
    }

    /// `本季度 2026-01-01 至 2026-03-31；年度累计 2026-01-01 至 2026-03-31；范围：全域；制表日期 2026-04-02`.
    static func subtitle(_ statistics: QuarterlyStatistics, cities: [QuarterlyCityFigures]? = nil) -> String {
        let period = statistics.period, ytd = period.yearToDate
        let area = cities.map { "全省 \($0.count) 个地市 province, \($0.count) cities" }
            ?? statistics.district.map { "镇街 \($0)" } ?? "全域 whole area"
        return "本季度 Quarter \(period.start) 至 \(period.end)；年度累计 Year to date \(ytd.start) 至 \(ytd.end)；"
            + "范围 Area：\(area)；制表日期 Written on \(statistics.writtenOn)。口径见“\(notesSheet)”表 Definitions on the notes sheet."
    }

    static let byCitySheet = "按地市 By city"

    /// One line per city with every figure of the summary's all-projects column, the pass rate
    /// as a formula over the line's own cells, and a total line of SUMs (its rate over the summed
    /// counts, never an average of the cities' rates).
    static func byCityTable(_ cities: [QuarterlyCityFigures], period: Period, subtitle: String) -> FigureTable {
        var columns: [FigureColumn] = []
        for figure in QuarterlyFigure.allCases {
            columns.append(.figure(figure))
            if figure == .passed { columns.append(.passRate) }
        }
        return FigureTable(
            name: byCitySheet, title: "\(period.chineseLabel)分地市统计表", subtitle: subtitle,
            labelHeaders: [("城市代码 City code", 10), ("城市 City", 16)], columns: columns,
            rows: cities.map { city in
                FigureRow(labels: [city.code, city.name ?? ""], values: Dictionary(uniqueKeysWithValues: QuarterlyFigure.allCases.map {
                    ($0, city.statistics.total($0))
                }))
            })
    }

    private static func writeNotes(_ statistics: QuarterlyStatistics, province: Bool,
                                   into workbook: Workbook) throws(SpreadsheetError) {
        let provinceNotes: [(String, String, String)] = !province ? [] : [
            ("全省 Province", "各地市推送到省级数据库的记录，按与地市季度统计相同的口径统计；“\(byCitySheet)”表每行为一个地市，合计行等于汇总表，合格率按合计人数重新计算。补考合格按本次各部分成绩及此前同一职业等级合格且在保留期内的部分判定。",
             "The records each city pushed to the province database, counted by the same definitions as a city's quarterly workbook; "
                + "the \(byCitySheet) sheet has a line per city and a total line equal to the summary, its pass rate worked out from the summed counts. "
                + "A retake passes on its own marks and, for a part not sat in it, an earlier pass of the same occupation and level still retained."),
        ]
        let general: [(String, String, String)] = provinceNotes + [
            ("统计期 Periods", "本季度为季度首日至末日；年度累计为1月1日至季度末日。每项记录按下列日期归入统计期。数字为制表日当天系统中的记录。",
             "The quarter runs from its first to its last day; the year to date from 1 January to the quarter's last day. "
                + "Each record falls in a period by the date given below. Figures are the records as they stand on the day written."),
            ("镇街 Districts", "培训班按开班镇街；考试与证书按培训班所在镇街，无培训班的按报名（培训）机构所在镇街，再无则按评价机构所在镇街；学徒按企业所在镇街。",
             "Classes count in their own district; exams and certificates in the district of the class that trained the person, "
                + "else of the registering (training) institution, else of the evaluation body; apprenticeships in the enterprise's district."),
            ("项目 Projects", "培训按培训班所属项目；考试、证书与学徒按职业（专项能力）在目录中所属项目。",
             "Training counts in the class's project; exams, certificates and apprenticeships in the project the catalog gives the occupation or item."),
            ("重点群体 Key groups", "按学员登记的重点群体计数；一人可属多个群体，故该表不设合计。证书按发证所依据培训班中该学员登记的群体。",
             "Counted by the key groups recorded with each trainee; a person may belong to several, so that sheet has no total. "
                + "Certificates by the groups recorded for the holder in the class they came from."),
            ("公式 Formulas", "合计、合格率、高技能人才占比、完成率均为单元格公式，并写有计算结果：修改任一单元格后合计随之更新。",
             "Totals, pass rates, the high-skill share and completion rates are formulas written with their values: correct a cell and they follow."),
        ]
        let figures = QuarterlyFigure.allCases.map { ("\($0.chineseName) \($0.englishName)", $0.definitionZh, $0.definitionEn) }
        let rows = (general + figures).map { [CellValue.text($0.0), .text($0.1), .text($0.2)] }
        try TableSheet(
            name: notesSheet, title: "统计口径 Definitions",
            columns: [TableColumn("项目 Item", width: 30, style: .wrapped), TableColumn("口径", width: 60, style: .wrapped),
                      TableColumn("Definition", width: 70, style: .wrapped)],
            rows: rows).write(into: workbook)
    }
}

/// One city's statistics for the province workbook's by-city sheet: its GB/T 2260 code and name.
public struct QuarterlyCityFigures: Sendable {
    public let code: String
    public let name: String?
    public let statistics: QuarterlyStatistics

    public init(code: String, name: String?, statistics: QuarterlyStatistics) {
        self.code = code
        self.name = name
        self.statistics = statistics
    }
}
