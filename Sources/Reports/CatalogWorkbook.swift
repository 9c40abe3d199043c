import Foundation
import Domain
import Spreadsheet

/// The catalog as a workbook (`skillcert catalog export`): one sheet per catalog file, with the
/// same columns a clerk edits in `Catalog/`, and an overview sheet that counts them.
public enum CatalogWorkbook {
    public static func write(_ catalog: Catalog, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: "SkillCert 目录 Catalog", subject: "职业、等级、考试科目、申报条件、补贴标准、镇街、目标")
        let sheets = dataSheets(catalog)
        try writeOverview(catalog, sheets: sheets, into: workbook)
        for sheet in sheets {
            let worksheet = try sheet.write(into: workbook)
            try decorate(worksheet, sheet: sheet, catalog: catalog)
        }
        try workbook.close()
    }

    private static func yesNo(_ flag: Bool) -> CellValue { .text(flag ? "是 yes" : "否 no") }

    static func dataSheets(_ catalog: Catalog) -> [TableSheet] {
        let projectName = Dictionary(catalog.projects.map { ($0.code, $0.nameZh) }, uniquingKeysWith: { a, _ in a })
        let occupationName = Dictionary(catalog.occupations.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let money = CellStyle.money
        return [
            TableSheet(name: "项目 Projects", title: "三项工程 The three Guangdong projects",
                       columns: [TableColumn("代码 code", width: 12), TableColumn("名称 name", width: 16), TableColumn("English", width: 22)],
                       rows: catalog.projects.map { [.text($0.code), .text($0.nameZh), .text($0.nameEn)] }),
            TableSheet(name: "职业 Occupations", title: "职业（2022 年版职业分类大典） Occupations (2022 classification)",
                       columns: [TableColumn("职业编码 code", width: 14, style: .text), TableColumn("职业 name", width: 14),
                                 TableColumn("项目 project", width: 12), TableColumn("方向 strand", width: 10),
                                 TableColumn("等级 levels", width: 14), TableColumn("工种 sub-trades", width: 32, style: .wrapped),
                                 TableColumn("编码待确认 unconfirmed", width: 14)],
                       rows: catalog.occupations.map {
                           [.text($0.code), .text($0.name), .text($0.projectCode), .text($0.strand),
                            .text($0.levels.map(\.code).joined(separator: "|")), .text($0.subTrades.joined(separator: "|")),
                            yesNo($0.unconfirmed)]
                       }),
            TableSheet(name: "专项能力 Special abilities", title: "专项职业能力考核项目 Special-ability assessments",
                       columns: [TableColumn("代码 code", width: 10), TableColumn("项目名称 name", width: 22),
                                 TableColumn("所属工程 project", width: 14)],
                       rows: catalog.specialAbilities.map {
                           [.text($0.code), .text($0.name), .text(projectName[$0.projectCode] ?? $0.projectCode)]
                       }),
            TableSheet(name: "考试科目 Exam parts", title: "考试科目与合格线 Exam parts and pass marks",
                       columns: [TableColumn("等级 scope", width: 16), TableColumn("科目 part", width: 14),
                                 TableColumn("满分 max", width: 10, style: .integer), TableColumn("合格线 pass mark", width: 12, style: .integer),
                                 TableColumn("最短时长（分钟） min minutes", width: 16, style: .integer)],
                       rows: catalog.examParts.map {
                           [.text($0.scope.description), .text("\($0.part.chineseName) \($0.part.rawValue)"),
                            .integer($0.maxScore), .integer($0.passMark), $0.minimumMinutes.map { .integer($0) } ?? .blank]
                       }),
            TableSheet(name: "申报条件 Eligibility", title: "申报条件 Eligibility routes (any one route qualifies)",
                       columns: [TableColumn("职业 occupation", width: 16), TableColumn("申报等级 level", width: 14),
                                 TableColumn("条件 route", width: 8), TableColumn("需持证书 certificate", width: 14),
                                 TableColumn("年限 years", width: 8, style: .integer), TableColumn("学历 diploma", width: 20, style: .wrapped),
                                 TableColumn("学徒期满 apprenticeship", width: 12), TableColumn("含应届 final year", width: 12),
                                 TableColumn("说明 description", width: 48, style: .wrapped)],
                       rows: catalog.eligibilityRoutes.map {
                           [.text($0.occupationCode.map { occupationName[$0] ?? $0 } ?? "通用模板 template"),
                            .text($0.level.chineseName), .text($0.routeCode), .text($0.requiredCertificate?.chineseName ?? ""),
                            .integer($0.minimumYears), .text($0.requiredDiploma?.chineseName ?? ""),
                            yesNo($0.requiresApprenticeship), yesNo($0.finalYearStudentsAllowed), .text($0.descriptionZh)]
                       }),
            TableSheet(name: "培训补贴 Training subsidy", title: "以证定补标准（元/人） Training subsidy per certificate (yuan)",
                       columns: [TableColumn("职业 occupation", width: 18), TableColumn("等级 level", width: 16),
                                 TableColumn("金额（元） amount", width: 14, style: money)],
                       rows: catalog.trainingSubsidies.map {
                           [.text($0.occupationCode.map { occupationName[$0] ?? $0 } ?? "通用 default"),
                            .text($0.level.chineseName), .number($0.amount.yuanForDisplay)]
                       }),
            TableSheet(name: "学徒补贴 Apprentice subsidy", title: "企业新型学徒制补贴（元/人·年） Apprenticeship subsidy (yuan per year)",
                       columns: [TableColumn("目标等级 level", width: 16), TableColumn("金额（元/年） amount per year", width: 18, style: money)],
                       rows: catalog.apprenticeSubsidies.map { [.text($0.level.chineseName), .number($0.amountPerYear.yuanForDisplay)] }),
            TableSheet(name: "镇街 Districts", title: "镇街 Districts",
                       columns: [TableColumn("名称 name", width: 14), TableColumn("类型 kind", width: 8), TableColumn("城市 city", width: 10)],
                       rows: catalog.districts.map { [.text($0.name), .text($0.kind), .text($0.city)] }),
            TableSheet(name: "重点群体 Key groups", title: "重点群体 Key groups",
                       columns: [TableColumn("代码 code", width: 12), TableColumn("名称 name", width: 16), TableColumn("English", width: 34)],
                       rows: catalog.keyGroups.map { [.text($0.code), .text($0.nameZh), .text($0.nameEn)] }),
            TableSheet(name: "年度目标 Targets", title: "年度目标 Yearly targets",
                       columns: [TableColumn("年度 year", width: 8, style: .integer), TableColumn("镇街 district", width: 14),
                                 TableColumn("项目 project", width: 12), TableColumn("指标 metric", width: 16),
                                 TableColumn("目标 target", width: 10, style: .integer)],
                       rows: catalog.targets.map {
                           [.integer($0.year), .text($0.district ?? "全区域 whole area"),
                            .text($0.projectCode.map { projectName[$0] ?? $0 } ?? "全部 all"),
                            .text("\($0.metric.chineseName) \($0.metric.rawValue)"), .integer($0.value)]
                       }),
            TableSheet(name: "设置 Settings", title: "设置 Settings",
                       columns: [TableColumn("键 key", width: 30), TableColumn("值 value", width: 10),
                                 TableColumn("说明 note", width: 60, style: .wrapped)],
                       rows: catalog.settings.map { [.text($0.key), .text($0.value), .text($0.note)] }),
        ]
    }

    /// Counts per sheet with a total, so a reviewer sees at a glance what the catalog holds.
    private static func writeOverview(_ catalog: Catalog, sheets: [TableSheet], into workbook: Workbook) throws(SpreadsheetError) {
        let total = sheets.reduce(0) { $0 + $1.rows.count }
        let lastSheetRow = TableSheet.firstDataRow + sheets.count - 1
        var rows: [[CellValue]] = sheets.map { [.text($0.name), .integer($0.rows.count)] }
        rows.append([.text("合计 total"), .formulaNumber("SUM(B\(TableSheet.firstDataRow + 1):B\(lastSheetRow + 1))", cached: Double(total))])
        let overview = TableSheet(name: "概览 Overview", title: "SkillCert 目录 Catalog",
                                  columns: [TableColumn("工作表 sheet", width: 30), TableColumn("行数 rows", width: 10, style: .integer)],
                                  rows: rows)
        let sheet = try overview.write(into: workbook)
        let unconfirmed = catalog.occupations.filter(\.unconfirmed)
        if !unconfirmed.isEmpty {
            let noteRow = TableSheet.firstDataRow + rows.count + 1
            try sheet.write(.text("编码待确认的职业 Occupation codes still to confirm: "
                                  + unconfirmed.map { "\($0.name) \($0.code)" }.joined(separator: "、")),
                            row: noteRow, column: 0, style: CellStyle.wrapped.with { $0.border = .none })
        }
    }

    /// Sheet-specific extras: drop-downs where a column takes catalog values, a chart of targets.
    private static func decorate(_ worksheet: Worksheet, sheet: TableSheet, catalog: Catalog) throws(SpreadsheetError) {
        let lastRow = TableSheet.firstDataRow + max(sheet.rows.count, 1) - 1
        switch sheet.name {
        case "职业 Occupations":
            try worksheet.addListValidation(firstRow: TableSheet.firstDataRow, firstColumn: 2, lastRow: lastRow, lastColumn: 2,
                                            values: catalog.projects.map(\.code))
        case "年度目标 Targets" where !sheet.rows.isEmpty:
            let chart = Chart(kind: .bar, title: "年度目标 Targets",
                              series: [Chart.Series(name: "目标 target", categories: sheet.dataRange(columns: 2...3),
                                                    values: sheet.dataRange(column: 4))])
            try worksheet.insertChart(chart, row: TableSheet.firstDataRow, column: 6)
        default:
            break
        }
    }
}
