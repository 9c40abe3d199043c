import Foundation
import GRDB

/// What SQLite found when it checked a database file, and how many records of each main kind
/// the file holds: what an administrator reads to trust a backup.
public struct DatabaseCheck: Sendable, Equatable {
    /// `PRAGMA integrity_check`'s lines: `["ok"]` for a sound file, otherwise each problem found.
    public let integrity: [String]
    public let counts: RecordCounts

    public var isSound: Bool { integrity == ["ok"] }
}

/// Rows of the record kinds an administrator recognises, counted one by one (not from ids, which
/// could hide a gap in a damaged copy).
public struct RecordCounts: Sendable, Equatable {
    public var institutions = 0
    public var users = 0
    public var persons = 0
    public var cohorts = 0
    public var enrolments = 0
    public var examSessions = 0
    public var registrations = 0
    public var certificates = 0
    public var apprenticeships = 0
    public var auditEvents = 0

    public init() {}

    /// Each kind with its Chinese and English name, in the order they are shown.
    public var named: [(chinese: String, english: String, count: Int)] {
        [("机构", "institutions", institutions), ("用户", "users", users), ("人员", "persons", persons),
         ("培训班", "cohorts", cohorts), ("学员", "enrolments", enrolments), ("考试场次", "exam sessions", examSessions),
         ("考生", "candidates", registrations), ("证书", "certificates", certificates),
         ("学徒", "apprenticeships", apprenticeships), ("审计事件", "audit events", auditEvents)]
    }
}

extension Store {
    /// Copies the whole database into a new file at `path` with SQLite's online backup, while
    /// other connections (the web server, an import in another process) go on writing: the copy
    /// reads one snapshot, so it holds every transaction committed before it began and nothing
    /// of one still open. `betweenSteps` runs after each slice of `pagesPerStep` pages (16 MB
    /// unless a test asks for smaller slices); what it throws stops the copy and is rethrown as
    /// it is (the caller then removes the partial file). SQLite's own failures (a full disk)
    /// arrive as `StoreError`.
    ///
    /// The copy keeps the source's WAL mode, so a restored file opens as the Store opens it.
    public func backUp(into path: String, pagesPerStep: Int = Store.backupPagesPerStep,
                       betweenSteps: () throws -> Void = {}) throws {
        do {
            let destination = try DatabaseQueue(path: path)
            defer { try? destination.close() }
            try withoutActuallyEscaping(betweenSteps) { betweenSteps in
                try writer.backup(to: destination, pagesPerStep: CInt(clamping: pagesPerStep)) { progress in
                    if !progress.isCompleted { try betweenSteps() }
                }
            }
        } catch let error as DatabaseError {
            throw StoreError.from(error, database: path)
        }
    }

    /// 16 MB of 4 KB pages a step: a city's database checks for cancellation every few hundred
    /// milliseconds, without the cost of a step per page.
    public static let backupPagesPerStep = 4096

    /// Opens the SQLite file at `path` (a backup) on its own, runs SQLite's `integrity_check`
    /// and counts its records. The file is only read. A file too damaged to check is reported
    /// as unsound; one that cannot be opened at all throws.
    public static func check(fileAt path: String) throws(StoreError) -> DatabaseCheck {
        do {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.read { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                // A damaged copy still reports what integrity_check found, counted or not; a
                // sound one must count, or it is no SkillCert database.
                let counts = integrity == ["ok"] ? try recordCounts(db) : (try? recordCounts(db)) ?? RecordCounts()
                return DatabaseCheck(integrity: integrity, counts: counts)
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            // Too damaged for integrity_check to finish: SQLite's word for it is the finding.
            return DatabaseCheck(integrity: [error.message ?? "database disk image is malformed"], counts: RecordCounts())
        } catch {
            throw StoreError.from(error, database: path)
        }
    }

    private static func recordCounts(_ db: Database) throws -> RecordCounts {
        func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
        var counts = RecordCounts()
        counts.institutions = try count("institutions")
        counts.users = try count("users")
        counts.persons = try count("persons")
        counts.cohorts = try count("cohorts")
        counts.enrolments = try count("enrolments")
        counts.examSessions = try count("exam_sessions")
        counts.registrations = try count("exam_registrations")
        counts.certificates = try count("certificates")
        counts.apprenticeships = try count("apprenticeships")
        counts.auditEvents = try count("audit_events")
        return counts
    }
}
