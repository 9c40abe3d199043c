import ArgumentParser
import Foundation
import Domain
import Services
import Store

/// `skillcert backup`: a consistent copy of the database in one file, while the server or an
/// import goes on using it.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database into one file while it is in use (备份).",
        discussion: """
            SQLite's online backup: the copy holds every change committed before it began, even \
            while the server or an import writes. It is written under a temporary name, checked \
            with SQLite's integrity_check and only then given its name. To restore: stop the \
            server, copy the backup over the database, remove the database's -wal and -shm files, \
            start the server.
            """)

    @Option(name: .long, help: "The database file (default: $SKILLCERT_DB, else ./skillcert.sqlite).")
    var db: String?

    @Option(name: .long, help: "The backup file to write (its folder must exist).")
    var to: String

    @Flag(name: .long, help: "Overwrite the backup file if it exists.")
    var replace = false

    func run() throws {
        let context = CLIContext.current
        let path = context.url(for: db ?? context.environment["SKILLCERT_DB"] ?? "skillcert.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else { throw CLIError.databaseMissing(path: path) }
        let store = try Store.open(path: path, clock: .system)
        guard try store.isInitialized() else { throw StoreError.notInitialized(path: path) }

        let outcome: BackupOutcome
        do {
            outcome = try DatabaseBackup.write(from: store, to: context.url(for: to), replace: replace)
        } catch BackupError.destinationExists(let path) {
            throw BackupCommandError.fileExists(path: path)
        }
        let size = (Double(outcome.bytes) / 1_048_576).formatted(.number.precision(.fractionLength(1)))
        context.print("已备份到 \(outcome.path)（\(size) MB）· Backed up to \(outcome.path) (\(size) MB)")
        context.print(outcome.summary)
    }
}

/// The backup's refusals worded with the command's own options.
enum BackupCommandError: BilingualError {
    /// `--to` names an existing file and `--replace` was not given.
    case fileExists(path: String)

    var chinese: String {
        switch self {
        case .fileExists(let path): "备份文件 \(path) 已存在；加 --replace 覆盖它，或换一个文件名"
        }
    }

    var english: String {
        switch self {
        case .fileExists(let path): "backup file \(path) already exists: add --replace to overwrite it, or choose another name"
        }
    }
}
