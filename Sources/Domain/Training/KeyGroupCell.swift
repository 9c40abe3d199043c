/// Reads a key-groups cell (重点群体), which may name several groups: `退役军人、残疾人`,
/// `veteran; disabled`, `高校毕业生 农村劳动力`.
///
/// Clerks separate items with whatever their keyboard offers, so any of `、，,;；|/` and spaces
/// separate. Spaces are tried last, because English names hold spaces themselves (`college
/// graduates`): a piece between punctuation that names a group as a whole is kept whole.
enum KeyGroupCell {
    /// A switch rather than a set: a set would hash every scalar of every cell of an import.
    private static func isPunctuationSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "、", "，", ",", ";", "；", "|", "/": true
        default: false
        }
    }

    struct Outcome {
        /// Codes in the order given, each once.
        var codes: [String] = []
        /// The items that name no group, as written.
        var unknown: [String] = []
    }

    static func read(_ text: String, with matcher: ChoiceMatcher<KeyGroup>) -> Outcome {
        var outcome = Outcome()
        func add(_ code: String) {
            if !outcome.codes.contains(code) { outcome.codes.append(code) }
        }
        let whole = text.trimmingCellWhitespace()
        let scalars = whole.unicodeScalars
        // A cell naming one group as a whole, `college graduates` included; a cell holding
        // punctuation separators is split at once.
        if !scalars.contains(where: isPunctuationSeparator), let code = matcher.code(for: whole) {
            add(code)
            return outcome
        }
        // Split by scalar rather than by Character: every separator is a single scalar, and this
        // runs for every row of an import.
        for piece in scalars.split(whereSeparator: isPunctuationSeparator) {
            let item = String(piece).trimmingCellWhitespace()
            if item.isEmpty { continue }
            if let code = matcher.code(for: item) {
                add(code)
                continue
            }
            for word in item.unicodeScalars.split(whereSeparator: \.properties.isWhitespace) {
                let word = String(word)
                if let code = matcher.code(for: word) {
                    add(code)
                } else {
                    outcome.unknown.append(word)
                }
            }
        }
        return outcome
    }
}
