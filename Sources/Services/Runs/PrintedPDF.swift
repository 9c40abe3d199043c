import Foundation

/// A PDF a print run wrote, and how many pages (tickets, certificates) it holds.
public struct PrintedPDF: Sendable, Equatable {
    public let file: URL
    public let pages: Int

    public init(file: URL, pages: Int) {
        self.file = file
        self.pages = pages
    }
}
