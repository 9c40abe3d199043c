import CSV
import Foundation

/// The records of a UTF-8 CSV file, streamed by CSVReader from an `InputStream` (never the whole
/// file in memory), numbered by physical line.
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

    func forEachRawRow(_ body: (RawRow) throws -> Void) throws {
        guard let stream = InputStream(url: url) else {
            throw IntakeError.unreadableFile(file: file, reason: "cannot open \(url.path)")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        } catch {
            throw IntakeError.unreadableFile(file: file, reason: "\(error)")
        }
        var line = 1
        while let fields = reader.next() {
            let number = line
            line += 1 + Self.lineBreaks(in: fields)
            try body(RawRow(number: number, cells: fields, numeric: []))
        }
        // CSVReader reports the end of a file stream as `cannotReadFile` on Linux, where a file
        // stream claims to have bytes until a read returns none; a real read failure comes as
        // `streamErrorHasOccurred`. Decoding errors cannot occur: the UTF-8 check ran before.
        if let error = reader.error {
            if case CSVError.cannotReadFile = error { return }
            throw IntakeError.unreadableFile(file: file, reason: "\(error)")
        }
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
