import Foundation
import Domain
import Services
import Store

/// The lists uploaded to the server and what became of them: checked in the background (a
/// 30,000-row list takes a while; its page polls meanwhile), shown as a preview, recorded when
/// the user confirms. Each upload has a folder of its own under the server's work directory,
/// named by a random id, and belongs to the user who sent it and the class it was sent for:
/// asked for by anyone else, or under another class, it is not found.
///
/// The folders go once recorded, when discarded, and after `keepFor` (looked at whenever a list
/// is uploaded); a server that stops forgets its uploads, and the next one removes their folders
/// when they are old.
final class UploadJobs: @unchecked Sendable {
    /// `<work directory>/uploads`.
    let root: URL
    let keepFor: TimeInterval
    // Guarded by `lock`.
    private let lock = NSLock()
    private var jobs: [String: UploadJob] = [:]

    init(workDirectory: URL, keepFor: TimeInterval = 6 * 3600) {
        root = workDirectory.appendingPathComponent("uploads")
        self.keepFor = keepFor
    }

    /// A new, empty folder for an upload, and the id that will name it.
    func newFolder() throws -> (id: String, folder: URL) {
        let id = Accounts.randomHex(bytes: 16)
        let folder = root.appendingPathComponent(id)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (id, folder)
    }

    /// Registers a received file; its check starts with `startCheck`.
    func add(_ job: UploadJob) {
        lock.withLock { jobs[job.id] = job }
    }

    /// The upload `id` if it is `owner`'s; nil for anyone else's, as for one that never was.
    func job(_ id: String, owner: UploadJob.Owner) -> UploadJob? {
        lock.withLock { jobs[id].flatMap { $0.owner == owner ? $0 : nil } }
    }

    func setState(_ id: String, _ state: UploadJob.State) {
        lock.withLock { jobs[id]?.state = state }
    }

    /// Counts rows read, unless the job has moved on (or gone) meanwhile.
    func setRowsRead(_ id: String, _ rows: Int) {
        lock.withLock {
            switch jobs[id]?.state {
            case .checking: jobs[id]?.state = .checking(rowsRead: rows)
            case .recording: jobs[id]?.state = .recording(rowsRead: rows)
            default: break
            }
        }
    }

    /// Moves a checked upload to recording; false if it is not (any more) waiting for that:
    /// a second click records nothing twice.
    func beginRecording(_ id: String, owner: UploadJob.Owner) -> Bool {
        lock.withLock {
            guard let job = jobs[id], job.owner == owner, case .checked = job.state else { return false }
            jobs[id]?.state = .recording(rowsRead: 0)
            return true
        }
    }

    func setTask(_ id: String, _ task: Task<Void, Never>) {
        lock.withLock { jobs[id]?.task = task }
    }

    /// Removes the upload's file and folder; the job stays (for its result page) unless `forget`.
    func clean(_ id: String, forget: Bool) {
        let folder: URL? = lock.withLock {
            let folder = jobs[id]?.folder
            if forget {
                jobs[id]?.task?.cancel()
                jobs[id] = nil
            }
            return folder
        }
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    /// Forgets uploads older than `keepFor` (a check still running is cancelled, which rolls it
    /// back) and removes their folders, and any folder left by an earlier run of the server.
    func sweep(now: Date = Date()) {
        let cutoff = now.addingTimeInterval(-keepFor)
        let old: [UploadJob] = lock.withLock {
            let old = jobs.values.filter { $0.created < cutoff }
            for job in old {
                job.task?.cancel()
                jobs[job.id] = nil
            }
            return old
        }
        for job in old { try? FileManager.default.removeItem(at: job.folder) }
        let known = lock.withLock { Set(jobs.keys) }
        let folders = (try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        for folder in folders where !known.contains(folder.lastPathComponent) {
            let modified = (try? folder.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantPast
            if modified < cutoff { try? FileManager.default.removeItem(at: folder) }
        }
    }
}

/// One uploaded list.
struct UploadJob: Sendable {
    /// Whose it is: the user who sent it, for the class it was sent for (none for an apprentice
    /// list, which is the user's institution's).
    struct Owner: Hashable, Sendable {
        let login: String
        let cohortId: Int64?
        /// The exam room a filled score sheet was sent for (`RoomRoutes`).
        var roomId: Int64? = nil
    }

    enum State: Sendable {
        /// Being read and checked; `rowsRead` so far.
        case checking(rowsRead: Int)
        /// Checked, nothing written: waiting for the user to confirm.
        case checked(ImportOutcome)
        /// Being recorded after the user confirmed.
        case recording(rowsRead: Int)
        /// Recorded (or, if the records changed since the check, refused: `committed` says).
        case recorded(ImportOutcome)
        /// The file could not be read or checked at all: why, in both languages.
        case failed(chinese: String, english: String)
    }

    let id: String
    let owner: Owner
    let kind: UploadKind
    let folder: URL
    let file: URL
    let created: Date
    var state: State = .checking(rowsRead: 0)
    var task: Task<Void, Never>?

    /// Where the check writes the workbook of refused rows.
    var checkErrorFolder: URL { folder.appendingPathComponent("check") }
    /// Where the recording writes its own, should rows be refused then.
    var recordErrorFolder: URL { folder.appendingPathComponent("record") }
}

/// Where an upload belongs: the page it came from, its form, and its own pages.
struct UploadPlace: Sendable {
    let backHref: String
    let backText: String
    /// The form's page; the file is posted to `…/upload`, a template is at `…/template`.
    let formPath: String
    /// An upload's page is `<uploadsPath>/<id>`.
    let uploadsPath: String

    func page(_ id: String) -> String { "\(uploadsPath)/\(id)" }
}

/// The lists the web app takes, each read and recorded by its Services import: a class's
/// trainee list and hours sheet, and an apprentice list.
enum UploadKind: String, Sendable {
    case traineeList = "trainee-list"
    case hoursSheet = "hours-sheet"
    case apprenticeList = "apprentice-list"
    case scoreSheet = "score-sheet"

    var titleZh: String {
        switch self {
        case .traineeList: "导入学员名单"
        case .hoursSheet: "导入学时表"
        case .apprenticeList: "导入学徒名单"
        case .scoreSheet: "上传评分表"
        }
    }

    var titleEn: String {
        switch self {
        case .traineeList: "Upload a trainee list"
        case .hoursSheet: "Upload an hours sheet"
        case .apprenticeList: "Upload an apprentice list"
        case .scoreSheet: "Upload a filled score sheet"
        }
    }

    /// Whether the valid rows may be recorded without the refused ones: not for an apprentice
    /// list or a score sheet, which are recorded whole or not at all.
    var recordsValidRowsAlone: Bool { self != .apprenticeList && self != .scoreSheet }

    /// Why a list with a refused row cannot be recorded, for the lists recorded whole.
    var wholeListZh: String {
        self == .scoreSheet ? "评分表须全部通过检查才能录入：请改正文件中被拒绝的行后重新上传。"
            : "学徒名单须全部通过检查才能登记：请改正文件中被拒绝的行后重新上传。"
    }

    var wholeListEn: String {
        self == .scoreSheet ? "A score sheet is entered only when every line passes: fix the refused rows in your file and upload it again."
            : "An apprentice list is registered only when every row passes: fix the refused rows in your file and upload it again."
    }

    /// Where the upload's pages are, and the page it came from.
    func place(_ owner: UploadJob.Owner, cohortName: String?) -> UploadPlace {
        if let room = owner.roomId {
            return UploadPlace(backHref: "/rooms/\(room)", backText: cohortName ?? "", formPath: "/rooms/\(room)/score-sheet",
                               uploadsPath: "/rooms/\(room)/uploads")
        }
        return switch owner.cohortId {
        case let id?:
            UploadPlace(backHref: "/cohorts/\(id)", backText: cohortName ?? "", formPath: "/cohorts/\(id)/\(rawValue)",
                        uploadsPath: "/cohorts/\(id)/uploads")
        case nil:
            UploadPlace(backHref: "/apprenticeships", backText: "学徒 Apprentices", formPath: "/apprentice-lists",
                        uploadsPath: "/apprentice-lists/uploads")
        }
    }

    /// Runs the import of `job`'s file: a check (`preview`, rolled back) or the recording.
    func run(_ job: UploadJob, actor: User, mode: ImportMode, preview: Bool, threads: StoreThreads,
             progress: @escaping @Sendable (Int) -> Void) async throws -> ImportOutcome {
        // Masked: what the server keeps holds no whole ID beyond the upload itself; the
        // download writes it again, whole only for a reason (`errorWorkbookDownload`).
        let request = ImportRequest(file: job.file, actor: actor,
                                    errorFolder: preview ? job.checkErrorFolder : job.recordErrorFolder, masksErrorWorkbook: true)
        let today = threads.store.today
        switch (self, job.owner.cohortId) {
        case (.traineeList, let cohortId?):
            let listImport = TraineeListImport(cohortId: cohortId, request: request, mode: mode, preview: preview, today: today)
            return try await threads.run(listImport, progress: progress).rows
        case (.hoursSheet, let cohortId?):
            let sheetImport = AttendanceSheetImport(cohortId: cohortId, request: request, mode: mode, preview: preview, today: today)
            return try await threads.run(sheetImport, progress: progress)
        case (.scoreSheet, _):
            // The room's session, looked up again in the user's scope; every sheet is read, and
            // the Store refuses a line of a room she does not staff, naming its row.
            guard let roomId = job.owner.roomId else { preconditionFailure("a score sheet belongs to a room") }
            let sessionId = try await threads.run { store, _ in try store.roomScoreGrid(roomId: roomId, actor: actor).session.id! }
            return try await threads.run(ScoreSheetImport(sessionId: sessionId, request: request, preview: preview), progress: progress).rows
        case (.apprenticeList, _):
            // All rows or none, whatever the mode.
            return try await threads.run(ApprenticeListImport(request: request, preview: preview), progress: progress).rows
        case (.traineeList, nil), (.hoursSheet, nil):
            preconditionFailure("a class's list belongs to a class")
        }
    }
}
