import Domain

/// Recognises a column header as a `ListField`: `身份证号`, `National ID`, `* 身份证号（必填）`,
/// `身份证号 National ID`, `身份证号\nNational ID`, `Mobile phone (11 digits)`.
///
/// A header is compared after normalising (see `normalised`). When the whole text names no field,
/// a bilingual header is tried by script: the Chinese words together and the Latin words together
/// (`重点群体 Key groups` → `重点群体` and `keygroups`); the header counts when one side names a field
/// and the other side does not name a different one. Words are not tried one by one, because a
/// header such as `紧急联系人 电话` (emergency contact's phone) would then claim the phone column.
enum HeaderMatcher {
    private static let fieldByAlias: [String: ListField] = {
        var map: [String: ListField] = [:]
        for field in ListField.allCases {
            for alias in field.aliases {
                let key = normalised(alias)
                if map[key] == nil { map[key] = field }
            }
        }
        return map
    }()

    static func field(for header: String) -> ListField? {
        let withoutRemarks = removingBracketedRemarks(header)
        if let field = fieldByAlias[normalised(withoutRemarks)] { return field }
        var chinese = "", latin = ""
        for word in withoutRemarks.split(whereSeparator: { $0.isWhitespace || $0 == "/" || $0 == "|" }) {
            if word.unicodeScalars.allSatisfy(\.isASCII) { latin += word } else { chinese += word }
        }
        guard !chinese.isEmpty, !latin.isEmpty else { return nil }
        let chineseField = fieldByAlias[normalised(chinese)]
        let latinField = fieldByAlias[normalised(latin)]
        switch (chineseField, latinField) {
        case let (a?, b?): return a == b ? a : nil
        case let (a?, nil): return a
        case let (nil, b?): return b
        case (nil, nil): return nil
        }
    }

    /// Lower-cased, without spaces (ideographic ones too), `*` marks of required columns, the
    /// punctuation that varies between templates (`_ - . : ：`) and bracketed remarks.
    static func normalised(_ text: String) -> String {
        var result = ""
        for character in removingBracketedRemarks(text).lowercased()
        where !(character.isWhitespace || "*＊_-.:：".contains(character)) {
            result.append(character)
        }
        return result
    }

    private static let opening: Set<Character> = ["(", "（", "[", "【", "〔", "<", "《"]
    private static let closing: Set<Character> = [")", "）", "]", "】", "〕", ">", "》"]

    /// `身份证号（必填，18位）` → `身份证号`. An unbalanced bracket drops the rest of the text, which
    /// is what a remark cut short looks like.
    static func removingBracketedRemarks(_ text: String) -> String {
        guard text.contains(where: { opening.contains($0) }) else { return text }
        var result = ""
        var depth = 0
        for character in text {
            if opening.contains(character) {
                depth += 1
            } else if closing.contains(character) {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                result.append(character)
            }
        }
        return result
    }
}
