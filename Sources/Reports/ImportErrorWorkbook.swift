import Foundation
import Domain
import Spreadsheet

/// The refused rows of an import as a workbook the clerk fixes and imports again.
///
/// The file's own header texts are kept exactly, because the importer matches columns by name
/// and skips the two it does not know (原行号 Row, 原因 Reason): the fixed workbook imports as it
/// is. Every cell is written as text, so an ID stays 18 characters and "=1+1" stays what the
/// clerk typed.
///
/// Written in constant-memory mode whatever its size, so that a rejected million-row file needs
/// no more memory than a ten-row one and both take the same path. That mode cannot merge cells,
/// so the title is a plain cell that runs over its empty neighbours.
///
/// `masked` masks the national ID and phone columns' cells as every listing does: for a workbook
/// that leaves the clerk's own machine by another way than her own command (the web app's
/// download, whole values there only for a reason). The clerk then fixes her own file, since a
/// masked ID cannot be imported again; the title says so.
public enum ImportErrorWorkbook {
    public static let sheetName = "错误行 Rejected rows"
    public static let rowNumberHeader = "原行号 Row"
    public static let reasonHeader = "原因 Reason"

    static let titleRow = 0
    static let headerRow = 1
    static let firstDataRow = 2

    public static func write(_ report: ImportErrorReport, masked: Bool = false, to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path, constantMemory: true)
        try workbook.setProperties(title: "导入错误 Import errors", subject: storable(report.sourceFile))
        let sheet = try workbook.addSheet(sheetName)

        // Rows longer than the header keep their extra cells, under a blank header.
        let fileColumns = report.rows.reduce(report.header.count) { max($0, $1.cells.count) }
        let reasonColumn = fileColumns + 1

        // Widths and column formats go first: constant-memory mode writes the column table
        // before the first row. "@" on the file's columns keeps a re-typed ID text as well.
        try sheet.setColumnWidth(0, width: 9)
        let sample = report.rows.prefix(500)
        for column in 0..<fileColumns {
            let header = column < report.header.count ? report.header[column] : ""
            let texts = [header] + sample.map { shown($0, column: column, of: report, masked: masked) }
            try sheet.setColumnWidth(column + 1, width: ColumnWidth.fitting(texts, minimum: 10, maximum: 40),
                                     style: CellStyle(numberFormat: "@"))
        }
        try sheet.setColumnWidth(reasonColumn, width: 60)

        try sheet.write(.text(title(report, masked: masked)), row: titleRow, column: 0, style: titleStyle)
        try sheet.write(.text(rowNumberHeader), row: headerRow, column: 0, style: .header)
        for column in 0..<fileColumns {
            let header = column < report.header.count ? report.header[column] : ""
            try sheet.write(.text(storable(header)), row: headerRow, column: column + 1, style: .header)
        }
        try sheet.write(.text(reasonHeader), row: headerRow, column: reasonColumn, style: .header)

        for (offset, row) in report.rows.enumerated() {
            let excelRow = firstDataRow + offset
            var faulty = Set<Int>()
            var rowLevel = false
            for issue in row.issues {
                if let column = issue.column, (0..<fileColumns).contains(column) {
                    faulty.insert(column)
                } else {
                    rowLevel = true
                }
            }
            try sheet.write(.integer(row.rowNumber), row: excelRow, column: 0, style: rowNumberStyle)
            for column in 0..<fileColumns {
                let text = storable(shown(row, column: column, of: report, masked: masked))
                try sheet.write(.text(text), row: excelRow, column: column + 1,
                                style: faulty.contains(column) ? faultyCellStyle : cellStyle)
            }
            try sheet.write(.text(reason(row.issues)), row: excelRow, column: reasonColumn,
                            style: rowLevel ? faultyReasonStyle : .wrapped)
        }

        let lastRow = headerRow + max(report.rows.count, 1)
        try sheet.freezePanes(row: firstDataRow, column: 1)
        try sheet.autofilter(firstRow: headerRow, firstColumn: 0, lastRow: lastRow, lastColumn: reasonColumn)
        try sheet.apply(.listing(repeatRows: titleRow...headerRow))
        try workbook.close()
    }

    static func title(_ report: ImportErrorReport, masked: Bool = false) -> String {
        let file = storable(report.sourceFile)
        let count = report.rows.count
        let rows = "\(count) rejected \(count == 1 ? "row" : "rows")"
        guard masked else {
            return "\(file)：\(count) 行未通过检查，改正标红的单元格后可直接重新导入本表"
                + "　\(file): \(rows); fix the highlighted cells and import this sheet again"
        }
        return "\(file)：\(count) 行未通过检查（身份证号、手机号已遮蔽），请在原文件中改正标红的单元格后重新导入"
            + "　\(file): \(rows) (national IDs and phones masked); fix the highlighted cells in your own file and import it again"
    }

    /// A row's cell in a file column as the workbook shows it: as given, or masked when asked
    /// for and the column holds national IDs or phones.
    static func shown(_ row: ImportErrorRow, column: Int, of report: ImportErrorReport, masked: Bool) -> String {
        guard column < row.cells.count else { return "" }
        let text = row.cells[column]
        guard masked, !text.isEmpty else { return text }
        if column == report.nationalIdColumn { return Masking.nationalID(text) }
        if column == report.phoneColumn { return Masking.phone(text) }
        return text
    }

    /// Every issue of a row, one per line, Chinese first.
    static func reason(_ issues: [ImportErrorIssue]) -> String {
        storable(issues.map { "\($0.chinese) / \($0.english)" }.joined(separator: "\n"))
    }

    /// The workbook exists to show bad input, so no input may stop it from being written: a NUL
    /// character (which Excel cannot store) becomes U+FFFD, and text over Excel's cell limit is
    /// cut with an ellipsis. Everything else is kept exactly.
    static func storable(_ text: String) -> String {
        let limit = 32_767
        var result = text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
        guard result.utf16.count > limit else { return result }
        var kept = ""
        var units = 0
        for character in result {
            let size = character.utf16.count
            guard units + size < limit else { break }
            kept.append(character)
            units += size
        }
        result = kept + "…"
        return result
    }

    private static let titleStyle = CellStyle(bold: true, fontSize: 13, verticalAlignment: .center)
    private static let rowNumberStyle = CellStyle.integer.with { $0.verticalAlignment = .top }
    private static let cellStyle = CellStyle.text.with { $0.verticalAlignment = .top }
    /// Excel's "bad" fill on a text cell, so that a fixed value stays text too.
    private static let faultyCellStyle = CellStyle.highlightedError.with {
        $0.numberFormat = "@"
        $0.verticalAlignment = .top
    }
    private static let faultyReasonStyle = CellStyle.highlightedError.with { $0.wrapText = true; $0.verticalAlignment = .top }
}
