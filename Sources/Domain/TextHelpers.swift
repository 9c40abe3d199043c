/// Small text measures every module needs, so that none writes its own.
extension Character {
    /// Only 0-9: `isNumber` would also accept full-width and other scripts' digits.
    public var isASCIIDigit: Bool { ("0"..."9").contains(self) }

    /// 0-9 for an ASCII digit, nil otherwise (`wholeNumberValue` would also read ５ and 五).
    var asciiDigitValue: Int? { isASCIIDigit ? wholeNumberValue : nil }
}

extension StringProtocol {
    /// Trims spaces, tabs, newlines and the ideographic space U+3000 that Chinese input leaves.
    public func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension Int {
    /// Decimal digits padded with leading zeros to `width` (`7.zeroPadded(4)` is `0007`), as
    /// dates, certificate numbers and codes print them. Longer numbers are not cut.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(self)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}

extension StringProtocol {
    /// Columns the text takes in a terminal or an Excel column: East Asian wide characters (CJK
    /// ideographs, including those outside the Basic Multilingual Plane such as 𠈌, kana, Hangul,
    /// full-width forms) count two, so that Chinese columns line up.
    public var displayWidth: Int {
        unicodeScalars.reduce(0) { $0 + (Self.isWide($1) ? 2 : 1) }
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
