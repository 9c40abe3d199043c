import Foundation
import Spreadsheet
import Testing

/// A fresh directory per test, removed when the value goes away, so that parallel tests never
/// share files.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("SpreadsheetTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }
}

/// Writes a workbook with `build`, closes it and opens it for reading.
func roundTrip(_ directory: TemporaryDirectory, name: String = "book.xlsx", constantMemory: Bool = false,
               _ build: (Workbook) throws -> Void) throws -> XLSXReader {
    let url = directory.file(name)
    let workbook = try Workbook(path: url.path, constantMemory: constantMemory)
    try build(workbook)
    try workbook.close()
    return try XLSXReader(url: url)
}

/// Captures the error of a call so that its case and message can be checked; any error that is
/// not a `SpreadsheetError` fails the test.
func spreadsheetError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> SpreadsheetError? {
    do {
        try body()
        return nil
    } catch let error as SpreadsheetError {
        return error
    } catch {
        Issue.record("expected a SpreadsheetError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

extension String {
    /// Number of non-overlapping occurrences.
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }

    /// The `<c …>…</c>` (or self-closing `<c …/>`) element of one cell in a worksheet part.
    func cellElement(_ reference: String) -> String? {
        guard let start = range(of: "<c r=\"\(reference)\"") else { return nil }
        let rest = self[start.lowerBound...]
        guard let tagEnd = rest.firstIndex(of: ">") else { return nil }
        if rest[rest.index(before: tagEnd)] == "/" { return String(rest[...tagEnd]) }
        guard let close = rest.range(of: "</c>") else { return nil }
        return String(rest[..<close.upperBound])
    }
}

extension XLSXReader {
    /// Cell values of a sheet keyed by reference, for compact assertions.
    func values(sheet: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for row in try rows(sheet: sheet) {
            for cell in row.cells { values[cell.reference] = cell.value }
        }
        return values
    }

    func cell(_ reference: String, sheet: String) throws -> XLSXCell? {
        try rows(sheet: sheet).lazy.flatMap(\.cells).first { $0.reference == reference }
    }
}

/// A minimal zip writer (stored entries, no compression) for packages that libxlsxwriter would
/// never write: other generators' part names, namespace prefixes, broken packages.
enum StoredZip {
    static func data(_ files: [(path: String, contents: String)]) -> Data {
        var archive = Data()
        var centralDirectory = Data()
        for file in files {
            let name = Data(file.path.utf8)
            let contents = Data(file.contents.utf8)
            let crc = crc32(contents)
            let offset = UInt32(archive.count)
            archive.append(le32(0x0403_4B50))
            archive.append(le16(20)); archive.append(le16(0x0800)); archive.append(le16(0))
            archive.append(le16(0)); archive.append(le16(0x21))
            archive.append(le32(crc)); archive.append(le32(UInt32(contents.count)))
            archive.append(le32(UInt32(contents.count)))
            archive.append(le16(UInt16(name.count))); archive.append(le16(0))
            archive.append(name); archive.append(contents)

            centralDirectory.append(le32(0x0201_4B50))
            centralDirectory.append(le16(20)); centralDirectory.append(le16(20))
            centralDirectory.append(le16(0x0800)); centralDirectory.append(le16(0))
            centralDirectory.append(le16(0)); centralDirectory.append(le16(0x21))
            centralDirectory.append(le32(crc)); centralDirectory.append(le32(UInt32(contents.count)))
            centralDirectory.append(le32(UInt32(contents.count)))
            centralDirectory.append(le16(UInt16(name.count))); centralDirectory.append(le16(0))
            centralDirectory.append(le16(0)); centralDirectory.append(le16(0)); centralDirectory.append(le16(0))
            centralDirectory.append(le32(0)); centralDirectory.append(le32(offset))
            centralDirectory.append(name)
        }
        let directoryOffset = UInt32(archive.count)
        archive.append(centralDirectory)
        archive.append(le32(0x0605_4B50)); archive.append(le16(0)); archive.append(le16(0))
        archive.append(le16(UInt16(files.count))); archive.append(le16(UInt16(files.count)))
        archive.append(le32(UInt32(centralDirectory.count))); archive.append(le32(directoryOffset))
        archive.append(le16(0))
        return archive
    }

    private static func le16(_ value: UInt16) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
    private static func le32(_ value: UInt32) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }

    private static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

/// The package parts every workbook needs, for hand-built test packages.
enum MinimalPackage {
    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/></Types>
        """

    static func rootRelationships(workbookTarget: String = "xl/workbook.xml") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
        Target="\(workbookTarget)"/></Relationships>
        """
    }
}
