import Testing
@testable import Domain

@Suite("Masking personal numbers")
struct MaskingTests {
    @Test("18-character IDs keep the area code and the last four", arguments: [
        ("440524188001010014", "440524********0014"), ("11010519491231002X", "110105********002X"),
        (" 440524188001010014\u{3000}", "440524********0014"),
    ])
    func eighteenCharacters(_ text: String, _ masked: String) {
        #expect(Masking.nationalID(text) == masked)
    }

    @Test("other lengths show at most the first 3 and last 2", arguments: [
        ("", ""), ("1", "*"), ("12", "**"), ("123", "1**"), ("123456", "1****6"), ("123456789", "12******9"),
        ("440524800101001", "440**********01"), ("11010519491231002", "110************02"),
        ("4405241880010100140", "440**************40"),
    ])
    func otherLengths(_ text: String, _ masked: String) {
        #expect(Masking.nationalID(text) == masked)
    }

    @Test("never more than a third shown, length kept", arguments: 0...30)
    func neverMoreThanAThird(_ length: Int) {
        let text = String(String(repeating: "123456789", count: 4).prefix(length))
        let masked = Masking.nationalID(text)
        #expect(masked.count == length)
        let shown = masked.filter { $0 != "*" }.count
        if length == 18 {
            #expect(shown == 10)
        } else {
            #expect(shown * 3 <= length)
        }
    }

    @Test("mobiles show the first 3 and last 4, however they were written", arguments: [
        "13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "8613800138000",
    ])
    func mobiles(_ text: String) {
        #expect(Masking.phone(text) == "138****8000")
    }

    @Test("other numbers keep their layout and mask digits only", arguments: [
        ("0760-88881234", "076*-****1234"), ("(020) 8888 1234", "(020) **** 1234"), ("88881234", "88****34"),
        ("0760-88881234-801", "076*-*******4-801"), ("1234567", "1****67"), ("12345", "****5"), ("1234", "****"),
        ("12", "**"), ("", ""), ("无", "无"), ("23800138000", "238****8000"),
    ])
    func otherNumbers(_ text: String, _ masked: String) {
        #expect(Masking.phone(text) == masked)
    }

    @Test func fullWidthDigitsAreMaskedToo() {
        #expect(Masking.phone("１３８００１３８０００") == "１３８****８０００")
    }

    @Test("at least 4 digits masked and at most 7 shown", arguments: 0...20)
    func phoneLimits(_ length: Int) {
        let text = String(String(repeating: "9876543210", count: 3).prefix(length))
        let masked = Masking.phone(text)
        #expect(masked.count == length)
        let hidden = masked.filter { $0 == "*" }.count
        #expect(hidden >= min(4, length))
        #expect(length - hidden <= 7)
    }
}
