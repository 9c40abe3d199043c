import Domain
import Foundation

/// Turns a text list into a UTF-8 CSV source: decides its encoding (UTF-8 or GB18030 line by line,
/// refusing a file that mixes them, see `TextEncodingSurvey`; UTF-16 when it has a byte-order
/// mark), converts it to a temporary UTF-8 copy when needed, and picks the delimiter.
enum CSVOpener {
    struct Opened {
        var source: CSVRowSource
        /// `CSV UTF-8`, `CSV GB18030`, `CSV UTF-16`, with `(tab-separated)` when it is.
        var format: String
    }

    static func open(_ url: URL, encoding: ListFileKind.TextEncoding) throws(IntakeError) -> Opened {
        let file = url.lastPathComponent
        var readable = url
        var copy: TemporaryFile?
        let name: String
        switch encoding {
        case .utf8(let byteOrderMark):
            let survey: TextEncodingSurvey
            do {
                survey = try TextEncodingSurvey.survey(url)
            } catch {
                throw .unreadableFile(file: file, reason: error.localizedDescription)
            }
            switch survey.verdict(byteOrderMark: byteOrderMark) {
            case .utf8:
                name = "UTF-8"
            case .gb18030:
                // Excel's plain "CSV" on Chinese Windows, which is GB18030 (GBK is a subset).
                copy = try transcode(url, from: "GB18030", file: file)
                name = "GB18030"
            case let .mixed(line, fileEncoding, lineEncoding):
                throw .mixedTextEncoding(file: file, line: line, fileEncoding: fileEncoding, lineEncoding: lineEncoding)
            case .unknown(let line):
                throw .unknownTextEncoding(file: file, line: line)
            }
        case .utf16:
            copy = try transcode(url, from: "UTF-16", file: file)
            name = "UTF-16"
        }
        if let copy { readable = copy.url }
        let delimiter = try sniffDelimiter(readable, file: file)
        return Opened(source: CSVRowSource(url: readable, delimiter: delimiter, file: file, copy: copy),
                      format: "CSV \(name)" + (delimiter == "\t" ? " (tab-separated)" : ""))
    }

    private static func transcode(_ url: URL, from encoding: String, file: String) throws(IntakeError) -> TemporaryFile {
        let copy = TemporaryFile(suffix: ".csv")
        do {
            try StreamingTranscoder.transcode(url, from: encoding, to: copy.url)
        } catch {
            switch error {
            case .invalidBytes(let line): throw .unknownTextEncoding(file: file, line: line)
            case .unsupported(let name): throw .unreadableFile(file: file, reason: "iconv does not support \(name)")
            case .io(let reason): throw .unreadableFile(file: file, reason: reason)
            }
        }
        return copy
    }

    /// A comma, unless the first lines hold more tabs than commas: Excel's "Unicode text" and many
    /// exports from other systems are tab-separated, and a header like `身份证号<TAB>姓名` would
    /// otherwise read as one unknown column. Counting (rather than looking for any comma) keeps a
    /// tab-separated list whose cells hold commas (`退役军人, 残疾人`) tab-separated.
    static func sniffDelimiter(_ url: URL, file: String) throws(IntakeError) -> UnicodeScalar {
        let head: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = try handle.read(upToCount: 64 * 1024) ?? Data()
        } catch {
            throw .unreadableFile(file: file, reason: error.localizedDescription)
        }
        var tabs = 0, commas = 0, lines = 0
        for line in head.split(separator: 0x0A) where !line.allSatisfy({ $0 == 0x0D || $0 == 0x20 }) {
            for byte in line {
                if byte == 0x09 { tabs += 1 } else if byte == 0x2C { commas += 1 }
            }
            lines += 1
            if lines == 10 { break }
        }
        return tabs > commas ? "\t" : ","
    }
}
