import CXlsxWriter
import Foundation
import ZIPFoundation

/// Excel's quote prefix: the hidden apostrophe of a cell typed as `'=1+1`. A string cell holding
/// "=1+1" shows as text, but F2 and Enter on it turn it into a formula, and "+86 138" into an
/// error, unless the cell's format carries `quotePrefix="1"`. So every text cell that starts
/// like a formula (`=`, `+`, `-`, `@`) is written with a quote-prefixed variant of its format.
///
/// libxlsxwriter has `format_set_quote_prefix` only from 1.1.5 on; Debian 12 ships 1.1.4. So the
/// variant is told apart by a property no SkillCert style uses, the protection flag "hidden"
/// (which also keeps libxlsxwriter from merging it with the plain format), and when the file is
/// written that flag is turned into `quotePrefix="1"` in the styles part.
enum QuotePrefix {
    /// Whether Excel would read `text`, typed into a cell, as a formula. A byte test, so that a
    /// million-row sheet pays nothing for it.
    static func isNeeded(for text: String) -> Bool {
        switch text.utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"): true
        default: false
        }
    }

    static func mark(_ format: UnsafeMutablePointer<lxw_format>) {
        format_set_hidden(format)
    }

    static let stylesPart = "xl/styles.xml"
    /// What libxlsxwriter writes for a marked format: the flag on the `<xf>` and its element.
    static let markAttribute = " applyProtection=\"1\""
    static let markElement = "<protection hidden=\"1\"/>"

    /// Rewrites the styles part of the closed workbook at `path` when a marked format was used,
    /// leaving the other parts' bytes as they are. The rewrite goes to a copy that then replaces
    /// the file, so that a failure leaves the workbook as libxlsxwriter wrote it.
    static func applyMarks(toPackageAt path: String) throws(SpreadsheetError) {
        let failed = { (detail: String) -> SpreadsheetError in
            .workbookNotSaved(path: path, reason: .init(chinese: "无法为公式样文本设置前置单引号：\(detail)",
                                                        english: "Could not set the quote prefix of formula-like text: \(detail)"))
        }
        let url = URL(fileURLWithPath: path)
        // Beside the file, so that the rename that replaces it stays on one file system.
        let copy = URL(fileURLWithPath: path + ".quote-prefix")
        defer { try? FileManager.default.removeItem(at: copy) }
        do {
            let (styles, modified) = try readStyles(Archive(url: url, accessMode: .read))
            guard styles.contains(markElement) else { return }
            let patched = Data(withQuotePrefix(styles).utf8)
            try? FileManager.default.removeItem(at: copy)
            try FileManager.default.copyItem(at: url, to: copy)
            let archive = try Archive(url: copy, accessMode: .update)
            guard let entry = archive[stylesPart] else { throw failed("no \(stylesPart)") }
            try archive.remove(entry)
            try archive.addEntry(with: stylesPart, type: .file, uncompressedSize: Int64(patched.count),
                                 modificationDate: modified, compressionMethod: .deflate) { position, size in
                patched.subdata(in: Int(position)..<Int(position) + size)
            }
            guard rename(copy.path, path) == 0 else { throw failed(String(cString: strerror(errno))) }
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw failed("\(error)")
        }
    }

    private static func readStyles(_ archive: Archive) throws -> (xml: String, modified: Date) {
        guard let entry = archive[stylesPart] else { return ("", Date()) }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return (String(decoding: data, as: UTF8.self), entry.fileAttributes[.modificationDate] as? Date ?? Date())
    }

    /// The styles part with each marked cell format (`<xf>` of `cellXfs`) turned into a
    /// quote-prefixed one: the protection flag and element removed, `quotePrefix="1"` added.
    static func withQuotePrefix(_ styles: String) -> String {
        guard let start = styles.range(of: "<cellXfs"), let end = styles.range(of: "</cellXfs>", range: start.upperBound..<styles.endIndex)
        else { return styles }
        let formats = styles[start.lowerBound..<end.lowerBound].components(separatedBy: "<xf ")
        let rewritten = formats.enumerated().map { index, format -> String in
            guard index > 0, let close = format.range(of: "</xf>"), format[..<close.lowerBound].contains(markElement),
                  let tagEnd = format.firstIndex(of: ">") else { return format }
            let tag = format[..<tagEnd].replacingOccurrences(of: markAttribute, with: "") + " quotePrefix=\"1\""
            return tag + format[tagEnd...].replacingOccurrences(of: markElement, with: "")
        }
        return String(styles[..<start.lowerBound]) + rewritten.joined(separator: "<xf ") + String(styles[end.lowerBound...])
    }
}
