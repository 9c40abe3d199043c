import Domain

/// Sheet names Excel accepts, made from names users chose (rooms, cohorts). Excel refuses a name
/// longer than 31 characters, one holding `[ ] : * ? / \`, one starting or ending with an
/// apostrophe, "History", and two names equal but for case; refusing the whole workbook for a
/// room called `实操/A组` would help nobody, so the name is mended instead.
enum SheetName {
    static let maximumLength = 31
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// One safe name per wanted name, in the same order: forbidden characters become `_`, long
    /// names are cut, and a name already given gets ` (2)`, ` (3)`… so that every sheet keeps
    /// its own tab. An empty result becomes `fallback`.
    static func safe(_ wanted: [String], fallback: String = "Sheet") -> [String] {
        var taken: Set<String> = ["history"]
        return wanted.map { name in
            let base = cleaned(name).isEmpty ? cleaned(fallback) : cleaned(name)
            var candidate = cut(base, to: maximumLength)
            var number = 2
            while taken.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = cut(base, to: maximumLength - suffix.utf16.count) + suffix
                number += 1
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
    }

    private static func cleaned(_ name: String) -> String {
        let replaced = String(name.map { forbidden.contains($0) || $0.isNewline ? "_" : $0 })
        return String(replaced.trimmingWhitespace().drop { $0 == "'" }.reversed().drop { $0 == "'" }.reversed())
    }

    /// Cuts whole characters, counting UTF-16 units as Excel does, so that a rare character
    /// such as 𠈌 (two units) is never split and never pushes the name over the limit.
    private static func cut(_ name: String, to length: Int) -> String {
        var result = ""
        for character in name {
            guard result.utf16.count + character.utf16.count <= length else { break }
            result.append(character)
        }
        return result.trimmingWhitespace()
    }
}
