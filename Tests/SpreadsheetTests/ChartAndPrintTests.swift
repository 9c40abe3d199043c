import Foundation
import Spreadsheet
import Testing

@Suite struct ChartAndPrintTests {
    @Test func sheetReferencesQuoteNamesExcelWouldMisread() {
        let range = CellRange(firstRow: 1, firstColumn: 0, lastRow: 4, lastColumn: 0)
        #expect(SheetRange(sheet: "Sheet1", range: range).formula == "=Sheet1!$A$2:$A$5")
        #expect(SheetRange(sheet: "My Sheet", range: range).formula == "='My Sheet'!$A$2:$A$5")
        #expect(SheetRange(sheet: "名称", range: range).formula == "='名称'!$A$2:$A$5")
        #expect(SheetRange(sheet: "O'Brien", range: range).formula == "='O''Brien'!$A$2:$A$5")
        #expect(SheetRange(sheet: "A1", range: range).formula == "='A1'!$A$2:$A$5")
        #expect(SheetRange(sheet: "R1C1", range: range).formula == "='R1C1'!$A$2:$A$5")
        #expect(SheetRange(sheet: "2024", range: range).formula == "='2024'!$A$2:$A$5")
        #expect(SheetRange(sheet: "Q3_Stats", firstRow: 0, firstColumn: 27, lastRow: 9, lastColumn: 28).formula
            == "=Q3_Stats!$AB$1:$AC$10")
    }

    @Test func columnChartReferencesItsData() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("季度 统计")
            try sheet.writeRow([.text("区县"), .text("参考人数"), .text("合格人数")], row: 0, style: .header)
            for (index, district) in ["越秀区", "海珠区", "天河区", "白云区"].enumerated() {
                try sheet.writeRow([.text(district), .integer(100 + index), .integer(80 + index)], row: index + 1)
            }
            let categories = SheetRange(sheet: "季度 统计", firstRow: 1, firstColumn: 0, lastRow: 4, lastColumn: 0)
            let chart = Chart(kind: .column, title: "各区考核情况", series: [
                .init(name: "参考人数", categories: categories,
                      values: SheetRange(sheet: "季度 统计", firstRow: 1, firstColumn: 1, lastRow: 4, lastColumn: 1)),
                .init(name: "合格人数", categories: categories,
                      values: SheetRange(sheet: "季度 统计", firstRow: 1, firstColumn: 2, lastRow: 4, lastColumn: 2)),
            ], categoryAxisTitle: "区县", valueAxisTitle: "人数")
            try sheet.insertChart(chart, row: 6, column: 1, widthScale: 1.5)
        }
        let chart = try reader.rawXML(path: "xl/charts/chart1.xml")
        #expect(chart.contains("<c:barChart><c:barDir val=\"col\"/>"))
        #expect(chart.occurrences(of: "<c:f>'季度 统计'!$A$2:$A$5</c:f>") == 2)
        #expect(chart.contains("<c:f>'季度 统计'!$B$2:$B$5</c:f>"))
        #expect(chart.contains("<c:f>'季度 统计'!$C$2:$C$5</c:f>"))
        #expect(chart.contains("<a:t>各区考核情况</a:t>"))
        #expect(chart.contains("<c:v>参考人数</c:v>") && chart.contains("<c:v>合格人数</c:v>"))
        #expect(chart.contains("<a:t>区县</a:t>") && chart.contains("<a:t>人数</a:t>"))
        #expect(try reader.rawXML(path: "xl/worksheets/sheet1.xml").contains("<drawing r:id=\"rId1\"/>"))
        #expect(try reader.rawXML(path: "xl/drawings/drawing1.xml").contains("<xdr:col>1</xdr:col>"))
    }

    @Test(arguments: [Chart.Kind.bar, .line, .pie])
    func otherChartKindsAreWritten(kind: Chart.Kind) throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("Data")
            for row in 0..<3 { try sheet.writeRow([.text("类\(row)"), .integer(row + 1)], row: row) }
            let chart = Chart(kind: kind, title: "分布", series: [
                .init(categories: SheetRange(sheet: "Data", firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 0),
                      values: SheetRange(sheet: "Data", firstRow: 0, firstColumn: 1, lastRow: 2, lastColumn: 1)),
            ], valueAxisTitle: "人数")
            try sheet.insertChart(chart, row: 4, column: 0)
        }
        let chart = try reader.rawXML(path: "xl/charts/chart1.xml")
        let element = switch kind {
        case .bar: "<c:barDir val=\"bar\"/>"
        case .line: "<c:lineChart>"
        case .pie: "<c:pieChart>"
        case .column: "<c:barDir val=\"col\"/>"
        }
        #expect(chart.contains(element))
        #expect(chart.contains("<c:f>Data!$B$1:$B$3</c:f>"))
        #expect(chart.contains("<a:t>人数</a:t>") == (kind != .pie))
    }

    /// The title of the category axis names the categories and the value axis's the numbers,
    /// whichever way the chart lies: a bar chart's categories run up its left side.
    @Test(arguments: [Chart.Kind.column, .bar, .line])
    func axisTitlesGoToTheirOwnAxes(kind: Chart.Kind) throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("Data")
            for row in 0..<3 { try sheet.writeRow([.text("指标\(row)"), .integer(row + 1)], row: row) }
            let chart = Chart(kind: kind, series: [
                .init(categories: SheetRange(sheet: "Data", firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 0),
                      values: SheetRange(sheet: "Data", firstRow: 0, firstColumn: 1, lastRow: 2, lastColumn: 1)),
            ], categoryAxisTitle: "指标 Metric", valueAxisTitle: "数量 Number")
            try sheet.insertChart(chart, row: 4, column: 0)
        }
        let chart = try reader.rawXML(path: "xl/charts/chart1.xml")
        let categoryAxis = try #require(chart.components(separatedBy: "<c:catAx>").dropFirst().first?
            .components(separatedBy: "</c:catAx>").first)
        let valueAxis = try #require(chart.components(separatedBy: "<c:valAx>").dropFirst().first?
            .components(separatedBy: "</c:valAx>").first)
        #expect(categoryAxis.contains("<a:t>指标 Metric</a:t>") && !categoryAxis.contains("数量"))
        #expect(valueAxis.contains("<a:t>数量 Number</a:t>") && !valueAxis.contains("指标"))
        // Bars lie along the bottom axis, so the categories are on the left.
        #expect(categoryAxis.contains("<c:axPos val=\"\(kind == .bar ? "l" : "b")\"/>"))
    }

    @Test func chartWithoutSeriesIsRefused() throws {
        let directory = try TemporaryDirectory()
        let workbook = try Workbook(path: directory.file("book.xlsx").path)
        let sheet = try workbook.addSheet("Sheet1")
        let error = spreadsheetError { try sheet.insertChart(Chart(kind: .line), row: 0, column: 0) }
        guard case let .sheetOperationRejected(_, _, operation, _)? = error else {
            Issue.record("expected a refusal, got \(String(describing: error))")
            return
        }
        #expect(operation == .insertChart)
        try workbook.close()
        let reader = try XLSXReader(url: directory.file("book.xlsx"))
        #expect(throws: SpreadsheetError.self) { try reader.rawXML(path: "xl/charts/chart1.xml") }
    }

    @Test func printSetupReachesTheFile() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            let sheet = try workbook.addSheet("名册")
            for row in 0..<60 { try sheet.writeRow([.text("学员\(row)"), .integer(row)], row: row) }
            try sheet.apply(PrintSetup(
                orientation: .landscape, paper: .a4, fitToWidth: true, repeatRows: 0...1,
                margins: .init(left: 0.5, right: 0.5, top: 0.75, bottom: 0.75), centerHorizontally: true,
                header: "&C技能等级认定名册", footer: PrintSetup.pageNumberFooter,
                printArea: CellRange(firstRow: 0, firstColumn: 0, lastRow: 59, lastColumn: 1), printGridlines: true,
                rowBreaks: [40, 25]))
        }
        let sheet = try reader.rawXML(path: "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"))
        #expect(sheet.contains("orientation=\"landscape\""))
        #expect(sheet.contains("paperSize=\"9\""))
        #expect(sheet.contains("fitToHeight=\"0\""))
        #expect(sheet.contains("<printOptions horizontalCentered=\"1\" gridLines=\"1\"/>"))
        #expect(sheet.contains("<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\""))
        #expect(sheet.contains("<oddHeader>&amp;C技能等级认定名册</oddHeader>"))
        #expect(sheet.contains("<oddFooter>&amp;C&amp;P / &amp;N</oddFooter>"))
        // A manual page break above rows 26 and 41, in order.
        #expect(sheet.contains("<rowBreaks count=\"2\" manualBreakCount=\"2\"><brk id=\"25\" max=\"16383\" man=\"1\"/>"
                               + "<brk id=\"40\" max=\"16383\" man=\"1\"/></rowBreaks>"))
        let workbook = try reader.rawXML(path: "xl/workbook.xml")
        #expect(workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'名册'!$1:$2</definedName>"))
        #expect(workbook.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">'名册'!$A$1:$B$60</definedName>"))
    }

    @Test func overlongFooterAndBadRangesAreRefused() throws {
        let directory = try TemporaryDirectory()
        let workbook = try Workbook(path: directory.file("book.xlsx").path)
        let sheet = try workbook.addSheet("Sheet1")
        let footer = spreadsheetError { try sheet.apply(PrintSetup(footer: String(repeating: "x", count: 256))) }
        #expect(footer?.english.contains("Parameter exceeds Excel's limit of 255 characters.") == true)
        #expect(spreadsheetError { try sheet.apply(PrintSetup(repeatRows: -1...2)) } != nil)
        // Row 1 is the first row of the first page already; no break can go above it.
        #expect(spreadsheetError { try sheet.apply(PrintSetup(rowBreaks: [0])) } != nil)
        #expect(spreadsheetError { try sheet.apply(PrintSetup(rowBreaks: [1_048_576])) } != nil)
        #expect(spreadsheetError {
            try sheet.apply(PrintSetup(margins: .init(left: .nan, right: 0, top: 0, bottom: 0)))
        } != nil)
        try workbook.close()
    }
}
