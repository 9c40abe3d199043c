import Mustache

/// A page's values as the templates read them: each struct made once into a dictionary of its
/// properties, nested values too.
///
/// swift-mustache finds a name in a struct by reflecting the whole struct (a `Mirror`) every
/// time it looks the name up: each `{{field}}` of each of fifty rows, and each struct passed on
/// the way up the context to a name it does not hold. That was two thirds of the server's time
/// for the audit trail's page. A dictionary answers the same look-up by hashing, and the
/// templates see the same names and values: a nil property is left out, as a `Mirror` look-up
/// finds nothing there either, and the look-up goes on up the context in both cases.
enum TemplateValues {
    static func converted(_ value: Any) -> Any? {
        switch value {
        // The values templates print, and what swift-mustache already treats specially.
        case is String, is Int, is Int64, is Bool, is Double, is Substring,
             is any MustacheParent, is any MustacheCustomRenderable, is any MustacheCustomRepresentation, is MustacheLambda:
            return value
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { converted($0.value) }
        case .struct, .class, .tuple:
            // A value with a text of its own (a credit code, a date, a decimal) is printed as that
            // text, as swift-mustache prints it; made into a dictionary it would print its insides.
            // (Asked of structs only: arrays have a text of their own too.)
            if value is any CustomStringConvertible { return value }
            var properties: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, let property = converted(child.value) else { continue }
                properties[label] = property
            }
            return properties
        case .collection:
            return mirror.children.compactMap { converted($0.value) }
        default:
            return value
        }
    }
}
