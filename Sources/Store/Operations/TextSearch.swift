import Domain

/// Searching a text column for what a person typed in a search box.
extension Store {
    /// The `LIKE` pattern (with `ESCAPE '\'`) matching any text that holds `typed`: its `%` and
    /// `_` stand for themselves, not for any characters. Nil when nothing was typed.
    static func containsPattern(_ typed: String?) -> String? {
        guard let typed = typed?.trimmingWhitespace(), !typed.isEmpty else { return nil }
        var escaped = ""
        for character in typed {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }
}
