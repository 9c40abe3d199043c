import Foundation
import Spreadsheet

/// Reads what `XLSXReader`'s typed API does not expose (fills, column formats, validations) out
/// of a workbook's raw XML, so that tests can check what Excel will show.
struct WorkbookXML {
    let reader: XLSXReader
    let styles: String

    init(_ reader: XLSXReader) throws {
        self.reader = reader
        styles = try reader.rawXML(path: "xl/styles.xml")
    }

    func sheet(_ number: Int) throws -> String {
        try reader.rawXML(path: "xl/worksheets/sheet\(number).xml")
    }

    /// The solid fill colour (`FFRRGGBB`) of a cell style, nil when the style has no fill.
    func fillColor(ofStyle index: Int) -> String? {
        let formats = Self.elements("xf", in: Self.section("cellXfs", of: styles))
        guard formats.indices.contains(index), let fill = Self.attribute("fillId", of: formats[index]).flatMap(Int.init)
        else { return nil }
        let fills = Self.elements("fill", in: Self.section("fills", of: styles))
        guard fills.indices.contains(fill), fills[fill].contains("patternType=\"solid\"") else { return nil }
        return fills[fill].components(separatedBy: "<fgColor rgb=\"").dropFirst().first?.components(separatedBy: "\"").first
    }

    /// Whether a cell style's font is bold.
    func isBold(style index: Int) -> Bool {
        let formats = Self.elements("xf", in: Self.section("cellXfs", of: styles))
        guard formats.indices.contains(index), let font = Self.attribute("fontId", of: formats[index]).flatMap(Int.init)
        else { return false }
        let fonts = Self.elements("font", in: Self.section("fonts", of: styles))
        return fonts.indices.contains(font) && fonts[font].contains("<b/>")
    }

    /// The style index a `<col>` entry gives a zero-based column, nil when it sets none.
    static func columnStyle(_ column: Int, in sheetXML: String) -> Int? {
        for element in elements("col", in: section("cols", of: sheetXML)) {
            guard let min = attribute("min", of: element).flatMap(Int.init),
                  let max = attribute("max", of: element).flatMap(Int.init),
                  (min...max).contains(column + 1) else { continue }
            return attribute("style", of: element).flatMap(Int.init)
        }
        return nil
    }

    /// The `<dataValidation …>…</dataValidation>` element covering `sqref`.
    static func validation(sqref: String, in sheetXML: String) -> String? {
        sheetXML.components(separatedBy: "<dataValidation ").dropFirst()
            .map { "<dataValidation " + ($0.components(separatedBy: "</dataValidation>").first ?? "") }
            .first { $0.contains("sqref=\"\(sqref)\"") }
    }

    static func section(_ name: String, of xml: String) -> String {
        guard let start = xml.range(of: "<\(name)"), let end = xml.range(of: "</\(name)>", range: start.upperBound..<xml.endIndex)
        else { return "" }
        return String(xml[start.upperBound..<end.lowerBound])
    }

    /// Elements named exactly `name` (so `fill` does not match `fills` or `fillId`).
    static func elements(_ name: String, in xml: String) -> [String] {
        xml.components(separatedBy: "<\(name)").dropFirst()
            .filter { $0.first == " " || $0.first == ">" || $0.first == "/" }
    }

    static func attribute(_ name: String, of element: String) -> String? {
        element.components(separatedBy: " \(name)=\"").dropFirst().first?.components(separatedBy: "\"").first
    }
}

/// A fresh .xlsx path in the temporary directory; the caller removes the file.
func temporaryWorkbookURL(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).xlsx")
}

extension Array where Element == XLSXRow {
    /// The row Excel numbers `number` (1-based), nil when it holds no values.
    func row(_ number: Int) -> XLSXRow? { first { $0.number == number } }

    /// The value of a cell such as "B7", nil when empty.
    func value(_ reference: String) -> String? { cell(reference)?.value }

    func cell(_ reference: String) -> XLSXCell? {
        lazy.flatMap(\.cells).first { $0.reference == reference }
    }
}
