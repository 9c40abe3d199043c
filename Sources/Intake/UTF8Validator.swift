import Foundation

/// Decides whether a whole file is UTF-8 by reading it in chunks, so that a 100 MB list is checked
/// without being loaded. The whole file is checked, not a prefix: GB18030 lists often start with
/// an ASCII header row and only turn non-UTF-8 at the first Chinese name.
enum UTF8Validator {
    static let chunkSize = 1 << 20

    /// Nil when every byte sequence is well-formed UTF-8 (overlong forms, surrogates and values
    /// above U+10FFFF refused, as Swift's decoder does; a leading BOM is fine), else the line of
    /// the first bad byte. A line break byte never occurs inside a multi-byte sequence, so counting
    /// them is exact.
    static func firstInvalidLine(_ url: URL) throws -> Int? {
        guard let stream = InputStream(url: url) else { throw CocoaError(.fileReadUnknown) }
        stream.open()
        defer { stream.close() }
        let capacity = chunkSize + 4
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        // Bytes of a sequence cut by the end of the previous chunk, moved to the front.
        var carried = 0
        var line = 1
        while true {
            let read = stream.read(buffer + carried, maxLength: chunkSize)
            if read < 0 { throw stream.streamError ?? CocoaError(.fileReadUnknown) }
            let count = carried + read
            let atEnd = read == 0
            switch scan(buffer, count: count) {
            case .invalid(let offset):
                return line + lineBreaks(buffer, count: offset)
            case .complete:
                line += lineBreaks(buffer, count: count)
                carried = 0
            case .incomplete(let start):
                line += lineBreaks(buffer, count: start)
                if atEnd { return line }
                carried = count - start
                memmove(buffer, buffer + start, carried)
            }
            if atEnd { return nil }
        }
    }

    enum ScanResult: Equatable {
        case complete
        /// The sequence starting at this offset is not UTF-8.
        case invalid(at: Int)
        /// The buffer ends inside a sequence that starts at this offset.
        case incomplete(at: Int)
    }

    static func scan(_ bytes: UnsafePointer<UInt8>, count: Int) -> ScanResult {
        var i = 0
        while i < count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F
            default: return .invalid(at: i)
            }
            for offset in 1..<length {
                guard i + offset < count else { return .incomplete(at: i) }
                let byte = bytes[i + offset]
                let range = offset == 1 ? secondRange : 0x80...0xBF
                guard range.contains(byte) else { return .invalid(at: i) }
            }
            i += length
        }
        return .complete
    }

    private static func lineBreaks(_ bytes: UnsafePointer<UInt8>, count: Int) -> Int {
        var lines = 0
        for index in 0..<count where bytes[index] == 0x0A { lines += 1 }
        return lines
    }
}
