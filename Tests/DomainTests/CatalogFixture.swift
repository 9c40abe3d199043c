import Domain

/// A small, real-looking catalog held in memory, which tests break one field at a time.
///
/// Every file has two comment lines, so its header is on line 3 and row `i` is on line `4 + i`,
/// as the CSV reader would number them.
struct CatalogFixture {
    struct Sheet {
        var header: [String]
        var rows: [[String]]
    }

    static let headerLine = 3

    var sheets: [(file: String, sheet: Sheet)]

    static func line(ofRow index: Int) -> Int { headerLine + 1 + index }

    var tables: [CatalogTableText] {
        sheets.map { file, sheet in
            CatalogTableText(
                file: file, header: sheet.header, headerLine: Self.headerLine,
                rows: sheet.rows.enumerated().map { index, values in
                    CatalogRecord(line: Self.line(ofRow: index),
                                  fields: Dictionary(zip(sheet.header, values), uniquingKeysWith: { first, _ in first }))
                })
        }
    }

    func build() -> CatalogBuildResult { CatalogBuilder.build(tables) }

    private func index(of file: CatalogFile) -> Int {
        sheets.firstIndex { $0.file == file.fileName }!
    }

    /// Sets one field of row `row` (0-based) of `file`.
    mutating func set(_ file: CatalogFile, row: Int, _ column: String, _ value: String) {
        let i = index(of: file)
        let column = sheets[i].sheet.header.firstIndex(of: column)!
        sheets[i].sheet.rows[row][column] = value
    }

    mutating func append(_ file: CatalogFile, _ values: [String]) {
        sheets[index(of: file)].sheet.rows.append(values)
    }

    mutating func removeRow(_ file: CatalogFile, row: Int) {
        sheets[index(of: file)].sheet.rows.remove(at: row)
    }

    mutating func remove(_ file: CatalogFile) {
        sheets.remove(at: index(of: file))
    }

    mutating func setHeader(_ file: CatalogFile, _ header: [String]) {
        sheets[index(of: file)].sheet.header = header
    }

    /// The row index of the first row of `file` whose `column` is `value`.
    func row(_ file: CatalogFile, where column: String, is value: String) -> Int {
        let sheet = sheets[index(of: file)].sheet
        let column = sheet.header.firstIndex(of: column)!
        return sheet.rows.firstIndex { $0[column] == value }!
    }

    static var good: CatalogFixture {
        CatalogFixture(sheets: [
            ("projects.csv", Sheet(header: ["code", "name_zh", "name_en"], rows: [
                ["yuecai", "粤菜师傅", "Cantonese chef"],
                ["nanyue", "南粤家政", "domestic service"],
                ["jigong", "广东技工", "technician"],
            ])),
            ("occupations.csv", Sheet(header: ["code", "name", "project", "strand", "levels", "sub_trades", "unconfirmed"], rows: [
                ["4-03-02-01", "中式烹调师", "yuecai", "", "5|4|3|2|1", "", "no"],
                ["4-10-01-06", "家政服务员", "nanyue", "居家", "5|4|3|2", "母婴护理员|家务服务员|家庭照护员", "no"],
                ["6-31-01-03", "电工", "jigong", "", "1|2|3|4|5", "", "no"],
                ["4-10-01-02", "育婴员", "nanyue", "母婴", "5|4|3", "", "yes"],
            ])),
            ("special_abilities.csv", Sheet(header: ["code", "name", "project"], rows: [
                ["YC01", "广东烧味制作", "yuecai"],
                ["YC02", "广府风味菜烹饪", "yuecai"],
            ])),
            ("exam_parts.csv", Sheet(header: ["scope", "part", "max_score", "pass_mark", "minimum_minutes"], rows: [
                ["5", "theory", "100", "60", "90"], ["5", "practical", "100", "60", "60"],
                ["4", "theory", "100", "60", "90"], ["4", "practical", "100", "60", "60"],
                ["3", "theory", "100", "60", "90"], ["3", "practical", "100", "60", "60"],
                ["2", "theory", "100", "60", "90"], ["2", "practical", "100", "60", "60"], ["2", "review", "100", "60", ""],
                ["1", "theory", "100", "60", "90"], ["1", "practical", "100", "60", "60"], ["1", "review", "100", "60", ""],
                ["special-ability", "practical", "100", "60", "60"],
            ])),
            ("eligibility_routes.csv", Sheet(header: ["occupation", "level", "route", "required_certificate", "minimum_years",
                                                      "required_diploma", "apprenticeship", "final_year_students", "description"], rows: [
                ["*", "5", "5A", "", "1", "", "no", "no", "累计从事本职业工作1年"],
                ["*", "5", "5B", "", "0", "", "yes", "no", "学徒期满"],
                ["*", "4", "4A", "5", "4", "", "no", "no", "五级后4年"],
                ["*", "4", "4B", "", "6", "", "no", "no", "累计6年"],
                ["*", "4", "4C", "", "0", "technical-school", "no", "yes", "技工院校毕业"],
                ["*", "3", "3A", "4", "5", "", "no", "no", "四级后5年"],
                ["*", "3", "3B", "4", "0", "senior-technical-school", "no", "no", "四级并技师学院毕业"],
                ["*", "3", "3C", "4", "2", "junior-college", "no", "no", "大专并四级后2年"],
                ["*", "2", "2A", "3", "4", "", "no", "no", "三级后4年"],
                ["*", "2", "2B", "3", "3", "senior-technical-school", "no", "no", "三级后3年（技师学院）"],
                ["*", "1", "1A", "2", "4", "", "no", "no", "二级后4年"],
                ["4-10-01-06", "4", "4X", "5", "2", "", "no", "no", "家政服务员五级后2年（示例）"],
                ["4-10-01-06", "4", "4Y", "", "4", "", "no", "no", "家政服务员累计4年（示例）"],
            ])),
            ("training_subsidies.csv", Sheet(header: ["occupation", "level", "amount_yuan"], rows: [
                ["*", "5", "1000"], ["*", "4", "1500"], ["*", "3", "2000"], ["*", "2", "2500"], ["*", "1", "3000"],
                ["6-31-01-03", "3", "2,200.50"],
            ])),
            ("apprentice_subsidies.csv", Sheet(header: ["level", "amount_yuan_per_year"], rows: [
                ["4", "5500"], ["3", "7000"], ["2", "8500"], ["1", "8500"],
            ])),
            ("districts.csv", Sheet(header: ["name", "kind", "city"], rows: [
                ["石岐街道", "街道", "中山市"], ["小榄镇", "镇", "中山市"], ["古镇镇", "镇", "中山市"],
            ])),
            ("key_groups.csv", Sheet(header: ["code", "name_zh", "name_en"], rows: [
                ["graduate", "高校毕业生", "college graduates"], ["rural", "农村劳动力", "rural labour"],
                ["veteran", "退役军人", "veterans"], ["disabled", "残疾人", "people with disabilities"],
                ["hardship", "就业困难人员", "people with employment difficulties"],
                ["poverty", "脱贫人口", "people lifted out of poverty"],
            ])),
            ("education_levels.csv", Sheet(header: ["code", "name_zh", "name_en"], rows: [
                ["junior-or-below", "初中及以下", "junior secondary or below"],
                ["senior-secondary", "高中/中专/技校", "senior secondary or technical school"],
                ["junior-college", "大专", "junior college"],
                ["bachelor", "本科", "bachelor"],
                ["postgraduate", "研究生及以上", "postgraduate"],
            ])),
            ("household_types.csv", Sheet(header: ["code", "name_zh", "name_en"], rows: [
                ["urban", "城镇", "urban"],
                ["rural", "农村", "rural"],
            ])),
            ("targets.csv", Sheet(header: ["year", "district", "project", "metric", "value"], rows: [
                ["2026", "", "yuecai", "classes", "8"],
                ["2026", "", "", "certifications", "4500"],
                ["2026", "小榄镇", "nanyue", "trainees", "300"],
            ])),
            ("settings.csv", Sheet(header: ["key", "value", "note"], rows: [
                ["retained_part_months", "12", "DOMAIN.md"],
                ["subsidy_claim_window_months", "12", ""],
                ["completion_share_percent", "80", "assumption"],
                ["recheck_window_days", "15", ""],
                ["apprentice_advance_percent", "50", ""],
                ["apprentice_max_years", "3", ""],
                ["apprentice_min_contract_years", "1", ""],
                ["special_ability_number_pattern", "{issuer}{yy}Z{serial:6}", ""],
                ["session_idle_minutes", "30", ""],
            ])),
            ("certificate_layout.csv", Sheet(header: ["field", "label", "x_mm", "y_mm", "width_mm", "font_size_pt"], rows: [
                ["name", "姓名 Name：", "40", "90", "130", "14"],
                ["national_id", "", "40", "114", "130", "12"],
                ["number", "证书编号：", "40.5", "150", "130", "12"],
                ["qr", "", "147", "215", "35", ""],
            ])),
        ])
    }
}

/// The problem a test expects, written out in full so that a change to any part of it fails the test.
/// `field` is a catalog file's column, or `file` for a problem with the file as a whole.
func problem(_ file: String, _ line: Int?, _ field: String, _ value: String, zh: String, en: String) -> FieldProblem {
    FieldProblem(file: file, line: line, field: field == "file" ? .file : .column(field), value: value, rule: Rejection(zh, en))
}
