import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The zip container of an .xlsx file: opening it with clear errors, finding parts by name, and
/// extracting them with their checksums verified and their size bounded by `limits`.
struct XLSXPackage {
    let path: String
    let limits: XLSXReadLimits
    private let archive: Archive
    private let entries: [String: Entry]

    init(url: URL, limits: XLSXReadLimits) throws(SpreadsheetError) {
        path = url.path
        self.limits = limits
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else { throw .fileUnreadable(path: path, detail: "it is a directory") }
        let signature = try Self.signature(of: url)
        // Every zip starts with a local file header ("PK\3\4") or, if empty, an end record.
        guard signature.starts(with: [0x50, 0x4B, 0x03, 0x04]) || signature.starts(with: [0x50, 0x4B, 0x05, 0x06])
        else {
            throw .notASpreadsheet(path: path, looksLikeLegacyXLS: signature.starts(with: [0xD0, 0xCF, 0x11, 0xE0]))
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .corruptArchive(path: path, detail: "\(error)")
        }
        var entries: [String: Entry] = [:]
        for entry in archive where entry.type == .file {
            entries[Self.normalized(entry.path)] = entry
        }
        self.entries = entries
    }

    func contains(_ part: String) -> Bool { entries[Self.normalized(part)] != nil }

    func data(_ part: String) throws(SpreadsheetError) -> Data {
        let entry = try entry(part)
        var data = Data()
        try verified(entry, part, limit: limits.partBytes) { consume in
            try archive.extract(entry) { chunk in
                try consume(chunk.count)
                data.append(chunk)
            }
        }
        return data
    }

    /// Inflates a sheet part into a file, chunk by chunk.
    func extract(_ part: String, to destination: URL) throws(SpreadsheetError) {
        let entry = try entry(part)
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
              let output = FileHandle(forWritingAtPath: destination.path) else {
            throw .fileUnreadable(path: destination.path, detail: "cannot create the temporary copy of \(part)")
        }
        defer { try? output.close() }
        var writeFailure: (any Error)?
        var text = XLSXPartText()
        do {
            try verified(entry, part, limit: limits.sheetPartBytes) { consume in
                try archive.extract(entry) { chunk in
                    try consume(chunk.count)
                    guard text.accept(chunk) else { throw NotUTF8() }
                    do {
                        try output.write(contentsOf: chunk)
                    } catch {
                        writeFailure = error
                        throw error
                    }
                }
            }
        } catch {
            if text.failed { throw notUTF8(part, at: text.offset) }
            // A full disk is not a damaged workbook.
            if let writeFailure { throw .fileUnreadable(path: destination.path, detail: "\(part): \(writeFailure.localizedDescription)") }
            throw error
        }
        guard text.finish() else { throw notUTF8(part, at: text.offset) }
    }

    /// Thrown by a consumer to stop inflating a part that is not UTF-8.
    private struct NotUTF8: Error {}

    private func notUTF8(_ part: String, at offset: Int) -> SpreadsheetError {
        .malformedPart(path: path, part: part, detail: "not UTF-8 text (byte \(offset + 1))")
    }

    /// Runs `delegate` over a whole part held in memory; for the small parts (workbook,
    /// relationships, shared strings, styles).
    func parse<Delegate: NSObject & XMLParserDelegate>(_ part: String, with delegate: Delegate)
        throws(SpreadsheetError) -> Delegate {
        let bytes = try data(part)
        let text = XLSXPartText.isUTF8(bytes)
        guard text.valid else { throw notUTF8(part, at: text.offset) }
        let parser = XMLParser(data: bytes)
        parser.delegate = delegate
        guard parser.parse() else { throw malformed(part, parser.parserError) }
        return delegate
    }

    func malformed(_ part: String, _ error: (any Error)?) -> SpreadsheetError {
        var detail = "XML parsing failed"
        if let error = error as NSError? {
            detail = "XML error \(error.code)"
            if let line = error.userInfo["NSXMLParserErrorLineNumber"] ?? error.userInfo["lineNumber"] {
                detail += " at line \(line)"
            }
        }
        return .malformedPart(path: path, part: part, detail: detail)
    }

    private func entry(_ part: String) throws(SpreadsheetError) -> Entry {
        guard let entry = entries[Self.normalized(part)] else {
            throw .malformedPart(path: path, part: part, detail: "the part is missing from the package")
        }
        return entry
    }

    /// Thrown by a consumer to stop inflating a part that has grown past its limit.
    private struct OverLimit: Error {}

    /// ZIPFoundation computes the checksum while extracting but leaves comparing it to the
    /// caller, so without this a damaged entry would be read as if it were intact. `extract`
    /// reports every inflated chunk's size to the function it is given, which stops the
    /// extraction once `limit` is passed; a declared size over the limit stops it before it starts.
    private func verified(_ entry: Entry, _ part: String, limit: UInt64,
                          _ extract: (_ consume: (Int) throws -> Void) throws -> CRC32) throws(SpreadsheetError) {
        guard entry.uncompressedSize <= limit else { throw .partTooLarge(path: path, part: part, limitBytes: limit) }
        var inflated: UInt64 = 0
        let checksum: CRC32
        do {
            checksum = try extract { count in
                inflated += UInt64(count)
                if inflated > limit { throw OverLimit() }
            }
        } catch is OverLimit {
            throw .partTooLarge(path: path, part: part, limitBytes: limit)
        } catch {
            throw .corruptArchive(path: path, detail: "\(part): \(error)")
        }
        guard checksum == entry.checksum else {
            throw .corruptArchive(path: path, detail: "\(part): checksum mismatch")
        }
    }

    private static func signature(of url: URL) throws(SpreadsheetError) -> [UInt8] {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            return [UInt8](try handle.read(upToCount: 8) ?? Data())
        } catch {
            throw .fileUnreadable(path: url.path, detail: error.localizedDescription)
        }
    }

    // MARK: Part names

    /// Zip paths are compared case-insensitively and without a leading "/", as Excel does.
    private static func normalized(_ path: String) -> String {
        (path.hasPrefix("/") ? String(path.dropFirst()) : path).lowercased()
    }

    static func directory(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[..<slash])
    }

    /// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
    static func relationshipsPart(of part: String) -> String {
        let directory = directory(of: part)
        let file = part.split(separator: "/").last.map(String.init) ?? part
        return directory.isEmpty ? "_rels/\(file).rels" : "\(directory)/_rels/\(file).rels"
    }

    /// Relationship targets are relative to the source part's directory, or absolute from the
    /// package root when they start with "/".
    static func resolve(_ target: String, relativeTo directory: String) -> String {
        var components = target.hasPrefix("/") || directory.isEmpty
            ? [] : directory.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }
}
