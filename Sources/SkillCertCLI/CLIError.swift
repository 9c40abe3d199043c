import Domain

/// Refusals that come from the command line itself rather than from a module.
enum CLIError: BilingualError {
    /// An option's value failed a rule: names the option (or argument), the value and the rule.
    case invalidOption(option: String, value: String, rule: Rejection)
    case catalogHasProblems(count: Int, directory: String)
    case missingOption(option: String, reasonZh: String, reasonEn: String)
    case databaseMissing(path: String)
    /// `demo` builds its own database and never overwrites one without --replace.
    case databaseExists(path: String)

    var chinese: String {
        switch self {
        case .invalidOption(let option, let value, let rule): FieldProblem.chinese(fieldName: option, value: value, rule: rule)
        case .catalogHasProblems(let count, let directory): "目录 \(directory) 有 \(count) 个问题，未写入数据库"
        case .missingOption(let option, let reasonZh, _): "缺少 \(option)：\(reasonZh)"
        case .databaseMissing(let path): "数据库文件 \(path) 不存在，请先运行 skillcert init（或用 --db 指定文件）"
        case .databaseExists(let path): "数据库文件 \(path) 已存在；演示数据只写入新数据库：加 --replace 覆盖它，或用 --db 指定另一个文件"
        }
    }

    var english: String {
        switch self {
        case .invalidOption(let option, let value, let rule): FieldProblem.english(fieldName: option, value: value, rule: rule)
        case .catalogHasProblems(let count, let directory): "the catalog in \(directory) has \(count) problem(s); nothing was written to the database"
        case .missingOption(let option, _, let reasonEn): "\(option) is required: \(reasonEn)"
        case .databaseMissing(let path): "database file \(path) does not exist: run skillcert init first (or name the file with --db)"
        case .databaseExists(let path): "database file \(path) already exists; the demo writes only into a new database: add --replace to overwrite it, or name another file with --db"
        }
    }
}

/// Parses one option's value with a Domain parser, naming the option in the error.
func parseOption<T>(_ option: String, _ value: String, _ parse: (String) throws(Rejection) -> T) throws(CLIError) -> T {
    do {
        return try parse(value)
    } catch {
        throw CLIError.invalidOption(option: option, value: value, rule: error)
    }
}
