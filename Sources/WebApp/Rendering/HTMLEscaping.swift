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

    /// Measured first, then written once into a string of the right length: a page's fifty JSON
    /// snapshots hold hundreds of quotes each.
    static func escaped(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var added = 0
            for byte in bytes { added += extraLength(of: byte) }
            guard added > 0 else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count + added) { output in
                var at = 0
                func write(_ replacement: StaticString) {
                    replacement.withUTF8Buffer { for byte in $0 { output[at] = byte; at += 1 } }
                }
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "<"): write("&lt;")
                    case UInt8(ascii: ">"): write("&gt;")
                    case UInt8(ascii: "&"): write("&amp;")
                    case UInt8(ascii: "\""): write("&quot;")
                    case UInt8(ascii: "'"): write("&#39;")
                    default:
                        output[at] = byte
                        at += 1
                    }
                }
                return at
            }
        } ?? text
    }

    /// How many bytes longer `byte` is once escaped.
    private static func extraLength(of byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"): 3
        case UInt8(ascii: "&"), UInt8(ascii: "'"): 4
        case UInt8(ascii: "\""): 5
        default: 0
        }
    }
}
