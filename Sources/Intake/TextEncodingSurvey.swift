import Foundation

/// Decides the encoding of a text list line by line, so that a file whose lines are not all in one
/// encoding is refused at the line that differs instead of being read as garbled text.
///
/// Such files are real: a row pasted into a UTF-8 list from a GB18030 one (Excel's plain "CSV" on
/// Chinese Windows), or the reverse. Reading the whole file in either encoding garbles the odd rows,
/// and a garbled name then blocks the real one ("registered under another name") for good. The
/// difficulty is that the two encodings overlap: nearly every UTF-8 byte sequence of Chinese text is
/// also valid GB18030 (it decodes to rare characters), and a short GB18030 row is now and then valid
/// UTF-8 by chance (one short row in seventy, decoding to Latin or Cyrillic letters). So every line
/// with non-ASCII bytes is sorted by what it can be, in one pass over the bytes:
/// - **not UTF-8**: certainly not a UTF-8 line;
/// - **UTF-8**: valid UTF-8 that reads as Chinese text (CJK ideographs, with only punctuation and
///   Latin-1 letters beside them) and is not plain GB2312 text when read as GB18030. A GB18030 row
///   passes all three only when it holds a character outside GB2312 and happens to be valid UTF-8
///   made of CJK characters, which practically never happens; a UTF-8 row fails the last test
///   only when its bytes happen to pair into GB2312 characters (about one short row in a hundred);
/// - **either**: the rest (valid UTF-8 that could well be GB18030), which follows the file.
/// The file is UTF-8 when it has no line that is not UTF-8, GB18030 when it has no UTF-8 line, and
/// otherwise mixed: the encoding of most decided lines is the file's (a tie goes to the first
/// decided line, usually the header), and the first line of the other kind is named.
///
/// Lines are split at line feeds, which occur inside no multi-byte sequence of either encoding, so
/// the line numbers are exact.
struct TextEncodingSurvey: Equatable {
    /// Lines that can only be UTF-8, and lines that cannot be UTF-8.
    private(set) var utf8Lines = 0
    private(set) var notUTF8Lines = 0
    private(set) var firstUTF8Line: Int?
    private(set) var firstNotUTF8Line: Int?
    /// Whether the first line that is not UTF-8 is well-formed GB18030, to word the message.
    private(set) var firstNotUTF8LineIsGB18030 = false
    /// Whether the first decided line was a UTF-8 one.
    private(set) var firstDecidedIsUTF8 = false

    enum Verdict: Equatable {
        case utf8
        case gb18030
        /// `line` is in `lineEncoding`, the rest of the file in `fileEncoding`.
        case mixed(line: Int, fileEncoding: String, lineEncoding: String)
        /// `line` is in neither encoding.
        case unknown(line: Int)
    }

    /// A byte-order mark says UTF-8 whatever the lines say: a line that is not UTF-8 is then the
    /// odd one out.
    func verdict(byteOrderMark: Bool) -> Verdict {
        guard let firstNotUTF8Line else { return .utf8 }
        guard let firstUTF8Line, !byteOrderMark else {
            if byteOrderMark { return misfit(firstNotUTF8Line) }
            return .gb18030
        }
        let fileIsUTF8 = utf8Lines > notUTF8Lines || (utf8Lines == notUTF8Lines && firstDecidedIsUTF8)
        return fileIsUTF8 ? misfit(firstNotUTF8Line) : .mixed(line: firstUTF8Line, fileEncoding: "GB18030", lineEncoding: "UTF-8")
    }

    private func misfit(_ line: Int) -> Verdict {
        firstNotUTF8LineIsGB18030 ? .mixed(line: line, fileEncoding: "UTF-8", lineEncoding: "GB18030") : .unknown(line: line)
    }

    static let chunkSize = 1 << 20

    /// Reads the file in chunks (never whole); a leading UTF-8 byte-order mark is skipped.
    static func survey(_ url: URL) throws -> TextEncodingSurvey {
        guard let stream = InputStream(url: url) else { throw CocoaError(.fileReadUnknown) }
        stream.open()
        defer { stream.close() }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }
        var survey = TextEncodingSurvey()
        var line = LineScan()
        var number = 1
        var atStart = true
        while true {
            let read = stream.read(buffer, maxLength: chunkSize)
            if read < 0 { throw stream.streamError ?? CocoaError(.fileReadUnknown) }
            if read == 0 { break }
            var start = 0
            if atStart {
                atStart = false
                if read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
            }
            for index in start..<read {
                let byte = buffer[index]
                if byte == 0x0A {
                    survey.record(line.finish(), line: number)
                    line = LineScan()
                    number += 1
                } else {
                    line.add(byte)
                }
            }
        }
        survey.record(line.finish(), line: number)
        return survey
    }

    private mutating func record(_ kind: LineScan.Kind, line: Int) {
        switch kind {
        case .ascii, .either:
            break
        case .utf8:
            if firstUTF8Line == nil { firstUTF8Line = line }
            if firstUTF8Line == line && firstNotUTF8Line == nil { firstDecidedIsUTF8 = true }
            utf8Lines += 1
        case .notUTF8(let gb18030):
            if firstNotUTF8Line == nil {
                firstNotUTF8Line = line
                firstNotUTF8LineIsGB18030 = gb18030
            }
            notUTF8Lines += 1
        }
    }
}

/// One line's bytes as UTF-8 and as GB18030 at once, byte by byte.
private struct LineScan {
    enum Kind: Equatable {
        case ascii, utf8, either
        case notUTF8(gb18030: Bool)
    }

    private var nonASCII = false

    // UTF-8: continuation bytes still expected, the range of the next one, the scalar so far.
    private var utf8Valid = true
    private var pending = 0
    private var nextRange: ClosedRange<UInt8> = 0x80...0xBF
    private var scalar: UInt32 = 0
    /// Every scalar read so far belongs in Chinese text, and one of them is a CJK ideograph.
    private var readsAsChinese = true
    private var hasIdeograph = false

    // GB18030: bytes of the current sequence so far (0 between characters), its first byte.
    private var gbValid = true
    private var gbClean = true
    private var gbPosition = 0
    private var gbLead: UInt8 = 0

    mutating func add(_ byte: UInt8) {
        if byte < 0x80 && pending == 0 && gbPosition == 0 { return }
        nonASCII = true
        addUTF8(byte)
        addGB18030(byte)
    }

    private mutating func addUTF8(_ byte: UInt8) {
        guard utf8Valid else { return }
        if pending > 0 {
            guard nextRange.contains(byte) else {
                utf8Valid = false
                pending = 0
                return
            }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
            pending -= 1
            nextRange = 0x80...0xBF
            if pending == 0 { judge(scalar) }
            return
        }
        switch byte {
        case 0x00...0x7F: return
        case 0xC2...0xDF: pending = 1; scalar = UInt32(byte & 0x1F)
        case 0xE0: pending = 2; scalar = 0; nextRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: pending = 2; scalar = UInt32(byte & 0x0F)
        case 0xED: pending = 2; scalar = 0x0D; nextRange = 0x80...0x9F
        case 0xF0: pending = 3; scalar = 0; nextRange = 0x90...0xBF
        case 0xF1...0xF3: pending = 3; scalar = UInt32(byte & 0x07)
        case 0xF4: pending = 3; scalar = 4; nextRange = 0x80...0x8F
        default: utf8Valid = false
        }
    }

    private mutating func judge(_ scalar: UInt32) {
        switch scalar {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF:
            hasIdeograph = true
        case 0xA0...0xFF, 0x2010...0x2027, 0x2030...0x205E, 0x3000...0x303F, 0xFE30...0xFE4F, 0xFF00...0xFFEF:
            break  // Latin-1 letters and signs, punctuation, full-width forms
        default:
            readsAsChinese = false
        }
    }

    private mutating func addGB18030(_ byte: UInt8) {
        guard gbValid else { return }
        switch gbPosition {
        case 0:
            if byte < 0x80 { return }
            guard (0x81...0xFE).contains(byte) else {
                gbValid = false
                gbPosition = 0
                return
            }
            gbLead = byte
            gbPosition = 1
        case 1:
            if (0x30...0x39).contains(byte) {
                gbClean = false  // a four-byte sequence: nothing of GB2312
                gbPosition = 2
            } else if (0x40...0x7E).contains(byte) || (0x80...0xFE).contains(byte) {
                // GB2312: rows A1-A9 (symbols) and B0-F7 (hanzi), cells A1-FE.
                let cleanLead = (0xA1...0xA9).contains(gbLead) || (0xB0...0xF7).contains(gbLead)
                if !cleanLead || byte < 0xA1 { gbClean = false }
                gbPosition = 0
            } else {
                gbValid = false
                gbPosition = 0
            }
        case 2:
            if (0x81...0xFE).contains(byte) { gbPosition = 3 } else { gbValid = false; gbPosition = 0 }
        default:
            if (0x30...0x39).contains(byte) { gbPosition = 0 } else { gbValid = false; gbPosition = 0 }
        }
    }

    /// A sequence still open at the end of the line is cut, in either encoding.
    func finish() -> Kind {
        guard nonASCII else { return .ascii }
        guard utf8Valid && pending == 0 else { return .notUTF8(gb18030: gbValid && gbPosition == 0) }
        return readsAsChinese && hasIdeograph && !gbClean ? .utf8 : .either
    }
}
