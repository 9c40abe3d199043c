import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads an .xlsx workbook: its sheet names, the rows of a sheet as stored, and the number
/// formats of its styles. Values are reported as stored, not converted; see `XLSXCell`.
///
/// The package is navigated through its relationship parts, as Excel does, so workbooks whose
/// parts are not named `sheet1.xml`… (LibreOffice, WPS, other generators) read the same.
/// Not thread-safe: one reader per task.
public final class XLSXReader {
    public let url: URL
    /// All sheets in workbook (tab) order, hidden ones included.
    public let sheetNames: [String]
    /// The sheets a user sees as tabs, in order.
    public let visibleSheetNames: [String]
    /// Day serials count from 1904-01-01 instead of 1900-01-01 (old Mac workbooks).
    public let usesDate1904System: Bool

    private let package: XLSXPackage
    private let sheetParts: [String: String]
    private let sharedStrings: [String]
    private let numberFormats: [XLSXNumberFormat]

    /// `limits` bounds what each part may inflate to (a zip bomb is refused, never inflated whole).
    public init(url: URL, limits: XLSXReadLimits = .standard) throws(SpreadsheetError) {
        self.url = url
        let package = try XLSXPackage(url: url, limits: limits)
        self.package = package

        var workbookPart = "xl/workbook.xml"
        if package.contains("_rels/.rels"),
           let document = try package.parse("_rels/.rels", with: RelationshipsParser()).relationships
               .first(where: { $0.role == "officeDocument" && !$0.isExternal }) {
            workbookPart = XLSXPackage.resolve(document.target, relativeTo: "")
        }
        guard package.contains(workbookPart) else { throw .notAnXLSX(path: url.path, missingPart: workbookPart) }
        let workbook = try package.parse(workbookPart, with: WorkbookParser())
        let relationships = try package.parse(XLSXPackage.relationshipsPart(of: workbookPart),
                                              with: RelationshipsParser()).relationships
        let directory = XLSXPackage.directory(of: workbookPart)

        var parts: [String: String] = [:]
        for sheet in workbook.sheets {
            guard let relationship = relationships.first(where: { $0.id == sheet.relationshipID }) else {
                throw .malformedPart(path: url.path, part: workbookPart,
                                     detail: "sheet \"\(sheet.name)\" has no relationship \(sheet.relationshipID)")
            }
            parts[sheet.name] = XLSXPackage.resolve(relationship.target, relativeTo: directory)
        }
        sheetParts = parts
        sheetNames = workbook.sheets.map(\.name)
        visibleSheetNames = workbook.sheets.filter { !$0.isHidden }.map(\.name)
        usesDate1904System = workbook.usesDate1904

        // Both parts are optional: a workbook without text has no shared strings, and a
        // minimal generator may write no styles.
        func part(role: String) -> String? {
            relationships.first { $0.role == role && !$0.isExternal }
                .map { XLSXPackage.resolve($0.target, relativeTo: directory) }
                .flatMap { package.contains($0) ? $0 : nil }
        }
        if let stringsPart = part(role: "sharedStrings") {
            sharedStrings = try package.parse(stringsPart, with: SharedStringsParser()).strings
        } else {
            sharedStrings = []
        }
        if let stylesPart = part(role: "styles") {
            let styles = try package.parse(stylesPart, with: StylesParser())
            numberFormats = styles.cellFormatIDs.map { XLSXNumberFormat(id: $0, customCode: styles.customCodes[$0]) }
        } else {
            numberFormats = []
        }
    }

    /// All rows of a sheet that hold values, in file order (top to bottom).
    public func rows(sheet name: String) throws(SpreadsheetError) -> [XLSXRow] {
        var rows: [XLSXRow] = []
        do {
            try forEachRow(sheet: name) { rows.append($0) }
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            // Only `body` can throw anything else, and this one does not.
            throw .malformedPart(path: url.path, part: sheetParts[name] ?? name, detail: "\(error)")
        }
        return rows
    }

    /// Calls `body` with each row as it is parsed, without holding the sheet in memory: the part
    /// is decompressed to a temporary file and parsed as a stream. Throws `SpreadsheetError`,
    /// or whatever `body` throws, which also stops the parse.
    public func forEachRow(sheet name: String, _ body: (XLSXRow) throws -> Void) throws {
        guard let part = sheetParts[name] else {
            throw SpreadsheetError.sheetNotFound(path: url.path, name: name, available: sheetNames)
        }
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("skillcert-sheet-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try package.extract(part, to: temporary)
        guard let stream = InputStream(url: temporary) else {
            throw SpreadsheetError.fileUnreadable(path: temporary.path, detail: "temporary copy of \(part)")
        }
        let formats = numberFormats
        try withoutActuallyEscaping(body) { body in
            let delegate = SheetRowsParser(sharedStrings: sharedStrings,
                                           isDateStyle: { formats.indices.contains($0) && formats[$0].isDate },
                                           emit: body)
            let parser = XMLParser(stream: stream)
            parser.delegate = delegate
            let finished = parser.parse()
            if let failure = delegate.failure { throw failure }
            if let problem = delegate.problem {
                throw SpreadsheetError.malformedPart(path: url.path, part: part, detail: problem)
            }
            if !finished { throw package.malformed(part, parser.parserError) }
        }
    }

    /// The number format of the cell style a cell's `styleIndex` names; nil if the workbook has
    /// no such style.
    public func numberFormat(forStyle index: Int) -> XLSXNumberFormat? {
        numberFormats.indices.contains(index) ? numberFormats[index] : nil
    }

    /// A part of the package as text, e.g. "xl/workbook.xml" or "xl/worksheets/sheet1.xml", for
    /// checks that the typed API does not cover.
    public func rawXML(path part: String) throws(SpreadsheetError) -> String {
        String(decoding: try package.data(part), as: UTF8.self)
    }
}
