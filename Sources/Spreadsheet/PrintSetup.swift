import CXlsxWriter

/// How a sheet prints. The defaults are Excel's, except the paper, which is A4 as used in China
/// (Excel would otherwise assume US Letter).
public struct PrintSetup: Hashable, Sendable {
    public enum Orientation: Hashable, Sendable { case portrait, landscape }

    /// Excel's paper codes.
    public enum Paper: UInt8, Hashable, Sendable {
        case letter = 1
        case a3 = 8
        case a4 = 9
    }

    /// In inches, as Excel stores them (1 cm ≈ 0.394 in).
    public struct Margins: Hashable, Sendable {
        public var left: Double
        public var right: Double
        public var top: Double
        public var bottom: Double

        public init(left: Double, right: Double, top: Double, bottom: Double) {
            self.left = left
            self.right = right
            self.top = top
            self.bottom = bottom
        }
    }

    public var orientation: Orientation
    public var paper: Paper
    /// Shrinks the columns onto one page width; the rows run onto as many pages as needed.
    public var fitToWidth: Bool
    /// Zero-based rows printed at the top of every page, e.g. `0...1` for a title and a header.
    public var repeatRows: ClosedRange<Int>?
    public var margins: Margins?
    public var centerHorizontally: Bool
    /// Header and footer text use Excel's codes: `&L`, `&C`, `&R` for the left, centre and right
    /// sections, `&P` page number, `&N` page count, `&D` date, `&A` sheet name, `&&` for "&".
    /// At most 255 characters each.
    public var header: String?
    public var footer: String?
    public var printArea: CellRange?
    public var printGridlines: Bool
    /// Zero-based rows that start a new printed page (a manual page break above each), e.g. the
    /// row a chart is anchored at, so that no page break cuts the chart. Rows 1 and on.
    public var rowBreaks: [Int]

    public init(orientation: Orientation = .portrait, paper: Paper = .a4, fitToWidth: Bool = false,
                repeatRows: ClosedRange<Int>? = nil, margins: Margins? = nil, centerHorizontally: Bool = false,
                header: String? = nil, footer: String? = nil, printArea: CellRange? = nil,
                printGridlines: Bool = false, rowBreaks: [Int] = []) {
        self.orientation = orientation
        self.paper = paper
        self.fitToWidth = fitToWidth
        self.repeatRows = repeatRows
        self.margins = margins
        self.centerHorizontally = centerHorizontally
        self.header = header
        self.footer = footer
        self.printArea = printArea
        self.printGridlines = printGridlines
        self.rowBreaks = rowBreaks
    }

    /// Centred "page / pages" footer, e.g. "2 / 5", readable in any language.
    public static let pageNumberFooter = "&C&P / &N"
}

extension Worksheet {
    /// Applies every setting of `setup`. Ranges and margins are checked before anything changes;
    /// header and footer can only be checked by setting them, so they go first and a refused
    /// footer may leave a new header in place.
    public func apply(_ setup: PrintSetup) throws(SpreadsheetError) {
        let sheet = try open(for: .printSetup)
        if let rows = setup.repeatRows {
            try check(CellRange(firstRow: rows.lowerBound, firstColumn: 0, lastRow: rows.upperBound, lastColumn: 0),
                      for: .printSetup)
        }
        if let area = setup.printArea { try check(area, for: .printSetup) }
        for row in setup.rowBreaks {
            // libxlsxwriter ends its list of breaks with a 0, so row 0 cannot be one.
            let range = CellRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: 0)
            guard row > 0 else { throw rejected(range, .printSetup, .outOfRange) }
            try check(range, for: .printSetup)
        }
        if let margins = setup.margins {
            let values = [margins.left, margins.right, margins.top, margins.bottom]
            guard values.allSatisfy({ $0.isFinite && $0 >= 0 && $0 < 49 }) else {
                throw rejected(nil, .printSetup, .init(library: LXW_ERROR_PARAMETER_VALIDATION))
            }
        }
        if let header = setup.header { try check(worksheet_set_header(sheet, header), nil, .printSetup) }
        if let footer = setup.footer { try check(worksheet_set_footer(sheet, footer), nil, .printSetup) }

        switch setup.orientation {
        case .portrait: worksheet_set_portrait(sheet)
        case .landscape: worksheet_set_landscape(sheet)
        }
        worksheet_set_paper(sheet, setup.paper.rawValue)
        if setup.fitToWidth { worksheet_fit_to_pages(sheet, 1, 0) }
        if let rows = setup.repeatRows {
            try check(worksheet_repeat_rows(sheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                      nil, .printSetup)
        }
        if let margins = setup.margins {
            worksheet_set_margins(sheet, margins.left, margins.right, margins.top, margins.bottom)
        }
        if setup.centerHorizontally { worksheet_center_horizontally(sheet) }
        if let area = setup.printArea {
            try check(worksheet_print_area(sheet, lxw_row_t(area.firstRow), lxw_col_t(area.firstColumn),
                                           lxw_row_t(area.lastRow), lxw_col_t(area.lastColumn)),
                      area, .printSetup)
        }
        if setup.printGridlines { worksheet_gridlines(sheet, UInt8(LXW_SHOW_ALL_GRIDLINES.rawValue)) }
        if !setup.rowBreaks.isEmpty {
            var breaks = Set(setup.rowBreaks).sorted().map { lxw_row_t($0) } + [0]
            try check(worksheet_set_h_pagebreaks(sheet, &breaks), nil, .printSetup)
        }
    }
}
