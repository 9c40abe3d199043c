import Domain

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
