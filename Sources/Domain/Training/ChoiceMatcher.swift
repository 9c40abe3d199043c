/// An entry of a closed list that a clerk may name by code, Chinese name or English name.
protocol NamedChoice {
    var code: String { get }
    var nameZh: String { get }
    var nameEn: String { get }
}

extension CatalogChoice: NamedChoice {}
extension KeyGroup: NamedChoice {}

/// Finds the catalog entry a clerk meant in a closed-list cell: by code, Chinese name or English
/// name, in any letter case.
///
/// The lists are a handful of entries, so a scan beats a dictionary, and building a matcher
/// allocates nothing: `TraineeRowRules.check(_:catalog:today:)` builds three per row. Values
/// picked from the template's drop-downs match exactly; only other values pay for lower-casing.
struct ChoiceMatcher<Choice: NamedChoice & Sendable>: Sendable {
    let choices: [Choice]

    init(_ choices: [Choice]) {
        self.choices = choices
    }

    /// The code for a trimmed value, nil when it names no entry. The catalog builder refuses
    /// clashing codes and names; should one slip through, the first entry wins.
    func code(for value: String) -> String? {
        // Same bytes first: `==` on Chinese text compares canonical equivalence, which is slow and
        // only matters for text typed in a decomposed form, which the second pass still catches.
        let bytes = value.utf8
        for choice in choices
        where Self.sameBytes(choice.nameZh, bytes) || Self.sameBytes(choice.code, bytes) || Self.sameBytes(choice.nameEn, bytes) {
            return choice.code
        }
        for choice in choices
        where Self.equalIgnoringCase(choice.code, value) || Self.equalIgnoringCase(choice.nameEn, value)
            || Self.equalIgnoringCase(choice.nameZh, value) {
            return choice.code
        }
        return nil
    }

    /// Lengths first: a UTF-8 view knows its count at once, and most names differ in length.
    private static func sameBytes(_ text: String, _ bytes: String.UTF8View) -> Bool {
        text.utf8.count == bytes.count && text.utf8.elementsEqual(bytes)
    }

    /// Compares ASCII text byte by byte with A-Z folded, which allocates nothing; other text is
    /// compared lower-cased.
    static func equalIgnoringCase(_ a: String, _ b: String) -> Bool {
        let (x, y) = (a.utf8, b.utf8)
        guard x.allSatisfy({ $0 < 0x80 }), y.allSatisfy({ $0 < 0x80 }) else { return a.lowercased() == b.lowercased() }
        guard x.count == y.count else { return false }
        return zip(x, y).allSatisfy { p, q in
            p == q || (p | 0x20 == q | 0x20 && (0x61...0x7A).contains(p | 0x20))
        }
    }

    /// The rejection for a value that names no entry of the list: `chineseSubject` is `文化程度`,
    /// `englishSubject` the singular with its article (`an education level`), `englishPlural` the list
    /// (`education levels`).
    func rejection(chineseSubject: String, englishSubject: String, englishPlural: String) -> Rejection {
        let allowed = choices.map(\.nameZh)
        guard !allowed.isEmpty else {
            return Rejection("目录中没有\(chineseSubject)列表，此列应留空",
                             "the catalog has no list of \(englishPlural), so this column must be left empty")
        }
        return Rejection(
            "不是目录中的\(chineseSubject)，应为以下之一：\(allowed.joined(separator: "、"))（也可填写代码或英文名称）",
            "not \(englishSubject) of the catalog; use one of \(allowed.joined(separator: ", ")) (or its code or English name)")
    }
}
