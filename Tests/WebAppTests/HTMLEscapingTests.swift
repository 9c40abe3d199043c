import Foundation
import Testing
@testable import WebApp

/// Every value a page prints is escaped byte by byte (`HTMLEscaping`): the five characters
/// replaced, everything else kept, and a quote followed by a combining mark escaped too, on a
/// page's own lines and inside a partial.
@Suite struct HTMLEscapingTests {
    /// Compared code unit by code unit: `String.contains` compares characters, and a quote
    /// followed by a combining mark is not the character `"`.
    static func holds(_ body: String, _ text: String) -> Bool { body.range(of: text, options: .literal) != nil }

    @Test func theFiveCharactersAreReplacedAndEverythingElseKept() {
        #expect(HTMLEscaping.escaped("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTMLEscaping.escaped("a & b \"c\" 'd'") == "a &amp; b &quot;c&quot; &#39;d&#39;")
        #expect(HTMLEscaping.escaped("{{x}} 陈𠈌 é 0760-888") == "{{x}} 陈𠈌 é 0760-888")
        #expect(HTMLEscaping.escaped("") == "")
        #expect(HTMLEscaping.escaped("\"\u{338}<\u{301}&") == "&quot;\u{338}&lt;\u{301}&amp;")
    }

    /// `"` followed by U+0338 is one `Character`; swift-mustache's own escaping looked it up
    /// whole, did not find it and printed a bare quote that ends the attribute in a browser.
    @Test func aQuoteFollowedByACombiningMarkCannotEndAnAttribute() async throws {
        let hostile = "\"\u{338} autofocus onfocus=alert(1) x=\""
        let escaped = "&quot;\u{338} autofocus onfocus=alert(1) x=&quot;"
        let world = try WebWorld()
        defer { world.remove() }
        try await world.withBrowser { browser in
            try await browser.signInFirstTime("admin")
            // On the page's own lines: the audit filter's key, shown back in its field (beside the
            // refusal of its invisible character).
            let query = hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let audit = try await browser.get("/audit?key=\(query)")
            #expect(Self.holds(audit.body, "value=\"\(escaped)\""))
            #expect(!Self.holds(audit.body, "value=\"\"\u{338}"))
            // Inside a partial (`field`): the institution form's name, shown back when refused.
            try await browser.get("/institutions/new")
            var typed = InstitutionFormWebTests.evaluationBody
            typed["credit_code"] = "91440101MA5CJQ4NO9"
            typed["name"] = hostile
            let refused = try await browser.post("/institutions", typed)
            #expect(refused.status == .badRequest)
            #expect(Self.holds(refused.body, "name=\"name\" type=\"text\" value=\"\(escaped)\""))
            #expect(!Self.holds(refused.body, "value=\"\"\u{338}"))
        }
    }

    /// A partial starts again from swift-mustache's own escaping, so every template that is not a
    /// page inside the layout (which carries the pragma) must ask for this one itself.
    @Test func everyTemplateEscapesThroughHTMLEscaping() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/WebApp/Templates").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        #expect(names.count > 30)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("{{<layout}}") || text.hasPrefix("{{% CONTENT_TYPE: HTML}}"),
                    "\(name) neither sits in the layout nor asks for CONTENT_TYPE: HTML")
        }
    }
}
