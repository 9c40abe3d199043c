/// How special-ability certificates (专项职业能力证书) are numbered: they are outside the national
/// 22-character scheme, and each province sets its own, so the catalog holds the pattern
/// (`special_ability_number_pattern`), e.g. `{issuer}{yy}Z{serial:6}`.
///
/// Placeholders: `{issuer}` the body's 13-character issuer prefix, `{yyyy}` or `{yy}` the year of
/// issue, `{item}` the item's catalog code, and `{serial:N}` (required, once) the serial in N
/// digits (4-8). Everything else is literal: capital letters, digits and `-`.
public struct SpecialAbilityNumberPattern: Hashable, Sendable, CustomStringConvertible {
    enum Piece: Hashable, Sendable {
        case literal(String)
        case issuer, fullYear, shortYear, item
        case serial(digits: Int)
    }

    let pieces: [Piece]
    public let description: String

    /// The highest serial the pattern holds: 999999 for `{serial:6}`.
    public var maximumSerial: Int {
        for case .serial(let digits) in pieces { return Int(String(repeating: "9", count: digits))! }
        return 0
    }

    public static func parse(_ text: String) throws(Rejection) -> SpecialAbilityNumberPattern {
        let trimmed = text.trimmingWhitespace()
        var pieces: [Piece] = []
        var rest = Substring(trimmed)
        while let open = rest.firstIndex(of: "{") {
            let literal = String(rest[..<open])
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw Rejection("编号规则中“{”没有对应的“}”", "a \"{\" in the numbering pattern has no \"}\"")
            }
            let name = rest[rest.index(after: open)..<close]
            switch name {
            case "issuer": pieces.append(.issuer)
            case "yyyy": pieces.append(.fullYear)
            case "yy": pieces.append(.shortYear)
            case "item": pieces.append(.item)
            default:
                guard name.hasPrefix("serial:"), let digits = Int(name.dropFirst("serial:".count)), (4...8).contains(digits) else {
                    throw Rejection("编号规则中的“{\(name)}”无法识别（可用 {issuer} {yyyy} {yy} {item} {serial:4-8}）",
                                    "\"{\(name)}\" is not a placeholder of the numbering pattern ({issuer} {yyyy} {yy} {item} {serial:4-8})")
                }
                pieces.append(.serial(digits: digits))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        let literals = pieces.compactMap { if case .literal(let text) = $0 { text } else { nil } }.joined()
        guard literals.allSatisfy({ ("A"..."Z").contains($0) || $0.isASCIIDigit || $0 == "-" }) else {
            throw Rejection("编号规则的固定字符只能是大写字母、数字和“-”", "the fixed characters of the numbering pattern are capital letters, digits and -")
        }
        let serials = pieces.filter { if case .serial = $0 { true } else { false } }.count
        guard serials == 1 else {
            throw Rejection("编号规则须恰好含一个 {serial:N}", "the numbering pattern needs exactly one {serial:N}")
        }
        // Serials run per body and year: without both in the number, two bodies or two years
        // would give the same number.
        guard pieces.contains(.issuer), pieces.contains(.fullYear) || pieces.contains(.shortYear) else {
            throw Rejection("编号规则须含 {issuer} 和 {yy} 或 {yyyy}（流水号按机构和年份分别编排）",
                            "the numbering pattern needs {issuer} and {yy} or {yyyy} (serials run per body and year)")
        }
        return SpecialAbilityNumberPattern(pieces: pieces, description: trimmed)
    }

    /// The number of one certificate; `serial` must be within `maximumSerial`.
    public func number(issuer: CertificateIssuer, year: Int, itemCode: String, serial: Int) -> String {
        pieces.map { piece in
            switch piece {
            case .literal(let text): text
            case .issuer: issuer.prefix
            case .fullYear: String(year)
            case .shortYear: (year % 100).zeroPadded(2)
            case .item: itemCode
            case .serial(let digits): serial.zeroPadded(digits)
            }
        }.joined()
    }

    /// Whether `text` (canonical: upper case, no surrounding space) is a number this pattern
    /// could have given: an issuer prefix of a real province, a year of this century, one of
    /// `itemCodes`, a serial of the right width other than zero, and every literal as written.
    public func matches(_ text: String, itemCodes: Set<String>) -> Bool {
        let characters = Array(text)
        func digits(at start: Int, _ count: Int) -> Int? {
            guard start + count <= characters.count else { return nil }
            var value = 0
            for character in characters[start..<start + count] {
                guard let digit = character.asciiDigitValue else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        func slice(at start: Int, _ count: Int) -> String? {
            start + count <= characters.count ? String(characters[start..<start + count]) : nil
        }
        // Pieces are matched left to right; only `{item}` has a choice of length, so it tries each code.
        func match(piece index: Int, at start: Int) -> Bool {
            guard index < pieces.count else { return start == characters.count }
            let next = index + 1
            switch pieces[index] {
            case .literal(let literal):
                return slice(at: start, literal.count) == literal && match(piece: next, at: start + literal.count)
            case .issuer:
                guard start < characters.count, EvaluationBodyKind(rawValue: String(characters[start])) != nil,
                      digits(at: start + 1, 12) != nil, let province = slice(at: start + 5, 2), Province(code: province) != nil else { return false }
                return match(piece: next, at: start + 13)
            case .fullYear:
                guard let year = digits(at: start, 4), (2000...2099).contains(year) else { return false }
                return match(piece: next, at: start + 4)
            case .shortYear:
                return digits(at: start, 2) != nil && match(piece: next, at: start + 2)
            case .item:
                return itemCodes.contains { code in slice(at: start, code.count) == code && match(piece: next, at: start + code.count) }
            case .serial(let width):
                guard let serial = digits(at: start, width), serial > 0 else { return false }
                return match(piece: next, at: start + width)
            }
        }
        return match(piece: 0, at: 0)
    }
}
