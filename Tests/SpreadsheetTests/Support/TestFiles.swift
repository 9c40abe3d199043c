import Foundation
import ZIPFoundation
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

/// Zip packages that libxlsxwriter would never write (other generators' part names, namespace
/// prefixes, broken packages), built with ZIPFoundation. Entries are stored uncompressed so
/// that tests can find and damage a part's bytes.
enum StoredZip {
    static func data(_ files: [(path: String, contents: String)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for file in files {
            let contents = Data(file.contents.utf8)
            try archive.addEntry(with: file.path, type: .file, uncompressedSize: Int64(contents.count),
                                 compressionMethod: .none) { position, size in
                contents.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
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

/// The cell formats (`<xf>` of `cellXfs`) of a styles part, to check what a cell's `s="N"` gives it.
struct StylesXML {
    let xml: String

    init(_ xml: String) { self.xml = xml }

    var cellFormats: [String] {
        guard let start = xml.range(of: "<cellXfs"), let end = xml.range(of: "</cellXfs>") else { return [] }
        return xml[start.upperBound..<end.lowerBound].components(separatedBy: "<xf ").dropFirst().map { "<xf " + $0 }
    }

    /// The format of a `<c …>` element: its `s` attribute's entry, or the default format 0.
    func cellFormat(of cell: String) -> String? {
        let tag = cell.prefix { $0 != ">" }
        let index = tag.components(separatedBy: " s=\"").dropFirst().first?.components(separatedBy: "\"").first
            .flatMap { Int($0) } ?? 0
        let formats = cellFormats
        return formats.indices.contains(index) ? formats[index] : nil
    }
}
