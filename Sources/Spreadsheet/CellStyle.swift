import CXlsxWriter

/// How a cell looks. A value type so that report code can build styles freely; the workbook
/// turns each distinct style into one libxlsxwriter format (see `Workbook`).
///
/// Colours are 0xRRGGBB.
public struct CellStyle: Hashable, Sendable {
    public enum Border: Hashable, Sendable { case none, thin, medium }
    public enum HorizontalAlignment: Hashable, Sendable { case left, center, right }
    public enum VerticalAlignment: Hashable, Sendable { case top, center }

    public var bold: Bool
    public var italic: Bool
    /// Points; nil keeps the workbook default (Calibri 11).
    public var fontSize: Double?
    public var fontColor: UInt32?
    public var fill: UInt32?
    /// Applied to all four sides.
    public var border: Border
    public var wrapText: Bool
    public var horizontalAlignment: HorizontalAlignment?
    public var verticalAlignment: VerticalAlignment?
    /// An Excel number format such as "0", "#,##0.00", "0.0%", "yyyy-mm-dd" or "@" (text).
    public var numberFormat: String?

    public init(
        bold: Bool = false, italic: Bool = false, fontSize: Double? = nil, fontColor: UInt32? = nil,
        fill: UInt32? = nil, border: Border = .none, wrapText: Bool = false,
        horizontalAlignment: HorizontalAlignment? = nil, verticalAlignment: VerticalAlignment? = nil,
        numberFormat: String? = nil
    ) {
        self.bold = bold
        self.italic = italic
        self.fontSize = fontSize
        self.fontColor = fontColor
        self.fill = fill
        self.border = border
        self.wrapText = wrapText
        self.horizontalAlignment = horizontalAlignment
        self.verticalAlignment = verticalAlignment
        self.numberFormat = numberFormat
    }

    /// A copy with some properties changed, e.g. `.money.with { $0.bold = true }` for a total row.
    public func with(_ change: (inout CellStyle) -> Void) -> CellStyle {
        var copy = self
        change(&copy)
        return copy
    }

    // Table presets carry a thin border because rosters handed upwards are printed as grids.

    /// A sheet title, usually over a merged range.
    public static let title = CellStyle(bold: true, fontSize: 16, horizontalAlignment: .center,
                                        verticalAlignment: .center)
    /// Column headings: bold, bordered, light fill, wrapped and centred.
    public static let header = CellStyle(bold: true, fill: 0xD9E1F2, border: .thin, wrapText: true,
                                         horizontalAlignment: .center, verticalAlignment: .center)
    public static let cell = CellStyle(border: .thin)
    public static let integer = CellStyle(border: .thin, numberFormat: "0")
    public static let money = CellStyle(border: .thin, numberFormat: "#,##0.00")
    public static let percent = CellStyle(border: .thin, numberFormat: "0.0%")
    public static let date = CellStyle(border: .thin, numberFormat: "yyyy-mm-dd")
    /// "@" tells Excel to keep what a user types into the cell as text, too.
    public static let text = CellStyle(border: .thin, numberFormat: "@")
    /// Marks a cell whose value was rejected (light red, as Excel's own "bad" style).
    public static let highlightedError = CellStyle(fill: 0xFFC7CE, border: .thin)

    static let defaultDateFormat = "yyyy-mm-dd"

    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if let fontColor { format_set_font_color(format, Self.libraryColor(fontColor)) }
        if let fill {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, Self.libraryColor(fill))
        }
        switch border {
        case .none: break
        case .thin: format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
        case .medium: format_set_border(format, UInt8(LXW_BORDER_MEDIUM.rawValue))
        }
        if wrapText { format_set_text_wrap(format) }
        switch horizontalAlignment {
        case nil: break
        case .left?: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center?: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right?: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        switch verticalAlignment {
        case nil: break
        case .top?: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center?: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        }
        if let numberFormat {
            if let id = Self.builtInNumberFormatIDs[numberFormat] {
                format_set_num_format_index(format, id)
            } else {
                format_set_num_format(format, numberFormat)
            }
        }
    }

    /// libxlsxwriter 1.1.4 stores even "@" and "0" as custom formats (id 164 on). Using Excel's
    /// built-in ids, as Excel itself does, lets other importers recognise a text column by id 49.
    /// Built-in dates are left out: id 14 displays in the reader's locale, not as written.
    private static let builtInNumberFormatIDs: [String: UInt8] = [
        "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10, "0.00E+00": 11, "@": 49,
    ]

    /// libxlsxwriter reads 0x000000 as "no colour", so black has its own sentinel.
    private static func libraryColor(_ rgb: UInt32) -> lxw_color_t {
        let masked = rgb & 0xFF_FFFF
        return masked == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(masked)
    }
}
