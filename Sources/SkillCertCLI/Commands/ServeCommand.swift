import ArgumentParser
import Foundation
import Domain
import Store
import WebApp

/// `skillcert serve`: the web app on one database, until Ctrl-C or SIGTERM.
///
/// It takes no `--as` (people sign in) and no `--today` (the web runs on the real date).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web app on this database until Ctrl-C (网页版).",
        discussion: """
            Users sign in with the password given by `user add --password` or `user set-password` \
            and must change it at their first sign-in. Each request is logged on one line.
            """)

    @Option(name: .long, help: "The database file (default: $SKILLCERT_DB, else ./skillcert.sqlite).")
    var db: String?

    @Option(name: .long, help: "The address to listen on; 127.0.0.1 keeps the server to this machine (put a proxy with HTTPS in front).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port = 8080

    @Flag(name: .long, help: "Mark cookies Secure: the browser sends them only over HTTPS (use behind an HTTPS proxy).")
    var secureCookies = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port 应在 0–65535 之间 · --port is 0-65535") }
    }

    func run() throws {
        let context = CLIContext.current
        let path = context.url(for: db ?? context.environment["SKILLCERT_DB"] ?? "skillcert.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError.databaseMissing(path: path) }
        let store = try Store.open(path: path, clock: .system)
        guard try store.isInitialized() else { throw StoreError.notInitialized(path: path) }

        let options = WebServer.Options(host: host, port: port, secureCookies: secureCookies)
        let finished = ServeOutcome()
        // The command runs on the main thread; the server runs on Swift's concurrency threads
        // and its own event loops until a signal stops it.
        Task {
            do {
                try await WebServer.run(store: store, options: options) { address in
                    context.print("SkillCert 网页版已启动：\(address)（Ctrl-C 停止）· Serving at \(address) (Ctrl-C stops it)")
                }
            } catch {
                finished.fail(error)
            }
            finished.signal()
        }
        finished.wait()
        if let error = finished.error {
            throw ServeError.cannotServe(address: "\(host):\(port)", message: String(describing: error))
        }
        context.print("已停止 · Stopped")
    }
}

/// The server's end, waited for by the main thread.
private final class ServeOutcome: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var failure: (any Error)?

    var error: (any Error)? { lock.withLock { failure } }
    func fail(_ error: any Error) { lock.withLock { failure = error } }
    func signal() { done.signal() }
    func wait() { done.wait() }
}

enum ServeError: BilingualError {
    /// The port is taken, the address is not this machine's, the templates are missing …
    case cannotServe(address: String, message: String)

    var chinese: String {
        switch self {
        case .cannotServe(let address, let message): "无法在 \(address) 提供网页服务：\(message)"
        }
    }

    var english: String {
        switch self {
        case .cannotServe(let address, let message): "cannot serve on \(address): \(message)"
        }
    }
}
