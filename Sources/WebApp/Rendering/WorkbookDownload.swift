import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import Services
import Store

/// The name a downloaded workbook (or PDF) is saved under: Chinese for the user, with an ASCII
/// name for the rare client that cannot read `filename*` (both without `.xlsx` or `.pdf`, which
/// is added).
struct DownloadName: Sendable {
    let chinese: String
    let ascii: String
    var format: DownloadFormat = .workbook

    /// `attachment; filename="audit-trail.xlsx"; filename*=UTF-8''%E5%AE%A1…%95.xlsx` (RFC 6266,
    /// RFC 5987): quotes, slashes and other characters a header or a file system would misread
    /// never reach either name.
    var contentDisposition: String {
        let fallback = String(ascii.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
        let encoded = (chinese + "." + format.fileExtension).addingPercentEncoding(withAllowedCharacters: Self.attributeCharacters) ?? ""
        return "attachment; filename=\"\(fallback.isEmpty ? "download" : fallback).\(format.fileExtension)\"; filename*=UTF-8''\(encoded)"
    }

    /// RFC 5987's attr-char: ASCII letters and digits and a few marks; everything else is %XX.
    private static let attributeCharacters = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")
}

/// What a download is: an Excel workbook or a PDF to print.
enum DownloadFormat: Sendable {
    case workbook
    case pdf

    var fileExtension: String {
        switch self {
        case .workbook: "xlsx"
        case .pdf: "pdf"
        }
    }

    var contentType: String {
        switch self {
        case .workbook: WebApp.workbookType
        case .pdf: "application/pdf"
        }
    }
}

/// Workbook downloads (导出 Excel), and PDFs the same way: the workbook is written into a temporary file on the Store's
/// threads (never on an event loop), then streamed to the browser in chunks read on NIO's thread
/// pool, so that neither a city's audit trail nor its workbook sits in memory. The file's name
/// is removed as soon as it is open: nothing is left behind whether the browser takes it all,
/// goes away half-way or never starts.
///
/// From a list route, the same rows as the page, every page of them:
///
///     let actor = try context.signedIn.user
///     return try await listingDownload(Self.institutionsLayout, name: DownloadName(chinese: "机构", ascii: "institutions"),
///                                      rows: { store in .pages { page in try InstitutionDirectory(store: store).list(actor: actor, page: page) } })
extension WebApp {
    static let workbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The rows of a listing as a workbook download. `rows` gets the Store on its own thread and
    /// names the rows: `.pages { … }` over a paged Services listing, or `.stream { … }` over a
    /// Store read that hands rows over one at a time. The rows are the listing's, already masked.
    func listingDownload<Row>(_ layout: ListingLayout<Row>, name: DownloadName, details: [String] = [],
                              rows: @escaping @Sendable (Store) -> ListingRows<Row>) async throws -> Response {
        try await workbookDownload(name: name) { store, cancellation, url in
            _ = try ListingExport.write(layout, details: details, rows: rows(store), cancellation: cancellation, to: { url })
        }
    }

    /// Any workbook as a download: `write` puts it at the URL it is given, on a Store thread. A
    /// refusal it throws (a `StoreError`) becomes the usual 403 or 404 page, and no file is left.
    func workbookDownload(name: DownloadName,
                          write: @escaping @Sendable (Store, Cancellation, URL) throws -> Void) async throws -> Response {
        let file = try await threads.run { store, cancellation -> WrittenFile in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-download-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let url = folder.appendingPathComponent("download.\(name.format.fileExtension)")
            try write(store, cancellation, url)
            // Open, then let the folder go: the bytes stay readable through the handle until it closes.
            let handle = try FileHandle(forReadingFrom: url)
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: 0)
            return WrittenFile(handle: handle, size: Int(size))
        }
        let body = ResponseBody(contentLength: file.size) { writer in
            defer { try? file.handle.close() }
            while true {
                let chunk = try await NIOThreadPool.singleton.runIfActive { try file.handle.read(upToCount: 128 * 1024) ?? Data() }
                if chunk.isEmpty { break }
                try await writer.write(ByteBuffer(data: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [
            .contentType: name.format.contentType,
            .contentDisposition: name.contentDisposition,
            // Personal data, even masked, stays out of shared caches.
            .cacheControl: "private, no-store",
        ], body: body)
    }
}

/// A written workbook, open for reading, its name already gone.
private struct WrittenFile: Sendable {
    let handle: FileHandle
    let size: Int
}
