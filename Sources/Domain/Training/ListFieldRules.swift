/// The checks of single list fields that both trainee and attendance rows share, so that the
/// national ID is refused with the same words whichever list it came in.
enum ListFieldRules {
    /// The national ID of a row, or nil after appending the issue that refuses it.
    ///
    /// A cell that the spreadsheet stored as a number is refused before anything else is looked
    /// at: Excel keeps 15 significant digits, so an 18-digit ID has already lost its last digits
    /// and a checksum or length message would send the clerk looking for a typo that is not there.
    static func nationalID(_ cell: CellText?, today: CivilDate, issues: inout [ListFieldIssue]) -> NationalID? {
        let given = cell?.text ?? ""
        if let cell, cell.storedAsNumber, !given.trimmingCellWhitespace().isEmpty {
            issues.append(ListFieldIssue(field: .nationalId, value: given, rule: storedAsNumber(shown: given.trimmingCellWhitespace())))
            return nil
        }
        do {
            return try NationalID.parse(given, today: today)
        } catch {
            issues.append(ListFieldIssue(field: .nationalId, value: given, rule: error))
            return nil
        }
    }

    static func storedAsNumber(shown: String) -> Rejection {
        Rejection(
            "身份证号被 Excel 当作数字保存（显示为 \(shown)），末几位已丢失、无法还原；"
                + "请把身份证号列设置为“文本”格式，重新录入身份证号后再导入",
            "Excel stored the national ID as a number (shown as \(shown)), so its last digits are lost "
                + "and cannot be recovered; format the column as text, enter the IDs again and import the file again")
    }

    /// The trimmed text of an optional cell, nil when it is missing or blank.
    static func optionalText(_ cell: CellText?) -> String? {
        guard let cell else { return nil }
        let trimmed = cell.text.trimmingCellWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
