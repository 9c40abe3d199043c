/// Column widths from the text a column holds. Excel's width unit is about one Latin character,
/// and a Chinese character takes two, so counting characters alone would cut Chinese columns in
/// half.
enum ColumnWidth {
    /// The widest line of `texts` in Excel units, plus a little padding, kept within
    /// `minimum...maximum` so that one long remark does not make a column a page wide.
    static func fitting(_ texts: some Sequence<String>, minimum: Double = 8, maximum: Double = 40) -> Double {
        var widest = 0
        for text in texts {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                widest = max(widest, displayWidth(line))
            }
        }
        return min(max(Double(widest) + 2, minimum), maximum)
    }

    /// East Asian wide characters (CJK ideographs, including those outside the Basic Multilingual
    /// Plane such as 𠈌, kana, Hangul, full-width forms) count two.
    static func displayWidth(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
