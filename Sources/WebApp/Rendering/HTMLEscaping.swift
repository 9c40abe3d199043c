import Mustache

/// The HTML escaping of every value a page prints: `<`, `>`, `&`, `"` and `'` replaced, byte by
/// byte over the text's UTF-8.
///
/// swift-mustache's own escaping looks each `Character` up in a dictionary. That cost a third of
/// the server's time on the audit trail's page (fifty rows of JSON snapshots), and it misses a
/// quote or bracket that a combining mark follows (`"` + U+0338 is one `Character`, so it went
/// out as a bare `"`, which ends an attribute in the browser's eyes). Bytes of multi-byte UTF-8
/// sequences are never ASCII, so replacing the five ASCII bytes wherever they are is exact.
///
/// Templates ask for it with `{{% CONTENT_TYPE: HTML}}` on their first line (the layout and
/// every partial: a partial starts again from swift-mustache's default); `register()` makes
/// that name this escaping, before the templates are read.
struct HTMLEscaping: MustacheContentType {
    static func register() {
        MustacheContentTypes.register(HTMLEscaping(), named: "HTML")
    }

    func escapeText(_ text: String) -> String { Self.escaped(text) }

    static func escaped(_ text: String) -> String {
        let bytes = text.utf8
        guard bytes.contains(where: { replacement(for: $0) != nil }) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 32)
        for byte in bytes {
            if let replacement = replacement(for: byte) {
                escaped.append(contentsOf: replacement)
            } else {
                escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static let lessThan = Array("&lt;".utf8), greaterThan = Array("&gt;".utf8), ampersand = Array("&amp;".utf8),
                       quote = Array("&quot;".utf8), apostrophe = Array("&#39;".utf8)

    private static func replacement(for byte: UInt8) -> [UInt8]? {
        switch byte {
        case UInt8(ascii: "<"): lessThan
        case UInt8(ascii: ">"): greaterThan
        case UInt8(ascii: "&"): ampersand
        case UInt8(ascii: "\""): quote
        case UInt8(ascii: "'"): apostrophe
        default: nil
        }
    }
}
