/// Reads a key-groups cell (重点群体), which may name several groups: `退役军人、残疾人`,
/// `veteran; disabled`, `高校毕业生 农村劳动力`.
///
/// Clerks separate items with whatever their keyboard offers, so any of `、，,;；|/` and spaces
/// separate. Spaces are tried last, because English names hold spaces themselves (`college
/// graduates`): a piece between punctuation that names a group as a whole is kept whole.
enum KeyGroupCell {
    static let separators: Set<Character> = ["、", "，", ",", ";", "；", "|", "/"]

    struct Outcome {
        /// Codes in the order given, each once.
        var codes: [String] = []
        /// The items that name no group, as written.
        var unknown: [String] = []
    }

    static func read(_ text: String, with matcher: ChoiceMatcher) -> Outcome {
        var outcome = Outcome()
        func add(_ code: String) {
            if !outcome.codes.contains(code) { outcome.codes.append(code) }
        }
        let whole = text.trimmingWhitespace()
        if let code = matcher.code(for: whole) {
            add(code)
            return outcome
        }
        for piece in whole.split(whereSeparator: { separators.contains($0) }) {
            let item = piece.trimmingWhitespace()
            if item.isEmpty { continue }
            if let code = matcher.code(for: item) {
                add(code)
                continue
            }
            for word in item.split(whereSeparator: \.isWhitespace).map(String.init) {
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
