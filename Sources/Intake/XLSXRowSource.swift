import Domain
import Foundation
import Spreadsheet

/// The rows of one sheet of an .xlsx workbook, streamed by `XLSXReader`, with each cell's text as
/// Excel shows it and whether it was stored as a number.
struct XLSXRowSource: RowSource {
    let reader: XLSXReader
    let sheet: String
    let file: String

    func forEachRawRow(_ body: (RawRow) throws -> Void) throws {
        do {
            try reader.forEachRow(sheet: sheet) { row in
                do {
                    try body(Self.rawRow(row, date1904: reader.usesDate1904System))
                } catch {
                    throw PassThrough(error: error)
                }
            }
        } catch let error as SpreadsheetError {
            throw IntakeError(error, file: file)
        } catch let wrapped as PassThrough {
            throw wrapped.error
        }
    }

    /// Dense cells from column A, so that a cell's index is its column.
    static func rawRow(_ row: XLSXRow, date1904: Bool = false) -> RawRow {
        let width = row.cells.reduce(-1) { max($0, $1.columnIndex) } + 1
        var cells = [String](repeating: "", count: width)
        var numeric = [Bool](repeating: false, count: width)
        for cell in row.cells {
            let (text, isNumber) = XLSXCellText.text(of: cell, date1904: date1904)
            cells[cell.columnIndex] = text
            numeric[cell.columnIndex] = isNumber
        }
        return RawRow(number: row.number, cells: cells, numeric: numeric)
    }
}

/// The text of a stored cell as a clerk would read it in Excel.
enum XLSXCellText {
    static func text(of cell: XLSXCell, date1904: Bool = false) -> (text: String, storedAsNumber: Bool) {
        switch cell.kind {
        case .sharedString, .inlineString, .formulaString, .error:
            return (cell.value, false)
        case .boolean:
            return (cell.value == "1" ? "TRUE" : "FALSE", false)
        case .date:
            // A date typed into a cell Excel formats as a date (a contract's start) reads as the
            // date the clerk sees, not as Excel's day count.
            if let date = isoDate(cell.value, date1904: date1904) { return (date, true) }
            return (displayNumber(cell.value), true)
        case .number:
            return (displayNumber(cell.value), true)
        }
    }

    /// `YYYY-MM-DD` of an Excel day serial (its date part), or of the ISO text of a `t="d"` cell.
    /// Serials before 1900-03-01 are left alone: Excel counts a 29 February 1900 that never was.
    static func isoDate(_ stored: String, date1904: Bool) -> String? {
        if stored.count >= 10, let date = try? CivilDate.parse(String(stored.prefix(10))) { return date.description }
        guard let serial = Double(stored), serial.isFinite, serial >= (date1904 ? 0 : 61), serial < 2_958_466 else { return nil }
        let epoch = date1904 ? CivilDate(year: 1904, month: 1, day: 1)! : CivilDate(year: 1899, month: 12, day: 30)!
        return epoch.adding(days: Int(serial.rounded(.down))).description
    }

    /// Whole numbers Excel holds exactly (up to 15 digits) are written without a decimal point or
    /// exponent, so a phone number 13800138000 stays `13800138000`. Larger numbers keep the stored
    /// text (`4.4052418800101E+17`): Excel has already lost their last digits, and showing the
    /// value as stored is what lets the clerk see why. Fractions are shown with 15 significant
    /// digits, as Excel does, so that 12.5 stays `12.5` and a stored `12.300000000000001` reads `12.3`.
    static func displayNumber(_ stored: String) -> String {
        if stored.utf8.count <= 15, stored.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return stored }
        guard let value = Double(stored), value.isFinite else { return stored }
        guard value.magnitude < 1e15 else { return stored }
        if value == value.rounded() { return String(Int64(value)) }
        return String(format: "%.15g", value)
    }
}
