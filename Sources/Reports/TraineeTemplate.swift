import Foundation
import Domain
import Spreadsheet

/// The trainee list template a clerk fills in and imports (`skillcert cohort template`).
///
/// Most bad data enters at this step, so the template heads it off where Excel can: the ID and
/// phone columns are text before anything is typed (Excel would otherwise turn an 18-digit ID
/// into 4.40524E+17 and lose its last digits), closed fields offer the catalog's names, and the
/// row under the header says what each column wants. The header texts are exactly those the
/// importer recognises.
public enum TraineeTemplate {
    public static let sheetName = "学员名单 Trainees"
    public static let instructionsSheetName = "填写说明 Instructions"

    /// The columns, in the order the template lays them out.
    public static let fields: [ListField] = [.nationalId, .name, .phone, .education, .householdType, .keyGroups]


    /// Drop-downs cover Excel rows 3 to 2002: 2,000 trainees, more than a class list runs to,
    /// yet few enough to keep the file small. Rows below still get the text columns.
    static let lastValidatedRow = 2001

    /// Separates several key groups in one cell, as Chinese forms list items.
    static let keyGroupSeparator = "、"

    public static func write(_ catalog: Catalog, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: "学员名单导入模板 Trainee list template",
                                   subject: "培训班学员名单 Trainees of a cohort")
        try writeTrainees(catalog, into: workbook)
        try writeInstructions(catalog, into: workbook)
        try workbook.close()
    }

    // MARK: The list sheet

    private static func writeTrainees(_ catalog: Catalog, into workbook: Workbook) throws(SpreadsheetError) {
        let sheet = try ListTemplateLayout.writeList(into: workbook, name: sheetName, fields: fields, textFields: [.nationalId, .phone],
                                                     notesHeight: 78, width: width(of:), note: { note(for: $0, catalog: catalog).text })
        try addDropDowns(catalog, to: sheet)
    }

    private static func width(of field: ListField) -> Double {
        switch field {
        case .nationalId: 24
        case .name: 14
        case .phone: 18
        case .education: 20
        case .householdType: 16
        case .keyGroups, .hours: 32
        // Score sheet and apprentice list columns; the trainee template has none of them.
        case .ticket, .part, .score, .outcome, .enterprise, .occupation, .targetLevel, .contractStart, .contractYears,
             .apprenticeStart, .apprenticeEnd, .extensionReason, .enterpriseMentor, .institutionMentor, .institution: 14
        }
    }

    private static func addDropDowns(_ catalog: Catalog, to sheet: Worksheet) throws(SpreadsheetError) {
        // Education and household type are closed, but the importer also takes a choice's code or
        // English name, so a value outside the list is questioned (warning), not refused. Key
        // groups may name several groups in one cell, which no list can offer: the list only
        // suggests (information).
        let closed: [(ListField, [String], ValidationErrorStyle)] = [
            (.education, catalog.educationLevels.map(\.nameZh), .warning),
            (.householdType, catalog.householdTypes.map(\.nameZh), .warning),
            (.keyGroups, catalog.keyGroups.map(\.nameZh), .information),
        ]
        for (field, names, style) in closed where !names.isEmpty {
            guard let column = fields.firstIndex(of: field) else { continue }
            let error = field == .keyGroups
                ? ValidationMessage(title: "重点群体 Key groups",
                                    text: "多个群体用“、”分隔即可，导入时逐个核对。\nSeveral groups separated by 、 are fine; each is checked on import.")
                : ValidationMessage(title: "不在列表中 Not in the list",
                                    text: "请从下拉列表选择。\nPlease pick a value from the list.")
            try sheet.addListValidation(firstRow: ListTemplateLayout.firstDataRow, firstColumn: column, lastRow: lastValidatedRow,
                                        lastColumn: column, values: names,
                                        prompt: ValidationMessage(title: field.header, text: prompt(for: field)),
                                        error: error, errorStyle: style)
        }
    }

    private static func prompt(for field: ListField) -> String {
        field == .keyGroups
            ? "可选一个，或填写多个并用“、”分隔；不属于任何群体则留空。\nPick one, or type several separated by 、; leave empty if none."
            : "从下拉列表选择。\nPick from the list."
    }

    // MARK: What each column wants

    /// The notes cell of a column (`ListTemplateLayout.note`).
    static func note(for field: ListField, catalog: Catalog) -> (text: String, chinese: String, english: String) {
        let (chinese, english): (String, String)
        switch field {
        case .nationalId:
            (chinese, english) = ("18 位，文本格式，末位 X 大写可（小写 x 也接受）",
                                  "18 characters as text; the last may be X (lower-case x is accepted too)")
        case .name:
            (chinese, english) = ("与身份证一致；生僻字照原样填写", "As on the ID card; rare characters are kept exactly")
        case .phone:
            (chinese, english) = ("11 位手机号，文本格式", "11-digit mobile number, as text")
        case .education:
            (chinese, english) = choiceNote(catalog.educationLevels.map(\.nameZh))
        case .householdType:
            (chinese, english) = choiceNote(catalog.householdTypes.map(\.nameZh))
        case .keyGroups:
            (chinese, english) = catalog.keyGroups.isEmpty
                ? emptyListNote
                : ("可填一个或多个，用“\(keyGroupSeparator)”分隔；不属于可留空",
                   "One or more, separated by \(keyGroupSeparator); leave empty if none")
        case .hours:
            (chinese, english) = ("出勤学时，可含一位小数", "Hours attended, one decimal allowed")
        case .ticket, .part, .score, .outcome:
            (chinese, english) = ("见评分表说明", "See the score sheet's notes")
        case .enterprise, .occupation, .targetLevel, .contractStart, .contractYears, .apprenticeStart, .apprenticeEnd,
             .extensionReason, .enterpriseMentor, .institutionMentor, .institution:
            (chinese, english) = ("见学徒名单模板说明", "See the apprentice list template's notes")
        }
        return ListTemplateLayout.note(field, chinese, english)
    }

    private static func choiceNote(_ names: [String]) -> (String, String) {
        names.isEmpty ? emptyListNote
            : ("从下拉列表选择（\(names.joined(separator: "、"))）", "Pick from the list")
    }

    /// The importer refuses any value for a closed field whose list the catalog lacks.
    private static let emptyListNote = ("目录中没有此列表，请留空", "The catalog has no list for this column: leave it empty")

    // MARK: The instructions sheet

    private static func writeInstructions(_ catalog: Catalog, into workbook: Workbook) throws(SpreadsheetError) {
        try ListTemplateLayout.writeInstructions(
            into: workbook, name: instructionsSheetName, title: "学员名单填写说明 How to fill in the trainee list",
            columns: fields.map { field in let note = note(for: field, catalog: catalog); return (field.header, note.chinese, note.english) },
            general: [
                ("表头 Header",
                 "每行一名学员，从第 3 行起填写。第 2 行是说明行，导入时自动跳过，可保留也可删除。列的顺序可以调整，导入按表头名称（中文或英文）识别各列，请勿改动表头文字。",
                 "One trainee per row, from row 3. Row 2 holds notes and is skipped on import; keep or delete it. Columns may be reordered: they are recognised by their header (Chinese or English), so keep the header texts."),
                ("身份证号 National ID",
                 "身份证号列已设为文本格式。若显示为 4.40524E+17 之类，说明 Excel 已把它当作数字保存、末几位已丢失，导入时会被拒绝，请按文本重新录入。",
                 "The ID column is formatted as text. An ID shown as 4.40524E+17 was stored as a number and has lost its last digits: it is refused on import; type it again as text."),
                ("CSV 文件 CSV files",
                 "也可另存为 CSV 文件导入，编码为 UTF-8（“CSV UTF-8”）或 GB18030（中文 Windows 版 Excel 的“CSV”）均可。",
                 "The list may also be saved as CSV and imported, encoded as UTF-8 (\"CSV UTF-8\") or GB18030 (plain \"CSV\" from Excel on Chinese Windows)."),
                ("全部或全不 All or nothing",
                 "导入时逐行检查。只要有一行未通过，整份名单都不导入，并生成一个错误工作簿：出错的单元格标红，“原因”列说明原因。改正后可直接重新导入该错误工作簿。",
                 "Every row is checked. If any row fails, nothing is imported and an error workbook is written: the cells at fault are highlighted and the Reason column says why. Fix it and import that workbook again as it is."),
                ("只导入合格行 Accept the valid rows",
                 "导入时也可以选择只导入合格行：先导入通过检查的行，未通过的行写入错误工作簿，改正后再导入即可；同一文件重复导入不会重复添加学员。",
                 "An import may also accept the valid rows: the rows that pass are imported and the others go to the error workbook, to be fixed and imported later; importing the same file again adds nobody twice."),
                ("个人信息 Personal data",
                 "本表含身份证号和手机号码等个人信息，请妥善保管，用后删除。",
                 "The list holds ID and phone numbers: keep it safe and delete it when done."),
            ])
    }
}
