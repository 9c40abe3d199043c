import Foundation

/// The fields of an `application/x-www-form-urlencoded` body: the only body a page posts.
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    init() {}

    init(urlEncoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = FormFields.decode(parts[0])
            // The first of repeated names wins, as for a single-valued field.
            if values[name] == nil { values[name] = parts.count > 1 ? FormFields.decode(parts[1]) : "" }
        }
    }

    subscript(name: String) -> String? { values[name] }

    /// The field's text, "" when absent.
    func text(_ name: String) -> String { values[name] ?? "" }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
