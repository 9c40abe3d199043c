import Foundation

/// Checks, chunk by chunk, that a part's bytes are UTF-8 before the XML parser sees them.
///
/// Foundation's XMLParser on Linux parses in libxml2's recovery mode and force-unwraps element and
/// attribute names, comments and processing instructions decoded as UTF-8: a name with one byte
/// that is not UTF-8 stops the whole process (found by fuzzing). Excel, LibreOffice and WPS write
/// every part in UTF-8, so a part that is not is refused as malformed. A part starting with a
/// UTF-16 byte-order mark, which the format also allows, is left to libxml2, which converts it.
struct XLSXPartText {
    private var checking = true
    private var atStart = true
    /// Bytes of a sequence cut by the end of the last chunk.
    private var carried: [UInt8] = []
    /// Bytes accepted so far, to say where the first bad one is.
    private(set) var offset = 0
    /// A byte that is not UTF-8 was found.
    private(set) var failed = false

    /// False at the first byte that is not UTF-8 (`offset` is then its position).
    mutating func accept(_ chunk: Data) -> Bool {
        guard checking, !chunk.isEmpty else { return true }
        if atStart {
            atStart = false
            if chunk.starts(with: [0xFF, 0xFE]) || chunk.starts(with: [0xFE, 0xFF]) {
                checking = false
                return true
            }
        }
        var bytes = carried
        bytes.append(contentsOf: chunk)
        let start = offset - carried.count
        switch Self.scan(bytes) {
        case .complete:
            carried = []
            offset = start + bytes.count
            return true
        case .incomplete(let at):
            carried = Array(bytes[at...])
            offset = start + bytes.count
            return true
        case .invalid(let at):
            offset = start + at
            failed = true
            return false
        }
    }

    /// False when the part ends inside a sequence.
    mutating func finish() -> Bool {
        guard checking, !carried.isEmpty else { return true }
        offset -= carried.count
        failed = true
        return false
    }

    static func isUTF8(_ data: Data) -> (valid: Bool, offset: Int) {
        var text = XLSXPartText()
        let valid = text.accept(data) && text.finish()
        return (valid, text.offset)
    }

    private enum Scan {
        case complete
        case incomplete(at: Int)
        case invalid(at: Int)
    }

    /// Well-formed UTF-8 as Swift decodes it: no overlong forms, surrogates or values past U+10FFFF.
    private static func scan(_ bytes: [UInt8]) -> Scan {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var second: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; second = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; second = 0x80...0x9F
            case 0xF0: length = 4; second = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; second = 0x80...0x8F
            default: return .invalid(at: index)
            }
            for position in 1..<length {
                guard index + position < bytes.count else { return .incomplete(at: index) }
                guard (position == 1 ? second : 0x80...0xBF).contains(bytes[index + position]) else { return .invalid(at: index) }
            }
            index += length
        }
        return .complete
    }
}
