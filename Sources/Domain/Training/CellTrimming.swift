extension StringProtocol {
    /// `trimmingWhitespace()`, with a shortcut for the usual cell, which starts and ends with a
    /// printable ASCII character or a CJK ideograph: such a cell has nothing to trim, and seeing
    /// that from two scalars saves walking it by `Character` a million times in an import.
    ///
    /// Exact: a grapheme cluster never starts with a whitespace scalar and ends with one of these
    /// (they are neither extending nor spacing marks), so the shortcut and the walk always agree.
    func trimmingCellWhitespace() -> String {
        if let first = unicodeScalars.first, let last = unicodeScalars.last,
           Self.cannotBeWhitespace(first), Self.cannotBeWhitespace(last) {
            return String(self)
        }
        return trimmingWhitespace()
    }

    private static func cannotBeWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x7E, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x20000...0x3FFFF: true
        default: false
        }
    }
}
