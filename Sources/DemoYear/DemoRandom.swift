/// The demo's own pseudo-random numbers (SplitMix64): the same seed gives the same year on every
/// machine and every run, which Foundation's generators do not promise.
struct DemoRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< bound.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next() % UInt64(bound))
    }

    /// low ... high.
    mutating func between(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A generator of its own, for one strand of the year, so that adding draws to one strand
    /// does not shift every other.
    mutating func split() -> DemoRandom { DemoRandom(seed: next()) }
}
