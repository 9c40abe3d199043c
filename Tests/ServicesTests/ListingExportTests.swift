import Foundation
import Testing
import Domain
import Spreadsheet
import Store
@testable import Services

/// The generic 导出 Excel: every page of a listing (not only the one on screen) in a workbook,
/// read a page at a time; the audit trail's snapshots masked at any depth.
@Suite struct ListingExportTests {
    struct Trainee {
        let name: String
        let hours: Int
    }

    static let layout = ListingLayout<Trainee>(title: "学员 Trainees", sheetName: "学员 Trainees", columns: [
        .text("姓名 Name") { $0.name },
        .integer("学时 Hours") { $0.hours },
    ])

    /// A paged listing of `count` trainees that notes which pages were asked for.
    final class PagedListing {
        let trainees: [Trainee]
        var requested: [PageRequest] = []

        init(count: Int) { trainees = (1...count).map { Trainee(name: "学员\($0)", hours: $0) } }

        func page(_ request: PageRequest) -> Page<Trainee> {
            requested.append(request)
            let size = request.size ?? trainees.count
            let start = min((request.number - 1) * size, trainees.count)
            return Page(rows: Array(trainees[start..<min(start + size, trainees.count)]), total: trainees.count, request: request)
        }
    }

    @Test func everyPageOfTheListingIsWrittenAPageAtATime() throws {
        let listing = PagedListing(count: 7)
        let url = temporaryWorkbook("trainees.xlsx")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let written = try ListingExport.write(Self.layout, details: ["全部 All"], rows: .pages(size: 3) { listing.page($0) },
                                              to: { try prepared(url) })
        #expect(written.lines == 7 && written.file == url)
        #expect(listing.requested == [PageRequest(number: 1, size: 3), PageRequest(number: 2, size: 3), PageRequest(number: 3, size: 3)])
        let rows = try XLSXReader(url: url).rows(sheet: "学员 Trainees")
        #expect(rows.map { $0.cells.map(\.value) } == [["学员 Trainees"], ["全部 All"], ["姓名 Name", "学时 Hours"]]
                + (1...7).map { ["学员\($0)", String($0)] })
    }

    @Test func aStreamedListingAndAnEmptyOneAreWrittenToo() throws {
        let url = temporaryWorkbook("trainees.xlsx")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let streamed = try ListingExport.write(Self.layout, rows: .stream { each in
            try each(Trainee(name: "=陈大文", hours: 80))
        }, to: { try prepared(url) })
        #expect(streamed.lines == 1)
        #expect(try workbookText(url).contains("=陈大文|80"))
        let empty = try ListingExport.write(Self.layout, rows: .stream { _ in },
                                            to: { try prepared(url) })
        #expect(empty.lines == 0)
    }

    @Test func aCancelledDownloadStopsAndLeavesNoFile() throws {
        let url = temporaryWorkbook("trainees.xlsx")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let cancellation = Cancellation()
        cancellation.cancel()
        #expect(throws: CancellationError.self) {
            try ListingExport.write(Self.layout, rows: .pages { PagedListing(count: 5).page($0) }, cancellation: cancellation,
                                    to: { try prepared(url) })
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func aListingThatFailsHalfWayLeavesNoFile() throws {
        struct Broken: Error {}
        let url = temporaryWorkbook("trainees.xlsx")
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        #expect(throws: Broken.self) {
            try ListingExport.write(Self.layout, rows: .stream { each in
                try each(Trainee(name: "陈大文", hours: 1))
                throw Broken()
            }, to: { try prepared(url) })
        }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func snapshotsAreMaskedAtAnyDepthAndInLists() {
        let masked = AuditView.masked(#"""
            {"registration":{"national_id":"440524188001010014","person_id":7},"persons":[{"phone":"13800138000","name":"陈大文"}],
             "holder_national_id":"11010519491231002X","contact_phone":"0760-88881234","phones":["13900139000"],"ticket":"2026001","birth_date":"1880-01-01"}
            """#)
        #expect(masked.contains(#""national_id":"440524********0014""#) && masked.contains(#""holder_national_id":"110105********002X""#))
        #expect(masked.contains(#""phone":"138****8000""#) && masked.contains(#""phones":["139****9000"]"#))
        #expect(masked.contains(#""contact_phone":"076*-****1234""#) && masked.contains(#""birth_date":"****-**-**""#))
        #expect(masked.contains(#""ticket":"2026001""#) && masked.contains(#""person_id":7"#) && masked.contains("陈大文"))
        for whole in ["440524188001010014", "11010519491231002X", "13800138000", "13900139000", "88881234", "1880-01-01"] {
            #expect(!masked.contains(whole), "\(whole)")
        }
        // A list at the top (a catalog sync's changes) is read too; text that is not JSON stays as it is.
        #expect(AuditView.masked(#"[{"phone":"13800138000"}]"#) == #"[{"phone":"138****8000"}]"#)
        #expect(AuditView.masked("not json 13800138000") == "not json 13800138000")
    }
}
