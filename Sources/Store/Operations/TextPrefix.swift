import GRDB

/// Text that begins with a prefix, as a range an index can answer: `column >= prefix AND
/// column < bound`, where `bound` is the prefix with its last character replaced by the next
/// one. SQLite compares text byte by byte (BINARY), and UTF-8 keeps the order of the
/// characters, so exactly the texts that begin with the prefix fall in the range. `LIKE 'x%'`
/// would need an index in NOCASE order to use one; `LIKE '%x%'` can use none.
struct TextPrefix {
    let prefix: String

    /// The first text after every text that begins with `prefix`; nil when no character
    /// comes after the prefix's last ones (every text from the prefix on qualifies).
    var upperBound: String? {
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            if let next = TextPrefix.successor(of: last) {
                scalars.append(next)
                var bound = String.UnicodeScalarView()
                bound.append(contentsOf: scalars)
                return String(bound)
            }
        }
        return nil
    }

    /// `column >= ? AND column < ?` with its arguments.
    func condition(on column: String) -> (sql: String, arguments: StatementArguments) {
        guard let upperBound else { return ("\(column) >= ?", [prefix]) }
        return ("(\(column) >= ? AND \(column) < ?)", [prefix, upperBound])
    }

    /// The next Unicode scalar value, stepping over the surrogate range; nil after U+10FFFF.
    static func successor(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        var value = scalar.value + 1
        if value == 0xD800 { value = 0xE000 }
        return Unicode.Scalar(value)
    }
}
