import Domain

/// Why a list or catalog could not be read at all. Problems with single values are not errors but
/// `FieldProblem`s (catalog) or `ListFieldIssue`s (lists), collected so that one run reports all of them.
public enum IntakeError: BilingualError, Equatable {
    case missingDirectory(path: String)
    case missingFile(file: String)
    case unreadableFile(file: String, reason: String)
    /// `line` is the first line holding bytes that are not UTF-8.
    case notUTF8(file: String, line: Int)
    case malformedCSV(file: String, line: Int, reason: Rejection)
    /// Zero bytes, only a byte-order mark, only blank rows, or (with `sheet`) a sheet without rows.
    case emptyFile(file: String, sheet: String?)
    /// No row among the first `rowsSearched` non-blank rows names two known columns. `format` says
    /// how the file was read (`CSV GB18030`), because a wrongly guessed encoding is one cause.
    case noHeaderRow(file: String, sheet: String?, format: String, rowsSearched: Int, expected: [ListField])
    case missingColumns(file: String, sheet: String?, row: Int, missing: [ListField])
    /// Two columns of the header row name the same field.
    case duplicateColumn(file: String, sheet: String?, row: Int, field: ListField, first: ListColumn, second: ListColumn)
    /// A header row and nothing under it (or only the template's notes row).
    case noDataRows(file: String, sheet: String?, headerRow: Int)
    /// `available` lists the sheets a user sees as tabs.
    case missingSheet(file: String, sheet: String, available: [String])
    /// A zip archive that is damaged or truncated, or whose workbook parts cannot be read.
    case corruptSpreadsheet(file: String, detail: String)
    /// A part of the workbook declares or inflates to more than `limit` (`1 GiB`): a zip bomb.
    case oversizedSpreadsheet(file: String, part: String, limit: String)
    /// Not text and not a workbook; `detail` says what it looks like (`a PNG image`).
    case notASpreadsheet(file: String, detail: Rejection)
    /// An Excel 97-2003 binary workbook (or another OLE compound file).
    case legacyXLS(file: String)
    /// Text that is neither UTF-8 nor GB18030 (nor UTF-16 with a byte-order mark), or a file with a
    /// UTF-8 byte-order mark holding bytes that are not UTF-8. `line` is that of the first bad
    /// bytes, nil for UTF-16.
    case unknownTextEncoding(file: String, line: Int?)
    /// The lines of a text file are not all in one encoding: `line` is the first in
    /// `lineEncoding`, where the rest of the file is in `fileEncoding` (UTF-8 or GB18030).
    case mixedTextEncoding(file: String, line: Int, fileEncoding: String, lineEncoding: String)

    /// The file (or directory) concerned, as the user named it.
    public var file: String {
        switch self {
        case .missingDirectory(let path): path
        case .missingFile(let file), .unreadableFile(let file, _), .notUTF8(let file, _), .malformedCSV(let file, _, _),
             .emptyFile(let file, _), .noHeaderRow(let file, _, _, _, _), .missingColumns(let file, _, _, _),
             .duplicateColumn(let file, _, _, _, _, _), .noDataRows(let file, _, _), .missingSheet(let file, _, _),
             .corruptSpreadsheet(let file, _), .oversizedSpreadsheet(let file, _, _), .notASpreadsheet(let file, _), .legacyXLS(let file),
             .unknownTextEncoding(let file, _), .mixedTextEncoding(let file, _, _, _):
            file
        }
    }

    /// The sheet of a workbook concerned; nil for CSV files and whole-file problems.
    public var sheet: String? {
        switch self {
        case .emptyFile(_, let sheet), .noHeaderRow(_, let sheet, _, _, _), .missingColumns(_, let sheet, _, _),
             .duplicateColumn(_, let sheet, _, _, _, _), .noDataRows(_, let sheet, _):
            sheet
        case .missingSheet(_, let sheet, _):
            sheet
        default:
            nil
        }
    }

    /// The line (CSV) or row (sheet) concerned.
    public var line: Int? {
        switch self {
        case .notUTF8(_, let line), .malformedCSV(_, let line, _): line
        case .missingColumns(_, _, let row, _), .duplicateColumn(_, _, let row, _, _, _), .noDataRows(_, _, let row): row
        case .unknownTextEncoding(_, let line): line
        case .mixedTextEncoding(_, let line, _, _): line
        default: nil
        }
    }

    /// What is wrong, without saying where: `FieldProblem` and `description` add the place.
    public var rule: Rejection {
        switch self {
        case .missingDirectory:
            Rejection("目录不存在或不是文件夹", "the directory does not exist or is not a folder")
        case .missingFile:
            Rejection("文件不存在", "the file does not exist")
        case .unreadableFile(_, let reason):
            Rejection("无法读取文件：\(reason)", "the file cannot be read: \(reason)")
        case .notUTF8:
            // The usual cause is Excel's plain "CSV" format, which writes GB18030 on Chinese Windows.
            Rejection("不是 UTF-8 编码：在 Excel 中请另存为“CSV UTF-8（逗号分隔）”（普通“CSV”格式在中文 Windows 上是 GB18030 编码）",
                      "not UTF-8: in Excel save as “CSV UTF-8 (Comma delimited)” (plain “CSV” on Chinese Windows writes GB18030)")
        case .malformedCSV(_, _, let reason):
            Rejection("CSV 格式错误：\(reason.chinese)", "malformed CSV: \(reason.english)")
        case .emptyFile(_, let sheet):
            sheet == nil
                ? Rejection("文件是空的，没有任何内容", "the file is empty: it holds no rows")
                : Rejection("工作表是空的，没有任何内容", "the sheet is empty: it holds no rows")
        case let .noHeaderRow(_, _, format, searched, expected):
            Rejection(
                "在前 \(searched) 个非空行中找不到表头（按 \(format) 读取）；表头应至少含下列列名中的两个："
                    + expected.map(\.chineseHeader).joined(separator: "、"),
                "no header row among the first \(searched) non-blank rows (read as \(format)); a header names at least two of: "
                    + expected.map(\.header).joined(separator: ", "))
        case let .missingColumns(_, _, _, missing):
            Rejection(
                "表头缺少必需的列：" + missing.map { "\($0.chineseHeader)（\($0.englishHeader)）" }.joined(separator: "、"),
                "the header row lacks required columns: " + missing.map { "\($0.englishHeader) (\($0.chineseHeader))" }.joined(separator: ", "))
        case let .duplicateColumn(_, _, _, field, first, second):
            Rejection(
                "\(first.chinese)和\(second.chinese)都是“\(field.chineseHeader)”列，请删除或改名其中一列",
                "\(first.english) and \(second.english) both give \(field.englishHeader) (\(field.chineseHeader)); delete or rename one of them")
        case let .noDataRows(_, _, headerRow):
            Rejection("表头（第 \(headerRow) 行）下面没有数据行", "there are no rows under the header (row \(headerRow))")
        case let .missingSheet(_, _, available):
            Rejection(
                "没有此工作表；现有工作表：" + (available.isEmpty ? "无" : available.map { "“\($0)”" }.joined(separator: "、")),
                "there is no such sheet; the sheets are: " + (available.isEmpty ? "none" : available.map { "\"\($0)\"" }.joined(separator: ", ")))
        case let .corruptSpreadsheet(_, detail):
            Rejection(
                "不是完好的 .xlsx 工作簿：文件已损坏或不完整（可能下载或复制时中断），请重新获取该文件，或在 Excel 中打开后重新保存（\(detail)）",
                "not an intact .xlsx workbook: the file is damaged or incomplete (perhaps an interrupted download or copy); "
                    + "obtain it again, or open it in Excel and save it again (\(detail))")
        case let .oversizedSpreadsheet(_, part, limit):
            Rejection(
                "不是正常的工作簿：其中的 \(part) 解压后超过 \(limit) 的上限（可能是恶意构造的“压缩炸弹”），未读取；请向提供者确认文件来源",
                "not an ordinary workbook: its part \(part) inflates to more than the limit of \(limit) "
                    + "(it may be a maliciously built “zip bomb”) and was not read; check with whoever sent the file where it came from")
        case let .notASpreadsheet(_, detail):
            Rejection(
                "不是电子表格：这是\(detail.chinese)，而不是 .xlsx 工作簿或 CSV 文件",
                "not a spreadsheet: this is \(detail.english), not an .xlsx workbook or a CSV file")
        case .legacyXLS:
            Rejection(
                "是旧版 Excel 97-2003 工作簿（.xls），不能直接导入：请在 Excel 中打开，另存为“Excel 工作簿（*.xlsx）”后再导入",
                "is a legacy Excel 97-2003 workbook (.xls), which cannot be imported: open it in Excel, "
                    + "save it as “Excel Workbook (*.xlsx)” and import that")
        case let .mixedTextEncoding(_, _, fileEncoding, lineEncoding):
            Rejection(
                "本行的编码与文件其余各行不同：文件是 \(Self.chineseName(fileEncoding)) 编码，本行却是 \(Self.chineseName(lineEncoding))"
                    + "（可能是从另一个文件复制进来的）。按同一种编码读取，本行的文字会成为乱码，因此整个文件没有导入；"
                    + "请用 Excel 或记事本打开文件，本行会显示为乱码，重新输入本行后另存为“CSV UTF-8（逗号分隔）”再导入",
                "this line is in another encoding than the rest of the file: the file is \(Self.englishName(fileEncoding)), "
                    + "this line is \(Self.englishName(lineEncoding)) (perhaps pasted from another file). Read in one encoding its text "
                    + "would be garbled, so nothing of the file was imported; open the file in Excel or Notepad, where this line "
                    + "shows garbled, type it again and save the file as “CSV UTF-8 (Comma delimited)”")
        case .unknownTextEncoding:
            Rejection(
                "既不是 UTF-8 也不是 GB18030 编码的文本：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）",
                "the text is neither UTF-8 nor GB18030: in Excel save it as “CSV UTF-8 (Comma delimited)” or as an Excel Workbook (.xlsx)")
        }
    }

    /// GB18030 is what clerks know as Excel's plain "CSV".
    private static func chineseName(_ encoding: String) -> String {
        encoding == "GB18030" ? "GB18030（Excel 普通“CSV”格式）" : encoding
    }

    private static func englishName(_ encoding: String) -> String {
        encoding == "GB18030" ? "GB18030 (Excel's plain “CSV”)" : encoding
    }

    public var chinese: String {
        var place = "\(isDirectory ? "目录" : "文件") \(file) "
        if let sheet { place += "工作表“\(sheet)” " }
        if let line { place += "第 \(line) 行 " }
        return "\(place)\(rule.chinese)"
    }

    public var english: String {
        var place = "\(isDirectory ? "directory " : "")\(file) "
        if let sheet { place += "sheet \"\(sheet)\" " }
        if let line { place += "\(sheet == nil ? "line" : "row") \(line) " }
        return "\(place)· \(rule.english)"
    }

    /// The error as a located problem, so that `CatalogReader.load` can list it with the rest.
    public var problem: FieldProblem {
        let name = isDirectory ? file : (file.split(separator: "/").last.map(String.init) ?? file)
        return FieldProblem(file: name, line: line, field: isDirectory ? .directory : .file, value: name, rule: rule)
    }

    private var isDirectory: Bool {
        if case .missingDirectory = self { return true }
        return false
    }
}

/// A column of a list as a clerk finds it in Excel: its letter and its header text.
public struct ListColumn: Hashable, Sendable {
    /// Zero-based: column A is 0.
    public let index: Int
    public let header: String

    public init(index: Int, header: String) {
        self.index = index
        self.header = header
    }

    /// `A` … `Z`, `AA` …
    public var letter: String {
        var number = index + 1
        var letters = ""
        while number > 0 {
            let remainder = (number - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            number = (number - 1) / 26
        }
        return letters
    }

    var chinese: String { "第 \(letter) 列“\(header)”" }
    var english: String { "column \(letter) \"\(header)\"" }
}
