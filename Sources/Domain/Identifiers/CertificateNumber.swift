/// The number of a vocational skill level certificate (职业技能等级证书编号): one letter and 21
/// digits, e.g. `S000044000123263000001`.
///
/// | positions | part |
/// |---|---|
/// | 1 | `bodyKind` (Y / S) |
/// | 2-5 | `bodyCode`, 0000 for a body filed with the province |
/// | 6-7 | `provinceCode` |
/// | 8-13 | `siteSequence` |
/// | 14-15 | `year`, last two digits |
/// | 16 | `level`, national digit 1-5 |
/// | 17-22 | `serial`, 000001-999999 |
public struct CertificateNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    public let bodyKind: EvaluationBodyKind
    /// 0-9999; 0 means the body is filed with the province, not the ministry.
    public let bodyCode: Int
    /// Two digits of a known province, `44` for Guangdong.
    public let provinceCode: String
    /// 0-999999, assigned by the provincial bureau.
    public let siteSequence: Int
    /// The full year of issue, 2000-2099. The number keeps only two digits; these certificates
    /// were first issued in 2019-2020, so `yy` always means `2000 + yy`.
    public let year: Int
    /// One of the five national levels.
    public let level: SkillLevel
    /// 1-999999 within body, year and level.
    public let serial: Int

    /// Builds a number from its parts, refusing any part that the 22 characters cannot hold.
    public init(
        bodyKind: EvaluationBodyKind, bodyCode: Int, provinceCode: String, siteSequence: Int,
        year: Int, level: SkillLevel, serial: Int
    ) throws(Rejection) {
        _ = try CertificateIssuer(bodyKind: bodyKind, bodyCode: bodyCode, provinceCode: provinceCode, siteSequence: siteSequence)
        guard (2000...2099).contains(year) else {
            throw Rejection(
                "证书编号的发证年份应为 2000-2099（编号只记后两位），实际为 \(year)",
                "the year of issue must be 2000-2099 (the number keeps two digits), found \(year)")
        }
        guard level.nationalDigit != nil else {
            throw Rejection(
                "证书等级应为五级至一级，\(level.chineseName)没有国家职业技能等级证书编号",
                "a certificate level is one of levels 5 to 1; \(level.englishName) has no national certificate number")
        }
        guard (1...999_999).contains(serial) else {
            throw Rejection(
                "证书编号的流水号应为 000001-999999，实际为 \(serial)",
                "the serial number must be 000001-999999, found \(serial)")
        }
        self.bodyKind = bodyKind
        self.bodyCode = bodyCode
        self.provinceCode = provinceCode
        self.siteSequence = siteSequence
        self.year = year
        self.level = level
        self.serial = serial
    }

    /// Reads a number as typed or pasted: surrounding whitespace is ignored and a lower-case
    /// first letter taken as upper-case. A refusal names the position of the first problem,
    /// reading left to right.
    public static func parse(_ text: String) throws(Rejection) -> CertificateNumber {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw Rejection("证书编号为空", "the certificate number is empty")
        }
        if let wide = InputScreening.firstFullWidthCharacter(in: trimmed) {
            throw InputScreening.fullWidthRejection(wide, chineseSubject: "证书编号", englishSubject: "certificate number")
        }
        let characters = Array(trimmed)
        guard characters.count == 22 else {
            throw Rejection(
                "证书编号长度为 \(characters.count) 位，应为 22 位（1 个字母加 21 位数字）",
                "the certificate number has \(characters.count) characters, 22 expected (a letter and 21 digits)")
        }
        let letter = characters[0] == "y" ? "Y" : characters[0] == "s" ? "S" : characters[0]
        guard let bodyKind = EvaluationBodyKind(rawValue: String(letter)) else {
            throw Rejection(
                "证书编号第 1 位为“\(characters[0])”，应为 Y（用人单位）或 S（社会培训评价组织）",
                "character 1 of the certificate number is \"\(characters[0])\"; "
                    + "it must be Y (employer) or S (social training and evaluation organisation)")
        }

        /// The digits at 1-based positions `first...last` as a number, or the refusal naming
        /// the first position that is not a digit.
        func number(_ first: Int, _ last: Int) throws(Rejection) -> Int {
            var result = 0
            for position in first...last {
                guard let digit = characters[position - 1].asciiDigitValue else {
                    throw Rejection(
                        "证书编号第 \(position) 位为“\(characters[position - 1])”，第 2-22 位应为数字",
                        "character \(position) of the certificate number is \"\(characters[position - 1])\"; "
                            + "characters 2-22 must be digits")
                }
                result = result * 10 + digit
            }
            return result
        }

        let bodyCode = try number(2, 5)
        _ = try number(6, 7)  // only to name a non-digit by position before the table lookup
        let provinceCode = String(characters[5..<7])
        guard Province(code: provinceCode) != nil else {
            throw Rejection(
                "证书编号第 6-7 位省份代码“\(provinceCode)”不是已知的省级行政区划代码",
                "characters 6-7 of the certificate number, the province code \"\(provinceCode)\", "
                    + "are not a known province-level code")
        }
        let siteSequence = try number(8, 13)
        let year = 2000 + (try number(14, 15))
        let levelDigit = try number(16, 16)
        guard let level = SkillLevel(nationalDigit: levelDigit) else {
            throw Rejection(
                "证书编号第 16 位等级为“\(levelDigit)”，应为 1-5",
                "character 16 of the certificate number, the level, is \"\(levelDigit)\"; it must be 1-5")
        }
        let serial = try number(17, 22)
        guard serial != 0 else {
            throw Rejection(
                "证书编号第 17-22 位流水号为 000000，应为 000001-999999",
                "characters 17-22 of the certificate number, the serial number, are 000000; 000001-999999 expected")
        }
        return try CertificateNumber(
            bodyKind: bodyKind, bodyCode: bodyCode, provinceCode: provinceCode, siteSequence: siteSequence,
            year: year, level: level, serial: serial)
    }

    /// The evaluation body and site that issued it: the first 13 characters.
    public var issuer: CertificateIssuer {
        // The parts were checked when the number was made.
        try! CertificateIssuer(bodyKind: bodyKind, bodyCode: bodyCode, provinceCode: provinceCode, siteSequence: siteSequence)
    }

    /// True for a body filed with the province (body code 0000) rather than the ministry.
    public var isFiledWithProvince: Bool { bodyCode == 0 }

    /// The 22 characters.
    public var formatted: String {
        issuer.prefix + "\((year % 100).zeroPadded(2))\(level.nationalDigit!)\(serial.zeroPadded(6))"
    }

    public var description: String { formatted }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CertificateNumber.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.english)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(formatted)
    }
}
