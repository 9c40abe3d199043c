import Foundation
import Reports
import Store

/// A column of a listing's workbook: its header (Chinese, then English, as on the page) and the
/// cell each row gives it.
public struct ListingColumn<Row>: Sendable {
    let column: ListingWorkbook.Column
    let cell: @Sendable (Row) -> ListingWorkbook.Cell

    /// A column of text: names, codes, IDs (already masked), dates as written.
    public static func text(_ header: String, _ value: @escaping @Sendable (Row) -> String?) -> ListingColumn {
        ListingColumn(column: .init(header, .text), cell: { .text(value($0)) })
    }

    /// A column of whole numbers, which Excel can add up.
    public static func integer(_ header: String, _ value: @escaping @Sendable (Row) -> Int?) -> ListingColumn {
        ListingColumn(column: .init(header, .integer), cell: { .integer(value($0)) })
    }
}

/// How one listing looks as a workbook: its title, sheet name and columns. An interface
/// describes it once per listing, beside the page that shows the same rows.
public struct ListingLayout<Row>: Sendable {
    public let title: String
    public let sheetName: String
    public let columns: [ListingColumn<Row>]

    public init(title: String, sheetName: String, columns: [ListingColumn<Row>]) {
        self.title = title
        self.sheetName = sheetName
        self.columns = columns
    }
}

/// Where a listing's rows come from, one at a time: every page of a paged listing in turn, or a
/// read that streams them. Either way no more than a page is held in memory.
///
/// The rows are the ones the listing shows, so personal data in them is already masked by the
/// Services listing (or Store read) that produced them.
public struct ListingRows<Row> {
    let feed: (_ each: (Row) throws -> Void) throws -> Void

    /// Every page of a listing, `size` rows at a time, until the last: the same listing a page
    /// shows fifty rows of, all of it.
    public static func pages(size: Int = 1_000, _ page: @escaping (PageRequest) throws -> Page<Row>) -> ListingRows {
        ListingRows { each in
            var number = 1
            while true {
                let rows = try page(PageRequest(number: number, size: size))
                for row in rows.rows { try each(row) }
                guard rows.hasMore, !rows.rows.isEmpty else { return }
                number += 1
            }
        }
    }

    /// A read that hands its rows over one at a time (`Store.eachAuditEvent` and the like), for
    /// listings too long to page through by offset.
    public static func stream(_ feed: @escaping (_ each: (Row) throws -> Void) throws -> Void) -> ListingRows {
        ListingRows(feed: feed)
    }
}

/// Writes a listing's rows, every one the filter selects and not only the page on screen, as a
/// workbook (`ListingWorkbook`): the 导出 Excel of every table.
public enum ListingExport {
    /// Writes `rows` laid out as `layout`, with `details` (what the filter was) under the title.
    /// A cancelled `cancellation` (the browser went away) stops the writing and leaves no file.
    public static func write<Row>(_ layout: ListingLayout<Row>, details: [String] = [], rows: ListingRows<Row>,
                                  cancellation: Cancellation? = nil, to destination: ReportDestination) throws -> WrittenWorkbook {
        try write(layout, details: details, rows: rows, cancellation: cancellation, rowsPerSheet: nil, to: destination)
    }

    /// The same with a smaller sheet, so that tests see a listing go on to a second sheet.
    static func write<Row>(_ layout: ListingLayout<Row>, details: [String], rows: ListingRows<Row>, cancellation: Cancellation?,
                           rowsPerSheet: Int?, to destination: ReportDestination) throws -> WrittenWorkbook {
        let url = try destination()
        let workbook = try ListingWorkbook(title: layout.title, details: details, sheetName: layout.sheetName,
                                           columns: layout.columns.map(\.column), to: url, rowsPerSheet: rowsPerSheet)
        do {
            try rows.feed { row in
                if workbook.count.isMultiple(of: 1_000) { try cancellation?.check() }
                try workbook.append(layout.columns.map { $0.cell(row) })
            }
            try workbook.finish()
        } catch {
            workbook.abandon()
            throw error
        }
        return WrittenWorkbook(file: url, lines: workbook.count)
    }
}
