import Domain
import Spreadsheet

/// Row heights for wrapped text. Excel, LibreOffice and WPS keep a row at the height the file
/// gives it (LibreOffice and WPS do not measure wrapped text again when they open a workbook), so
/// a row whose text wraps onto more lines than one needs its height set, or its lines are cut off
/// or run into the row below when printed.
///
/// The lines are estimated from character widths in Excel's units (the width of a digit), wrapping
/// at spaces and between Chinese characters as the applications do. The widths are those of the
/// wider of the fonts a workbook meets: Calibri in Excel and WPS, DejaVu Sans where LibreOffice
/// has no Calibri, and a CJK font for Chinese.
enum RowHeight {
    /// Points per line of 11-point text: a CJK font's line is about 1.45 em, more than Calibri's.
    static let pointsPerLine = 16.0
    static let padding = 2.0

    /// A text in a column (or merged columns) `width` units wide.
    struct Cell {
        let text: String
        let width: Double
        let bold: Bool

        init(_ text: String, width: Double, bold: Bool = false) {
            self.text = text
            self.width = width
            self.bold = bold
        }
    }

    /// The height that shows every line of the cells, nil when each fits on one line and the
    /// row can keep its default height.
    static func fitting(_ cells: [Cell]) -> Double? {
        let lines = cells.map(lineCount).max() ?? 1
        return lines > 1 ? height(lines: lines) : nil
    }

    static func height(lines: Int) -> Double { Double(lines) * pointsPerLine + padding }

    /// Sets the row's height when its cells need more than one line.
    static func fit(_ sheet: Worksheet, row: Int, _ cells: [Cell]) throws(SpreadsheetError) {
        if let height = fitting(cells) { try sheet.setRowHeight(row, height: height) }
    }

    /// The lines `cell` wraps onto: each of its own lines, broken where the next word would
    /// overrun the column, a word longer than the column wherever it must.
    static func lineCount(_ cell: Cell) -> Int {
        // A column of width w holds w digits and a few pixels of padding (the file says w + 0.71);
        // bold letters are a tenth wider.
        let room = (cell.width + 0.3) / (cell.bold ? 1.1 : 1)
        return cell.text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { lines, line in
            var count = 1
            var used = 0.0
            for word in words(line) {
                var width = word
                if used + width <= room {
                    used += width
                    continue
                }
                if used > 0 { count += 1 }
                while width > room {
                    count += 1
                    width -= room
                }
                used = width
            }
            return lines + count
        }
    }

    /// The widths of the pieces a line may break between: a Latin word with the space after it,
    /// or one wide (Chinese) character.
    private static func words(_ line: Substring) -> [Double] {
        var widths: [Double] = []
        var word = 0.0
        for character in line {
            if String(character).displayWidth > 1 {
                if word > 0 { widths.append(word) }
                widths.append(2)
                word = 0
            } else {
                word += width(of: character)
                if character == " " {
                    widths.append(word)
                    word = 0
                }
            }
        }
        if word > 0 { widths.append(word) }
        return widths
    }

    /// A narrow character's width in digits: digits and capitals one, a space half, other
    /// letters and marks nine tenths (Calibri's average is below that, DejaVu Sans's about it).
    private static func width(of character: Character) -> Double {
        if character == " " { return 0.5 }
        if character.isASCIIDigit || character.isUppercase { return 1 }
        return 0.9
    }
}
