/// An error a user reads: every message exists in Chinese and in English, and names what to fix.
///
/// Each module has its own error enum conforming to this protocol; the CLI prints
/// `description`, which carries both languages.
public protocol BilingualError: Error, CustomStringConvertible, Sendable {
    /// The message in Chinese, e.g. `身份证号 "11010519491231002" 长度为 17 位，应为 18 位`.
    var chinese: String { get }
    /// The same message in English.
    var english: String { get }
}

extension BilingualError {
    public var description: String { "\(chinese)\n\(english)" }
}

/// One reason a value was rejected, in both languages, without saying where it came from.
///
/// Parsers in Domain return these; callers that know the file, row and column wrap them
/// (see `FieldProblem`).
public struct Rejection: BilingualError, Equatable, Hashable {
    public let chinese: String
    public let english: String

    public init(_ chinese: String, _ english: String) {
        self.chinese = chinese
        self.english = english
    }
}

/// A rejected value located in a source: a file (or an interface's input), a line or row, a field.
public struct FieldProblem: FieldNamingError, Equatable, Hashable {
    public let file: String?
    public let line: Int?
    public let field: Field
    public let value: String
    public let rule: Rejection

    public init(file: String? = nil, line: Int? = nil, field: Field, value: String, rule: Rejection) {
        self.file = file
        self.line = line
        self.field = field
        self.value = value
        self.rule = rule
    }

    public func chinese(naming name: FieldNaming) -> String {
        Self.chinese(file: file, line: line, fieldName: name(field), value: value, rule: rule)
    }

    public func english(naming name: FieldNaming) -> String {
        Self.english(file: file, line: line, fieldName: name(field), value: value, rule: rule)
    }

    /// The sentence for a rejected value, whatever names its field: an interface that checks a
    /// value of its own (an option only the command line has) words it the same way.
    public static func chinese(file: String? = nil, line: Int? = nil, fieldName: String, value: String, rule: Rejection) -> String {
        var place = ""
        if let file { place += "文件 \(file) " }
        if let line { place += "第 \(line) 行 " }
        return "\(place)字段 \(fieldName)，值 \"\(value)\"：\(rule.chinese)"
    }

    public static func english(file: String? = nil, line: Int? = nil, fieldName: String, value: String, rule: Rejection) -> String {
        var place = ""
        if let file { place += "\(file) " }
        if let line { place += "line \(line) " }
        if !place.isEmpty { place += "· " }
        return "\(place)field \(fieldName), value \"\(value)\": \(rule.english)"
    }
}
