import Testing
@testable import Store

/// The range that stands for "begins with": its upper bound is the first text after every text
/// that begins with the prefix.
@Suite struct TextPrefixTests {
    @Test func theBoundIsThePrefixWithItsLastCharacterStepped() {
        #expect(TextPrefix(prefix: "陈").upperBound == "陉")
        #expect(TextPrefix(prefix: "陈伟").upperBound == "陈传")
        #expect(TextPrefix(prefix: "Chen").upperBound == "Cheo")
        #expect(TextPrefix(prefix: "𠈌").upperBound == "𠈍")
    }

    @Test func theSurrogatesAndTheLastCharacterAreSteppedOver() {
        #expect(TextPrefix(prefix: "a\u{D7FF}").upperBound == "a\u{E000}")
        #expect(TextPrefix(prefix: "a\u{10FFFF}").upperBound == "b")
        #expect(TextPrefix(prefix: "\u{10FFFF}\u{10FFFF}").upperBound == nil)
        #expect(TextPrefix(prefix: "\u{10FFFF}").condition(on: "name").sql == "name >= ?")
    }

    /// Every text that begins with the prefix sorts inside the range, byte by byte as SQLite
    /// compares, and the texts around it outside.
    @Test func exactlyTheTextsThatBeginWithThePrefixFallInTheRange() throws {
        let prefix = TextPrefix(prefix: "陈伟")
        let bound = try #require(prefix.upperBound)
        func inRange(_ text: String) -> Bool {
            Array(text.utf8).lexicographicallyPrecedes(Array(prefix.prefix.utf8)) == false
                && Array(text.utf8).lexicographicallyPrecedes(Array(bound.utf8))
        }
        for text in ["陈伟", "陈伟强", "陈伟\u{10FFFF}", "陈伟𠈌"] { #expect(inRange(text), "\(text)") }
        for text in ["陈", "陈伞", "陈传", "陈传明", "陉", "李陈伟", ""] { #expect(!inRange(text), "\(text)") }
    }
}
