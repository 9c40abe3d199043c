import CSV
import Foundation

/// The records of a UTF-8 CSV file, parsed by CSVReader block by block (never the whole file in
/// memory), numbered by physical line.
///
/// CSVReader does not count lines, so the source does: a record takes one line plus one for every
/// line break inside its quoted fields (CRLF and a lone CR count once, as CSVReader treats them
/// between records). That is the line the clerk sees in a text editor; Excel shows such a record
/// as one row, so in a file with multi-line cells Excel's row numbers are smaller.
struct CSVRowSource: RowSource {
    let url: URL
    let delimiter: UnicodeScalar
    /// The name errors show: the clerk's file, not the temporary UTF-8 copy.
    let file: String
    /// The UTF-8 copy of a file in another encoding, kept alive as long as the source.
    var copy: TemporaryFile?

    /// Bytes read at a time (tests cut files into tiny blocks).
    var blockSize = 1 << 20

    /// CSVReader reads an `InputStream` through three iterator objects and a UTF-8 decoder per
    /// byte, which made it most of the cost of a large import; reading a `String` it is about
    /// three times faster. So the file is read in blocks cut after a line feed, and CSVReader
    /// parses each block from a `String`. A block starts where a record starts, so the records
    /// are those of one pass over the whole file:
    /// - only a quoted field can hold a line break, so in a block without `"` every line feed
    ///   ends a record, the last one included;
    /// - in a block with `"`, every record but the last ends inside the block. The last one may
    ///   have been cut in a quoted field, and then its last field ends with the line break read
    ///   last. Such a record (or one that merely ends with a quoted line break) is held back and
    ///   the block parsed again with more bytes, skipping the records already delivered.
    /// A block with `"` goes through `CSVQuoteScreen` first, which refuses a stray quote that would
    /// merge rows and rewrites a cell CSVReader would otherwise read differently from Excel.
    /// The file was checked to be UTF-8 before, and a line feed never occurs inside a multi-byte
    /// sequence, so a block always decodes whole. (A file whose lines end in a lone CR, as classic
    /// Mac OS wrote them, has no line feed to cut at and is read as one block.)
    func forEachRawRow(_ body: (RawRow) throws -> Void) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw IntakeError.unreadableFile(file: file, reason: error.localizedDescription)
        }
        defer { try? handle.close() }
        // Bytes from the start of a record on; `delivered` of its records were handed to `body`.
        var pending: [UInt8] = []
        var delivered = 0
        // A small first block: the search for the header row reads only the first rows.
        var wanted = min(blockSize, 1 << 16)
        var atFileStart = true
        var atEnd = false
        var line = 1
        // The line on which `pending` starts.
        var blockLine = 1
        while !atEnd {
            let more: Data
            do {
                more = try handle.read(upToCount: wanted) ?? Data()
            } catch {
                throw IntakeError.unreadableFile(file: file, reason: error.localizedDescription)
            }
            atEnd = more.isEmpty
            pending.append(contentsOf: more)
            if atFileStart && (pending.count >= 3 || atEnd) {
                // A byte-order mark is not part of the first cell (CSVReader's stream reader drops it too).
                if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
                atFileStart = false
            }
            let end: Int
            if atEnd {
                end = pending.count
            } else if let lastLineFeed = pending.lastIndex(of: 0x0A) {
                end = lastLineFeed + 1
            } else {
                continue
            }
            // Without `"` no field holds a line break (counting them can be skipped) and CSVReader
            // reads the block as Excel does; with quotes the screen may have to rewrite it.
            let quoted = pending[..<end].contains(0x22)
            let text: String
            if quoted {
                switch try screenQuotes(pending[..<end], firstLine: blockLine, atEnd: atEnd) {
                case .unchanged: text = String(decoding: pending[..<end], as: UTF8.self)
                case .rewritten(let bytes): text = String(decoding: bytes, as: UTF8.self)
                }
            } else {
                text = String(decoding: pending[..<end], as: UTF8.self)
            }
            let reader: CSVReader
            do {
                reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
            } catch {
                throw IntakeError.unreadableFile(file: file, reason: "\(error)")
            }
            var records = 0
            var last: [String]?
            while let fields = reader.next() {
                records += 1
                if let held = last {
                    try deliver(held, quoted: quoted, line: &line, body)
                    last = nil
                }
                if records > delivered { last = fields }
            }
            if let held = last, atEnd || !quoted || !Self.endsWithLineBreak(held) {
                try deliver(held, quoted: quoted, line: &line, body)
                pending.removeFirst(end)
                blockLine = line
                delivered = 0
                wanted = blockSize
            } else if last != nil {
                // Perhaps cut inside a quoted field: parse again from the block's start with more bytes.
                delivered = records - 1
                wanted = max(blockSize, pending.count)
            } else {
                pending.removeFirst(end)
                blockLine = line
                delivered = 0
            }
        }
    }

    private func screenQuotes(_ block: ArraySlice<UInt8>, firstLine: Int, atEnd: Bool) throws(IntakeError) -> CSVQuoteScreen.Outcome {
        do {
            return try CSVQuoteScreen.screen(block, delimiter: UInt8(delimiter.value), firstLine: firstLine, atEnd: atEnd)
        } catch {
            throw .malformedCSV(file: file, line: error.line, reason: error.reason)
        }
    }

    private func deliver(_ fields: [String], quoted: Bool, line: inout Int, _ body: (RawRow) throws -> Void) throws {
        let number = line
        line += 1 + (quoted ? Self.lineBreaks(in: fields) : 0)
        try body(RawRow(number: number, cells: fields, numeric: []))
    }

    private static func endsWithLineBreak(_ fields: [String]) -> Bool {
        guard let last = fields.last?.utf8.last else { return false }
        return last == 0x0A || last == 0x0D
    }

    static func lineBreaks(in fields: [String]) -> Int {
        var count = 0
        for field in fields {
            var afterCR = false
            for byte in field.utf8 {
                switch byte {
                case 0x0A:
                    if !afterCR { count += 1 }
                    afterCR = false
                case 0x0D:
                    count += 1
                    afterCR = true
                default:
                    afterCR = false
                }
            }
        }
        return count
    }
}
