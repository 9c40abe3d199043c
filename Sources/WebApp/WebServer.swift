import Foundation
import Hummingbird
import Logging
import NIOCore
import Services
import Store

/// `skillcert serve`: the web app over one database, until Ctrl-C or SIGTERM.
public enum WebServer {
    public struct Options: Sendable {
        public var host: String
        public var port: Int
        /// Adds `Secure` to the cookies: for a server behind HTTPS.
        public var secureCookies: Bool
        /// The proxies whose `X-Forwarded-For` names the client (nginx in front); none by default.
        public var trustedProxies: TrustedProxies
        /// Backups while serving (`--backup-dir`), or none.
        public var backups: BackupSchedule?
        /// The largest upload (`--upload-limit-mb`), in bytes: a bigger body is refused before it is read.
        public var uploadLimitBytes: Int
        /// Where uploaded lists wait for their preview and confirmation (`--work-dir`); by default
        /// a folder in the system's temporary directory.
        public var workDirectory: URL?
        /// The public address printed QR codes point to (`--public-url`); nil: the address each
        /// request came to.
        public var publicAddress: PublicAddress?
        /// The register the public verification page asks (`--province-pg`); nil: the city's own database.
        public var certificateRegister: (any CertificateRegister)?

        public static let defaultUploadLimitBytes = 20 * 1024 * 1024

        public init(host: String = "127.0.0.1", port: Int = 8080, secureCookies: Bool = false,
                    trustedProxies: TrustedProxies = .none, backups: BackupSchedule? = nil,
                    uploadLimitBytes: Int = Options.defaultUploadLimitBytes, workDirectory: URL? = nil,
                    publicAddress: PublicAddress? = nil, certificateRegister: (any CertificateRegister)? = nil) {
            self.host = host
            self.port = port
            self.secureCookies = secureCookies
            self.trustedProxies = trustedProxies
            self.backups = backups
            self.uploadLimitBytes = uploadLimitBytes
            self.workDirectory = workDirectory
            self.publicAddress = publicAddress
            self.certificateRegister = certificateRegister
        }
    }

    /// Serves `store` (opened on the system clock: the web has no rehearsal date) until a
    /// signal asks it to stop. Requests in flight are finished first; a Store transaction that
    /// cannot finish rolls back. `announce` is told the address once the server listens.
    public static func run(store: Store, options: Options, announce: @escaping @Sendable (String) -> Void) async throws {
        let app = try await application(
            store: store, accounts: Accounts(), options: options, log: .standardOutput,
            onServerRunning: { channel in
                let address = channel.localAddress
                announce("http://\(address?.ipAddress ?? options.host):\(address?.port ?? options.port)")
            })
        try await app.runService()
    }

    static func application(
        store: Store, accounts: Accounts, options: Options, log: RequestLog, backupClock: BackupClock = .system,
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
    ) async throws -> some ApplicationProtocol {
        let threads = StoreThreads(store: store)
        let workDirectory = options.workDirectory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-serve")
        let app = WebApp(threads: threads, accounts: accounts, pages: try await Pages.load(),
                         cookies: SessionCookies(secure: options.secureCookies),
                         uploads: UploadJobs(workDirectory: workDirectory),
                         uploadReceiver: UploadReceiver(limitBytes: options.uploadLimitBytes),
                         publicAddress: options.publicAddress, certificateRegister: options.certificateRegister)
        var logger = Logger(label: "skillcert.web")
        // The request log is our own one line per request; the framework only reports trouble.
        logger.logLevel = .warning
        let backups = options.backups.map { ScheduledBackups(schedule: $0, threads: threads, log: log, clock: backupClock) }
        return Application(
            router: router(app, log: log, trustedProxies: options.trustedProxies),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            services: backups.map { [$0] } ?? [],
            onServerRunning: onServerRunning,
            logger: logger)
    }

    static func router(_ app: WebApp, log: RequestLog, trustedProxies: TrustedProxies = .none) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        // First: the throttle and the log both count the client's address.
        router.add(middleware: ClientAddressMiddleware(trusted: trustedProxies))
        router.add(middleware: RequestLogMiddleware(log: log))
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(app: app))
        router.add(middleware: ErrorPageMiddleware(pages: app.pages))
        router.add(middleware: FormMiddleware())
        app.addSignInRoutes(to: router)
        app.addHomeRoutes(to: router)
        app.addInstitutionRoutes(to: router)
        app.addInstitutionFormRoutes(to: router)
        app.addUserRoutes(to: router)
        app.addCohortRoutes(to: router)
        app.addCohortFormRoutes(to: router)
        app.addExamRegistrationRoutes(to: router)
        app.addAuditRoutes(to: router)
        app.addCatalogRoutes(to: router)
        app.addApprenticeshipAreaRoutes(to: router)
        app.addApprenticeClaimListRoutes(to: router)
        app.addResultsAreaRoutes(to: router)
        app.addVerifyRoutes(to: router)
        app.addCandidateRoutes(to: router)
        app.addTicketPDFRoutes(to: router)
        app.addUploadRoutes(to: router)
        app.addRoomRoutes(to: router)
        app.addSessionRoutes(to: router)
        app.addStatisticsRoutes(to: router)
        app.addPersonRoutes(to: router)
        return router
    }
}
