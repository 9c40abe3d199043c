import Mustache

/// A piece of a page made in Swift, for the large repeated parts that swift-mustache renders
/// slowly: a table's fifty rows, where it looks every name up with dynamic casts at each level
/// of its context (half of the server's time on the audit trail's page).
///
/// Escaping cannot be forgotten: markup is only ever literal text written in the source (a
/// `StaticString`, which no request can make), every value interpolated into it is escaped by
/// `HTMLEscaping` like a template's `{{value}}`, and a fragment interpolated into another is kept
/// as made. So `"<td>\(name)</td>" as HTML` shows a name `<script>` as text.
///
/// A template prints a fragment with `{{{…HTML}}}`, swift-mustache's unescaped form, which the
/// templates may use only for names ending in `HTML` (`HTMLTests.templatesPrintUnescapedOnlyFragments`); a fragment with no
/// text counts as empty for `{{^…HTML}}`.
struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, MustacheCustomRenderable, CustomStringConvertible {
    private(set) var text: String

    init() { text = "" }

    init(stringLiteral literal: StaticString) {
        text = literal.description
    }

    init(stringInterpolation: Interpolation) {
        text = stringInterpolation.text
    }

    /// The fragments one after another.
    init(joining fragments: some Sequence<HTML>) {
        text = fragments.reduce(into: "") { $0 += $1.text }
    }

    struct Interpolation: StringInterpolationProtocol {
        fileprivate var text = ""

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 24)
        }

        /// The markup around the values: literal text from the source.
        mutating func appendLiteral(_ literal: StaticString) {
            text += literal.description
        }

        mutating func appendInterpolation(_ value: String) {
            text += HTMLEscaping.escaped(value)
        }

        /// Digits and a minus sign need no escaping.
        mutating func appendInterpolation<Number: BinaryInteger>(_ value: Number) {
            text += String(value)
        }

        mutating func appendInterpolation(_ fragment: HTML) {
            text += fragment.text
        }
    }

    /// What a template of the library renders, which escapes every value as any page does:
    /// for a part of every page that is the same each time (the menu), rendered once.
    static func rendered(_ template: String, with values: Any, by library: MustacheLibrary) -> HTML? {
        library.render(values, withTemplate: template).map { HTML(text: $0) }
    }

    private init(text: String) {
        self.text = text
    }

    var renderText: String { text }
    var isNull: Bool { text.isEmpty }
    var description: String { text }
}
