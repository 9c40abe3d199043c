/// The rule for a person's name (姓名): present, not absurdly long, nothing hidden in it (line
/// breaks, zero-width and direction controls, private-use characters of a wrong decoding: see
/// `HiddenCharacter`).
///
/// Nothing else is changed or checked: names may hold rare characters outside the Basic
/// Multilingual Plane (𠈌), middle dots of minority names (阿依古丽·买买提), Latin letters of
/// foreign residents and spaces; all are stored exactly as given, only trimmed at both ends.
enum TraineeName {
    /// Long enough for transliterated minority and foreign names, short enough to catch a whole
    /// row pasted into one cell.
    static let maximumLength = 50

    static func parse(_ text: String) throws(Rejection) -> String {
        let name = text.trimmingCellWhitespace()
        guard !name.isEmpty else {
            throw Rejection("姓名为空", "the name is empty")
        }
        // Characters, not bytes or UTF-16 units: 𠈌 is one character of a name. A name of at most
        // 50 bytes has at most 50 characters, which spares counting in almost every row.
        if name.utf8.count > maximumLength {
            let length = name.count
            guard length <= maximumLength else {
                throw Rejection("姓名有 \(length) 个字符，最多 \(maximumLength) 个",
                                "the name has \(length) characters, at most \(maximumLength) are allowed")
            }
        }
        try HiddenCharacter.screen(name, chineseSubject: "姓名", englishSubject: "name")
        return name
    }
}
