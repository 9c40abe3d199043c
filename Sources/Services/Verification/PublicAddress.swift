import Foundation
import Domain

/// The address the public reaches the verification pages at (the server's public URL, e.g.
/// `https://skills.example.gov.cn`), from which printed QR codes are made. A setting of the
/// deployment, not of the catalog: the same database can be served under another name.
public struct PublicAddress: Sendable, Equatable {
    /// Where `skillcert serve` listens by default, for a demo on one machine.
    public static let local = try! PublicAddress("http://127.0.0.1:8080")

    /// Without a trailing slash.
    public let base: String

    /// An http or https URL with a host, and nothing after its path (no query, no fragment).
    public init(_ text: String) throws(PublicAddressError) {
        let trimmed = text.trimmingWhitespace()
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil, url.user == nil else {
            throw PublicAddressError(value: text)
        }
        base = trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed
    }

    /// What a ticket's QR code holds: `<base>/verify/ticket/<ticket number>`.
    public func ticketVerification(_ ticketNumber: String) -> String {
        "\(base)/verify/ticket/\(Self.escaped(ticketNumber, allowed: .urlPathAllowed))"
    }

    /// What a certificate's QR code holds: `<base>/verify?number=<certificate number>`, which opens
    /// the public verification page with the number filled in.
    public func certificateVerification(_ number: String) -> String {
        "\(base)/verify?number=\(Self.escaped(number, allowed: .alphanumerics))"
    }

    private static func escaped(_ text: String, allowed: CharacterSet) -> String {
        var allowed = allowed
        allowed.remove(charactersIn: "/?&=#+")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A public address that is not an http(s) URL with a host.
public struct PublicAddressError: BilingualError, Equatable {
    public let value: String

    public init(value: String) { self.value = value }

    public var chinese: String {
        "公开访问地址 \"\(value)\" 无效：应为 http:// 或 https:// 开头、含主机名的网址，不带查询参数（例如 https://skills.example.gov.cn）"
    }

    public var english: String {
        "the public address \"\(value)\" is not valid: give an http:// or https:// URL with a host and no query (e.g. https://skills.example.gov.cn)"
    }
}
