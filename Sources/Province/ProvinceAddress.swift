import Foundation
import PostgresNIO

/// Where the province database is: a `postgres://user[:password]@host[:port]/database` URL, or
/// with `?host=/a/folder` a Unix socket folder as libpq reads it (the socket is
/// `/a/folder/.s.PGSQL.<port>`). `sslmode=require` insists on TLS, `prefer` tries it; without it
/// the connection is plain, which suits a loopback address or a socket.
public struct ProvinceAddress: Sendable, CustomStringConvertible {
    let configuration: PostgresConnection.Configuration
    /// The URL without its password, for messages.
    public let description: String

    public init(_ text: String) throws(ProvinceError) {
        guard let components = URLComponents(string: text),
              components.scheme == "postgres" || components.scheme == "postgresql" else {
            throw .badAddress(text, reason: "not a postgres:// URL")
        }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding }
        let database = String(components.path.drop(while: { $0 == "/" }))
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let port = components.port ?? Int(query["port"] ?? "") ?? 5432
        let configuration: PostgresConnection.Configuration
        if let socketFolder = query["host"], socketFolder.hasPrefix("/") {
            configuration = .init(unixSocketPath: "\(socketFolder)/.s.PGSQL.\(port)", username: user, password: password,
                                  database: database.isEmpty ? nil : database)
        } else {
            guard let host = components.host, !host.isEmpty else { throw .badAddress(text, reason: "no host") }
            let tls: PostgresConnection.Configuration.TLS
            switch query["sslmode"] ?? "disable" {
            case "disable": tls = .disable
            case "prefer", "require":
                do {
                    let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                    tls = query["sslmode"] == "require" ? .require(context) : .prefer(context)
                } catch {
                    throw .badAddress(text, reason: "TLS cannot be set up: \(error)")
                }
            case let other: throw .badAddress(text, reason: "sslmode \(other) (disable, prefer or require)")
            }
            configuration = .init(host: host, port: port, username: user, password: password,
                                  database: database.isEmpty ? nil : database, tls: tls)
        }
        self.configuration = configuration
        var shown = components
        shown.password = nil
        description = shown.string ?? text
    }
}
