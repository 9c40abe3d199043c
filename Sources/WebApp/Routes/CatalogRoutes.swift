import Hummingbird
import Domain
import Services
import Store

/// The catalog as the database holds it, read-only (it changes by `skillcert catalog sync` from
/// the files in `Catalog/`), and the catalog workbook `catalog export` writes, as a download.
/// Bureau only: the Store refuses anyone else, which is the 403 page.
extension WebApp {
    func addCatalogRoutes(to router: Router<WebContext>) {
        router.get("/catalog") { _, context -> Response in
            let actor = try context.signedIn.user
            let catalog = try await store { store in try store.catalog(actor: actor) }
            return pages.render("catalog", title: "目录", page: CatalogPage(catalog), context: context)
        }

        router.get("/catalog.xlsx") { _, context -> Response in
            let actor = try context.signedIn.user
            return try await workbookDownload(name: DownloadName(chinese: "目录", ascii: "catalog")) { store, _, url in
                // The page's refusal first: `catalog export` itself is open to every active user.
                _ = try store.catalog(actor: actor)
                _ = try CatalogWorkbooks(store: store).export(actor: actor, to: { url })
            }
        }
    }
}

/// The catalog's tables, each under its heading, with a contents line of their counts.
struct CatalogPage {
    let tables: [CatalogTableView]

    init(_ catalog: Catalog) {
        let projectName = Dictionary(catalog.projects.map { ($0.code, $0.nameZh) }, uniquingKeysWith: { first, _ in first })
        let occupationName = Dictionary(catalog.occupations.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        func project(_ code: String?) -> String { code.map { projectName[$0] ?? $0 } ?? "全部 all" }
        func occupation(_ code: String?, otherwise: String) -> String { code.map { occupationName[$0] ?? $0 } ?? otherwise }
        func yesNo(_ flag: Bool) -> String { flag ? "是 yes" : "否 no" }
        func yuan(_ money: Money) -> String { money.description }

        tables = [
            CatalogTableView(id: "settings", zh: "设置", en: "Settings",
                             columns: ["键 Key", "名称 Name", "值 Value", "说明 Note"],
                             rows: catalog.settings.map { [$0.key, CatalogPage.settingName($0.key), $0.value, $0.note] }),
            CatalogTableView(id: "projects", zh: "三项工程", en: "Projects",
                             columns: ["代码 Code", "名称 Name", "English"],
                             rows: catalog.projects.map { [$0.code, $0.nameZh, $0.nameEn] }),
            CatalogTableView(id: "occupations", zh: "职业", en: "Occupations",
                             columns: ["职业编码 Code", "职业 Name", "项目 Project", "方向 Strand", "等级 Levels", "工种 Sub-trades", "编码待确认 Unconfirmed"],
                             rows: catalog.occupations.map {
                                 [$0.code, $0.name, project($0.projectCode), $0.strand, $0.levels.map(\.chineseName).joined(separator: "、"),
                                  $0.subTrades.joined(separator: "、"), yesNo($0.unconfirmed)]
                             }),
            CatalogTableView(id: "special-abilities", zh: "专项职业能力", en: "Special abilities",
                             columns: ["代码 Code", "项目名称 Name", "所属工程 Project"],
                             rows: catalog.specialAbilities.map { [$0.code, $0.name, project($0.projectCode)] }),
            CatalogTableView(id: "exam-parts", zh: "考试科目与合格线", en: "Exam parts and pass marks",
                             columns: ["等级 Scope", "科目 Part", "满分 Max", "合格线 Pass mark", "最短时长（分钟） Min minutes"],
                             rows: catalog.examParts.map {
                                 [$0.scope.description, "\($0.part.chineseName) \($0.part.rawValue)", String($0.maxScore), String($0.passMark),
                                  $0.minimumMinutes.map(String.init) ?? ""]
                             }),
            CatalogTableView(id: "eligibility", zh: "申报条件", en: "Eligibility routes",
                             columns: ["职业 Occupation", "申报等级 Level", "条件 Route", "需持证书 Certificate", "年限 Years", "学历 Diploma",
                                       "学徒期满 Apprenticeship", "含应届 Final year", "说明 Description"],
                             rows: catalog.eligibilityRoutes.map {
                                 [occupation($0.occupationCode, otherwise: "通用模板 template"), $0.level.chineseName, $0.routeCode,
                                  $0.requiredCertificate?.chineseName ?? "", String($0.minimumYears), $0.requiredDiploma?.chineseName ?? "",
                                  yesNo($0.requiresApprenticeship), yesNo($0.finalYearStudentsAllowed), $0.descriptionZh]
                             }),
            CatalogTableView(id: "training-subsidies", zh: "以证定补标准", en: "Training subsidy per certificate",
                             columns: ["职业 Occupation", "等级 Level", "金额（元） Yuan"],
                             rows: catalog.trainingSubsidies.map {
                                 [occupation($0.occupationCode, otherwise: "通用 default"), $0.level.chineseName, yuan($0.amount)]
                             }),
            CatalogTableView(id: "apprentice-subsidies", zh: "企业新型学徒制补贴", en: "Apprenticeship subsidy per year",
                             columns: ["目标等级 Level", "金额（元/年） Yuan per year"],
                             rows: catalog.apprenticeSubsidies.map { [$0.level.chineseName, yuan($0.amountPerYear)] }),
            CatalogTableView(id: "districts", zh: "镇街", en: "Districts",
                             columns: ["名称 Name", "类型 Kind", "城市 City"],
                             rows: catalog.districts.map { [$0.name, $0.kind, $0.city] }),
            CatalogTableView(id: "key-groups", zh: "重点群体", en: "Key groups",
                             columns: ["代码 Code", "名称 Name", "English"],
                             rows: catalog.keyGroups.map { [$0.code, $0.nameZh, $0.nameEn] }),
            CatalogTableView(id: "targets", zh: "年度目标", en: "Yearly targets",
                             columns: ["年度 Year", "镇街 District", "项目 Project", "指标 Metric", "目标 Target"],
                             rows: catalog.targets.map {
                                 [String($0.year), $0.district ?? "全区域 whole area", project($0.projectCode),
                                  "\($0.metric.chineseName) \($0.metric.rawValue)", String($0.value)]
                             }),
            CatalogTableView(id: "education", zh: "文化程度", en: "Education levels",
                             columns: ["代码 Code", "名称 Name", "English"],
                             rows: catalog.educationLevels.map { [$0.code, $0.nameZh, $0.nameEn] }),
            CatalogTableView(id: "household", zh: "户籍类型", en: "Household types",
                             columns: ["代码 Code", "名称 Name", "English"],
                             rows: catalog.householdTypes.map { [$0.code, $0.nameZh, $0.nameEn] }),
        ]
    }

    /// What each setting is, for a reader who does not know the keys.
    static func settingName(_ key: String) -> String {
        switch CatalogSettingKey(rawValue: key) {
        case .retainedPartMonths: "合格科目保留期（月） Passed part kept (months)"
        case .subsidyClaimWindowMonths: "补贴申领期限（月） Subsidy claim window (months)"
        case .completionSharePercent: "结业出勤比例（%） Hours share to complete (%)"
        case .recheckWindowDays: "复核申请期限（天） Re-check window (days)"
        case .apprenticeAdvancePercent: "学徒补贴预拨比例（%） Apprentice advance (%)"
        case .apprenticeMaxYears: "学徒期上限（年） Longest apprenticeship (years)"
        case .apprenticeMinContractYears: "劳动合同下限（年） Shortest contract (years)"
        case .specialAbilityNumberPattern: "专项能力证书编号规则 Special-ability numbering"
        case .sessionIdleMinutes: "网页会话空闲时限（分钟） Web session idle limit (minutes)"
        case nil: ""
        }
    }
}

/// One catalog table: an anchor for the contents, its heading, columns and rows of text.
struct CatalogTableView {
    let id: String
    let zh: String
    let en: String
    let columns: [String]
    let rows: [CatalogRowView]
    let count: Int
    /// Columns, for the one cell of an empty table.
    let width: Int

    init(id: String, zh: String, en: String, columns: [String], rows: [[String]]) {
        self.id = id
        self.zh = zh
        self.en = en
        self.columns = columns
        self.rows = rows.map(CatalogRowView.init)
        count = rows.count
        width = columns.count
    }
}

struct CatalogRowView {
    let cells: [String]
}
