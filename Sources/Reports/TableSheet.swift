import Spreadsheet

/// A column of a listing sheet: its bilingual header, width and cell style.
struct TableColumn {
    let header: String
    let width: Double
    let style: CellStyle

    init(_ header: String, width: Double, style: CellStyle = .cell) {
        self.header = header
        self.width = width
        self.style = style
    }
}

/// Lays out one listing the way every SkillCert sheet looks: a merged title row, a header row,
/// the data rows; header frozen, autofilter on, landscape, fit to one page wide, the title and
/// header repeated on every printed page, page numbers in the footer.
struct TableSheet {
    let name: String
    let title: String
    let columns: [TableColumn]
    let rows: [[CellValue]]

    static let titleRow = 0
    static let headerRow = 1
    static let firstDataRow = 2

    @discardableResult
    func write(into workbook: Workbook) throws(SpreadsheetError) -> Worksheet {
        let sheet = try workbook.addSheet(name)
        let lastColumn = columns.count - 1
        try sheet.mergeRange(firstRow: Self.titleRow, firstColumn: 0, lastRow: Self.titleRow, lastColumn: max(lastColumn, 1),
                             text: title, style: .title)
        try sheet.setRowHeight(Self.titleRow, height: 28)
        for (index, column) in columns.enumerated() {
            try sheet.setColumnWidth(index, width: column.width)
            try sheet.write(.text(column.header), row: Self.headerRow, column: index, style: .header)
        }
        try RowHeight.fit(sheet, row: Self.headerRow, columns.map { RowHeight.Cell($0.header, width: $0.width, bold: true) })
        for (offset, row) in rows.enumerated() {
            for (index, value) in row.enumerated() {
                try sheet.write(value, row: Self.firstDataRow + offset, column: index, style: columns[index].style)
            }
            try RowHeight.fit(sheet, row: Self.firstDataRow + offset, wrappedTexts(row))
        }
        try sheet.freezePanes(row: Self.firstDataRow, column: 0)
        try sheet.autofilter(firstRow: Self.headerRow, firstColumn: 0,
                             lastRow: Self.headerRow + max(rows.count, 1), lastColumn: lastColumn)
        try sheet.apply(.listing(repeatRows: Self.titleRow...Self.headerRow))
        return sheet
    }

    /// The texts of a row in columns that wrap, which decide its height.
    private func wrappedTexts(_ row: [CellValue]) -> [RowHeight.Cell] {
        zip(row, columns).compactMap { value, column in
            guard column.style.wrapText, case .text(let text) = value else { return nil }
            return RowHeight.Cell(text, width: column.width, bold: column.style.bold)
        }
    }

    /// The data cells of some columns, as a range that charts and formulas can refer to.
    func dataRange(column: Int) -> SheetRange { dataRange(columns: column...column) }

    func dataRange(columns: ClosedRange<Int>) -> SheetRange {
        SheetRange(sheet: name, firstRow: Self.firstDataRow, firstColumn: columns.lowerBound,
                   lastRow: Self.firstDataRow + max(rows.count, 1) - 1, lastColumn: columns.upperBound)
    }
}

extension CellStyle {
    /// A bordered cell whose long text wraps instead of spilling over.
    static let wrapped = CellStyle.cell.with { $0.wrapText = true; $0.verticalAlignment = .top }
}
