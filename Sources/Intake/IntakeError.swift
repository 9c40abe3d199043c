import Domain

/// Why a list or catalog could not be read at all. Problems with single values are not errors but
/// `FieldProblem`s, collected so that one run reports all of them.
public enum IntakeError: BilingualError, Equatable {
    case missingDirectory(path: String)
    case unreadableFile(file: String, reason: String)
    /// `line` is the first line holding bytes that are not UTF-8.
    case notUTF8(file: String, line: Int)
    case malformedCSV(file: String, line: Int, reason: Rejection)

    /// The file (or directory) concerned, as the user named it.
    public var file: String {
        switch self {
        case .missingDirectory(let path): path
        case .unreadableFile(let file, _), .notUTF8(let file, _), .malformedCSV(let file, _, _): file
        }
    }

    public var line: Int? {
        switch self {
        case .missingDirectory, .unreadableFile: nil
        case .notUTF8(_, let line), .malformedCSV(_, let line, _): line
        }
    }

    /// What is wrong, without saying where: `FieldProblem` and `description` add the place.
    public var rule: Rejection {
        switch self {
        case .missingDirectory:
            Rejection("目录不存在或不是文件夹", "the directory does not exist or is not a folder")
        case .unreadableFile(_, let reason):
            Rejection("无法读取文件：\(reason)", "the file cannot be read: \(reason)")
        case .notUTF8:
            // The usual cause is Excel's plain "CSV" format, which writes GB18030 on Chinese Windows.
            Rejection("不是 UTF-8 编码：在 Excel 中请另存为“CSV UTF-8（逗号分隔）”（普通“CSV”格式在中文 Windows 上是 GB18030 编码）",
                      "not UTF-8: in Excel save as “CSV UTF-8 (Comma delimited)” (plain “CSV” on Chinese Windows writes GB18030)")
        case .malformedCSV(_, _, let reason):
            Rejection("CSV 格式错误：\(reason.chinese)", "malformed CSV: \(reason.english)")
        }
    }

    public var chinese: String {
        var place = "\(isDirectory ? "目录" : "文件") \(file) "
        if let line { place += "第 \(line) 行 " }
        return "\(place)\(rule.chinese)"
    }

    public var english: String {
        var place = "\(isDirectory ? "directory " : "")\(file) "
        if let line { place += "line \(line) " }
        return "\(place)· \(rule.english)"
    }

    /// The error as a located problem, so that `CatalogReader.load` can list it with the rest.
    public var problem: FieldProblem {
        let name = isDirectory ? file : (file.split(separator: "/").last.map(String.init) ?? file)
        return FieldProblem(file: name, line: line, field: isDirectory ? "directory" : "file", value: name, rule: rule)
    }

    private var isDirectory: Bool {
        if case .missingDirectory = self { return true }
        return false
    }
}
