import Foundation
import Store

/// The line under a table: how many rows in all, which are shown, and links to other pages.
struct PagingView {
    let total: Int
    let first: Int
    let last: Int
    let number: Int
    let pageCount: Int
    let previous: String?
    let next: String?
    let pages: [PageLink]
    /// More than one page: only then are positions and links shown.
    let several: Bool

    struct PageLink {
        let number: Int
        let href: String
        let current: Bool
    }

    /// `path` with `filters` (already in the query) and a page number.
    init<Row>(_ page: Page<Row>, path: String, filters: [(String, String)]) {
        total = page.total
        first = page.firstPosition
        last = page.lastPosition
        number = page.request.number
        pageCount = page.pageCount
        several = page.pageCount > 1
        func href(_ number: Int) -> String { Self.href(path, filters + [("page", String(number))]) }
        let current = page.request.number, count = page.pageCount
        previous = current > 1 ? href(current - 1) : nil
        next = page.hasMore ? href(current + 1) : nil
        // The first, the last, and a few around the current one.
        let shown = Set([1, count] + Array(max(1, min(count, current - 2))...min(count, max(1, current + 2))))
        pages = shown.sorted().map { PageLink(number: $0, href: href($0), current: $0 == current) }
    }

    /// `path` with `query` (names and values, each percent-encoded): a page link, or a
    /// download of the same filter.
    static func href(_ path: String, _ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return path }
        return path + "?" + query
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")" }
            .joined(separator: "&")
    }

    /// RFC 3986's unreserved characters: everything else, Chinese included, is sent as %XX.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The page number asked for in the query; anything but a positive number is the first.
    static func requestedPage(_ text: String?) -> Int {
        guard let text, let number = Int(text), number >= 1 else { return 1 }
        return number
    }
}
