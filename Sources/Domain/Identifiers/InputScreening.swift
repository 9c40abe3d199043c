/// Recognises the two ways spreadsheets and Chinese input methods spoil an identifier before it
/// reaches us, so that parsers can name the cause instead of reporting a bare wrong length.
enum InputScreening {
    /// Excel turns a long digit string in a General-format cell into a number, keeps only 15
    /// significant digits and shows or exports it as `4.40524E+17`. Matches
    /// `digits[.digits](e|E)[+]digits` and nothing else.
    static func looksLikeExcelScientificNotation(_ text: String) -> Bool {
        let characters = Array(text)
        var index = 0
        func skipDigits() -> Int {
            let start = index
            while index < characters.count, characters[index].isASCIIDigit { index += 1 }
            return index - start
        }
        guard skipDigits() > 0 else { return false }
        if index < characters.count, characters[index] == "." {
            index += 1
            guard skipDigits() > 0 else { return false }
        }
        guard index < characters.count, characters[index] == "e" || characters[index] == "E" else { return false }
        index += 1
        if index < characters.count, characters[index] == "+" { index += 1 }
        guard skipDigits() > 0 else { return false }
        return index == characters.count
    }

    static func excelNumberRejection(chineseSubject: String, englishSubject: String) -> Rejection {
        Rejection(
            "\(chineseSubject)被 Excel 当作数字保存成了科学计数法，末几位已丢失、无法还原；请把该列设置为“文本”格式后重新录入",
            "Excel stored the \(englishSubject) as a number in scientific notation, so its last digits are lost "
                + "and cannot be recovered; format the column as text and enter the numbers again")
    }

    /// The full-width forms U+FF01-U+FF5E (０-９, Ａ-Ｚ, ａ-ｚ, －, ＋ …) that a Chinese input method
    /// types in full-width mode; they look like ASCII but are different characters.
    static func firstFullWidthCharacter(in text: String) -> Character? {
        text.first { character in
            character.unicodeScalars.contains { (0xFF01...0xFF5E).contains($0.value) }
        }
    }

    static func fullWidthRejection(_ character: Character, chineseSubject: String, englishSubject: String) -> Rejection {
        Rejection(
            "\(chineseSubject)含全角字符“\(character)”，请把输入法切换为半角后重新输入",
            "the \(englishSubject) contains the full-width character \"\(character)\"; "
                + "switch the input method to half-width and type it again")
    }
}
