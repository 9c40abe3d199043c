import CXlsxWriter

/// One sheet of a `Workbook`. Rows and columns are zero-based (row 0 is Excel's row 1,
/// column 0 is column A). Every method throws once the workbook is closed, because
/// libxlsxwriter has then freed the sheet.
public final class Worksheet {
    public let name: String
    /// Strong on purpose: the C sheet lives inside the C workbook, which `Workbook` frees when it
    /// is closed or deinitialised, so a sheet must keep its workbook alive.
    let workbook: Workbook
    private let handle: UnsafeMutablePointer<lxw_worksheet>

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
    }

    /// Writes one cell. `style` nil leaves the cell unformatted, except that a date always gets a
    /// date number format (`CellStyle.date` when no style is given).
    public func write(_ value: CellValue, row: Int, column: Int, style: CellStyle? = nil) throws(SpreadsheetError) {
        let format = workbook.format(for: style)
        switch value {
        case .date:
            try write(value, row: row, column: column,
                      format: CellFormat(pointer: format, quotePrefixed: nil, styleIndex: -1,
                                         showsDates: style?.numberFormat != nil),
                      dateStyle: style.dateStyle)
        case .text(let text) where QuotePrefix.isNeeded(for: text):
            try write(value, row: row, column: column,
                      format: CellFormat(pointer: format, quotePrefixed: workbook.quotePrefixedFormat(for: style),
                                         styleIndex: -1, showsDates: true))
        default:
            try write(value, row: row, column: column,
                      format: CellFormat(pointer: format, quotePrefixed: nil, styleIndex: -1, showsDates: true))
        }
    }

    /// The same with a style the workbook has already turned into its format: a sheet of a
    /// million rows writes each cell without looking its style up again.
    public func write(_ value: CellValue, row: Int, column: Int, format cellFormat: CellFormat) throws(SpreadsheetError) {
        try write(value, row: row, column: column, format: cellFormat, dateStyle: nil)
    }

    /// `dateStyle`: what a date cell is written with when `cellFormat` shows no dates (nil: the
    /// style the workbook keeps for `cellFormat`).
    private func write(_ value: CellValue, row: Int, column: Int, format cellFormat: CellFormat,
                       dateStyle: CellStyle?) throws(SpreadsheetError) {
        let sheet = try open(for: value.operation)
        guard A1.isValid(row: row, column: column) else { throw cellRejected(value, row, column, .outOfRange) }
        let (r, c) = (lxw_row_t(row), lxw_col_t(column))
        let format = cellFormat.pointer
        // Written as inline functions rather than a closure capturing the cell's name: the
        // name is only built when a cell is refused.
        func rejected(_ reason: SpreadsheetError.Reason) -> SpreadsheetError {
            cellRejected(value, row, column, reason)
        }

        let error: lxw_error
        switch value {
        case let .text(text):
            if let problem = ExcelText.problem(with: text) { throw rejected(problem) }
            let format = QuotePrefix.isNeeded(for: text) ? cellFormat.quotePrefixed ?? format : format
            // withCString hands over a native string's own bytes; passing the String itself
            // would copy it into a new array for every cell.
            error = ExcelText.escapedForStorage(text).withCString { worksheet_write_string(sheet, r, c, $0, format) }
        case let .number(number):
            guard number.isFinite else { throw rejected(.notFinite) }
            error = worksheet_write_number(sheet, r, c, number, format)
        case let .integer(integer):
            guard integer.magnitude <= 999_999_999_999_999 else { throw rejected(.tooManyDigits) }
            error = worksheet_write_number(sheet, r, c, Double(integer), format)
        case let .formulaNumber(formula, cached):
            guard cached.isFinite else { throw rejected(.notFinite) }
            error = worksheet_write_formula_num(sheet, r, c, formula, format, cached)
        case let .formulaText(formula, cached):
            if let problem = ExcelText.problem(with: cached) { throw rejected(problem) }
            error = worksheet_write_formula_str(sheet, r, c, formula, format, ExcelText.escapedForStorage(cached))
        case let .date(year, month, day):
            guard let serial = ExcelDate.serial(year: year, month: month, day: day) else {
                throw rejected(.invalidDate(year: year, month: month, day: day))
            }
            error = worksheet_write_number(sheet, r, c, Double(serial), cellFormat.showsDates ? format
                                           : workbook.format(for: dateStyle ?? workbook.dateStyle(cellFormat)))
        case let .boolean(flag):
            error = worksheet_write_boolean(sheet, r, c, flag ? 1 : 0, format)
        case .blank:
            error = worksheet_write_blank(sheet, r, c, format)
        }
        guard error == LXW_NO_ERROR else { throw rejected(.init(library: error)) }
    }

    private func cellRejected(_ value: CellValue, _ row: Int, _ column: Int, _ reason: SpreadsheetError.Reason) -> SpreadsheetError {
        .cellRejected(sheet: name, cell: A1.cell(row: row, column: column), operation: value.operation, reason: reason)
    }

    /// Writes `values` left to right from `startColumn`, all with the same style.
    public func writeRow(_ values: [CellValue], row: Int, startColumn: Int = 0,
                         style: CellStyle? = nil) throws(SpreadsheetError) {
        for (offset, value) in values.enumerated() {
            try write(value, row: row, column: startColumn + offset, style: style)
        }
    }

    /// Merges a range and writes `text` into it, typically a title over a table. Give the style
    /// here: Excel draws the merged cell with the style of every cell in the range.
    public func mergeRange(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int,
                           text: String, style: CellStyle? = nil) throws(SpreadsheetError) {
        let range = CellRange(firstRow: firstRow, firstColumn: firstColumn, lastRow: lastRow, lastColumn: lastColumn)
        let sheet = try open(for: .mergeRange)
        try check(range, for: .mergeRange)
        if let problem = ExcelText.problem(with: text) { throw rejected(range, .mergeRange, problem) }
        let format = QuotePrefix.isNeeded(for: text) ? workbook.quotePrefixedFormat(for: style) : workbook.format(for: style)
        let error = worksheet_merge_range(sheet, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow),
                                          lxw_col_t(lastColumn), ExcelText.escapedForStorage(text), format)
        try check(error, range, .mergeRange)
    }

    /// Width in Excel's character units (the default is 8.43) for column `first` or columns
    /// `first...last`. A style given here applies to cells of the column that are not written.
    public func setColumnWidth(_ first: Int, _ last: Int? = nil, width: Double, style: CellStyle? = nil,
                               hidden: Bool = false) throws(SpreadsheetError) {
        let last = last ?? first
        let range = CellRange(firstRow: 0, firstColumn: first, lastRow: 0, lastColumn: last)
        let sheet = try open(for: .setColumnWidth)
        try check(range, for: .setColumnWidth)
        guard width.isFinite, (0...255).contains(width) else {
            throw rejected(range, .setColumnWidth, .outOfBounds(value: width, range: "0…255"))
        }
        var options = lxw_row_col_options()
        options.hidden = hidden ? 1 : 0
        let error = worksheet_set_column_opt(sheet, lxw_col_t(first), lxw_col_t(last), width,
                                             workbook.format(for: style), &options)
        try check(error, range, .setColumnWidth)
    }

    /// Height in points (the default is 15).
    public func setRowHeight(_ row: Int, height: Double) throws(SpreadsheetError) {
        let range = CellRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: 0)
        let sheet = try open(for: .setRowHeight)
        try check(range, for: .setRowHeight)
        guard height.isFinite, (0...409).contains(height) else {
            throw rejected(range, .setRowHeight, .outOfBounds(value: height, range: "0…409"))
        }
        try check(worksheet_set_row(sheet, lxw_row_t(row), height, nil), range, .setRowHeight)
    }

    /// Keeps rows above `row` and columns left of `column` in view while scrolling;
    /// `freezePanes(row: 1, column: 0)` freezes a one-line header.
    public func freezePanes(row: Int, column: Int) throws(SpreadsheetError) {
        let sheet = try open(for: .freezePanes)
        try check(CellRange(firstRow: row, firstColumn: column, lastRow: row, lastColumn: column), for: .freezePanes)
        worksheet_freeze_panes(sheet, lxw_row_t(row), lxw_col_t(column))
    }

    /// Filter buttons on the header row `firstRow` over the given columns and rows.
    public func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws(SpreadsheetError) {
        let range = CellRange(firstRow: firstRow, firstColumn: firstColumn, lastRow: lastRow, lastColumn: lastColumn)
        let sheet = try open(for: .autofilter)
        try check(range, for: .autofilter)
        let error = worksheet_autofilter(sheet, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow),
                                         lxw_col_t(lastColumn))
        try check(error, range, .autofilter)
    }

    /// Hides the sheet tab. Activate another sheet first if this one is the active sheet.
    public func hide() throws(SpreadsheetError) {
        worksheet_hide(try open(for: .hide))
    }

    /// Makes this the sheet shown when the workbook is opened.
    public func activate() throws(SpreadsheetError) {
        worksheet_activate(try open(for: .activate))
    }

    // MARK: Shared with the extensions in other files

    func open(for operation: SpreadsheetError.Operation) throws(SpreadsheetError) -> UnsafeMutablePointer<lxw_worksheet> {
        _ = try workbook.open(for: operation)
        return handle
    }

    func rejected(_ range: CellRange?, _ operation: SpreadsheetError.Operation,
                  _ reason: SpreadsheetError.Reason) -> SpreadsheetError {
        .sheetOperationRejected(sheet: name, range: range.map(Self.describe), operation: operation, reason: reason)
    }

    func check(_ range: CellRange, for operation: SpreadsheetError.Operation) throws(SpreadsheetError) {
        guard range.isWithinSheet else { throw rejected(range, operation, .outOfRange) }
    }

    func check(_ error: lxw_error, _ range: CellRange?, _ operation: SpreadsheetError.Operation) throws(SpreadsheetError) {
        guard error == LXW_NO_ERROR else { throw rejected(range, operation, .init(library: error)) }
    }

    private static func describe(_ range: CellRange) -> String {
        range.isWithinSheet ? range.a1
            : "(rows \(range.firstRow)…\(range.lastRow), columns \(range.firstColumn)…\(range.lastColumn))"
    }
}

extension CellValue {
    var operation: SpreadsheetError.Operation {
        switch self {
        case .text: return .writeText
        case .number, .integer: return .writeNumber
        case .formulaNumber, .formulaText: return .writeFormula
        case .date: return .writeDate
        case .boolean: return .writeBoolean
        case .blank: return .writeBlank
        }
    }
}

extension SpreadsheetError.Reason {
    static let notFinite = Self(chinese: "数值不是有限数（NaN 或无穷大），Excel 无法保存",
                                english: "The number is not finite (NaN or infinity), which Excel cannot store")
    static let tooManyDigits = Self(
        chinese: "整数超过 15 位有效数字，Excel 会丢失末尾数字；身份证号等编号请按文本写入",
        english: "The integer has more than 15 significant digits, which Excel would round; write identifiers as text")

    static func invalidDate(year: Int, month: Int, day: Int) -> Self {
        Self(chinese: "日期 \(year)-\(month)-\(day) 无效（年份须在 1900–9999 之间）",
             english: "The date \(year)-\(month)-\(day) is not a valid date in 1900–9999")
    }

    static func outOfBounds(value: Double, range: String) -> Self {
        Self(chinese: "数值 \(value) 超出允许范围 \(range)", english: "The value \(value) is outside \(range)")
    }
}
