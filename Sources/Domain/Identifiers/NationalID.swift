/// A resident identity card number (居民身份证号码, GB 11643-1999), fully checked on input:
/// length, digits, check character, birth date and province.
///
/// The same format serves the residence permits of Hong Kong, Macao and Taiwan residents
/// (province codes 81, 82, 83), so those are accepted too.
public struct NationalID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The 18 characters, the check character upper-case (`X`, never `x`).
    public let value: String
    /// Digits 7-14.
    public let birthDate: CivilDate

    private init(value: String, birthDate: CivilDate) {
        self.value = value
        self.birthDate = birthDate
    }

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432")
    private static let checkBytes = Array("10X98765432".utf8)

    /// Reads a number as a clerk typed or pasted it. `today` bounds the birth date: a person
    /// born tomorrow cannot be on a roster.
    ///
    /// Surrounding whitespace (including the ideographic space U+3000) is ignored and a
    /// lower-case `x` is accepted and stored as `X`; anything else wrong is refused with the cause.
    public static func parse(_ text: String, today: CivilDate) throws(Rejection) -> NationalID {
        if let id = parseWellFormed(text, today: today) { return id }
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            throw Rejection("身份证号为空", "the national ID is empty")
        }
        // Before the length: an ID with a zero-width space looks right and reads as 19 characters.
        try HiddenCharacter.screen(trimmed, chineseSubject: "身份证号", englishSubject: "national ID")
        if InputScreening.looksLikeExcelScientificNotation(trimmed) {
            throw InputScreening.excelNumberRejection(chineseSubject: "身份证号", englishSubject: "national ID")
        }
        if let wide = InputScreening.firstFullWidthCharacter(in: trimmed) {
            throw InputScreening.fullWidthRejection(wide, chineseSubject: "身份证号", englishSubject: "national ID")
        }
        var characters = Array(trimmed)
        if characters.count == 15, characters.allSatisfy(\.isASCIIDigit) {
            throw Rejection(
                "这是 15 位的第一代身份证号，需转换为 18 位（出生年份补足 4 位并加校验位）后再录入",
                "this is a 15-digit first-generation ID; it must be converted to the 18-digit form "
                    + "(4-digit birth year and a check character) before it is entered")
        }
        guard characters.count == 18 else {
            throw Rejection(
                "身份证号长度为 \(characters.count) 位，应为 18 位",
                "the national ID has \(characters.count) characters, 18 expected")
        }
        for (offset, character) in characters.prefix(17).enumerated() where !character.isASCIIDigit {
            throw Rejection(
                "身份证号第 \(offset + 1) 位为“\(character)”，前 17 位应全为数字",
                "character \(offset + 1) of the national ID is \"\(character)\"; the first 17 must be digits")
        }
        if characters[17] == "x" { characters[17] = "X" }
        let found = characters[17]
        guard found.isASCIIDigit || found == "X" else {
            throw Rejection(
                "身份证号第 18 位（校验位）为“\(found)”，应为数字或 X",
                "character 18 of the national ID (the check character) is \"\(found)\"; it must be a digit or X")
        }
        let expected = checkCharacter(for: characters.prefix(17))
        guard found == expected else {
            // Excel keeps 15 significant digits: an ID that went through a number cell comes
            // back ending in 000, and that cause is worth naming.
            let excelHint = characters.suffix(3) == ["0", "0", "0"]
            throw Rejection(
                "身份证号校验位应为 \(expected)，实际为 \(found)"
                    + (excelHint ? "；末三位为 000，可能是 Excel 把身份证号当作数字保存而丢失了后三位，请把该列设置为“文本”格式" : ""),
                "the national ID's check character should be \(expected), found \(found)"
                    + (excelHint ? "; it ends in 000, which is what Excel leaves after storing an ID as a number, "
                        + "so format the column as text" : ""))
        }
        let dateDigits = String(characters[6..<14])
        guard let birthDate = CivilDate(
            year: Int(String(characters[6..<10]))!,
            month: Int(String(characters[10..<12]))!,
            day: Int(String(characters[12..<14]))!)
        else {
            throw Rejection(
                "身份证号中的出生日期 \(dateDigits) 不存在",
                "the birth date \(dateDigits) in the national ID is not a real date")
        }
        guard birthDate <= today else {
            throw Rejection(
                "身份证号中的出生日期 \(birthDate) 晚于今天（\(today)）",
                "the birth date \(birthDate) in the national ID is after today (\(today))")
        }
        let provinceCode = String(characters[0..<2])
        guard Province(code: provinceCode) != nil else {
            throw Rejection(
                "身份证号前两位“\(provinceCode)”不是省级行政区划代码（GB/T 2260）",
                "the first two digits of the national ID, \"\(provinceCode)\", are not a province-level area code (GB/T 2260)")
        }
        return NationalID(value: String(characters), birthDate: birthDate)
    }

    /// The common case without a walk by `Character`: exactly 17 ASCII digits and a digit or X,
    /// a right check character, a real birth date not after `today`, a known province. Anything
    /// else returns nil, and `parse` then finds and names the fault; a trainee import checks a
    /// million IDs, almost all of them good.
    private static func parseWellFormed(_ text: String, today: CivilDate) -> NationalID? {
        let bytes = text.utf8
        guard bytes.count == 18 else { return nil }
        var sum = 0, province = 0, year = 0, month = 0, day = 0
        var check: UInt8 = 0
        for (offset, byte) in zip(0..., bytes) {
            guard offset < 17 else {
                check = byte == 0x78 ? 0x58 : byte  // x → X
                break
            }
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let digit = Int(byte - 0x30)
            sum += digit * weights[offset]
            switch offset {
            case 0..<2: province = province * 10 + digit
            case 6..<10: year = year * 10 + digit
            case 10..<12: month = month * 10 + digit
            case 12..<14: day = day * 10 + digit
            default: break
            }
        }
        guard check == checkBytes[sum % 11],
              let birthDate = CivilDate(year: year, month: month, day: day), birthDate <= today,
              Province.isCode(province) else { return nil }
        let value = bytes.last == 0x78 ? String(text.dropLast()) + "X" : text
        return NationalID(value: value, birthDate: birthDate)
    }

    /// `"10X98765432"[Σ digit × weight mod 11]`; the caller guarantees 17 ASCII digits.
    private static func checkCharacter(for body: ArraySlice<Character>) -> Character {
        let sum = zip(body, weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Digit 17: odd for men, even for women.
    public var sex: Sex {
        // Digit 17 is ASCII; read its byte rather than building an array of characters per row.
        let digit = value.utf8[value.utf8.index(value.utf8.startIndex, offsetBy: 16)] - UInt8(ascii: "0")
        return digit % 2 == 1 ? .male : .female
    }

    /// The first six digits: the county-level area where the number was first issued.
    public var areaCode: String { String(value.prefix(6)) }

    public var provinceCode: String { String(value.prefix(2)) }

    /// `广东省`; parsing has already refused unknown codes.
    public var provinceName: String { Province(code: provinceCode)?.name ?? provinceCode }

    /// `440524********0014`, the form every listing and export shows by default.
    public var masked: String { Masking.nationalID(value) }

    /// Completed years of age (周岁) on `date`. Someone born on 29 February turns a year older on
    /// 1 March in common years. Before the birth date the result is negative.
    public func age(on date: CivilDate) -> Int {
        let years = date.year - birthDate.year
        let hadBirthday = (date.month, date.day) >= (birthDate.month, birthDate.day)
        return hadBirthday ? years : years - 1
    }

    public var description: String { value }

    /// Stored numbers were checked against the day they were entered; decoding checks everything
    /// else again but cannot know that day, so it does not bound the birth date.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try NationalID.parse(text, today: CivilDate(year: 9999, month: 12, day: 31)!)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.english)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
