import Foundation

/// Rules for strings stored in cells.
enum ExcelText {
    /// Excel's per-cell limit, counted as Excel counts: UTF-16 code units. libxlsxwriter counts
    /// UTF-8 characters, so it would accept 20,000 characters outside the BMP (40,000 units)
    /// that Excel then truncates; checking here keeps the two in agreement.
    static let maximumLength = 32_767

    static func problem(with text: String) -> SpreadsheetError.Reason? {
        // A string never has more UTF-16 units than UTF-8 bytes, and its byte count is free:
        // only a long string is counted in units.
        if text.utf8.count > maximumLength, text.utf16.count > maximumLength { return .textTooLong }
        if contains(0, in: text) {
            return .init(chinese: "文本中含有空字符（U+0000），Excel 无法保存",
                         english: "Text contains a NUL character (U+0000), which Excel cannot store")
        }
        return nil
    }

    /// Whether `text` holds `byte`, scanning its UTF-8 storage directly: the generic
    /// `utf8.contains` walks index by index, which a million-row sheet feels.
    static func contains(_ byte: UInt8, in text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let start = bytes.baseAddress else { return false }
            return memchr(start, Int32(byte), bytes.count) != nil
        } ?? text.utf8.contains(byte)
    }

    /// OOXML strings use `_xHHHH_` to encode control characters, and Excel decodes it on
    /// reading. libxlsxwriter escapes control characters but leaves a literal "_x0041_" alone,
    /// which Excel would then show as "A". Escaping the underscore (`_x005F_`) keeps such text
    /// exactly as written; `XLSXReader` decodes both forms.
    static func escapedForStorage(_ text: String) -> String {
        // Most cells hold no underscore at all, which a byte scan settles quickly.
        guard contains(UInt8(ascii: "_"), in: text), text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        for index in scalars.indices {
            if isEscapeSequence(scalars, at: index) {
                result.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                result.append(scalars[index])
            }
        }
        return String(result)
    }

    /// `_xHHHH_` starting at `start`, with four hexadecimal digits.
    static func isEscapeSequence(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + 6 < scalars.count, scalars[start] == "_",
              scalars[start + 1] == "x",
              scalars[start + 6] == "_" else { return false }
        return scalars[(start + 2)...(start + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// Reverses `_xHHHH_` escapes as Excel does when it reads a string.
    static func decoded(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if isEscapeSequence(scalars, at: index),
               let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)...(index + 5)])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                result.append(scalar)
                index += 7
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }
}
