import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Intake
import Services
@testable import Store
@testable import WebApp

/// A clock the test moves by hand: idle timeouts and locks without waiting.
final class MovingClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Clock.fixed(CivilDate(year: 2026, month: 11, day: 21)!).now()

    var clock: Clock { Clock { [self] in lock.withLock { current } } }

    func advance(minutes: Double) { lock.withLock { current += minutes * 60 } }
}

/// The lines the server logged, kept for the test to read.
final class CapturedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var captured: [String] = []

    var lines: [String] { lock.withLock { captured } }
    var requestLog: RequestLog { RequestLog { [self] line in lock.withLock { captured.append(line) } } }
}

/// A database file with the bureau administrator, two training schools with a clerk each and
/// an evaluation body with an examiner, every one with an initial password.
struct WebWorld: Sendable {
    let folder: URL
    let store: Store
    let clock: MovingClock
    let log = CapturedLog()
    let admin: User
    let schoolA: Institution
    let schoolB: Institution
    let clerkA: User
    let examiner: User

    static let accounts = Accounts(bcryptCost: 4)
    static let initialPassword = "initial-pass-1"
    static let ownPassword = "my-own-pass-22"

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        clock = MovingClock()
        store = try Store.open(path: folder.appendingPathComponent("web.sqlite").path, clock: clock.clock)
        let catalogFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Catalog")
        admin = try store.initialize(catalog: try #require(CatalogReader.load(catalogFolder).catalog))
        schoolA = try store.addInstitution(NewInstitution(name: "中山市甲烹饪培训学校", kind: .training, district: "石岐街道"), actor: admin)
        schoolB = try store.addInstitution(NewInstitution(name: "中山市乙家政培训中心", kind: .training, district: "石岐街道"), actor: admin)
        let body = try store.addInstitution(NewInstitution(
            name: "中山市丙职业技能评价中心", kind: .evaluation, district: "石岐街道",
            issuer: try CertificateIssuer(bodyKind: .socialOrganisation, bodyCode: 0, provinceCode: "44", siteSequence: 123)), actor: admin)
        let accounts = WebWorld.accounts
        try accounts.setPassword(login: "admin", password: WebWorld.initialPassword, actor: admin, store: store)
        clerkA = try accounts.addUser(login: "clerk.a", name: "甲经办", role: .institution, institutionId: schoolA.id,
                                      password: WebWorld.initialPassword, actor: admin, store: store)
        examiner = try accounts.addUser(login: "exam.1", name: "考评员一", role: .examiner, institutionId: body.id,
                                        password: WebWorld.initialPassword, actor: admin, store: store)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func application(secureCookies: Bool = false) async throws -> some ApplicationProtocol {
        try await WebServer.application(store: store, accounts: WebWorld.accounts,
                                        options: .init(host: "127.0.0.1", port: 0, secureCookies: secureCookies),
                                        log: log.requestLog)
    }

    /// Runs `test` against the app in process, with a fresh browser.
    func withBrowser(secureCookies: Bool = false, _ test: @escaping @Sendable (Browser) async throws -> Void) async throws {
        let app = try await application(secureCookies: secureCookies)
        try await app.test(.router) { client in try await test(Browser(client: client)) }
    }
}

/// A browser as far as the tests need one: a cookie jar, GETs and form POSTs that carry the
/// page's `_csrf` token, and no JavaScript.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// The `_csrf` field of the last page that had a form.
    private(set) var formToken: String?
    private(set) var setCookieHeaders: [String] = []

    init(client: any TestClientProtocol) { self.client = client }

    struct Page {
        let status: HTTPResponse.Status
        let location: String?
        let body: String
        let headers: HTTPFields
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(path, method: .get, body: nil)
    }

    /// Which `_csrf` a POST carries.
    enum FormToken { case fromPage, none, given(String) }

    /// Posts `fields` with the token of the last page shown, unless told otherwise.
    @discardableResult
    func post(_ path: String, _ fields: [String: String], token: FormToken = .fromPage) async throws -> Page {
        var all = fields
        switch token {
        case .fromPage: if let formToken { all["_csrf"] = formToken }
        case .given(let given): all["_csrf"] = given
        case .none: break
        }
        let body = all.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(path, method: .post, body: body)
    }

    /// Opens the sign-in page and signs in; returns where the server sent the browser.
    @discardableResult
    func signIn(_ login: String, _ password: String) async throws -> Page {
        try await get("/signin")
        return try await post("/signin", ["login": login, "password": password])
    }

    /// Signs in with the initial password and changes it, as a first sign-in must.
    func signInFirstTime(_ login: String) async throws {
        try await signIn(login, WebWorld.initialPassword)
        try await get("/password")
        let changed = try await post("/password", ["current": WebWorld.initialPassword, "new": WebWorld.ownPassword,
                                                   "repeat": WebWorld.ownPassword])
        #expect(changed.status == .seeOther && changed.location == "/?password=changed")
    }

    private func send(_ path: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
        }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: path, method: method, headers: headers,
                                                body: body.map { ByteBuffer(string: $0) })
        for header in response.headers[values: .setCookie] {
            setCookieHeaders.append(header)
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(buffer: response.body)
        if let match = text.firstMatch(of: /name="_csrf" value="([0-9a-f]*)"/) { formToken = String(match.1) }
        return Page(status: response.status, location: response.headers[.location], body: text, headers: response.headers)
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

extension Store {
    /// Returns once the writes scheduled in the background (a session's last use) are done.
    func waitForBackgroundWrites() throws { try writer.write { _ in } }
}
