import Domain
import Foundation

/// What a clerk's file is, decided from its first bytes rather than its name: lists arrive as
/// `名单.xls` that are really CSV, `.csv` files that are workbooks, and screenshots renamed
/// `.xlsx`, and each needs its own treatment or its own message.
enum ListFileKind: Equatable {
    case xlsx
    /// Text; `encoding` says how to turn it into the UTF-8 that CSVReader reads.
    case text(TextEncoding)

    enum TextEncoding: Equatable {
        /// UTF-8 (still to be confirmed over the whole file), or GB18030 when it is not; a file
        /// with a UTF-8 byte-order mark is UTF-8 or damaged.
        case utf8(byteOrderMark: Bool)
        /// UTF-16 with a byte-order mark (Excel's "Unicode text").
        case utf16
    }

    /// How many bytes are looked at. Binary formats show NUL bytes long before this; text never has them.
    static let sniffLength = 8192

    /// Reads the first bytes of the file and classifies it, or throws the error that tells the
    /// clerk what the file is instead.
    static func sniff(_ url: URL) throws(IntakeError) -> ListFileKind {
        let name = url.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw .missingFile(file: name)
        }
        guard !isDirectory.boolValue else {
            throw .unreadableFile(file: name, reason: "是文件夹 / it is a folder")
        }
        let head: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = [UInt8](try handle.read(upToCount: sniffLength) ?? Data())
        } catch {
            throw .unreadableFile(file: name, reason: error.localizedDescription)
        }
        return try classify(head, file: name)
    }

    static func classify(_ head: [UInt8], file: String) throws(IntakeError) -> ListFileKind {
        guard !head.isEmpty else { throw .emptyFile(file: file, sheet: nil) }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return .xlsx
        }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { throw .legacyXLS(file: file) }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return .text(.utf16) }
        if let kind = knownBinaryKind(head) { throw .notASpreadsheet(file: file, detail: kind) }
        if head.contains(0) {
            throw .notASpreadsheet(file: file, detail: Rejection("二进制文件", "a binary file"))
        }
        return .text(.utf8(byteOrderMark: head.starts(with: [0xEF, 0xBB, 0xBF])))
    }

    /// Files clerks attach by mistake, named so that the message says what was attached.
    private static func knownBinaryKind(_ head: [UInt8]) -> Rejection? {
        let signatures: [([UInt8], Rejection)] = [
            ([0x89, 0x50, 0x4E, 0x47], Rejection("PNG 图片", "a PNG image")),
            ([0xFF, 0xD8, 0xFF], Rejection("JPEG 图片", "a JPEG image")),
            (Array("GIF8".utf8), Rejection("GIF 图片", "a GIF image")),
            (Array("%PDF".utf8), Rejection("PDF 文档", "a PDF document")),
            ([0x52, 0x61, 0x72, 0x21], Rejection("RAR 压缩包", "a RAR archive")),
            ([0x37, 0x7A, 0xBC, 0xAF], Rejection("7z 压缩包", "a 7z archive")),
            ([0x1F, 0x8B], Rejection("gzip 压缩文件", "a gzip file")),
        ]
        return signatures.first { head.starts(with: $0.0) }?.1
    }
}
