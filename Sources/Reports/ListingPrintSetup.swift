import Spreadsheet

extension PrintSetup {
    /// How every SkillCert listing prints: A4 (landscape unless a sheet is narrow enough to read
    /// upright), one page wide however many columns, the title and header rows on every page so
    /// that page 7 of a roster can still be read on its own, and "page / pages" so that a loose
    /// sheet can be put back in order.
    ///
    /// `rowBreaks`: rows that start a page, such as a chart's top row, so that no break cuts the chart.
    static func listing(repeatRows: ClosedRange<Int>, orientation: Orientation = .landscape, margins: Margins? = nil,
                        centerHorizontally: Bool = false, rowBreaks: [Int] = []) -> PrintSetup {
        PrintSetup(orientation: orientation, fitToWidth: true, repeatRows: repeatRows, margins: margins,
                   centerHorizontally: centerHorizontally, footer: PrintSetup.pageNumberFooter, rowBreaks: rowBreaks)
    }
}
