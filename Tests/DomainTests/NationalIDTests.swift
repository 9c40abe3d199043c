import Foundation
import Testing
@testable import Domain

@Suite("National ID (居民身份证号码)")
struct NationalIDTests {
    let today = CivilDate(year: 2026, month: 5, day: 15)!

    struct Valid: Sendable, CustomTestStringConvertible {
        let text: String
        let birth: CivilDate
        let sex: Sex
        let province: String
        var testDescription: String { text }
    }

    @Test("the DOMAIN.md vectors are accepted with their birth date, sex and province", arguments: [
        Valid(text: "11010519491231002X", birth: CivilDate(year: 1949, month: 12, day: 31)!, sex: .female, province: "北京市"),
        Valid(text: "34052419800101001X", birth: CivilDate(year: 1980, month: 1, day: 1)!, sex: .male, province: "安徽省"),
        Valid(text: "440524188001010014", birth: CivilDate(year: 1880, month: 1, day: 1)!, sex: .male, province: "广东省"),
    ])
    func validVectors(_ vector: Valid) throws {
        let id = try NationalID.parse(vector.text, today: today)
        #expect(id.value == vector.text)
        #expect(id.description == vector.text)
        #expect(id.birthDate == vector.birth)
        #expect(id.sex == vector.sex)
        #expect(id.provinceName == vector.province)
        #expect(id.provinceCode == String(vector.text.prefix(2)))
        #expect(id.areaCode == String(vector.text.prefix(6)))
    }

    @Test func partsOfAGuangdongNumber() throws {
        let id = try NationalID.parse("440524188001010014", today: today)
        #expect(id.areaCode == "440524")
        #expect(id.provinceCode == "44")
        #expect(id.masked == "440524********0014")
        #expect(id.sex.chineseName == "男")
    }

    @Test func femaleWhenDigit17IsEven() throws {
        let id = try NationalID.parse("11010519491231002X", today: today)
        #expect(id.sex == .female)
        #expect(id.sex.chineseName == "女")
    }

    @Test func lowerCaseXIsStoredUpperCase() throws {
        let id = try NationalID.parse("11010519491231002x", today: today)
        #expect(id.value == "11010519491231002X")
        #expect(id == (try NationalID.parse("11010519491231002X", today: today)))
    }

    @Test("surrounding whitespace, including the ideographic space, is ignored",
          arguments: [" 440524188001010014", "440524188001010014\t", "\u{3000}440524188001010014\u{3000}", "\n440524188001010014 \r\n"])
    func trimsWhitespace(_ text: String) throws {
        #expect(try NationalID.parse(text, today: today).value == "440524188001010014")
    }

    @Test func leapDayOf2000IsARealBirthDate() throws {
        let id = try NationalID.parse("440306200002290017", today: today)
        #expect(id.birthDate == CivilDate(year: 2000, month: 2, day: 29)!)
    }

    @Test func leapDayOf1900DoesNotExist() {
        #expect(throws: Rejection("身份证号中的出生日期 19000229 不存在", "the birth date 19000229 in the national ID is not a real date")) {
            try NationalID.parse("440306190002290010", today: today)
        }
    }

    @Test func thirtiethOfFebruaryDoesNotExist() {
        #expect(throws: Rejection("身份证号中的出生日期 19800230 不存在", "the birth date 19800230 in the national ID is not a real date")) {
            try NationalID.parse("440306198002300019", today: today)
        }
    }

    @Test func yearZeroDoesNotExist() {
        #expect(throws: Rejection("身份证号中的出生日期 00000101 不存在", "the birth date 00000101 in the national ID is not a real date")) {
            try NationalID.parse("440306000001010013", today: today)
        }
    }

    @Test func bornTodayIsAccepted() throws {
        let id = try NationalID.parse("440306202605150012", today: today)
        #expect(id.birthDate == today)
        #expect(id.age(on: today) == 0)
    }

    @Test func bornTomorrowIsRefused() {
        #expect(throws: Rejection(
            "身份证号中的出生日期 2026-05-16 晚于今天（2026-05-15）",
            "the birth date 2026-05-16 in the national ID is after today (2026-05-15)")) {
            try NationalID.parse("440306202605160018", today: today)
        }
    }

    @Test func theSameNumberIsAcceptedTheNextDay() throws {
        #expect(try NationalID.parse("440306202605160018", today: today.adding(days: 1)).birthDate == today.adding(days: 1))
    }

    @Test func wrongCheckCharacterNamesExpectedAndFound() {
        #expect(throws: Rejection("身份证号校验位应为 X，实际为 1", "the national ID's check character should be X, found 1")) {
            try NationalID.parse("110105194912310021", today: today)
        }
    }

    @Test func wrongCheckCharacterEndingIn000PointsAtExcel() {
        #expect(throws: Rejection(
            "身份证号校验位应为 6，实际为 0；末三位为 000，可能是 Excel 把身份证号当作数字保存而丢失了后三位，请把该列设置为“文本”格式",
            "the national ID's check character should be 6, found 0; it ends in 000, which is what Excel leaves "
                + "after storing an ID as a number, so format the column as text")) {
            try NationalID.parse("440524188001010000", today: today)
        }
    }

    @Test func checkCharacterMustBeADigitOrX() {
        #expect(throws: Rejection(
            "身份证号第 18 位（校验位）为“Y”，应为数字或 X",
            "character 18 of the national ID (the check character) is \"Y\"; it must be a digit or X")) {
            try NationalID.parse("44052418800101001Y", today: today)
        }
    }

    @Test func emptyIsRefused() {
        for text in ["", "   ", "\u{3000}"] {
            #expect(throws: Rejection("身份证号为空", "the national ID is empty")) {
                try NationalID.parse(text, today: today)
            }
        }
    }

    @Test func firstGenerationNumberMustBeConverted() {
        #expect(throws: Rejection(
            "这是 15 位的第一代身份证号，需转换为 18 位（出生年份补足 4 位并加校验位）后再录入",
            "this is a 15-digit first-generation ID; it must be converted to the 18-digit form "
                + "(4-digit birth year and a check character) before it is entered")) {
            try NationalID.parse("440524800101001", today: today)
        }
    }

    @Test("a wrong length is counted", arguments: [
        ("11010519491231002", 17), ("4405241880010100140", 19), ("4405", 4), ("4", 1),
    ])
    func wrongLength(_ text: String, _ count: Int) {
        #expect(throws: Rejection("身份证号长度为 \(count) 位，应为 18 位", "the national ID has \(count) characters, 18 expected")) {
            try NationalID.parse(text, today: today)
        }
    }

    @Test func fifteenCharactersWithALetterIsAWrongLengthNotAFirstGenerationNumber() {
        #expect(throws: Rejection("身份证号长度为 15 位，应为 18 位", "the national ID has 15 characters, 18 expected")) {
            try NationalID.parse("44052480010100X", today: today)
        }
    }

    @Test func fullWidthDigitsAskForHalfWidthInput() {
        #expect(throws: Rejection(
            "身份证号含全角字符“４”，请把输入法切换为半角后重新输入",
            "the national ID contains the full-width character \"４\"; switch the input method to half-width and type it again")) {
            try NationalID.parse("４４0524188001010014", today: today)
        }
    }

    @Test func fullWidthXAsksForHalfWidthInput() {
        #expect(throws: Rejection(
            "身份证号含全角字符“Ｘ”，请把输入法切换为半角后重新输入",
            "the national ID contains the full-width character \"Ｘ\"; switch the input method to half-width and type it again")) {
            try NationalID.parse("11010519491231002Ｘ", today: today)
        }
    }

    @Test("a non-digit in the first 17 is named with its position", arguments: [
        ("4405241880O1010014", 11, "O"), ("x10105194912310021", 1, "x"), ("1101051949123100xX", 17, "x"),
        ("440524 88001010014", 7, " "),
    ])
    func nonDigitPosition(_ text: String, _ position: Int, _ character: String) {
        #expect(throws: Rejection(
            "身份证号第 \(position) 位为“\(character)”，前 17 位应全为数字",
            "character \(position) of the national ID is \"\(character)\"; the first 17 must be digits")) {
            try NationalID.parse(text, today: today)
        }
    }

    @Test("Excel's scientific notation is explained", arguments: ["4.40524E+17", "4.40524e+17", "4.40524188001010E+17", "4E17", " 3.40524e17 "])
    func excelScientificNotation(_ text: String) {
        #expect(throws: Rejection(
            "身份证号被 Excel 当作数字保存成了科学计数法，末几位已丢失、无法还原；请把该列设置为“文本”格式后重新录入",
            "Excel stored the national ID as a number in scientific notation, so its last digits are lost "
                + "and cannot be recovered; format the column as text and enter the numbers again")) {
            try NationalID.parse(text, today: today)
        }
    }

    @Test("an unknown province code is refused", arguments: [
        ("990306198001010017", "99"), ("000306198001010018", "00"), ("160306198001010012", "16"),
    ])
    func unknownProvince(_ text: String, _ code: String) {
        #expect(throws: Rejection(
            "身份证号前两位“\(code)”不是省级行政区划代码（GB/T 2260）",
            "the first two digits of the national ID, \"\(code)\", are not a province-level area code (GB/T 2260)")) {
            try NationalID.parse(text, today: today)
        }
    }

    @Test("Taiwan (71) and Taiwan residence permits (83) are accepted", arguments: [
        ("710306198001010015", "台湾省"), ("830000198001010018", "台湾居民居住证"),
    ])
    func taiwanCodes(_ text: String, _ name: String) throws {
        #expect(try NationalID.parse(text, today: today).provinceName == name)
    }

    @Test func ageCountsCompletedYears() throws {
        let id = try NationalID.parse("34052419800101001X", today: today)
        #expect(id.age(on: today) == 46)
        #expect(id.age(on: CivilDate(year: 2025, month: 12, day: 31)!) == 45)
        #expect(id.age(on: CivilDate(year: 2026, month: 1, day: 1)!) == 46)
        #expect(id.age(on: CivilDate(year: 1979, month: 12, day: 31)!) == -1)
    }

    @Test func leapDayBirthdayComesOnFirstOfMarchInCommonYears() throws {
        let id = try NationalID.parse("440306200002290017", today: today)
        #expect(id.age(on: CivilDate(year: 2001, month: 2, day: 28)!) == 0)
        #expect(id.age(on: CivilDate(year: 2001, month: 3, day: 1)!) == 1)
        #expect(id.age(on: CivilDate(year: 2004, month: 2, day: 28)!) == 3)
        #expect(id.age(on: CivilDate(year: 2004, month: 2, day: 29)!) == 4)
    }

    @Test func encodesAsTheNumberAndDecodesBack() throws {
        let id = try NationalID.parse("11010519491231002x", today: today)
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["11010519491231002X"]"#)
        #expect(try JSONDecoder().decode([NationalID].self, from: data) == [id])
    }

    @Test func decodingRefusesABadNumber() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([NationalID].self, from: Data(#"["110105194912310021"]"#.utf8))
        }
    }

    @Test func decodingDoesNotKnowTodayAndAcceptsAnyRealPastOrFutureBirthDate() throws {
        let decoded = try JSONDecoder().decode([NationalID].self, from: Data(#"["440306202605160018"]"#.utf8))
        #expect(decoded.first?.birthDate == CivilDate(year: 2026, month: 5, day: 16)!)
    }
}

@Suite("Province codes (GB/T 2260)")
struct ProvinceTests {
    @Test func theTableHoldsExactlyTheProvinceLevelCodes() {
        var expected: Set<Int> = []
        for range in [11...15, 21...23, 31...37, 41...46, 50...54, 61...65] { expected.formUnion(range) }
        expected.formUnion([71, 81, 82, 83])
        #expect(Set(Province.all.map { Int($0.code)! }) == expected)
        #expect(Province.all.count == expected.count)
        #expect(Province.all.allSatisfy { $0.code.count == 2 && !$0.name.isEmpty })
    }

    @Test func guangdongIs44() {
        #expect(Province(code: "44")?.name == "广东省")
        #expect(Province(code: "44")?.description == "44 广东省")
        #expect(Province(code: "10") == nil)
        #expect(Province(code: "4") == nil)
        #expect(Province(code: "440") == nil)
    }
}
