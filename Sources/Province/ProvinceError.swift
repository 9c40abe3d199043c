import Domain

/// What went wrong with the province database, in both languages.
public enum ProvinceError: BilingualError, Equatable {
    /// The `--pg` address cannot be read.
    case badAddress(String, reason: String)
    /// A city code that is no GB/T 2260 prefecture code (four digits).
    case badCityCode(String)
    /// PostgreSQL could not be reached or refused the work.
    case database(address: String, message: String)
    /// The province database was never set up (`province init`).
    case notInitialised(address: String)
    /// The province database lacks this version's migrations.
    case outdated(address: String, missing: [String])
    /// The city dropped changes from its log that this province database does not hold.
    case changesDropped(city: String, address: String, provinceHolds: Int64, cityDropped: Int64)

    public var chinese: String {
        switch self {
        case .badAddress(let text, let reason): "省级数据库地址 \(text) 无法识别：\(reason)（应为 postgres://用户@主机:端口/数据库）"
        case .badCityCode(let code): "城市代码 \(code) 无效：应为 GB/T 2260 的四位数字（如 4420 中山）"
        case .database(let address, let message): "省级数据库 \(address) 出错：\(message)"
        case .notInitialised(let address): "省级数据库 \(address) 尚未建立：请先运行 skillcert province init --pg \(address)"
        case .outdated(let address, let missing):
            "省级数据库 \(address) 的结构不是最新（缺少 \(missing.joined(separator: ", "))）：请先运行 skillcert province init --pg \(address)"
        case .changesDropped(let city, let address, let held, let dropped):
            "省级数据库 \(address) 只有城市 \(city) 第 \(held) 项之前的变更，而城市已在省级确认后删除了第 \(dropped) 项及之前的变更记录，无法补齐：请推送到原省级数据库（或其恢复到第 \(dropped) 项以后的备份）"
        }
    }

    public var english: String {
        switch self {
        case .badAddress(let text, let reason): "the province database address \(text) cannot be read: \(reason) (expected postgres://user@host:port/database)"
        case .badCityCode(let code): "the city code \(code) is not valid: four digits of GB/T 2260 (e.g. 4420 Zhongshan)"
        case .database(let address, let message): "the province database \(address) failed: \(message)"
        case .notInitialised(let address): "the province database \(address) is not set up: run skillcert province init --pg \(address) first"
        case .outdated(let address, let missing):
            "the province database \(address) is not up to date (it lacks \(missing.joined(separator: ", "))): run skillcert province init --pg \(address) first"
        case .changesDropped(let city, let address, let held, let dropped):
            "the province database \(address) holds city \(city) only through change \(held), but the city dropped its changes through \(dropped) once a province confirmed them, so they cannot be sent again: push to that province database (or a backup of it holding change \(dropped) or later)"
        }
    }
}

/// A GB/T 2260 prefecture-level city code: four digits (`4420` 中山).
public struct CityCode: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(_ text: String) throws(ProvinceError) {
        guard text.count == 4, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .badCityCode(text) }
        value = text
    }

    public var description: String { value }
}
