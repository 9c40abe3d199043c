import Foundation
import Testing
import Hummingbird
import HummingbirdTesting
import Domain
import Services
@testable import Store
@testable import WebApp

/// Behind nginx every connection comes from nginx. With `--trusted-proxy` the server takes the
/// client's address from `X-Forwarded-For` (the rightmost hop that is not a trusted proxy), for
/// the sign-in throttle and the log; from anyone else the header is ignored, so a client cannot
/// escape the throttle by writing the header itself.
@Suite struct ProxyWebTests {
    static let proxies = TrustedProxies(["127.0.0.1", "10.0.0.2"])

    @Test(arguments: [
        (nil, [], nil),
        ("127.0.0.1", [], "127.0.0.1"),
        ("127.0.0.1", ["203.0.113.7"], "203.0.113.7"),
        // The client wrote a header of its own; nginx appended the address it saw.
        ("127.0.0.1", ["1.1.1.1, 203.0.113.7"], "203.0.113.7"),
        ("127.0.0.1", ["1.1.1.1", "203.0.113.7"], "203.0.113.7"),
        // Two trusted proxies in a row.
        ("127.0.0.1", ["203.0.113.7, 10.0.0.2"], "203.0.113.7"),
        ("127.0.0.1", ["  203.0.113.7 ,10.0.0.2 "], "203.0.113.7"),
        // From a peer that is no trusted proxy the header counts for nothing.
        ("198.51.100.9", ["203.0.113.7"], "198.51.100.9"),
        ("198.51.100.9", ["127.0.0.1"], "198.51.100.9"),
        // What no proxy writes stops the walk at the last address known.
        ("127.0.0.1", ["not-an-address"], "127.0.0.1"),
        ("127.0.0.1", ["203.0.113.7, not-an-address"], "127.0.0.1"),
        ("127.0.0.1", ["not-an-address, 203.0.113.7"], "203.0.113.7"),
        ("127.0.0.1", [""], "127.0.0.1"),
        // A dual-stack listener, IPv6 clients, ports some proxies add.
        ("::ffff:127.0.0.1", ["203.0.113.7"], "203.0.113.7"),
        ("127.0.0.1", ["2001:DB8::1"], "2001:db8::1"),
        ("127.0.0.1", ["203.0.113.7:51234"], "203.0.113.7"),
        ("127.0.0.1", ["[2001:db8::1]:443"], "2001:db8::1"),
        // Every hop trusted: the farthest one.
        ("127.0.0.1", ["10.0.0.2"], "10.0.0.2"),
    ] as [(String?, [String], String?)])
    func theClientIsTheRightmostHopThatIsNoTrustedProxy(_ peer: String?, _ forwardedFor: [String], _ client: String?) {
        #expect(Self.proxies.clientAddress(peer: peer, forwardedFor: forwardedFor) == client)
    }

    @Test func withoutTrustedProxiesTheHeaderIsIgnored() {
        #expect(TrustedProxies.none.clientAddress(peer: "127.0.0.1", forwardedFor: ["203.0.113.7"]) == "127.0.0.1")
        #expect(TrustedProxies.none.isEmpty)
    }

    @Test func aTrustedProxyIsAnIPAddress() throws {
        #expect(try TrustedProxies.address("127.0.0.1") == "127.0.0.1")
        #expect(try TrustedProxies.address(" ::1 ") == "::1")
        #expect(try TrustedProxies.address("::ffff:10.0.0.1") == "10.0.0.1")
        for bad in ["nginx", "127.0.0.1/8", "", "256.0.0.1", "127.0.0.1:8080"] {
            #expect(throws: Rejection("应为 IP 地址，如 127.0.0.1 或 ::1", "must be an IP address, e.g. 127.0.0.1 or ::1"), "\(bad)") {
                try TrustedProxies.address(bad)
            }
        }
    }

    // MARK: A live server on loopback: the connection's address is real

    static let loopback: Set<String> = ["127.0.0.1", "::1"]

    func withServer(trusting proxies: [String], world: WebWorld, _ test: @escaping @Sendable (SignInClient) async throws -> Void) async throws {
        let app = try await WebServer.application(
            store: world.store, accounts: WebWorld.accounts,
            options: .init(host: "127.0.0.1", port: 0, trustedProxies: TrustedProxies(proxies)), log: world.log.requestLog)
        try await app.test(.live) { client in try await test(SignInClient(client: client)) }
    }

    /// The addresses the request log shows.
    func loggedAddresses(_ world: WebWorld) -> Set<String> {
        Set(world.log.lines.map { String($0.split(separator: " ")[1]) })
    }

    func lockedAddresses(_ world: WebWorld) throws -> [String] {
        try world.store.auditEvents(actor: world.admin, entity: "sign_in_addresses", page: .all).rows.map(\.entityKey)
    }

    @Test func aSpoofedHeaderFromAnUntrustedPeerDoesNotEscapeTheThrottle() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await withServer(trusting: [], world: world) { browser in
            for attempt in 1...20 {
                let status = try await browser.signIn("guess\(attempt)", "wrong-password-x", forwardedFor: "203.0.113.\(attempt)")
                #expect(status == .unauthorized)
            }
            let status = try await browser.signIn("admin", WebWorld.initialPassword, forwardedFor: "198.51.100.77")
            #expect(status == .tooManyRequests, "twenty failures from one connection's address, whatever the header said")
        }
        #expect(loggedAddresses(world).isSubset(of: Self.loopback), "\(loggedAddresses(world))")
        let locked = try lockedAddresses(world)
        #expect(!locked.isEmpty && locked.allSatisfy(Self.loopback.contains), "\(locked)")
        #expect(!world.log.lines.joined().contains("203.0.113."))
    }

    @Test func behindATrustedProxyEachClientHasItsOwnThrottleAndLogLine() async throws {
        let world = try WebWorld()
        defer { world.remove() }
        try await withServer(trusting: Array(Self.loopback), world: world) { (browser: SignInClient) async throws in
            for attempt in 1...20 {
                #expect(try await browser.signIn("guess\(attempt)", "wrong-password-x", forwardedFor: "203.0.113.7") == .unauthorized)
            }
            #expect(try await browser.signIn("admin", WebWorld.initialPassword, forwardedFor: "203.0.113.7") == .tooManyRequests)
            // The same client writing another address before the one nginx appended is still itself.
            #expect(try await browser.signIn("admin", WebWorld.initialPassword, forwardedFor: "198.51.100.1, 203.0.113.7")
                    == .tooManyRequests)
            // Another client behind the same proxy signs in.
            #expect(try await browser.signIn("admin", WebWorld.initialPassword, forwardedFor: "203.0.113.8") == .seeOther)
        }
        #expect(loggedAddresses(world) == ["203.0.113.7", "203.0.113.8"], "\(loggedAddresses(world))")
        #expect(try lockedAddresses(world) == ["203.0.113.7"])
    }
}

/// Signs in over a real connection with an `X-Forwarded-For` header of the test's choosing.
struct SignInClient: Sendable {
    let client: any TestClientProtocol

    /// Opens the sign-in page and posts its form, both carrying `forwardedFor`.
    func signIn(_ login: String, _ password: String, forwardedFor: String) async throws -> HTTPResponse.Status {
        var headers: HTTPFields = [ClientAddressMiddleware.forwardedFor: forwardedFor]
        let page = try await client.execute(uri: "/signin", method: .get, headers: headers)
        let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix(SessionCookies.signInName + "=") })
        let token = try #require(String(buffer: page.body).firstMatch(of: /name="_csrf" value="([0-9a-f]*)"/)?.1)
        headers[.cookie] = String(cookie.split(separator: ";")[0])
        headers[.contentType] = "application/x-www-form-urlencoded"
        let form = "login=\(login)&password=\(password)&_csrf=\(token)"
        return try await client.execute(uri: "/signin", method: .post, headers: headers, body: ByteBuffer(string: form)).status
    }
}
