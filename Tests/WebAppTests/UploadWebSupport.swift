import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Intake
@testable import Store
@testable import WebApp

/// The classes of `CohortWorld` with a server whose uploads go to a work folder the test can
/// look into, under a limit the test chooses.
struct UploadWorld: Sendable {
    let cohorts: CohortWorld
    var world: WebWorld { cohorts.world }
    var store: Store { cohorts.store }
    var own: Int64 { cohorts.own.id! }
    var other: Int64 { cohorts.other.id! }
    /// The server's work directory; uploads go to `uploads/<id>` inside it.
    var work: URL { world.folder.appendingPathComponent("work") }

    init() throws {
        cohorts = try CohortWorld()
    }

    func remove() { cohorts.remove() }

    /// The upload folders on disk right now.
    var uploadFolders: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("uploads").path)) ?? []
    }

    func withBrowser(limitBytes: Int = WebServer.Options.defaultUploadLimitBytes,
                     _ test: @escaping @Sendable (Browser) async throws -> Void) async throws {
        let app = try await WebServer.application(
            store: store, accounts: WebWorld.accounts,
            options: .init(host: "127.0.0.1", port: 0, uploadLimitBytes: limitBytes, workDirectory: work),
            log: world.log.requestLog)
        try await app.test(.router) { client in try await test(Browser(client: client)) }
    }

    /// The enrolled trainees of a class: (name, whole national ID, hours).
    func trainees(_ cohortId: Int64) throws -> [(name: String, id: String, hours: Int)] {
        try store.cohortTrainees(cohortId: cohortId, actor: world.admin, page: .all).rows
            .map { ($0.name, $0.nationalId, $0.hoursTenths) }
    }

    func auditActions(_ cohortId: Int64) throws -> [String] {
        try store.auditEvents(actor: world.admin, entity: "cohorts", key: String(cohortId), page: .all).rows.map(\.action)
    }

    /// Keeps the database's writer busy until `release` is called: an import's check (which
    /// runs in a write transaction it rolls back) waits meanwhile, while reads go on.
    func holdWriter() -> WriterHold {
        let hold = WriterHold()
        let writer = store.writer
        let thread = Thread {
            try? writer.write { _ in
                hold.holding.signal()
                hold.release.wait()
            }
            hold.done.signal()
        }
        thread.start()
        hold.holding.wait()
        return hold
    }
}

final class WriterHold: Sendable {
    let holding = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let done = DispatchSemaphore(value: 0)

    func let_go() {
        release.signal()
        done.wait()
    }
}

/// Lists as a clerk's Excel saves them.
enum UploadLists {
    static let header = "序号,姓名,身份证号,手机号码\n"

    /// `rows` of (name, ID sequence or a whole ID text, phone).
    static func csv(_ rows: [(String, String, String)]) -> String {
        header + rows.enumerated().map { "\($0.offset + 1),\($0.element.0),\($0.element.1),\($0.element.2)\n" }.joined()
    }

    static func id(_ n: Int) -> String { CohortWorld.nationalId(n) }

    /// The same ID with a wrong check character.
    static func badCheck(_ n: Int) -> String {
        let good = id(n)
        return String(good.dropLast()) + (good.last == "1" ? "2" : "1")
    }

    /// Four rows: rows 2 and 5 good; row 3's ID has a wrong check character; row 4 has no name.
    static var twoBad: String {
        csv([("陈一", id(1), "13800130001"), ("李二", badCheck(2), "13800130002"),
             ("", id(3), "13800130003"), ("王四", id(4), "13800130004")])
    }

    /// `text` in GB18030, as Excel's plain "CSV" saves it on Chinese Windows.
    static func gb18030(_ text: String) throws -> [UInt8] {
        let converter = iconv_open("GB18030", "UTF-8")
        guard Int(bitPattern: converter) != -1 else { throw CocoaError(.featureUnsupported) }
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 16)
        var inLeft = input.count, outLeft = output.count
        let capacity = output.count
        let result = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            }
        }
        guard result != -1 else { throw CocoaError(.fileWriteInapplicableStringEncoding) }
        return output.prefix(capacity - outLeft).map { UInt8(bitPattern: $0) }
    }
}

extension Browser {
    /// Posts `bytes` as the file of a page's upload form (the `_csrf` field first, as the page
    /// has it, unless `tokenAfterFile`), from the page last shown.
    @discardableResult
    func upload(_ path: String, fileName: String, bytes: [UInt8], token: FormToken = .fromPage, tokenAfterFile: Bool = false) async throws -> Page {
        let boundary = "----SkillCertTestBoundary7MA4YWxk"
        var tokenPart: [UInt8] = []
        let tokenValue: String?
        switch token {
        case .fromPage: tokenValue = formToken
        case .given(let given): tokenValue = given
        case .none: tokenValue = nil
        }
        if let tokenValue {
            tokenPart = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(tokenValue)\r\n".utf8)
        }
        let filePart = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
            + bytes + Array("\r\n".utf8)
        let body = (tokenAfterFile ? filePart + tokenPart : tokenPart + filePart) + Array("--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [:]
        headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        headers[.contentLength] = String(body.count)
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        return Page(status: response.status, location: response.headers[.location], body: String(buffer: response.body),
                    headers: response.headers)
    }

    /// Shows the upload's page until its check (or recording) is done, as the page's refresh would.
    @discardableResult
    func waitForUpload(_ path: String) async throws -> Page {
        for _ in 0..<400 {
            let page = try await get(path)
            if page.headers[.init("Refresh")!] == nil { return page }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the upload at \(path) did not finish")
        return try await get(path)
    }
}
