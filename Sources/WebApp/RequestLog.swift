import Foundation

/// Where the one line per request goes: standard output in service, an array in tests.
struct RequestLog: Sendable {
    let write: @Sendable (String) -> Void

    static let standardOutput = RequestLog { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// `2026-11-21T04:00:00Z GET /institutions 200 12ms`: no query string (it may hold names
    /// typed in a filter), no cookie, no form field.
    static func line(at date: Date, method: String, path: String, status: Int, milliseconds: Int) -> String {
        let time = date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
        return "\(time) \(method) \(path) \(status) \(milliseconds)ms"
    }
}
