import Spreadsheet

/// Where an institution stamps and a bureau signs off, under a listing: merged labels with
/// blank space after them, in rows tall enough for a seal and a handwritten name.
struct SignatureBlock {
    /// One label over columns `first...last`; the blank after the label is where one writes.
    struct Field {
        let first: Int
        let last: Int
        let text: String

        init(_ first: Int, _ last: Int, _ text: String) {
            self.first = first
            self.last = last
            self.text = text
        }
    }

    let lines: [[Field]]

    func write(into sheet: Worksheet, row: Int) throws(SpreadsheetError) {
        let style = CellStyle(fontSize: 12, verticalAlignment: .top)
        for (offset, line) in lines.enumerated() {
            for field in line {
                try sheet.mergeRange(firstRow: row + offset, firstColumn: field.first, lastRow: row + offset,
                                     lastColumn: field.last, text: field.text, style: style)
            }
            try sheet.setRowHeight(row + offset, height: 48)
        }
    }
}
