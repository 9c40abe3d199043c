/// The rule for a trainee's name (姓名): present, not absurdly long, no control characters.
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
        if let control = firstControlCharacter(in: name) {
            let hex = String(control.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            throw Rejection("姓名含控制字符 \(code)（常见于单元格内换行），请删除后重新导入",
                            "the name contains the control character \(code) (often a line break inside the cell); remove it and import again")
        }
        return name
    }

    /// The first scalar of general category Cc (U+0000-001F, U+007F-009F). Those are the bytes below
    /// 0x20, 0x7F, and C2 80-C2 9F in UTF-8, so the bytes are looked at rather than each scalar's
    /// properties.
    private static func firstControlCharacter(in text: String) -> Unicode.Scalar? {
        var afterC2 = false
        var found = false
        for byte in text.utf8 {
            if byte < 0x20 || byte == 0x7F || (afterC2 && byte >= 0x80 && byte <= 0x9F) {
                found = true
                break
            }
            afterC2 = byte == 0xC2
        }
        guard found else { return nil }
        return text.unicodeScalars.first { $0.properties.generalCategory == .control }
    }
}
