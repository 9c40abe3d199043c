/// An amount of money in integer fen (分): subsidies are never computed in floating point.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let fen: Int64

    public init(fen: Int64) { self.fen = fen }
    public init(yuan: Int64) { self.fen = yuan * 100 }

    public static let zero = Money(fen: 0)

    /// Parses yuan as written in a catalog or a sheet: `5500`, `5,500`, `5500.5`, `5500.50`.
    /// More than two decimals, a sign or any other character is refused rather than rounded.
    public static func parseYuan(_ text: String) throws(Rejection) -> Money {
        let cleaned = text.trimmingWhitespace().filter { $0 != "," }
        let pieces = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard !cleaned.isEmpty, pieces.count <= 2,
              let whole = pieces.first, !whole.isEmpty, whole.count <= 12, whole.allSatisfy(\.isASCIIDigit) else {
            throw Rejection("金额应为不带符号的元数，例如 5500 或 5500.50", "an amount is written in yuan without a sign, e.g. 5500 or 5500.50")
        }
        var fen = Int64(whole)! * 100
        if pieces.count == 2 {
            let decimals = pieces[1]
            guard (1...2).contains(decimals.count), decimals.allSatisfy(\.isASCIIDigit) else {
                throw Rejection("金额最多两位小数（分）", "an amount has at most two decimals (fen)")
            }
            fen += Int64(decimals.count == 1 ? decimals + "0" : decimals)!
        }
        return Money(fen: fen)
    }

    /// Yuan with two decimals and thousands separators: `5,500.00`.
    public var description: String {
        let sign = fen < 0 ? "-" : ""
        let absolute = fen.magnitude
        var digits = String(absolute / 100)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let cents = absolute % 100
        return "\(sign)\(digits)\(grouped).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// The amount in yuan as a Double, only for writing a number cell; never for arithmetic.
    public var yuanForDisplay: Double { Double(fen) / 100 }

    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }
    public static func * (a: Money, n: Int) -> Money { Money(fen: a.fen * Int64(n)) }
    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
}
