import Domain
import Foundation

/// Column widths from the text a column holds. Excel's width unit is about one Latin character,
/// and a Chinese character takes two, so counting characters alone would cut Chinese columns in
/// half (`displayWidth` counts them).
enum ColumnWidth {
    /// The widest line of `texts` in Excel units, plus a little padding, kept within
    /// `minimum...maximum` so that one long remark does not make a column a page wide.
    static func fitting(_ texts: some Sequence<String>, minimum: Double = 8, maximum: Double = 40) -> Double {
        var widest = 0
        for text in texts {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                widest = max(widest, line.displayWidth)
            }
        }
        return min(max(Double(widest) + 2, minimum), maximum)
    }
}

extension ColumnWidth {
    /// The width that shows each number in full with thousands separators and `decimals`
    /// decimals (`#,##0.00`): Excel, LibreOffice and WPS show ### in a cell too narrow for its
    /// number. Digits, separators, the point and a minus sign count one unit each, plus two for
    /// the cell's padding and a bold total line, so that a font wider than Calibri fits too.
    static func showing(_ numbers: some Sequence<Double>, decimals: Int, minimum: Double = 0) -> Double {
        let scale = pow(10, Double(decimals))
        let widest = numbers.reduce(0) { widest, number in
            let rounded = (number.magnitude * scale).rounded() / scale
            let digits = String(format: "%.0f", rounded.rounded(.down)).count
            let characters = digits + (digits - 1) / 3 + (decimals > 0 ? decimals + 1 : 0) + (number < 0 && rounded > 0 ? 1 : 0)
            return max(widest, characters)
        }
        return max(minimum, Double(widest + 2))
    }
}
