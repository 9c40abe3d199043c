/// A span of days with both ends included, as reports count them ("1 January to 31 March").
public struct DateRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public let start: CivilDate
    public let end: CivilDate

    /// Nil when `end` is before `start`; a one-day range has `start == end`.
    public init?(start: CivilDate, end: CivilDate) {
        guard start <= end else { return nil }
        self.start = start
        self.end = end
    }

    public func contains(_ date: CivilDate) -> Bool { start <= date && date <= end }

    /// Days in the range, both ends counted.
    public var dayCount: Int { end.dayNumber - start.dayNumber + 1 }

    /// `2026-01-01..2026-03-31`.
    public var description: String { "\(start)..\(end)" }

    private enum CodingKeys: String, CodingKey { case start, end }

    /// Checks the order again: a stored range must not become an empty one.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(CivilDate.self, forKey: .start)
        let end = try container.decode(CivilDate.self, forKey: .end)
        guard let range = DateRange(start: start, end: end) else {
            throw DecodingError.dataCorruptedError(forKey: .end, in: container, debugDescription: "end \(end) is before start \(start)")
        }
        self = range
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }
}
