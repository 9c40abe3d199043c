import Domain
import Spreadsheet

/// What the import templates (the trainee list, the apprentice list) share: a list sheet with
/// the bilingual headers the importer recognises over a notes row it skips, its code, ID and
/// date columns formatted as text before anything is typed; and an instructions sheet of
/// labelled paragraphs in Chinese and English.
enum ListTemplateLayout {
    static let headerRow = 0
    static let notesRow = 1
    static let firstDataRow = 2

    static let notesStyle = CellStyle(italic: true, fontColor: 0x595959, fill: 0xFFF2CC, border: .thin,
                                      wrapText: true, verticalAlignment: .top)
    static let instructionLabelStyle = CellStyle(bold: true, border: .thin, wrapText: true, verticalAlignment: .top)

    /// The notes cell of a column, Chinese line first. Every note opens with
    /// `ListField.notesMarker`, not only the first: a clerk may move the columns, and whichever
    /// ends up first must still make the importer skip the row.
    static func note(_ field: ListField, _ chinese: String, _ english: String) -> (text: String, chinese: String, english: String) {
        ("\(ListField.notesMarker)】\(field.chineseHeader)：\(chinese)\n\(field.englishHeader): \(english)", chinese, english)
    }

    /// The list sheet's columns, header and notes, both rows frozen and repeated on every printed
    /// page; the caller adds its drop-downs.
    static func writeList(into workbook: Workbook, name: String, fields: [ListField], textFields: Set<ListField>,
                          notesHeight: Double, width: (ListField) -> Double, note: (ListField) -> String) throws(SpreadsheetError) -> Worksheet {
        let sheet = try workbook.addSheet(name)
        // Column formats, not cell formats: they reach every cell the clerk types into or pastes
        // over, however far down the list goes.
        let asText = CellStyle(numberFormat: "@")
        for (column, field) in fields.enumerated() {
            try sheet.setColumnWidth(column, width: width(field), style: textFields.contains(field) ? asText : nil)
            try sheet.write(.text(field.header), row: headerRow, column: column, style: .header)
            try sheet.write(.text(note(field)), row: notesRow, column: column, style: notesStyle)
        }
        try sheet.setRowHeight(headerRow, height: 30)
        try sheet.setRowHeight(notesRow, height: notesHeight)
        // Both rows stay in view: the notes are what a clerk looks up while typing row 300.
        try sheet.freezePanes(row: firstDataRow, column: 0)
        try sheet.apply(.listing(repeatRows: headerRow...notesRow))
        return sheet
    }

    typealias Paragraph = (label: String, chinese: String, english: String)

    /// The instructions sheet: a title, a paragraph per column, a blank row, then the rules that
    /// hold for the whole list.
    static func writeInstructions(into workbook: Workbook, name: String, title: String,
                                  columns: [Paragraph], general: [Paragraph]) throws(SpreadsheetError) {
        let sheet = try workbook.addSheet(name)
        try sheet.setColumnWidth(0, width: 26)
        try sheet.setColumnWidth(1, width: 90)
        try sheet.write(.text(title), row: 0, column: 0, style: CellStyle.title.with { $0.horizontalAlignment = .left })
        try sheet.setRowHeight(0, height: 28)
        var row = 2
        for paragraphs in [columns, general] {
            for paragraph in paragraphs {
                try sheet.write(.text(paragraph.label), row: row, column: 0, style: instructionLabelStyle)
                try sheet.write(.text("\(paragraph.chinese)\n\(paragraph.english)"), row: row, column: 1, style: .wrapped)
                row += 1
            }
            row += 1
        }
        try sheet.apply(.listing(repeatRows: 0...0))
    }
}
