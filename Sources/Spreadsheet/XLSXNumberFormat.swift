/// The number format of a cell style, so that an importer can tell a date from a number and see
/// that a column was formatted as text ("@"), where "0012" means the text 0012.
public struct XLSXNumberFormat: Hashable, Sendable {
    /// Excel's format id: below 164 built in, from 164 defined in the file.
    public let id: Int
    /// The format code, e.g. "yyyy-mm-dd" or "@". nil for built-in ids whose code depends on the
    /// locale Excel runs in (the Chinese date formats 27–36 and 50–58 among them).
    public let code: String?
    /// A date, time or date-time format.
    public let isDate: Bool
    /// The text format "@".
    public let isText: Bool

    init(id: Int, customCode: String?) {
        self.id = id
        let code = customCode ?? Self.builtInCodes[id]
        self.code = code
        if let code {
            let significant = Self.significantCharacters(of: code)
            isDate = significant.contains { "dmyhsDMYHS".contains($0) } || Self.localeDateIDs.contains(id)
            isText = significant.contains("@")
        } else {
            isDate = Self.localeDateIDs.contains(id)
            isText = false
        }
    }

    /// The code without quoted literals, escaped characters, fill and padding characters, and
    /// bracketed colours or locales, so that "[Red]" or "\"元\"" cannot look like a date; elapsed
    /// time brackets such as [h] are kept.
    private static func significantCharacters(of code: String) -> String {
        var result = ""
        var characters = code.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\"":
                while let next = characters.next(), next != "\"" {}
            case "\\", "_", "*":
                _ = characters.next()
            case "[":
                var inside = ""
                while let next = characters.next(), next != "]" { inside.append(next) }
                if inside.lowercased().allSatisfy({ "hms".contains($0) }) { result += inside }
            default:
                result.append(character)
            }
        }
        return result
    }

    /// Date formats whose codes vary with Excel's locale (Chinese, Japanese, Korean).
    private static let localeDateIDs: Set<Int> = Set(27...36).union(50...58)

    private static let builtInCodes: [Int: String] = [
        0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
        9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
        14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
        18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm",
        37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
        40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0",
        48: "##0.0E+0", 49: "@",
    ]
}
