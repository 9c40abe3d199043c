import Foundation

/// Decides whether a whole file is UTF-8 by reading it in chunks, so that a 100 MB list is checked
/// without being loaded. The whole file is checked, not a prefix: GB18030 lists often start with
/// an ASCII header row and only turn non-UTF-8 at the first Chinese name.
enum UTF8Validator {
    static let chunkSize = 1 << 20

    /// True when every byte sequence is well-formed UTF-8 (overlong forms, surrogates and
    /// values above U+10FFFF refused, as Swift's decoder does). A leading BOM is fine.
    static func isValidUTF8(_ url: URL) throws -> Bool {
        guard let stream = InputStream(url: url) else { throw CocoaError(.fileReadUnknown) }
        stream.open()
        defer { stream.close() }
        let capacity = chunkSize + 4
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        // Bytes of a sequence cut by the end of the previous chunk, moved to the front.
        var carried = 0
        while true {
            let read = stream.read(buffer + carried, maxLength: chunkSize)
            if read < 0 { throw stream.streamError ?? CocoaError(.fileReadUnknown) }
            let count = carried + read
            let atEnd = read == 0
            switch scan(buffer, count: count) {
            case .invalid:
                return false
            case .complete:
                carried = 0
            case .incomplete(let start):
                if atEnd { return false }
                carried = count - start
                memmove(buffer, buffer + start, carried)
            }
            if atEnd { return true }
        }
    }

    enum ScanResult: Equatable {
        case complete
        case invalid
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
            default: return .invalid
            }
            for offset in 1..<length {
                guard i + offset < count else { return .incomplete(at: i) }
                let byte = bytes[i + offset]
                let range = offset == 1 ? secondRange : 0x80...0xBF
                guard range.contains(byte) else { return .invalid }
            }
            i += length
        }
        return .complete
    }
}
