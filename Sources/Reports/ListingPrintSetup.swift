import Spreadsheet

extension PrintSetup {
    /// How every SkillCert listing prints: landscape A4, one page wide however many columns, the
    /// title and header rows on every page so that page 7 of a roster can still be read on its
    /// own, and "page / pages" so that a loose sheet can be put back in order.
    static func listing(repeatRows: ClosedRange<Int>, margins: Margins? = nil,
                        centerHorizontally: Bool = false) -> PrintSetup {
        PrintSetup(orientation: .landscape, fitToWidth: true, repeatRows: repeatRows, margins: margins,
                   centerHorizontally: centerHorizontally, footer: PrintSetup.pageNumberFooter)
    }
}
