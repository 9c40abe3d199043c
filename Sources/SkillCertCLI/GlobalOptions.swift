import ArgumentParser
import Foundation
import Domain
import Services
import Store

/// Options every command takes: which database, acting as whom, writing where.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $SKILLCERT_DB, else ./skillcert.sqlite).")
    var db: String?

    @Option(name: .customLong("as"), help: "Act as this user (default: the administrator created by init).")
    var asUser: String?

    @Option(name: .long, help: "Folder for the workbooks written (default: Exports/).")
    var out: String = "Exports"

    @Option(name: .long, help: ArgumentHelp("Pretend it is this date (YYYY-MM-DD), for rehearsals and tests.", visibility: .hidden))
    var today: String?

    var context: CLIContext { CLIContext.current }

    var databasePath: String {
        context.url(for: db ?? context.environment["SKILLCERT_DB"] ?? "skillcert.sqlite").path
    }

    var outputDirectory: URL { context.url(for: out) }

    func clock() throws(CLIError) -> Clock {
        guard let today else { return context.clock }
        let day = try parseOption("--today", today, CivilDate.parse)
        return .fixed(day)
    }

    /// Opens an existing database; a missing file is an error, not a new empty database.
    func openStore() throws -> Store {
        let wait = try busyTimeout()
        guard FileManager.default.fileExists(atPath: databasePath) else { throw CLIError.databaseMissing(path: databasePath) }
        let store = try Store.open(path: databasePath, clock: try clock(), busyTimeout: wait)
        guard try store.isInitialized() else { throw StoreError.notInitialized(path: databasePath) }
        return store
    }

    /// How long a write waits for another connection's: `$SKILLCERT_BUSY_TIMEOUT` seconds, else
    /// the Store's default (long enough for a large import in another terminal to finish).
    func busyTimeout() throws(CLIError) -> TimeInterval {
        guard let text = context.environment["SKILLCERT_BUSY_TIMEOUT"] else { return Store.defaultBusyTimeout }
        guard let seconds = TimeInterval(text.trimmingWhitespace()), seconds >= 0, seconds.isFinite else {
            throw CLIError.invalidOption(option: "SKILLCERT_BUSY_TIMEOUT", value: text, rule: Rejection(
                "应为等待的秒数，例如 120", "must be a number of seconds to wait, e.g. 120"))
        }
        return seconds
    }

    /// The acting user: `--as`, else the administrator.
    func actor(in store: Store) throws -> User {
        try store.user(login: try asUser ?? store.administratorLogin())
    }
}

/// `--json` on every listing and show.
struct ListingOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the listing as JSON.")
    var json = false
}

/// `--page`, `--limit` and `--all` on every listing: a terminal shows one page of rows and the
/// total, never a whole city unless asked.
struct PagingOptions: ParsableArguments {
    @Option(name: .long, help: "Which page of rows to show, from 1.")
    var page: Int = 1

    @Option(name: .long, help: "Rows per page.")
    var limit: Int = PageRequest.defaultSize

    @Flag(name: .long, help: "Show every row instead of one page.")
    var all = false

    func validate() throws {
        guard page >= 1 else { throw ValidationError("--page 从 1 开始 · --page starts at 1") }
        guard limit >= 1 else { throw ValidationError("--limit 至少为 1 · --limit must be at least 1") }
    }

    /// The rows the listing reads.
    var request: PageRequest { all ? .all : PageRequest(number: page, size: limit) }

    /// Prints the listing's closing line (`共 1200 人 · 1200 person(s)`) and, when rows lie
    /// beyond this page, which rows were shown and how to see the others. Under `--json` these
    /// lines go to standard error, so that standard output stays one JSON document.
    func printFooter<Row>(_ page: Page<Row>, countZh: String, countEn: String, json: Bool) {
        let context = CLIContext.current
        func emit(_ line: String) {
            if json { context.printError(line) } else { context.print(line) }
        }
        if !json { emit("共 \(page.total) \(countZh) · \(page.total) \(countEn)") }
        guard page.request.size != nil, page.total > page.rows.count else { return }
        let shown = page.rows.isEmpty ? "本页无记录 · this page is empty"
            : "第 \(page.firstPosition)–\(page.lastPosition) 条（第 \(page.request.number)/\(page.pageCount) 页） · rows \(page.firstPosition)–\(page.lastPosition) (page \(page.request.number) of \(page.pageCount))"
        let next = page.hasMore
            ? "；下一页 --page \(page.request.number + 1)，全部 --all · next page --page \(page.request.number + 1), every row --all"
            : "；全部 --all · every row --all"
        emit(shown + next)
    }
}

/// `--unmasked` on anything that shows personal data. The whole numbers are shown only with a
/// reason the user gives, since that reason is what the audit trail keeps.
struct DisclosureOptions: ParsableArguments {
    @Flag(name: .long, help: "Show national IDs and phone numbers whole (needs --reason; recorded in the audit trail).")
    var unmasked = false

    @Option(name: .long, help: "Why the whole numbers are needed (required with --unmasked; kept with the audit event).")
    var reason: String?

    /// Checked while the command line is read, before anything is looked up, shown or written.
    func validate() throws {
        guard unmasked, reason?.trimmingWhitespace().isEmpty ?? true else { return }
        throw ValidationError(CLIError.missingOption(
            option: "--reason", reasonZh: "--unmasked 显示完整的身份证号和手机号，须说明理由（记入审计日志）",
            reasonEn: "--unmasked shows whole national IDs and phone numbers; say why (the reason is kept in the audit trail)").description)
    }

    /// What the user asked to see: Services shows whole values only with the reason, and records it.
    var choice: Disclosure { unmasked ? .whole(reason: reason ?? "") : .masked }
}
