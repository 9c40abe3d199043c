import Foundation
import Testing
@testable import Domain

@Suite("Certificate number (职业技能等级证书编号)")
struct CertificateNumberTests {
    @Test func partsOfAProvinceFiledSocialOrganisationNumber() throws {
        let number = try CertificateNumber.parse("S000044000123263000001")
        #expect(number.bodyKind == .socialOrganisation)
        #expect(number.bodyKind.chineseName == "社会培训评价组织")
        #expect(number.bodyCode == 0)
        #expect(number.isFiledWithProvince)
        #expect(number.provinceCode == "44")
        #expect(number.siteSequence == 123)
        #expect(number.year == 2026)
        #expect(number.level == .level3)
        #expect(number.serial == 1)
        #expect(number.formatted == "S000044000123263000001")
        #expect(number.description == "S000044000123263000001")
    }

    @Test func partsOfAMinistryFiledEmployerNumber() throws {
        let number = try CertificateNumber.parse("Y123444987654191999999")
        #expect(number.bodyKind == .employer)
        #expect(number.bodyKind.chineseName == "用人单位")
        #expect(number.bodyCode == 1234)
        #expect(!number.isFiledWithProvince)
        #expect(number.siteSequence == 987_654)
        #expect(number.year == 2019)
        #expect(number.level == .level1)
        #expect(number.serial == 999_999)
    }

    @Test func twoDigitYearsAreThe2000s() throws {
        #expect(try CertificateNumber.parse("S000044000123005000001").year == 2000)
        #expect(try CertificateNumber.parse("S000044000123995000001").year == 2099)
    }

    @Test func lowerCaseLetterAndWhitespaceAreCanonicalised() throws {
        #expect(try CertificateNumber.parse(" s000044000123263000001\u{3000}").formatted == "S000044000123263000001")
        #expect(try CertificateNumber.parse("y123444987654191999999").bodyKind == .employer)
    }

    @Test("parts → 22 characters → the same parts",
          arguments: SkillLevel.nationalLevels, EvaluationBodyKind.allCases)
    func roundTrip(_ level: SkillLevel, _ kind: EvaluationBodyKind) throws {
        let number = try CertificateNumber(
            bodyKind: kind, bodyCode: 7, provinceCode: "44", siteSequence: 42, year: 2026, level: level, serial: 305)
        let text = number.formatted
        #expect(text.count == 22)
        #expect(text == "\(kind.rawValue)000744000042" + "26\(level.nationalDigit!)000305")
        #expect(try CertificateNumber.parse(text) == number)
    }

    @Test func encodesAsTheNumberAndDecodesBack() throws {
        let number = try CertificateNumber.parse("S000044000123263000001")
        let data = try JSONEncoder().encode([number])
        #expect(String(decoding: data, as: UTF8.self) == #"["S000044000123263000001"]"#)
        #expect(try JSONDecoder().decode([CertificateNumber].self, from: data) == [number])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CertificateNumber].self, from: Data(#"["S000044000123263000000"]"#.utf8))
        }
    }

    // MARK: parse refusals

    @Test func emptyIsRefused() {
        #expect(throws: Rejection("证书编号为空", "the certificate number is empty")) { try CertificateNumber.parse(" ") }
    }

    @Test("a wrong length is counted", arguments: [("S00004400012326300000", 21), ("S0000440001232630000011", 23)])
    func wrongLength(_ text: String, _ count: Int) {
        #expect(throws: Rejection(
            "证书编号长度为 \(count) 位，应为 22 位（1 个字母加 21 位数字）",
            "the certificate number has \(count) characters, 22 expected (a letter and 21 digits)")) {
            try CertificateNumber.parse(text)
        }
    }

    @Test func fullWidthIsRefused() {
        #expect(throws: Rejection(
            "证书编号含全角字符“Ｓ”，请把输入法切换为半角后重新输入",
            "the certificate number contains the full-width character \"Ｓ\"; switch the input method to half-width and type it again")) {
            try CertificateNumber.parse("Ｓ000044000123263000001")
        }
    }

    @Test("the first character must be Y or S", arguments: ["X", "1", "z"])
    func wrongBodyKind(_ letter: String) {
        #expect(throws: Rejection(
            "证书编号第 1 位为“\(letter)”，应为 Y（用人单位）或 S（社会培训评价组织）",
            "character 1 of the certificate number is \"\(letter)\"; it must be Y (employer) or S (social training and evaluation organisation)")) {
            try CertificateNumber.parse("\(letter)000044000123263000001")
        }
    }

    @Test("a non-digit is named with its position", arguments: [
        ("S00A044000123263000001", 4, "A"), ("S00004A000123263000001", 7, "A"), ("S0000440001-3263000001", 12, "-"),
        ("S000044000123O63000001", 14, "O"), ("S000044000123263000O01", 20, "O"), ("S00004400012326300000x", 22, "x"),
        ("S000044000123 63000001", 14, " "),
    ])
    func nonDigit(_ text: String, _ position: Int, _ character: String) {
        #expect(throws: Rejection(
            "证书编号第 \(position) 位为“\(character)”，第 2-22 位应为数字",
            "character \(position) of the certificate number is \"\(character)\"; characters 2-22 must be digits")) {
            try CertificateNumber.parse(text)
        }
    }

    @Test("an unknown province code is refused", arguments: ["99", "00", "10"])
    func unknownProvince(_ code: String) {
        #expect(throws: Rejection(
            "证书编号第 6-7 位省份代码“\(code)”不是已知的省级行政区划代码",
            "characters 6-7 of the certificate number, the province code \"\(code)\", are not a known province-level code")) {
            try CertificateNumber.parse("S0000\(code)000123263000001")
        }
    }

    @Test("the level digit must be 1-5", arguments: ["0", "6", "9"])
    func wrongLevel(_ digit: String) {
        #expect(throws: Rejection(
            "证书编号第 16 位等级为“\(digit)”，应为 1-5",
            "character 16 of the certificate number, the level, is \"\(digit)\"; it must be 1-5")) {
            try CertificateNumber.parse("S00004400012326\(digit)000001")
        }
    }

    @Test func serialZeroIsRefused() {
        #expect(throws: Rejection(
            "证书编号第 17-22 位流水号为 000000，应为 000001-999999",
            "characters 17-22 of the certificate number, the serial number, are 000000; 000001-999999 expected")) {
            try CertificateNumber.parse("S000044000123263000000")
        }
    }

    @Test func theFirstProblemFromTheLeftIsReported() {
        // Bad province (6-7), bad level (16) and zero serial too: only position 4 is named.
        #expect(throws: Rejection(
            "证书编号第 4 位为“A”，第 2-22 位应为数字",
            "character 4 of the certificate number is \"A\"; characters 2-22 must be digits")) {
            try CertificateNumber.parse("S00A099000123260000000")
        }
        // Bad level before a non-digit serial.
        #expect(throws: Rejection(
            "证书编号第 16 位等级为“7”，应为 1-5",
            "character 16 of the certificate number, the level, is \"7\"; it must be 1-5")) {
            try CertificateNumber.parse("S000044000123267ABCDEF")
        }
    }

    // MARK: init refusals

    @Test("body code out of range", arguments: [-1, 10_000])
    func bodyCodeOutOfRange(_ code: Int) {
        #expect(throws: Rejection("证书编号的机构代码应为 0000-9999，实际为 \(code)", "the body code must be 0000-9999, found \(code)")) {
            try CertificateNumber(bodyKind: .employer, bodyCode: code, provinceCode: "44", siteSequence: 1, year: 2026, level: .level4, serial: 1)
        }
    }

    @Test("unknown province code", arguments: ["99", "4", "440", ""])
    func initProvince(_ code: String) {
        #expect(throws: Rejection(
            "证书编号的省份代码“\(code)”不是已知的省级行政区划代码",
            "the province code \"\(code)\" is not a known province-level code")) {
            try CertificateNumber(bodyKind: .employer, bodyCode: 1, provinceCode: code, siteSequence: 1, year: 2026, level: .level4, serial: 1)
        }
    }

    @Test("site sequence out of range", arguments: [-1, 1_000_000])
    func siteOutOfRange(_ site: Int) {
        #expect(throws: Rejection(
            "证书编号的站点序号应为 000000-999999，实际为 \(site)",
            "the site sequence number must be 000000-999999, found \(site)")) {
            try CertificateNumber(bodyKind: .employer, bodyCode: 1, provinceCode: "44", siteSequence: site, year: 2026, level: .level4, serial: 1)
        }
    }

    @Test("year outside 2000-2099", arguments: [1999, 2100, 26])
    func yearOutOfRange(_ year: Int) {
        #expect(throws: Rejection(
            "证书编号的发证年份应为 2000-2099（编号只记后两位），实际为 \(year)",
            "the year of issue must be 2000-2099 (the number keeps two digits), found \(year)")) {
            try CertificateNumber(bodyKind: .employer, bodyCode: 1, provinceCode: "44", siteSequence: 1, year: year, level: .level4, serial: 1)
        }
    }

    @Test("grades outside the five national levels", arguments: [SkillLevel.apprentice, .specialTechnician, .chiefTechnician])
    func levelWithoutNationalDigit(_ level: SkillLevel) {
        #expect(throws: Rejection(
            "证书等级应为五级至一级，\(level.chineseName)没有国家职业技能等级证书编号",
            "a certificate level is one of levels 5 to 1; \(level.englishName) has no national certificate number")) {
            try CertificateNumber(bodyKind: .employer, bodyCode: 1, provinceCode: "44", siteSequence: 1, year: 2026, level: level, serial: 1)
        }
    }

    @Test("serial out of range", arguments: [0, 1_000_000])
    func serialOutOfRange(_ serial: Int) {
        #expect(throws: Rejection(
            "证书编号的流水号应为 000001-999999，实际为 \(serial)",
            "the serial number must be 000001-999999, found \(serial)")) {
            try CertificateNumber(bodyKind: .employer, bodyCode: 1, provinceCode: "44", siteSequence: 1, year: 2026, level: .level4, serial: serial)
        }
    }
}
