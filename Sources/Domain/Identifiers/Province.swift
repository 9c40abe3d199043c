/// A province-level division: the first two digits of a GB/T 2260 area code, as they open national
/// ID numbers and sit in positions 6-7 of certificate numbers.
///
/// 81 and 82 also open the numbers on residence permits for Hong Kong and Macao residents, and 83,
/// which GB/T 2260 does not list, those for Taiwan residents; all three are IDs we must accept.
public struct Province: Hashable, Sendable, CustomStringConvertible {
    /// Two digits, e.g. `44`.
    public let code: String
    /// e.g. `广东省`.
    public let name: String

    private init(_ code: String, _ name: String) {
        self.code = code
        self.name = name
    }

    public static let all: [Province] = [
        Province("11", "北京市"), Province("12", "天津市"), Province("13", "河北省"),
        Province("14", "山西省"), Province("15", "内蒙古自治区"),
        Province("21", "辽宁省"), Province("22", "吉林省"), Province("23", "黑龙江省"),
        Province("31", "上海市"), Province("32", "江苏省"), Province("33", "浙江省"),
        Province("34", "安徽省"), Province("35", "福建省"), Province("36", "江西省"),
        Province("37", "山东省"),
        Province("41", "河南省"), Province("42", "湖北省"), Province("43", "湖南省"),
        Province("44", "广东省"), Province("45", "广西壮族自治区"), Province("46", "海南省"),
        Province("50", "重庆市"), Province("51", "四川省"), Province("52", "贵州省"),
        Province("53", "云南省"), Province("54", "西藏自治区"),
        Province("61", "陕西省"), Province("62", "甘肃省"), Province("63", "青海省"),
        Province("64", "宁夏回族自治区"), Province("65", "新疆维吾尔自治区"),
        Province("71", "台湾省"), Province("81", "香港特别行政区"), Province("82", "澳门特别行政区"),
        Province("83", "台湾居民居住证"),
    ]

    private static let byCode: [String: Province] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    /// Nil when the two digits are not a province-level code.
    public init?(code: some StringProtocol) {
        guard let province = Province.byCode[String(code)] else { return nil }
        self = province
    }

    /// Whether a two-digit number (`44`) is a province-level code; reading a national ID asks
    /// this without building a string.
    static func isCode(_ number: Int) -> Bool {
        (0..<100).contains(number) && codeNumbers[number]
    }

    private static let codeNumbers: [Bool] = (0..<100).map { byCode[$0 < 10 ? "0\($0)" : String($0)] != nil }

    /// `44 广东省`.
    public var description: String { "\(code) \(name)" }
}
