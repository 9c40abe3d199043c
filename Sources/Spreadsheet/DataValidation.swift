import CXlsxWriter
import Foundation

/// A title and text Excel shows for a validated cell: as a hint when the cell is selected
/// (`prompt`) or in the dialog that refuses a wrong entry (`error`). Excel allows 32 characters
/// for a title and 255 for a text.
public struct ValidationMessage: Hashable, Sendable {
    public var title: String
    public var text: String

    public init(title: String, text: String) {
        self.title = title
        self.text = text
    }
}

/// What Excel does when a typed value breaks a validation rule. `stop` refuses the entry;
/// `warning` asks whether to keep it; `information` only tells and keeps it. The two softer
/// styles suit a list that suggests values rather than closes them, such as key groups where a
/// cell may name several entries ("高校毕业生、退役军人").
public enum ValidationErrorStyle: Hashable, Sendable {
    case stop, warning, information

    var library: lxw_validation_error_types {
        switch self {
        case .stop: LXW_VALIDATION_ERROR_TYPE_STOP
        case .warning: LXW_VALIDATION_ERROR_TYPE_WARNING
        case .information: LXW_VALIDATION_ERROR_TYPE_INFORMATION
        }
    }
}

extension Worksheet {
    /// A drop-down list of `values` on every cell of the range. `errorStyle` decides whether a
    /// value outside the list is refused (the default) or only questioned.
    ///
    /// Excel stores a short list inline (`"a,b,c"`), limited to 255 characters. A longer list
    /// (a catalogue of occupations), or one whose values contain a comma or a double quote, is
    /// written to the workbook's hidden sheet `_lists`, one column per distinct list, and the
    /// validation refers to that column (`=_lists!$A$1:$A$50`).
    public func addListValidation(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int,
                                  values: [String], prompt: ValidationMessage? = nil,
                                  error: ValidationMessage? = nil,
                                  errorStyle: ValidationErrorStyle = .stop) throws(SpreadsheetError) {
        let range = CellRange(firstRow: firstRow, firstColumn: firstColumn, lastRow: lastRow, lastColumn: lastColumn)
        _ = try open(for: .listValidation)
        try check(range, for: .listValidation)
        guard !values.isEmpty, values.count <= A1.rowCount else {
            throw rejected(range, .listValidation, .init(library: LXW_ERROR_PARAMETER_VALIDATION))
        }
        for value in values {
            if let problem = ExcelText.problem(with: value) { throw rejected(range, .listValidation, problem) }
        }
        var cStrings = CStrings()
        defer { cStrings.free() }
        var validation = lxw_data_validation()
        validation.error_type = UInt8(errorStyle.library.rawValue)
        if Self.fitsInline(values) {
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
            var list = values.map { cStrings.copy($0) }
            list.append(nil)
            try list.withUnsafeMutableBufferPointer { (pointers) throws(SpreadsheetError) in
                validation.value_list = pointers.baseAddress
                try add(&validation, range, .listValidation, prompt: prompt, error: error, cStrings: &cStrings)
            }
        } else {
            let reference = try workbook.hiddenListReference(for: values)
            validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            validation.value_formula = cStrings.copy(reference)
            try add(&validation, range, .listValidation, prompt: prompt, error: error, cStrings: &cStrings)
        }
    }

    /// Accepts only whole numbers from `min` through `max`.
    public func addIntegerValidation(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int,
                                     min: Int, max: Int, prompt: ValidationMessage? = nil,
                                     error: ValidationMessage? = nil) throws(SpreadsheetError) {
        try addBetween(LXW_VALIDATION_TYPE_INTEGER, .integerValidation,
                       CellRange(firstRow: firstRow, firstColumn: firstColumn, lastRow: lastRow, lastColumn: lastColumn),
                       min: Double(min), max: Double(max), prompt: prompt, error: error)
    }

    /// Accepts only numbers from `min` through `max`, e.g. scores 0–100.
    public func addDecimalValidation(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int,
                                     min: Double, max: Double, prompt: ValidationMessage? = nil,
                                     error: ValidationMessage? = nil) throws(SpreadsheetError) {
        try addBetween(LXW_VALIDATION_TYPE_DECIMAL, .decimalValidation,
                       CellRange(firstRow: firstRow, firstColumn: firstColumn, lastRow: lastRow, lastColumn: lastColumn),
                       min: min, max: max, prompt: prompt, error: error)
    }

    /// libxlsxwriter 1.1.4 checks the 255 limit in characters but copies the list into a buffer
    /// sized in bytes, so a list of Chinese names under 255 characters but over 255 bytes
    /// overflows it and aborts the process. Measuring bytes (with the commas) stays safe; the
    /// hidden-sheet path handles everything longer. Commas and quotes cannot be escaped inline.
    static func fitsInline(_ values: [String]) -> Bool {
        let bytes = values.reduce(values.count - 1) { $0 + $1.utf8.count }
        return bytes <= 255 && !values.contains { $0.contains(",") || $0.contains("\"") }
    }

    private func addBetween(_ type: lxw_validation_types, _ operation: SpreadsheetError.Operation, _ range: CellRange,
                            min: Double, max: Double, prompt: ValidationMessage?,
                            error: ValidationMessage?) throws(SpreadsheetError) {
        _ = try open(for: operation)
        try check(range, for: operation)
        guard min.isFinite, max.isFinite, min <= max else {
            throw rejected(range, operation, .init(library: LXW_ERROR_PARAMETER_VALIDATION))
        }
        var cStrings = CStrings()
        defer { cStrings.free() }
        var validation = lxw_data_validation()
        validation.validate = UInt8(type.rawValue)
        validation.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
        validation.minimum_number = min
        validation.maximum_number = max
        try add(&validation, range, operation, prompt: prompt, error: error, cStrings: &cStrings)
    }

    private func add(_ validation: inout lxw_data_validation, _ range: CellRange,
                     _ operation: SpreadsheetError.Operation, prompt: ValidationMessage?,
                     error: ValidationMessage?, cStrings: inout CStrings) throws(SpreadsheetError) {
        let sheet = try open(for: operation)
        if let prompt {
            validation.input_title = cStrings.copy(prompt.title)
            validation.input_message = cStrings.copy(prompt.text)
        }
        if let error {
            validation.error_title = cStrings.copy(error.title)
            validation.error_message = cStrings.copy(error.text)
        }
        let result = worksheet_data_validation_range(sheet, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
                                                     lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn),
                                                     &validation)
        try check(result, range, operation)
    }
}

/// C copies of Swift strings that must outlive a single `withCString` scope, because the
/// libxlsxwriter call takes a struct of several of them at once.
struct CStrings {
    private var pointers: [UnsafeMutablePointer<CChar>] = []

    mutating func copy(_ text: String) -> UnsafeMutablePointer<CChar>? {
        guard let pointer = strdup(text) else { return nil }
        pointers.append(pointer)
        return pointer
    }

    mutating func free() {
        pointers.forEach { Foundation.free($0) }
        pointers = []
    }
}
