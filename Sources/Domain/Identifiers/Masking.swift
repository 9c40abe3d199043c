/// Masks personal numbers for listings and exports (PIPL): they are shown whole only on an
/// explicit, logged request, which is not this type's business.
///
/// Both functions take any text, including malformed or short values from old records, keep its
/// length so that a reader can still tell a number from a blank, and never fail.
public enum Masking {
    /// `440524********0014` for 18 characters: area code and the last four (sequence and check)
    /// stay, the birth date goes.
    ///
    /// Any other length keeps at most the first 3 and last 2 characters and never more than a
    /// third of them (`123**********45` for 15); up to 2 characters are all masked.
    public static func nationalID(_ text: String) -> String {
        if let masked = maskedASCIIID(text) { return masked }
        let characters = Array(text.trimmingWhitespace())
        if characters.count == 18 {
            return String(characters.prefix(6)) + String(repeating: "*", count: 8) + String(characters.suffix(4))
        }
        let visible = characters.count / 3
        let tail = min(2, visible / 2)
        let head = min(3, visible - tail)
        return String(characters.prefix(head))
            + String(repeating: "*", count: characters.count - head - tail)
            + String(characters.suffix(tail))
    }

    /// The common case, 18 printable ASCII characters, by bytes: a roster masks a million of them,
    /// and splitting each into Characters costs more than writing the cell.
    private static func maskedASCIIID(_ text: String) -> String? {
        guard text.utf8.count == 18 else { return nil }
        return text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
            return String(unsafeUninitializedCapacity: 18) { buffer in
                for offset in 0..<18 {
                    buffer[offset] = (6..<14).contains(offset) ? UInt8(ascii: "*") : bytes[offset]
                }
                return 18
            }
        } ?? nil
    }

    /// `138****8000` for a mainland mobile number, however it was written (`+86 138-0013-8000`
    /// too): it is first brought to its 11 digits.
    ///
    /// Any other number keeps its layout (separators, brackets, letters) and masks digits only:
    /// at least 4 digits, and all but 7 of a longer number, are masked; of the visible ones at
    /// most the first 3 and the last 4 show, e.g. `076*-****1234` for `0760-88881234` and
    /// `88****34` for `88881234`. Up to 4 digits are all masked.
    public static func phone(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        let source = (try? MobilePhone.parse(trimmed))?.value ?? trimmed
        // Any numeral counts as a digit here, full-width ones included: masking must not leak.
        let digitCount = source.filter(\.isNumber).count
        let visible = max(0, digitCount - max(4, digitCount - 7))
        let head = min(3, visible / 2)
        let tail = visible - head
        var seen = 0
        return String(source.map { character -> Character in
            guard character.isNumber else { return character }
            defer { seen += 1 }
            return seen < head || seen >= digitCount - tail ? character : "*"
        })
    }
}
