import Foundation
import Domain
import Spreadsheet

/// The apprentice list template (学徒名单) a clerk fills in and imports (`skillcert apprentice template`).
///
/// Laid out like the trainee template: the bilingual headers the importer recognises, a notes row
/// under them (skipped on import), and a second sheet of instructions. The credit code, ID and
/// date columns are text before anything is typed, so that Excel neither shortens an 18-digit ID
/// nor turns 2026-09-01 into a date it may show as 2026/9/1 or 46266; the occupation and target
/// level offer the catalog's names.
public enum ApprenticeTemplate {
    public static let sheetName = "学徒名单 Apprentices"
    public static let instructionsSheetName = "填写说明 Instructions"

    /// The columns, in the order the template lays them out.
    public static let fields: [ListField] = [
        .enterprise, .nationalId, .name, .occupation, .targetLevel, .contractStart, .contractYears,
        .apprenticeStart, .apprenticeEnd, .extensionReason, .enterpriseMentor, .institutionMentor, .institution,
    ]

    /// Columns kept as text: codes and IDs that Excel would turn into numbers, dates it would reformat.
    static let textFields: Set<ListField> = [.enterprise, .nationalId, .contractStart, .apprenticeStart, .apprenticeEnd]

    /// The levels an apprenticeship may target (DOMAIN.md: 中级工 up to 高级技师).
    static let targetLevels: [SkillLevel] = [.level4, .level3, .level2, .level1]

    /// Drop-downs cover 500 apprentices, more than one list of an enterprise's runs to.
    static let lastValidatedRow = 501

    public static func write(_ catalog: Catalog, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: "学徒名单导入模板 Apprentice list template",
                                   subject: "企业新型学徒制学徒登记 Apprenticeship registration")
        try writeList(catalog, into: workbook)
        try writeInstructions(catalog, into: workbook)
        try workbook.close()
    }

    private static func writeList(_ catalog: Catalog, into workbook: Workbook) throws(SpreadsheetError) {
        let sheet = try ListTemplateLayout.writeList(into: workbook, name: sheetName, fields: fields, textFields: textFields,
                                                     notesHeight: 90, width: width(of:), note: { note(for: $0).text })
        // Closed lists that the importer also takes in other spellings (a code, 4, 中级工): a value
        // outside the list is questioned, not refused.
        let occupations = catalog.occupations.filter { !Set($0.levels).isDisjoint(with: targetLevels) }.map(\.name)
        let lists: [(ListField, [String])] = [(.occupation, occupations), (.targetLevel, targetLevels.map(\.chineseName))]
        for (field, values) in lists where !values.isEmpty {
            let column = fields.firstIndex(of: field)!
            try sheet.addListValidation(firstRow: ListTemplateLayout.firstDataRow, firstColumn: column, lastRow: lastValidatedRow,
                                        lastColumn: column, values: values,
                                        prompt: ValidationMessage(title: field.header, text: "从下拉列表选择。\nPick from the list."),
                                        error: ValidationMessage(title: "不在列表中 Not in the list", text: "请从下拉列表选择。\nPlease pick a value from the list."),
                                        errorStyle: .warning)
        }
    }

    private static func width(of field: ListField) -> Double {
        switch field {
        case .enterprise, .nationalId: 24
        case .occupation, .institution: 22
        case .extensionReason: 26
        default: 16
        }
    }

    /// The notes cell of a column; every one opens with `ListField.notesMarker`, so that whichever
    /// column a clerk moves first still makes the importer skip the row.
    static func note(for field: ListField) -> (text: String, chinese: String, english: String) {
        let (chinese, english): (String, String)
        switch field {
        case .enterprise:
            (chinese, english) = ("18 位统一社会信用代码（企业须已登记）", "The 18-character credit code of an enterprise on file")
        case .nationalId:
            (chinese, english) = ("18 位，文本格式；须为已登记的人员", "18 characters as text; a person on file")
        case .name:
            (chinese, english) = ("与已登记的姓名一致", "As the person is on file")
        case .occupation:
            (chinese, english) = ("职业名称或编码，从下拉列表选择", "Occupation name or code; pick from the list")
        case .targetLevel:
            (chinese, english) = ("四级/中级工至一级/高级技师", "Level 4 (intermediate) up to level 1 (senior technician)")
        case .contractStart, .apprenticeStart, .apprenticeEnd:
            (chinese, english) = ("日期，YYYY-MM-DD", "A date, YYYY-MM-DD")
        case .contractYears:
            (chinese, english) = ("劳动合同年限，整数", "Labour contract length, whole years")
        case .extensionReason:
            (chinese, english) = ("培养期超过 2 年时必填", "Required when the apprenticeship runs over two years")
        case .enterpriseMentor, .institutionMentor:
            (chinese, english) = ("导师姓名，必填", "The mentor's name; required")
        case .institution:
            (chinese, english) = ("可留空：默认为导入的机构", "May be left empty: the institution importing the list")
        default:
            (chinese, english) = ("", "")
        }
        return ListTemplateLayout.note(field, chinese, english)
    }

    private static func writeInstructions(_ catalog: Catalog, into workbook: Workbook) throws(SpreadsheetError) {
        let minimumContract = catalog.integerSetting(.apprenticeMinContractYears)
        let maximumYears = catalog.integerSetting(.apprenticeMaxYears)
        try ListTemplateLayout.writeInstructions(
            into: workbook, name: instructionsSheetName, title: "学徒名单填写说明 How to fill in the apprentice list",
            columns: fields.map { field in let note = note(for: field); return (field.header, note.chinese, note.english) },
            general: [
                ("规则 Rules",
                 "劳动合同至少 \(minimumContract) 年；培养期 1 至 2 年，说明理由后最长 \(maximumYears) 年；学徒培养不早于劳动合同开始；同一人同时只能有一项进行中的学徒培养。",
                 "A labour contract of at least \(minimumContract) year(s); one to two years of training, up to \(maximumYears) with a reason; the apprenticeship starts no earlier than the contract; one apprenticeship under way per person."),
                ("表头 Header",
                 "每行一名学徒，从第 3 行起填写。第 2 行是说明行，导入时自动跳过。列的顺序可以调整，导入按表头名称（中文或英文）识别各列。",
                 "One apprentice per row, from row 3. Row 2 holds notes and is skipped on import. Columns may be reordered: they are recognised by their header (Chinese or English)."),
                ("全部或全不 All or nothing",
                 "只要有一行未通过检查，整份名单都不登记，并生成错误工作簿：出错的单元格标红，“原因”列说明原因。改正后可直接重新导入该错误工作簿。",
                 "If any row fails, nobody is registered and an error workbook is written with the cells at fault highlighted and the reason. Fix it and import that workbook again."),
                ("CSV 文件 CSV files",
                 "也可另存为 CSV 文件导入，编码为 UTF-8 或 GB18030 均可。",
                 "The list may also be saved as CSV, in UTF-8 or GB18030."),
                ("个人信息 Personal data",
                 "本表含身份证号等个人信息，请妥善保管，用后删除。",
                 "The list holds ID numbers: keep it safe and delete it when done."),
            ])
    }
}
