import Foundation
import Testing
import Domain
import Spreadsheet
@testable import Reports

/// How the quarterly workbook prints, from Excel, LibreOffice or WPS, checked in the file's XML:
/// LibreOffice and WPS keep the row heights a file gives (they do not re-measure wrapped text),
/// show ### for a number wider than its column, and print a chart wherever the rows put it. What
/// only a rendering shows is checked by `make print-check` (scripts/print_check.py).
@Suite struct QuarterlyPrintLayoutTests {
    /// Excel's row height for one line of 11-point text, the least a line can take.
    static let pointsPerLine = 15.0

    /// One sheet's layout as the file states it.
    struct Layout {
        let xml: String

        init(_ reader: XLSXReader, sheet index: Int) throws {
            xml = try reader.rawXML(path: "xl/worksheets/sheet\(index).xml")
        }

        /// The `<row>` start tag of a 1-based row, nil when the row is not written.
        func rowTag(_ number: Int) -> String? {
            xml.components(separatedBy: "<row r=\"\(number)\"").dropFirst().first.map { "<row r=\"\(number)\"" + ($0.components(separatedBy: ">").first ?? "") }
        }

        /// The height a 1-based row prints with: its own when set, else Excel's default 15 points.
        func height(_ number: Int) -> Double {
            rowTag(number).flatMap { tag in WorkbookXML.attribute("ht", of: tag).flatMap(Double.init) } ?? 15
        }

        func hasCustomHeight(_ number: Int) -> Bool {
            rowTag(number)?.contains("customHeight=\"1\"") == true
        }

        /// The width of a zero-based column, in Excel's character units.
        func width(_ column: Int) -> Double? {
            for element in WorkbookXML.elements("col", in: WorkbookXML.section("cols", of: xml)) {
                guard let min = WorkbookXML.attribute("min", of: element).flatMap(Int.init),
                      let max = WorkbookXML.attribute("max", of: element).flatMap(Int.init),
                      (min...max).contains(column + 1) else { continue }
                return WorkbookXML.attribute("width", of: element).flatMap(Double.init)
            }
            return nil
        }

        /// The zero-based rows that start a page by a manual break.
        var rowBreaks: [Int] {
            WorkbookXML.elements("brk", in: WorkbookXML.section("rowBreaks", of: xml))
                .compactMap { WorkbookXML.attribute("id", of: $0).flatMap(Int.init) }
        }

        /// What fits on a landscape A4 page below the top margin and above the bottom one, in points.
        var printableHeight: Double {
            let margins = xml.components(separatedBy: "<pageMargins").dropFirst().first ?? ""
            let top = WorkbookXML.attribute("top", of: margins).flatMap(Double.init) ?? 0.75
            let bottom = WorkbookXML.attribute("bottom", of: margins).flatMap(Double.init) ?? 0.75
            return 210 / 25.4 * 72 - (top + bottom) * 72
        }
    }

    /// A chart's place: from its anchor's top row to its bottom row and offset.
    struct ChartAnchor {
        let fromRow: Int
        let toRow: Int
        let toRowOffsetPoints: Double

        init(drawing: String) throws {
            let from = try #require(drawing.components(separatedBy: "<xdr:from>").dropFirst().first)
            let to = try #require(drawing.components(separatedBy: "<xdr:to>").dropFirst().first)
            let row = { (part: String, tag: String) in
                Int(part.components(separatedBy: "<xdr:\(tag)>").dropFirst().first?.components(separatedBy: "<").first ?? "")
            }
            fromRow = try #require(row(from, "row"))
            toRow = try #require(row(to, "row"))
            // 12,700 EMU to the point.
            toRowOffsetPoints = Double(try #require(row(to, "rowOff"))) / 12_700
        }

        /// The chart's height as a printout lays it out: the heights of the rows it covers.
        func height(in layout: Layout) -> Double {
            (fromRow..<toRow).reduce(toRowOffsetPoints) { $0 + layout.height($1 + 1) }
        }
    }

    static func write(_ fixture: QuarterlyFixture) throws -> (XLSXReader, URL) {
        try QuarterlyWorkbookTests.write(fixture, .q4)
    }

    /// A lower bound of the lines a wrapped text needs in a column, whatever the font: each of
    /// its lines at its narrowest over the column's whole width as the file gives it (padding
    /// included). Chinese characters take 1.5 digits at the least (a CJK font beside DejaVu Sans;
    /// beside Calibri, 2), other characters 0.8 (Calibri's average). Wrapping by words needs more.
    static func leastLines(_ text: String, width: Double) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { lines, line in
            let digits = line.reduce(0.0) { $0 + (String($1).displayWidth > 1 ? 1.5 : 0.8) }
            return lines + max(1, Int((digits / width).rounded(.up)))
        }
    }

    @Test func headerRowsOfTwoLinesHaveAHeightThatShowsBothLines() throws {
        let fixture = try QuarterlyFixture()
        let (reader, url) = try Self.write(fixture)
        defer { try? FileManager.default.removeItem(at: url) }
        // The figure sheets: the figure (or project) over 本季度 Quarter | 年度累计 Year to date.
        for index in 1...5 {
            let layout = try Layout(reader, sheet: index)
            for row in [3, 4] {
                #expect(layout.hasCustomHeight(row), "sheet \(index) row \(row)")
                #expect(layout.height(row) >= 2 * Self.pointsPerLine, "sheet \(index) row \(row)")
            }
        }
        // 已公布成绩人数 / Candidates with published results takes three lines over two columns.
        let occupations = try Layout(reader, sheet: 2)
        #expect(occupations.height(3) >= 3 * Self.pointsPerLine)
        // The progress sheet's one header row: 年度目标 / Yearly target and the like.
        let progress = try Layout(reader, sheet: 6)
        #expect(progress.hasCustomHeight(3) && progress.height(3) >= 2 * Self.pointsPerLine)
        // The subtitle (period, area, the day written) wraps on every sheet that is narrower than it.
        for index in 1...6 {
            let layout = try Layout(reader, sheet: index)
            let subtitle = try #require(try reader.rows(sheet: reader.sheetNames[index - 1]).row(2)?[column: 0]?.value)
            let width = (0..<30).compactMap { layout.width($0) }.reduce(0, +)
            #expect(layout.height(2) >= Double(Self.leastLines(subtitle, width: width)) * Self.pointsPerLine, "sheet \(index)")
        }
    }

    @Test func theSummarysLabelsAndTheNotesAreShownInFull() throws {
        let fixture = try QuarterlyFixture()
        let (reader, url) = try Self.write(fixture)
        defer { try? FileManager.default.removeItem(at: url) }
        let summary = try Layout(reader, sheet: 1)
        let labelWidth = try #require(summary.width(0))
        var wrapped = 0
        for row in try reader.rows(sheet: "汇总 Summary") where row.number >= 5 {
            guard let label = row[column: 0]?.value else { continue }
            let lines = Self.leastLines(label, width: labelWidth)
            if lines > 1 { wrapped += 1 }
            #expect(summary.height(row.number) >= Double(lines) * Self.pointsPerLine, "\(label)")
        }
        // 其中高技能人才（三级及以上）High-skill (level 3 and above) is among them: the check has something to check.
        #expect(wrapped > 0)

        let notes = try Layout(reader, sheet: 7)
        let widths = try (0...2).map { try #require(notes.width($0)) }
        for row in try reader.rows(sheet: "口径 Notes") where row.number >= 3 {
            let lines = (0...2).map { Self.leastLines(row[column: $0]?.value ?? "", width: widths[$0]) }.max() ?? 1
            #expect(notes.height(row.number) >= Double(lines) * Self.pointsPerLine, "notes row \(row.number)")
        }
    }

    /// "5,707,500.00" is a district's year of training subsidies; a city's runs to 14 characters
    /// and more. A column shows ### for a number it cannot hold.
    @Test func moneyColumnsHoldACitysTotals() throws {
        let fixture = try QuarterlyFixture()
        let (reader, url) = try Self.write(fixture)
        defer { try? FileManager.default.removeItem(at: url) }
        // The summary's figure columns each hold the subsidy lines.
        let summary = try Layout(reader, sheet: 1)
        for column in 1...8 { #expect(try #require(summary.width(column)) >= 14, "summary column \(column)") }
        // The occupation sheet ends with 以证定补应补金额, the apprenticeship sheet with 学徒补贴应付金额.
        let occupations = try Layout(reader, sheet: 2)
        for column in [19, 20] { #expect(try #require(occupations.width(column)) >= 14) }
        let apprentices = try Layout(reader, sheet: 5)
        for column in [11, 12] { #expect(try #require(apprentices.width(column)) >= 14) }
    }

    @Test func aFigureColumnIsAsWideAsItsLargestAmount() throws {
        // 99,999,999,999.99 yuan on a line and twice that on the total line, bold: 18 characters.
        let huge = QuarterAndYear(quarter: 9_999_999_999_999, yearToDate: 9_999_999_999_999)
        let table = FigureTable(
            name: "Sheet1", title: "标题", subtitle: "副标题", labelHeaders: [("镇街 District", 14), ("类别 Kind", 8)],
            columns: [.figure(.trainingSubsidyDue), .figure(.trained)],
            rows: [FigureRow(labels: ["甲", "街道"], values: [.trainingSubsidyDue: huge, .trained: QuarterAndYear(quarter: 1_198_701, yearToDate: 1_198_701)]),
                   FigureRow(labels: ["乙", "镇"], values: [.trainingSubsidyDue: huge])])
        let url = temporaryWorkbookURL("figure-widths")
        defer { try? FileManager.default.removeItem(at: url) }
        let workbook = try Workbook(path: url.path)
        try table.write(into: workbook)
        try workbook.close()
        let reader = try XLSXReader(url: url)
        let layout = try Layout(reader, sheet: 1)
        let total = "199,999,999,999.98"
        for column in [2, 3] { #expect(try #require(layout.width(column)) >= Double(total.count + 1), "column \(column)") }
        // Counts keep the narrower width: "1,198,701" is nine characters.
        for column in [4, 5] {
            let width = try #require(layout.width(column))
            #expect(width >= 10 && width < 14, "column \(column)")
        }
        let rows = try reader.rows(sheet: "Sheet1")
        #expect(rows.value("C5").flatMap(Double.init) == 99_999_999_999.99)
        #expect(rows.value("D7").flatMap(Double.init) == 199_999_999_999.98)
    }

    @Test func theMoneyWidthOfANumberCountsItsDigitsSeparatorsAndSign() {
        #expect(ColumnWidth.showing([99_999_999_999.99], decimals: 2) >= 18)
        #expect(ColumnWidth.showing([-99_999_999_999.99], decimals: 2) >= 19)
        #expect(ColumnWidth.showing([5_707_500], decimals: 2, minimum: 14) == 14)
        #expect(ColumnWidth.showing([1_198_701], decimals: 0) >= 10)
        // 99.995 shows as 100.00.
        #expect(ColumnWidth.showing([99.995], decimals: 2, minimum: 0) == ColumnWidth.showing([100], decimals: 2, minimum: 0))
    }

    /// Each chart starts a page of its own, by a manual break at its top row, and is shorter than
    /// a page below the header rows repeated on it; fitting the sheet to the page width only
    /// shrinks it further.
    @Test func noChartStraddlesAPageBreak() throws {
        let fixture = try QuarterlyFixture()
        let (reader, url) = try Self.write(fixture)
        defer { try? FileManager.default.removeItem(at: url) }
        for (sheet, drawing, repeated) in [(1, 1, 3...4), (6, 2, 3...3)] {
            #expect(try reader.rawXML(path: "xl/worksheets/_rels/sheet\(sheet).xml.rels").contains("drawing\(drawing).xml"))
            let layout = try Layout(reader, sheet: sheet)
            let anchor = try ChartAnchor(drawing: try reader.rawXML(path: "xl/drawings/drawing\(drawing).xml"))
            #expect(layout.rowBreaks.contains(anchor.fromRow), "sheet \(sheet)")
            #expect(!layout.rowBreaks.contains { $0 > anchor.fromRow && $0 <= anchor.toRow }, "sheet \(sheet)")
            let headers = repeated.reduce(0) { $0 + layout.height($1) }
            #expect(headers + anchor.height(in: layout) <= layout.printableHeight, "sheet \(sheet)")
            // The table above ends before the break.
            let lastLine = try #require(reader.rows(sheet: reader.sheetNames[sheet - 1]).last?.number)
            #expect(lastLine <= anchor.fromRow, "sheet \(sheet)")
        }
    }

    @Test func theProgressChartsCategoriesAreTheMetricsAndItsValuesTheNumbers() throws {
        let fixture = try QuarterlyFixture()
        let (reader, url) = try Self.write(fixture)
        defer { try? FileManager.default.removeItem(at: url) }
        for (index, category, value) in [(1, "等级 Level", "人数 People"), (2, "指标 Metric", "数量 Number")] {
            let chart = try reader.rawXML(path: "xl/charts/chart\(index).xml")
            let categoryAxis = chart.components(separatedBy: "<c:catAx>").dropFirst().first?.components(separatedBy: "</c:catAx>").first ?? ""
            let valueAxis = chart.components(separatedBy: "<c:valAx>").dropFirst().first?.components(separatedBy: "</c:valAx>").first ?? ""
            #expect(categoryAxis.contains("<a:t>\(category)</a:t>"), "chart \(index)")
            #expect(valueAxis.contains("<a:t>\(value)</a:t>"), "chart \(index)")
        }
    }
}
