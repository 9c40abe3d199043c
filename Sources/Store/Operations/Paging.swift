import GRDB

/// Which rows of a listing to read: one page of `size` rows, or every row.
///
/// A page on a screen shows 50 rows and the total, never a whole city: listings read one page
/// and count the rest, so their time and memory do not grow with the number of records.
public struct PageRequest: Sendable, Equatable {
    /// Rows on a page unless the caller asks otherwise.
    public static let defaultSize = 50

    /// 1 for the first page.
    public let number: Int
    /// Rows per page; nil reads every row (`--all`, a workbook).
    public let size: Int?

    /// Page `number` (from 1) of `size` rows; numbers and sizes below 1 are taken as 1.
    public init(number: Int = 1, size: Int = PageRequest.defaultSize) {
        self.number = max(1, number)
        self.size = max(1, size)
    }

    private init(everyRow: ()) {
        number = 1
        size = nil
    }

    /// The first page of the default size.
    public static let first = PageRequest()
    /// Every row, in one page.
    public static let all = PageRequest(everyRow: ())

    /// Rows skipped before this page.
    var offset: Int { (number - 1) * (size ?? 0) }

    /// ` LIMIT ? OFFSET ?` for SQL written by hand, empty for every row.
    var sqlClause: String {
        guard let size else { return "" }
        return " LIMIT \(size) OFFSET \(offset)"
    }

    /// The listing's total for a page of `rowCount` rows: a first page shorter than a page is
    /// the whole listing, so `count` runs only when rows may lie beyond it (or before it).
    func total(forPageOf rowCount: Int, count: () throws -> Int) rethrows -> Int {
        offset == 0 && (size.map { rowCount < $0 } ?? true) ? rowCount : try count()
    }

    /// The request limited to this page.
    func apply<Record>(to request: QueryInterfaceRequest<Record>) -> QueryInterfaceRequest<Record> {
        guard let size else { return request }
        return request.limit(size, offset: offset)
    }
}

/// The rows of one page of a listing and how many rows the whole listing has.
public struct Page<Row> {
    public let rows: [Row]
    /// Rows in the whole listing, on every page.
    public let total: Int
    public let request: PageRequest

    public init(rows: [Row], total: Int, request: PageRequest) {
        self.rows = rows
        self.total = total
        self.request = request
    }

    /// Position in the whole listing of this page's first row, from 1 (0 when the page is empty).
    public var firstPosition: Int { rows.isEmpty ? 0 : request.offset + 1 }
    /// Position of this page's last row (0 when the page is empty).
    public var lastPosition: Int { rows.isEmpty ? 0 : request.offset + rows.count }
    /// How many pages of this size the listing fills (1 for an empty listing or every row).
    public var pageCount: Int {
        guard let size = request.size, total > 0 else { return 1 }
        return (total + size - 1) / size
    }
    /// True when rows exist beyond this page.
    public var hasMore: Bool { request.offset + rows.count < total }

    /// The same page with each row changed.
    public func mapRows<Other>(_ transform: (Row) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(rows: try rows.map(transform), total: total, request: request)
    }
}

extension Page: RandomAccessCollection {
    public var startIndex: Int { rows.startIndex }
    public var endIndex: Int { rows.endIndex }
    public subscript(position: Int) -> Row { rows[position] }
}

extension Page: Equatable where Row: Equatable {}
extension Page: Sendable where Row: Sendable {}

extension Store {
    /// One page of a query-interface request and the total it would give unpaged: two queries
    /// whatever the number of rows.
    func fetchPage<Record: FetchableRecord & TableRecord>(
        _ db: Database, _ request: QueryInterfaceRequest<Record>, _ page: PageRequest
    ) throws -> Page<Record> {
        let rows = try page.apply(to: request).fetchAll(db)
        return Page(rows: rows, total: try page.total(forPageOf: rows.count) { try request.fetchCount(db) }, request: page)
    }
}
