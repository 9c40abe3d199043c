/// An institution's contact number, as its letterhead gives it: a mainland mobile number, a fixed
/// line with its area code (`0760-88881234`, `(020) 8888 1234 转 801`), a 400 / 800 service
/// number, or a local fixed line without area code (`88881234`).
///
/// Unlike a person's phone, which must be a mobile number, an office number is often a fixed
/// line: any of these is accepted, and what is not a phone number at all is refused.
public enum ContactPhone {
    /// The number to keep: a mobile number as its 11 digits, any other number as typed (its
    /// separators are how people read it), without the spaces around it.
    public static func parse(_ text: String) throws(Rejection) -> String {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw Rejection("联系电话为空", "the contact phone is empty") }
        try HiddenCharacter.screen(trimmed, chineseSubject: "联系电话", englishSubject: "contact phone")
        if InputScreening.looksLikeExcelScientificNotation(trimmed) {
            throw InputScreening.excelNumberRejection(chineseSubject: "联系电话", englishSubject: "contact phone")
        }
        if let wide = InputScreening.firstFullWidthCharacter(in: trimmed) {
            throw InputScreening.fullWidthRejection(wide, chineseSubject: "联系电话", englishSubject: "contact phone")
        }
        if let mobile = try? MobilePhone.parse(trimmed) { return mobile.value }

        let (number, extensionDigits) = splitExtension(trimmed)
        if let extensionDigits {
            guard (1...6).contains(extensionDigits.count), extensionDigits.allSatisfy(\.isASCIIDigit) else {
                throw Rejection("联系电话的分机号“\(extensionDigits)”应为 1-6 位数字",
                                "the extension \"\(extensionDigits)\" of the contact phone must be 1-6 digits")
            }
        }
        var body = Substring(number)
        var international = false
        if body.hasPrefix("+86") {
            body = body.dropFirst(3)
            international = true
        } else if body.hasPrefix("(+86)") {
            body = body.dropFirst(5)
            international = true
        }
        if let stray = body.first(where: { !$0.isASCIIDigit && !" -()".contains($0) }) {
            throw Rejection(
                "联系电话含“\(stray)”，只能由数字组成（可带空格、连字符、括号、+86 前缀和“转”分机号）",
                "the contact phone contains \"\(stray)\"; it may hold only digits, spaces, hyphens, brackets, "
                    + "a +86 prefix and an extension after 转")
        }
        var digits = body.filter(\.isASCIIDigit)
        // From abroad the area code loses its leading 0: +86 760 8888 1234.
        if international && !digits.hasPrefix("0") && !digits.hasPrefix("1") { digits = "0" + digits }
        if isFixedLine(digits, localAllowed: !international) { return trimmed }
        // Shaped like a mobile number: MobilePhone keeps it or says why not.
        if digits.count == 11, digits.hasPrefix("1") { return try MobilePhone.parse(digits).value }
        throw Rejection(
            "联系电话有 \(digits.count) 位数字，应为 11 位手机号、带区号的固定电话（如 0760-88881234）、400/800 电话或 7-8 位本地号码",
            "the contact phone has \(digits.count) digits: it must be an 11-digit mobile number, a fixed line with its "
                + "area code (e.g. 0760-88881234), a 400/800 number or a local number of 7-8 digits")
    }

    /// Area code (3-4 digits with its 0) and a 7-8 digit number, a 10-digit 400 / 800 number,
    /// or, without area code, a local number of 7-8 digits (never starting with 0 or 1).
    private static func isFixedLine(_ digits: String, localAllowed: Bool) -> Bool {
        if digits.hasPrefix("0") { return (10...12).contains(digits.count) }
        if digits.hasPrefix("400") || digits.hasPrefix("800") { return digits.count == 10 }
        return localAllowed && (7...8).contains(digits.count) && !digits.hasPrefix("1")
    }

    /// `0760-88881234 转 801` into the number and `801`; an extension follows 转, `ext`, `x` or `#`.
    private static func splitExtension(_ text: String) -> (number: String, extension: String?) {
        var index = text.startIndex
        while index < text.endIndex {
            let head = text[index...].prefix(4).lowercased()
            for marker in ["转", "ext.", "ext", "x", "#"] where head.hasPrefix(marker) {
                let number = text[..<index].trimmingWhitespace()
                let digits = text[index...].dropFirst(marker.count).trimmingWhitespace()
                return (number, digits)
            }
            index = text.index(after: index)
        }
        return (text, nil)
    }
}
