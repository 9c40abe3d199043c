import CXlsxWriter

/// Why writing or reading a workbook failed, in Chinese and English, naming the file, sheet,
/// cell and operation involved so that a user can fix the input or the caller the code.
///
/// Errors refused by libxlsxwriter carry the library's own message (`lxw_strerror`) as their
/// English reason, so a report can be matched with the library's documentation.
public enum SpreadsheetError: Error, CustomStringConvertible, Sendable, Hashable {
    // MARK: Writing

    /// libxlsxwriter could not set up the workbook (memory or temporary files).
    case workbookNotCreated(path: String, reason: Reason)
    /// The workbook could not be written at `close()`: the directory is missing, the file is not
    /// writable, or the zip could not be assembled. Nothing usable was written.
    case workbookNotSaved(path: String, reason: Reason)
    /// The workbook was already closed (saved) when this operation was asked for.
    case workbookClosed(path: String, operation: Operation)
    /// A workbook-wide setting was refused.
    case workbookOperationRejected(path: String, operation: Operation, reason: Reason)
    /// Excel refuses this sheet name (too long, forbidden character, apostrophe at either end,
    /// or already used in this workbook).
    case invalidSheetName(name: String, reason: Reason)
    /// One cell could not be written.
    case cellRejected(sheet: String, cell: String, operation: Operation, reason: Reason)
    /// A range or sheet-wide setting (merge, filter, validation, chart, print set-up) was refused.
    /// `range` is nil for settings that concern the whole sheet.
    case sheetOperationRejected(sheet: String, range: String?, operation: Operation, reason: Reason)

    // MARK: Reading

    /// There is no file at this path.
    case fileNotFound(path: String)
    /// The file exists but cannot be read (permissions, a directory, an I/O error).
    case fileUnreadable(path: String, detail: String)
    /// The file is not a zip archive at all, so it cannot be an .xlsx (a text or CSV file renamed,
    /// or an old binary .xls workbook when `looksLikeLegacyXLS`).
    case notASpreadsheet(path: String, looksLikeLegacyXLS: Bool)
    /// A zip archive, but not an Excel workbook: the workbook part is missing.
    case notAnXLSX(path: String, missingPart: String)
    /// A zip archive that is damaged or truncated (typically an interrupted download or copy).
    case corruptArchive(path: String, detail: String)
    /// A part of the workbook is not well-formed XML or contradicts the rest of the workbook.
    case malformedPart(path: String, part: String, detail: String)
    /// The workbook has no sheet with this name; `available` lists those it has.
    case sheetNotFound(path: String, name: String, available: [String])
    /// A part declares or inflates to more than `limitBytes` (`XLSXReadLimits`): a zip bomb, not
    /// a list. Nothing past the limit was inflated.
    case partTooLarge(path: String, part: String, limitBytes: UInt64)

    public var chinese: String {
        switch self {
        case let .workbookNotCreated(path, reason):
            return "无法创建工作簿 \(path)：\(reason.chinese)"
        case let .workbookNotSaved(path, reason):
            return "无法保存工作簿 \(path)：\(reason.chinese)"
        case let .workbookClosed(path, operation):
            return "工作簿 \(path) 已关闭，不能再\(operation.chinese)"
        case let .workbookOperationRejected(path, operation, reason):
            return "工作簿 \(path) \(operation.chinese)失败：\(reason.chinese)"
        case let .invalidSheetName(name, reason):
            return "工作表名称 \"\(name)\" 无效：\(reason.chinese)"
        case let .cellRejected(sheet, cell, operation, reason):
            return "工作表 \"\(sheet)\" 单元格 \(cell) \(operation.chinese)失败：\(reason.chinese)"
        case let .sheetOperationRejected(sheet, range, operation, reason):
            let place = range.map { " 区域 \($0)" } ?? ""
            return "工作表 \"\(sheet)\"\(place) \(operation.chinese)失败：\(reason.chinese)"
        case let .fileNotFound(path):
            return "文件 \(path) 不存在"
        case let .fileUnreadable(path, detail):
            return "无法读取文件 \(path)：\(detail)"
        case let .notASpreadsheet(path, legacy):
            return legacy
                ? "文件 \(path) 是旧版 .xls 工作簿，请在 Excel 中另存为 .xlsx 后再导入"
                : "文件 \(path) 不是电子表格（不是 .xlsx 文件）"
        case let .notAnXLSX(path, part):
            return "文件 \(path) 是压缩包，但不是 Excel 工作簿（缺少 \(part)）"
        case let .corruptArchive(path, detail):
            return "文件 \(path) 已损坏或不完整，请重新获取该文件（\(detail)）"
        case let .malformedPart(path, part, detail):
            return "文件 \(path) 中的 \(part) 内容有误：\(detail)"
        case let .sheetNotFound(path, name, available):
            return "文件 \(path) 中没有名为 \"\(name)\" 的工作表；现有工作表：\(Self.list(available))"
        case let .partTooLarge(path, part, limit):
            return "文件 \(path) 中的 \(part) 解压后超过 \(Self.size(limit)) 的上限，不是正常的工作簿（可能是恶意构造的“压缩炸弹”），未读取"
        }
    }

    public var english: String {
        switch self {
        case let .workbookNotCreated(path, reason):
            return "Cannot create workbook \(path): \(reason.english)"
        case let .workbookNotSaved(path, reason):
            return "Cannot save workbook \(path): \(reason.english)"
        case let .workbookClosed(path, operation):
            return "Workbook \(path) is already closed; cannot \(operation.english)"
        case let .workbookOperationRejected(path, operation, reason):
            return "Workbook \(path): cannot \(operation.english): \(reason.english)"
        case let .invalidSheetName(name, reason):
            return "Invalid sheet name \"\(name)\": \(reason.english)"
        case let .cellRejected(sheet, cell, operation, reason):
            return "Sheet \"\(sheet)\" cell \(cell): cannot \(operation.english): \(reason.english)"
        case let .sheetOperationRejected(sheet, range, operation, reason):
            let place = range.map { " range \($0)" } ?? ""
            return "Sheet \"\(sheet)\"\(place): cannot \(operation.english): \(reason.english)"
        case let .fileNotFound(path):
            return "File \(path) does not exist"
        case let .fileUnreadable(path, detail):
            return "Cannot read file \(path): \(detail)"
        case let .notASpreadsheet(path, legacy):
            return legacy
                ? "File \(path) is a legacy .xls workbook; save it as .xlsx in Excel and import that"
                : "File \(path) is not a spreadsheet (not an .xlsx file)"
        case let .notAnXLSX(path, part):
            return "File \(path) is a zip archive but not an Excel workbook (\(part) is missing)"
        case let .corruptArchive(path, detail):
            return "File \(path) is damaged or incomplete; obtain the file again (\(detail))"
        case let .malformedPart(path, part, detail):
            return "File \(path): part \(part) is malformed: \(detail)"
        case let .sheetNotFound(path, name, available):
            return "File \(path) has no sheet named \"\(name)\"; sheets present: \(Self.list(available))"
        case let .partTooLarge(path, part, limit):
            return "File \(path): part \(part) inflates to more than the limit of \(Self.size(limit)); "
                + "this is no ordinary workbook (it may be a maliciously built “zip bomb”) and was not read"
        }
    }

    /// Chinese first, then English, one line each, as every SkillCert error prints.
    public var description: String { "\(chinese)\n\(english)" }

    /// `1 GiB`, `256 MiB`, `64 KiB`: limits are powers of two, shown in the unit that keeps them whole.
    public static func size(_ bytes: UInt64) -> String {
        for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] where bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift) \(unit)"
        }
        return "\(bytes) bytes"
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "—" : names.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}

extension SpreadsheetError {
    /// The cause of a refusal in both languages. `libraryCode` is libxlsxwriter's `lxw_error`
    /// number when the library refused, nil when this module refused before calling it.
    public struct Reason: Hashable, Sendable {
        public let chinese: String
        public let english: String
        public let libraryCode: Int?

        init(chinese: String, english: String) {
            self.chinese = chinese
            self.english = english
            self.libraryCode = nil
        }

        /// English is the library's own message so that it can be looked up verbatim.
        init(library error: lxw_error) {
            libraryCode = Int(error.rawValue)
            english = Self.libraryMessage(error)
            chinese = Self.chineseMessage(error) ?? english
        }

        static func libraryMessage(_ error: lxw_error) -> String {
            guard let message = lxw_strerror(error) else { return "libxlsxwriter error \(error.rawValue)" }
            return String(cString: message)
        }

        private static func chineseMessage(_ error: lxw_error) -> String? {
            switch error {
            case LXW_ERROR_MEMORY_MALLOC_FAILED: return "内存不足"
            case LXW_ERROR_CREATING_XLSX_FILE: return "无法创建文件（目录不存在或没有写入权限）"
            case LXW_ERROR_CREATING_TMPFILE, LXW_ERROR_READING_TMPFILE: return "无法使用临时文件"
            case LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_PARAMETER_ERROR, LXW_ERROR_ZIP_BAD_ZIP_FILE,
                 LXW_ERROR_ZIP_INTERNAL_ERROR, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE:
                return "写入压缩包失败"
            case LXW_ERROR_FEATURE_NOT_SUPPORTED: return "当前设置下不支持该功能"
            case LXW_ERROR_NULL_PARAMETER_IGNORED: return "缺少必需的参数"
            case LXW_ERROR_PARAMETER_VALIDATION: return "参数不符合 Excel 的要求"
            case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED: return "工作表名称超过 Excel 上限 31 个字符"
            case LXW_ERROR_INVALID_SHEETNAME_CHARACTER: return "工作表名称不能包含 [ ] : * ? / \\ 字符"
            case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE: return "工作表名称不能以单引号开头或结尾"
            case LXW_ERROR_SHEETNAME_ALREADY_USED: return "工作表名称已被使用（不区分大小写）"
            case LXW_ERROR_32_STRING_LENGTH_EXCEEDED: return "文字超过 Excel 上限 32 个字符"
            case LXW_ERROR_128_STRING_LENGTH_EXCEEDED: return "文字超过 Excel 上限 128 个字符"
            case LXW_ERROR_255_STRING_LENGTH_EXCEEDED: return "文字超过 Excel 上限 255 个字符"
            case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: return "文本超过 Excel 单元格上限 32,767 个字符"
            case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
                return "行或列超出范围（最多 1,048,576 行、16,384 列；常量内存模式下行必须按顺序写入）"
            default: return nil
            }
        }

        static let textTooLong = Reason(library: LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        static let outOfRange = Reason(library: LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
    }

    /// What the caller was doing, so that a message reads "cell B7: cannot write text: …".
    public enum Operation: Hashable, Sendable {
        case addSheet, setProperties
        case writeText, writeNumber, writeFormula, writeDate, writeBoolean, writeBlank
        case mergeRange, setColumnWidth, setRowHeight, freezePanes, autofilter, hide, activate
        case listValidation, integerValidation, decimalValidation
        case insertChart, printSetup

        var chinese: String {
            switch self {
            case .addSheet: return "添加工作表"
            case .setProperties: return "设置文档属性"
            case .writeText: return "写入文本"
            case .writeNumber: return "写入数字"
            case .writeFormula: return "写入公式"
            case .writeDate: return "写入日期"
            case .writeBoolean: return "写入逻辑值"
            case .writeBlank: return "写入空白单元格"
            case .mergeRange: return "合并单元格"
            case .setColumnWidth: return "设置列宽"
            case .setRowHeight: return "设置行高"
            case .freezePanes: return "冻结窗格"
            case .autofilter: return "设置筛选"
            case .hide: return "隐藏工作表"
            case .activate: return "激活工作表"
            case .listValidation: return "设置下拉列表"
            case .integerValidation: return "设置整数有效性"
            case .decimalValidation: return "设置小数有效性"
            case .insertChart: return "插入图表"
            case .printSetup: return "设置打印"
            }
        }

        var english: String {
            switch self {
            case .addSheet: return "add sheet"
            case .setProperties: return "set document properties"
            case .writeText: return "write text"
            case .writeNumber: return "write number"
            case .writeFormula: return "write formula"
            case .writeDate: return "write date"
            case .writeBoolean: return "write boolean"
            case .writeBlank: return "write blank cell"
            case .mergeRange: return "merge range"
            case .setColumnWidth: return "set column width"
            case .setRowHeight: return "set row height"
            case .freezePanes: return "freeze panes"
            case .autofilter: return "set autofilter"
            case .hide: return "hide sheet"
            case .activate: return "activate sheet"
            case .listValidation: return "add list validation"
            case .integerValidation: return "add integer validation"
            case .decimalValidation: return "add decimal validation"
            case .insertChart: return "insert chart"
            case .printSetup: return "apply print set-up"
            }
        }
    }
}
