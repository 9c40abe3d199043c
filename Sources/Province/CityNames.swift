/// The names of Guangdong's prefecture-level cities by their GB/T 2260 codes, for the pages and
/// sheets that say which city a record came from. A code not listed is shown as it is.
public enum CityNames {
    static let guangdong: [String: (zh: String, en: String)] = [
        "4401": ("广州市", "Guangzhou"), "4402": ("韶关市", "Shaoguan"), "4403": ("深圳市", "Shenzhen"),
        "4404": ("珠海市", "Zhuhai"), "4405": ("汕头市", "Shantou"), "4406": ("佛山市", "Foshan"),
        "4407": ("江门市", "Jiangmen"), "4408": ("湛江市", "Zhanjiang"), "4409": ("茂名市", "Maoming"),
        "4412": ("肇庆市", "Zhaoqing"), "4413": ("惠州市", "Huizhou"), "4414": ("梅州市", "Meizhou"),
        "4415": ("汕尾市", "Shanwei"), "4416": ("河源市", "Heyuan"), "4417": ("阳江市", "Yangjiang"),
        "4418": ("清远市", "Qingyuan"), "4419": ("东莞市", "Dongguan"), "4420": ("中山市", "Zhongshan"),
        "4451": ("潮州市", "Chaozhou"), "4452": ("揭阳市", "Jieyang"), "4453": ("云浮市", "Yunfu"),
    ]

    /// `中山市 Zhongshan`, or nil for a code not known.
    public static func name(_ code: String) -> String? {
        guangdong[code].map { "\($0.zh) \($0.en)" }
    }

    /// `4420 中山市 Zhongshan`, or the code alone.
    public static func label(_ code: String) -> String {
        name(code).map { "\(code) \($0)" } ?? code
    }
}
