import ArgumentParser
import Foundation
import Domain
import Province
import Services
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
            and must change it at their first sign-in. Each request is logged on one line. With \
            --backup-dir the server backs the database up on a schedule (as `skillcert backup` \
            does) into files named by the UTC time, keeping the newest --keep.
            """)

    @Option(name: .long, help: "The database file (default: $SKILLCERT_DB, else ./skillcert.sqlite).")
    var db: String?

    @Option(name: .long, help: "The address to listen on; 127.0.0.1 keeps the server to this machine (put a proxy with HTTPS in front).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port = 8080

    @Flag(name: .long, help: "Mark cookies Secure: the browser sends them only over HTTPS (use behind an HTTPS proxy).")
    var secureCookies = false

    @Option(name: .long, help: ArgumentHelp(
        "A proxy (nginx) whose X-Forwarded-For names the client, for the sign-in throttle and the log; repeatable (default: none, the header is ignored).",
        valueName: "address"))
    var trustedProxy: [String] = []

    @Option(name: .long, help: ArgumentHelp("Back the database up into this folder while serving.", valueName: "folder"))
    var backupDir: String?

    @Option(name: .long, help: ArgumentHelp("How often to back up with --backup-dir: 30m, 1h, 1d (default: 1h).", valueName: "interval"))
    var backupEvery: String?

    @Option(name: .long, help: "How many backups --backup-dir keeps, the newest ones (default: 48).")
    var keep: Int?

    @Option(name: .long, help: ArgumentHelp("The largest list upload in MB; a bigger one is refused before it is read (default: 20).",
                                            valueName: "MB"))
    var uploadLimitMb = 20

    @Option(name: .long, help: ArgumentHelp(
        "Where uploaded lists wait for their preview and confirmation (default: a folder in the system's temporary directory).",
        valueName: "folder"))
    var workDir: String?

    @Option(name: .long, help: ArgumentHelp(
        "The province database (postgres://…) that answers the public certificate verification over every city (default: this city's own database).",
        valueName: "url"))
    var provincePg: String?

    @OptionGroup var address: PublicAddressOption

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port 应在 0–65535 之间 · --port is 0-65535") }
        guard (1...1024).contains(uploadLimitMb) else {
            throw ValidationError("--upload-limit-mb 应在 1–1024 之间 · --upload-limit-mb is 1-1024")
        }
    }

    func run() throws {
        let context = CLIContext.current
        let path = context.url(for: db ?? context.environment["SKILLCERT_DB"] ?? "skillcert.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError.databaseMissing(path: path) }
        let trustedProxies = TrustedProxies(try trustedProxy.map { text throws(CLIError) in
            try parseOption("--trusted-proxy", text, TrustedProxies.address)
        })
        let backups = try backupSchedule(context)
        let store = try Store.open(path: path, clock: .system)
        guard try store.isInitialized() else { throw StoreError.notInitialized(path: path) }

        let options = WebServer.Options(host: host, port: port, secureCookies: secureCookies,
                                        trustedProxies: trustedProxies, backups: backups,
                                        uploadLimitBytes: uploadLimitMb * 1024 * 1024,
                                        workDirectory: workDir.map { context.url(for: $0) },
                                        publicAddress: try address.publicURL.map { try PublicAddress($0) },
                                        certificateRegister: try provincePg.map { text in
                                            ProvinceCertificateRegister(database: ProvinceDatabase(address: try ProvinceAddress(text)),
                                                                        catalog: try store.catalog())
                                        })
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

    /// The schedule of `--backup-dir`, `--backup-every` and `--keep`, checked before anything
    /// listens: the folder must exist, and the other two mean nothing without it.
    private func backupSchedule(_ context: CLIContext) throws -> BackupSchedule? {
        guard let backupDir else {
            let stray = [backupEvery.map { _ in "--backup-every" }, keep.map { _ in "--keep" }].compactMap { $0 }
            if let option = stray.first {
                throw CLIError.missingOption(option: "--backup-dir", reasonZh: "\(option) 只与 --backup-dir 一起使用",
                                             reasonEn: "\(option) applies only with --backup-dir")
            }
            return nil
        }
        let every = try parseOption("--backup-every", backupEvery ?? "1h", parseInterval)
        let keep = self.keep ?? 48
        guard keep >= 1 else {
            throw CLIError.invalidOption(option: "--keep", value: String(keep), rule: Rejection("至少保留 1 份备份", "must keep at least 1 backup"))
        }
        let folder = context.url(for: backupDir)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ServeError.backupFolderMissing(path: folder.path)
        }
        return BackupSchedule(folder: BackupFolder(url: folder, keep: keep), every: every)
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
    /// `--backup-dir` names no folder.
    case backupFolderMissing(path: String)

    var chinese: String {
        switch self {
        case .cannotServe(let address, let message): "无法在 \(address) 提供网页服务：\(message)"
        case .backupFolderMissing(let path): "--backup-dir 的备份文件夹 \(path) 不存在或不是文件夹；请先创建它"
        }
    }

    var english: String {
        switch self {
        case .cannotServe(let address, let message): "cannot serve on \(address): \(message)"
        case .backupFolderMissing(let path): "--backup-dir folder \(path) does not exist or is not a folder: create it first"
        }
    }
}
