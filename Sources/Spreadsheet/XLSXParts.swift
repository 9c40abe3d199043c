import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// XMLParser delegates for the parts of a workbook package. Parsing runs with namespace
// processing off, and element names are compared without their prefix, so files written with
// `<x:row>`-style prefixes read the same as Excel's own.

func localName(_ qualifiedName: String) -> Substring {
    qualifiedName.split(separator: ":", omittingEmptySubsequences: false).last ?? Substring(qualifiedName)
}

func attribute(_ attributes: [String: String], _ name: String) -> String? {
    if let value = attributes[name] { return value }
    return attributes.first { localName($0.key) == name }?.value
}

/// A relationship from a `.rels` part: which part (`target`) plays which role (`type`).
struct Relationship {
    let id: String
    let type: String
    let target: String
    let isExternal: Bool

    /// The type's last path component, e.g. "worksheet", "sharedStrings", "officeDocument".
    var role: Substring { type.split(separator: "/").last ?? "" }
}

final class RelationshipsParser: NSObject, XMLParserDelegate {
    private(set) var relationships: [Relationship] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        guard localName(elementName) == "Relationship",
              let id = attribute(attributes, "Id"), let target = attribute(attributes, "Target") else { return }
        relationships.append(Relationship(id: id, type: attribute(attributes, "Type") ?? "", target: target,
                                          isExternal: attribute(attributes, "TargetMode") == "External"))
    }
}

struct SheetEntry {
    let name: String
    let relationshipID: String
    let isHidden: Bool
}

final class WorkbookParser: NSObject, XMLParserDelegate {
    private(set) var sheets: [SheetEntry] = []
    private(set) var usesDate1904 = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch localName(elementName) {
        case "workbookPr":
            let flag = attribute(attributes, "date1904")
            usesDate1904 = flag == "1" || flag == "true"
        case "sheet":
            // The relationship id is `r:id`; its prefix is whatever the file declared.
            guard let name = attribute(attributes, "name"),
                  let id = attributes.first(where: { $0.key.hasSuffix(":id") })?.value ?? attributes["id"]
            else { return }
            let state = attribute(attributes, "state")
            sheets.append(SheetEntry(name: name, relationshipID: id,
                                     isHidden: state == "hidden" || state == "veryHidden"))
        default:
            break
        }
    }
}

/// Collects the text of `<t>` elements, skipping phonetic guides (`<rPh>`), for both the
/// shared-string table and inline strings.
struct StringItemCollector {
    private(set) var text = ""
    private var inText = false
    private var phoneticDepth = 0

    mutating func start(_ name: Substring) {
        if name == "rPh" { phoneticDepth += 1 }
        if name == "t", phoneticDepth == 0 { inText = true }
    }

    mutating func end(_ name: Substring) {
        if name == "rPh" { phoneticDepth -= 1 }
        if name == "t" { inText = false }
    }

    mutating func characters(_ string: String) {
        if inText { text += string }
    }

    mutating func reset() { self = StringItemCollector() }
}

final class SharedStringsParser: NSObject, XMLParserDelegate {
    private(set) var strings: [String] = []
    private var item: StringItemCollector?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let name = localName(elementName)
        if name == "si" { item = StringItemCollector() } else { item?.start(name) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName: String?) {
        let name = localName(elementName)
        if name == "si" {
            strings.append(ExcelText.decoded(item?.text ?? ""))
            item = nil
        } else {
            item?.end(name)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { item?.characters(string) }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        item?.characters(String(decoding: CDATABlock, as: UTF8.self))
    }
}

final class StylesParser: NSObject, XMLParserDelegate {
    private(set) var customCodes: [Int: String] = [:]
    /// The number format id of each cell format, in order: a cell's `s` attribute indexes this.
    private(set) var cellFormatIDs: [Int] = []
    private var inCellXfs = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        switch localName(elementName) {
        case "numFmt":
            if let id = attribute(attributes, "numFmtId").flatMap({ Int($0) }),
               let code = attribute(attributes, "formatCode") {
                customCodes[id] = code
            }
        case "cellXfs":
            inCellXfs = true
        case "xf" where inCellXfs:
            cellFormatIDs.append(attribute(attributes, "numFmtId").flatMap { Int($0) } ?? 0)
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName: String?) {
        if localName(elementName) == "cellXfs" { inCellXfs = false }
    }
}

/// Streams the rows of a worksheet part to a callback, one `XLSXRow` at a time.
final class SheetRowsParser: NSObject, XMLParserDelegate {
    private let sharedStrings: [String]
    private let isDateStyle: (Int) -> Bool
    private let emit: (XLSXRow) throws -> Void
    /// Set when parsing stopped early: the callback's own error, or a problem in the sheet.
    private(set) var failure: (any Error)?
    private(set) var problem: String?

    private var rowNumber = 0
    private var cells: [XLSXCell] = []
    private var inRow = false

    private var inCell = false
    private var cellReference: String?
    private var cellRow = 0
    private var cellColumn = -1
    private var cellType: String?
    private var cellStyle: Int?
    private var value: String?
    private var formula: String?
    private var inlineText: StringItemCollector?
    private var collecting: Substring?

    init(sharedStrings: [String], isDateStyle: @escaping (Int) -> Bool, emit: @escaping (XLSXRow) throws -> Void) {
        self.sharedStrings = sharedStrings
        self.isDateStyle = isDateStyle
        self.emit = emit
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        let name = localName(elementName)
        if let inlineText, name != "is" {
            var collector = inlineText
            collector.start(name)
            self.inlineText = collector
            return
        }
        switch name {
        case "row":
            inRow = true
            cells = []
            rowNumber = attribute(attributes, "r").flatMap { Int($0) } ?? rowNumber + 1
            cellColumn = -1
        case "c" where inRow:
            inCell = true
            cellType = attribute(attributes, "t")
            cellStyle = attribute(attributes, "s").flatMap { Int($0) }
            value = nil
            formula = nil
            if let reference = attribute(attributes, "r"), let (row, column) = Self.parse(reference) {
                (cellRow, cellColumn) = (row, column)
            } else {
                (cellRow, cellColumn) = (rowNumber, cellColumn + 1)
            }
        case "v" where inCell:
            collecting = "v"
            value = value ?? ""
        case "f" where inCell:
            collecting = "f"
            formula = formula ?? ""
        case "is" where inCell:
            inlineText = StringItemCollector()
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName: String?) {
        let name = localName(elementName)
        if let inlineText {
            if name == "is" {
                value = inlineText.text
                self.inlineText = nil
            } else {
                var collector = inlineText
                collector.end(name)
                self.inlineText = collector
            }
            return
        }
        switch name {
        case "v", "f":
            collecting = nil
        case "c" where inCell:
            inCell = false
            if let cell = makeCell() { cells.append(cell) }
            if problem != nil { parser.abortParsing() }
        case "row":
            inRow = false
            guard !cells.isEmpty else { return }
            do {
                try emit(XLSXRow(number: rowNumber, cells: cells))
            } catch {
                failure = error
                parser.abortParsing()
            }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { append(string) }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        append(String(decoding: CDATABlock, as: UTF8.self))
    }

    private func append(_ string: String) {
        if var collector = inlineText {
            collector.characters(string)
            inlineText = collector
            return
        }
        switch collecting {
        case "v": value? += string
        case "f": formula? += string
        default: break
        }
    }

    private func makeCell() -> XLSXCell? {
        guard value != nil || formula != nil else { return nil }
        let stored = value ?? ""
        let kind: XLSXCell.Kind
        var text = stored
        switch cellType {
        case "s":
            guard let index = Int(stored), sharedStrings.indices.contains(index) else {
                problem = "cell \(A1.cell(row: cellRow - 1, column: cellColumn)) refers to shared string "
                    + "\"\(stored)\" but the table has \(sharedStrings.count)"
                return nil
            }
            kind = .sharedString
            text = sharedStrings[index]
        case "inlineStr":
            kind = .inlineString
            text = ExcelText.decoded(stored)
        case "str":
            kind = .formulaString
            text = ExcelText.decoded(stored)
        case "b":
            kind = .boolean
        case "e":
            kind = .error
        case "d":
            kind = .date
        default:
            kind = cellStyle.map(isDateStyle) == true ? .date : .number
        }
        return XLSXCell(reference: A1.cell(row: cellRow - 1, column: cellColumn), rowNumber: cellRow,
                        columnIndex: cellColumn, kind: kind, value: text, formula: formula, styleIndex: cellStyle)
    }

    /// "B7" → (row 7, column 1); nil for anything that is not a plain cell reference.
    static func parse(_ reference: String) -> (row: Int, column: Int)? {
        let letters = reference.prefix { $0.isASCII && $0.isLetter }
        guard let column = A1.columnIndex(letters), let row = Int(reference.dropFirst(letters.count)), row > 0 else {
            return nil
        }
        return (row, column)
    }
}
