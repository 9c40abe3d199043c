import Foundation

/// Where the one line per request goes: standard output in service, an array in tests.
struct RequestLog: Sendable {
    let write: @Sendable (String) -> Void

    static let standardOutput = RequestLog { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// `2026-11-21T04:00:00Z 203.0.113.7 GET /institutions 200 12ms`: the client's address (behind
    /// a trusted proxy, the one it forwarded), no query string (it may hold names typed in a
    /// filter), no cookie, no form field.
    static func line(at date: Date, address: String, method: String, path: String, status: Int, milliseconds: Int) -> String {
        "\(timestamp(date)) \(address) \(method) \(path) \(status) \(milliseconds)ms"
    }

    /// `2026-11-21T04:00:00Z`: how every line the server logs begins.
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
}
