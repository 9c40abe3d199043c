import Foundation

/// Turns the bytes of a text file into a `String`, refusing rather than repairing bad bytes: a
/// replaced character in a name or a code would silently become wrong data.
enum TextDecoding {
    private static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    enum Outcome: Equatable {
        case text(String)
        /// The first line (1-based) holding bytes that are not UTF-8.
        case notUTF8(line: Int)
    }

    /// Strict UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8" writes one).
    static func utf8(_ data: Data) -> Outcome {
        var bytes = [UInt8](data)
        if bytes.starts(with: utf8BOM) { bytes.removeFirst(utf8BOM.count) }
        if let text = strictUTF8(bytes[...]) { return .text(text) }
        // A newline byte never occurs inside a multi-byte UTF-8 sequence, so lines can be checked one by one.
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let bad = lines.firstIndex { strictUTF8($0) == nil } ?? 0
        return .notUTF8(line: bad + 1)
    }

    /// Decoding replaces invalid bytes with U+FFFD; comparing the bytes back reveals whether it had to.
    /// (`String(validating:)` would say so directly but needs macOS 15.)
    private static func strictUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }
}
