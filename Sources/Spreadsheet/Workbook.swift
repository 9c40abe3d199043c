import CXlsxWriter
import Foundation

/// A style turned into one workbook's libxlsxwriter format, so that a cell written with it
/// skips the lookup by style (hashing a `CellStyle` costs more than writing a short cell).
/// Valid for the workbook that made it, until it is closed.
///
/// Plain data (a pointer and an index, nothing reference-counted), so that handing one to each
/// cell costs nothing.
public struct CellFormat {
    let pointer: UnsafeMutablePointer<lxw_format>?
    /// The same with the quote prefix, for text that starts like a formula (see `QuotePrefix`);
    /// nil only for a style whose variant was not asked for (a cell written by style).
    let quotePrefixed: UnsafeMutablePointer<lxw_format>?
    /// Where the workbook keeps the style, for the rare date cell whose style has no number format.
    let styleIndex: Int
    /// A date cell needs a number format; one without gets the default date format instead.
    let showsDates: Bool
}

extension CellStyle? {
    /// The style a date cell is written with: `.date` when none, a date format when it has none.
    var dateStyle: CellStyle {
        var dateStyle = self ?? .date
        if dateStyle.numberFormat == nil { dateStyle.numberFormat = CellStyle.defaultDateFormat }
        return dateStyle
    }
}

/// An .xlsx file being written. Nothing reaches the disk until `close()`, which is also where a
/// missing directory or an unwritable path is reported.
///
/// Not thread-safe: write one workbook from one task.
///
/// In constant-memory mode (for large rosters) libxlsxwriter flushes each row to a temporary
/// file as soon as a later row is started, so every sheet must be written top to bottom (a cell
/// in an earlier row throws an out-of-range error), a merged range is written with its first row
/// (libxlsxwriter fills it with blanks then and there: a title over a table works), and
/// strings are stored inline in each cell (`t="inlineStr"`) instead of in the shared-string table.
public final class Workbook {
    public let path: String
    public let constantMemory: Bool

    /// nil once closed: libxlsxwriter frees the workbook, its sheets and formats in
    /// `workbook_close`, so every later call must be refused rather than touch freed memory.
    private var handle: UnsafeMutablePointer<lxw_workbook>?

    /// libxlsxwriter formats belong to the workbook and each becomes an entry in styles.xml;
    /// one per distinct style keeps that table small however many cells are written.
    private var formats: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
    /// The quote-prefixed variants of the styles (nil: of no style), made when first needed.
    private var quotePrefixedFormats: [CellStyle?: UnsafeMutablePointer<lxw_format>] = [:]
    /// The styles of the `CellFormat`s handed out, by their `styleIndex`.
    private var cellFormatStyles: [CellStyle?] = []

    /// The hidden sheet holding drop-down lists too long for Excel's 255-character inline
    /// limit. Kept as a raw handle: a `Worksheet` would keep this workbook alive in a cycle.
    private var listSheet: UnsafeMutablePointer<lxw_worksheet>?
    private var listColumns: [[String]] = []
    private var listColumnByValues: [[String]: Int] = [:]
    static let listSheetName = "_lists"

    public init(path: String, constantMemory: Bool = false) throws(SpreadsheetError) {
        self.path = path
        self.constantMemory = constantMemory
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        guard let handle = workbook_new_opt(path, &options) else {
            throw .workbookNotCreated(path: path, reason: .init(library: LXW_ERROR_MEMORY_MALLOC_FAILED))
        }
        self.handle = handle
    }

    deinit {
        // A forgotten close should still leave a file behind; errors have nobody to go to here.
        try? close()
    }

    public var isClosed: Bool { handle == nil }

    /// Adds a sheet at the end. Names follow Excel's rules: at most 31 characters, none of
    /// `[ ] : * ? / \`, no apostrophe at either end, unique regardless of ASCII case.
    public func addSheet(_ name: String) throws(SpreadsheetError) -> Worksheet {
        let workbook = try open(for: .addSheet)
        let validation = workbook_validate_sheet_name(workbook, name)
        guard validation == LXW_NO_ERROR else {
            throw .invalidSheetName(name: name, reason: .init(library: validation))
        }
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw .invalidSheetName(name: name, reason: .init(library: LXW_ERROR_PARAMETER_VALIDATION))
        }
        return Worksheet(workbook: self, handle: sheet, name: name)
    }

    /// Document properties shown in Excel's File › Info. `created` defaults to the time of
    /// closing; pass a fixed date for reproducible files.
    public func setProperties(title: String? = nil, subject: String? = nil, author: String = "SkillCert",
                              created: Date? = nil) throws(SpreadsheetError) {
        let workbook = try open(for: .setProperties)
        // libxlsxwriter copies every string, so they only need to live for the call.
        let title = title.flatMap { strdup($0) }, subject = subject.flatMap { strdup($0) }
        let author = strdup(author)
        defer { free(title); free(subject); free(author) }
        var properties = lxw_doc_properties()
        properties.title = title
        properties.subject = subject
        properties.author = author
        if let created { properties.created = time_t(created.timeIntervalSince1970) }
        let error = workbook_set_properties(workbook, &properties)
        guard error == LXW_NO_ERROR else {
            throw .workbookOperationRejected(path: path, operation: .setProperties, reason: .init(library: error))
        }
    }

    /// Writes the file. Safe to call more than once; later calls do nothing. The workbook's
    /// memory is released even when writing fails.
    public func close() throws(SpreadsheetError) {
        guard let workbook = handle else { return }
        let listError = writeValidationLists()
        let quotePrefixMayBeUsed = !quotePrefixedFormats.isEmpty
        handle = nil
        formats = [:]
        quotePrefixedFormats = [:]
        listSheet = nil
        let error = workbook_close(workbook)
        if let listError { throw listError }
        guard error == LXW_NO_ERROR else {
            throw .workbookNotSaved(path: path, reason: .init(library: error))
        }
        if quotePrefixMayBeUsed { try QuotePrefix.applyMarks(toPackageAt: path) }
    }

    // MARK: Services for Worksheet

    func open(for operation: SpreadsheetError.Operation) throws(SpreadsheetError) -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw .workbookClosed(path: path, operation: operation) }
        return handle
    }

    /// `style` as this workbook's format, for writing many cells with it (see `CellFormat`).
    public func cellFormat(_ style: CellStyle?) -> CellFormat {
        cellFormatStyles.append(style)
        return CellFormat(pointer: format(for: style), quotePrefixed: quotePrefixedFormat(for: style),
                          styleIndex: cellFormatStyles.count - 1, showsDates: style?.numberFormat != nil)
    }

    /// The style a date cell with `format` is written with.
    func dateStyle(_ format: CellFormat) -> CellStyle {
        cellFormatStyles[format.styleIndex].dateStyle
    }

    func format(for style: CellStyle?) -> UnsafeMutablePointer<lxw_format>? {
        guard let style, let workbook = handle else { return nil }
        if let cached = formats[style] { return cached }
        guard let format = workbook_add_format(workbook) else { return nil }
        style.apply(to: format)
        formats[style] = format
        return format
    }

    /// `style` with the quote prefix, made once per style (see `QuotePrefix`).
    func quotePrefixedFormat(for style: CellStyle?) -> UnsafeMutablePointer<lxw_format>? {
        guard let workbook = handle else { return nil }
        if let cached = quotePrefixedFormats[style] { return cached }
        guard let format = workbook_add_format(workbook) else { return nil }
        style?.apply(to: format)
        QuotePrefix.mark(format)
        quotePrefixedFormats[style] = format
        return format
    }

    func addChart(type: lxw_chart_type) -> UnsafeMutablePointer<lxw_chart>? {
        guard let handle else { return nil }
        return workbook_add_chart(handle, UInt8(type.rawValue))
    }

    /// Where a long drop-down list lives on the hidden sheet, e.g. `=_lists!$A$1:$A$50`.
    /// Identical lists share a column. The values are written at `close()`, row by row across
    /// all lists, which also satisfies constant-memory mode's top-to-bottom order.
    func hiddenListReference(for values: [String]) throws(SpreadsheetError) -> String {
        let workbook = try open(for: .listValidation)
        if listSheet == nil {
            let validation = workbook_validate_sheet_name(workbook, Self.listSheetName)
            guard validation == LXW_NO_ERROR, let sheet = workbook_add_worksheet(workbook, Self.listSheetName) else {
                throw .invalidSheetName(name: Self.listSheetName, reason: .init(library: validation))
            }
            worksheet_hide(sheet)
            listSheet = sheet
        }
        let column: Int
        if let existing = listColumnByValues[values] {
            column = existing
        } else {
            column = listColumns.count
            guard column < A1.columnCount else {
                throw .sheetOperationRejected(sheet: Self.listSheetName, range: nil, operation: .listValidation,
                                              reason: .outOfRange)
            }
            listColumns.append(values)
            listColumnByValues[values] = column
        }
        let range = CellRange(firstRow: 0, firstColumn: column, lastRow: values.count - 1, lastColumn: column)
        return SheetRange(sheet: Self.listSheetName, range: range).formula
    }

    private func writeValidationLists() -> SpreadsheetError? {
        guard let sheet = listSheet else { return nil }
        let rowCount = listColumns.map(\.count).max() ?? 0
        for row in 0..<rowCount {
            for (column, values) in listColumns.enumerated() where row < values.count {
                let text = ExcelText.escapedForStorage(values[row])
                let error = worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), text, nil)
                if error != LXW_NO_ERROR {
                    return .cellRejected(sheet: Self.listSheetName, cell: A1.cell(row: row, column: column),
                                         operation: .writeText, reason: .init(library: error))
                }
            }
        }
        return nil
    }
}
