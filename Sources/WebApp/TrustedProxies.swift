import Foundation
import Domain
import NIOCore

/// The proxies (`serve --trusted-proxy ADDRESS`) whose `X-Forwarded-For` the server believes.
///
/// Behind nginx every connection comes from nginx's address, so throttling and the log would
/// count one address for the whole city. A trusted proxy appends the address it saw to
/// `X-Forwarded-For`; what it received in that header came from the client, who may write
/// anything there. So the client is the rightmost address that is not a trusted proxy's, and the
/// header counts only on a connection from a trusted proxy: from anyone else it is ignored.
public struct TrustedProxies: Sendable, Equatable {
    private let addresses: Set<String>

    /// None: `X-Forwarded-For` is never believed (the server faces the browsers itself).
    public static let none = TrustedProxies([])

    /// `addresses` as `address(_:)` reads them; anything that is not an IP address is left out.
    public init(_ addresses: [String]) {
        self.addresses = Set(addresses.compactMap(Self.canonical))
    }

    public var isEmpty: Bool { addresses.isEmpty }

    /// An IP address (IPv4 or IPv6) in the form the server compares: `::ffff:127.0.0.1` is
    /// `127.0.0.1`, `::0001` is `::1`.
    public static func address(_ text: String) throws(Rejection) -> String {
        guard let address = canonical(text) else {
            throw Rejection("应为 IP 地址，如 127.0.0.1 或 ::1", "must be an IP address, e.g. 127.0.0.1 or ::1")
        }
        return address
    }

    /// The client's address for a request that came over a connection from `peer` with these
    /// `X-Forwarded-For` values (each a comma-separated list, in the order received).
    func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard var client = peer.flatMap(Self.canonical) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        // From the nearest hop back: each trusted proxy vouches for the hop before it.
        for hop in hops.reversed() {
            guard addresses.contains(client) else { break }
            // What no proxy could have written came from the client: stop at the last known hop.
            guard let address = Self.canonical(Self.withoutPort(hop)) else { break }
            client = address
        }
        return client
    }

    /// `1.2.3.4:5678` and `[::1]:80` as some proxies write them, without the port.
    private static func withoutPort(_ hop: String) -> String {
        if hop.hasPrefix("["), let end = hop.firstIndex(of: "]") { return String(hop[hop.index(after: hop.startIndex)..<end]) }
        let colons = hop.filter { $0 == ":" }.count
        if colons == 1, let colon = hop.firstIndex(of: ":") { return String(hop[..<colon]) }
        return hop
    }

    private static func canonical(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, let address = try? SocketAddress(ipAddress: trimmed, port: 0).ipAddress else { return nil }
        // A dual-stack listener sees an IPv4 client as ::ffff:a.b.c.d.
        let mapped = "::ffff:"
        if address.hasPrefix(mapped), address.dropFirst(mapped.count).contains(".") { return String(address.dropFirst(mapped.count)) }
        return address
    }
}
