import Foundation
import Domain
import Store

/// A consistent copy of the database in one file, taken while the server (or an import in
/// another process) goes on writing: `skillcert backup` and the server's scheduled backups.
///
/// The copy is written under a temporary name beside the destination and takes the
/// destination's name only once it is complete and SQLite's `integrity_check` passed on it: a
/// file with the final name is always a whole, sound backup. A failed backup removes its
/// partial file and leaves everything else as it was.
public enum DatabaseBackup {
    /// Copies `store` into the file `destination`. An existing file there is refused unless
    /// `replace`. `cancellation` stops a long copy between steps (the server shutting down).
    public static func write(from store: Store, to destination: URL, replace: Bool = false,
                             cancellation: Cancellation = Cancellation()) throws -> BackupOutcome {
        try cancellation.check()
        return try write(from: store, to: destination, replace: replace, pagesPerStep: Store.backupPagesPerStep,
                         betweenSteps: cancellation.check)
    }

    /// The same, copying `pagesPerStep` pages at a time with `betweenSteps` after each slice: a
    /// test writes there to be sure writes land in the middle of a copy.
    static func write(from store: Store, to destination: URL, replace: Bool, pagesPerStep: Int,
                      betweenSteps: () throws -> Void) throws -> BackupOutcome {
        let path = destination.path
        let folder = destination.deletingLastPathComponent()
        guard destination.resolvingSymlinksInPath().path != URL(fileURLWithPath: store.location).resolvingSymlinksInPath().path else {
            throw BackupError.destinationIsTheDatabase(path: path)
        }
        try checkDestination(path: path, folder: folder.path, replace: replace)

        let partial = folder.appendingPathComponent("\(destination.lastPathComponent).partial-\(Accounts.randomHex(bytes: 4))").path
        defer { removeDatabaseFiles(at: partial) }
        do {
            try store.backUp(into: partial, pagesPerStep: pagesPerStep, betweenSteps: betweenSteps)
        } catch let error as StoreError {
            throw BackupError.cannotCopy(path: path, reasonZh: error.chinese, reasonEn: error.english)
        }
        let check: DatabaseCheck
        do {
            check = try Store.check(fileAt: partial)
        } catch {
            throw BackupError.cannotCopy(path: path, reasonZh: error.chinese, reasonEn: error.english)
        }
        guard check.isSound else { throw BackupError.copyDamaged(path: path, problems: check.integrity) }

        // A file replaced under a program that has it open could meet that program's old
        // journal beside it, which SQLite would apply to the new file: such leftovers go first.
        if replace { removeSidecars(of: path) }
        guard rename(partial, path) == 0 else {
            let reason = String(cString: strerror(errno))
            throw BackupError.cannotCopy(path: path, reasonZh: "无法改名为最终文件名（\(reason)）",
                                         reasonEn: "cannot give it its final name (\(reason))")
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return BackupOutcome(path: path, bytes: bytes, check: check)
    }

    /// The destination's folder must be there, and the destination itself free unless replaced.
    private static func checkDestination(path: String, folder: String, replace: Bool) throws(BackupError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
            throw .folderMissing(path: path, folder: folder)
        }
        guard isFolder.boolValue else { throw .folderIsAFile(path: path, folder: folder) }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { throw .destinationIsAFolder(path: path) }
            if !replace { throw .destinationExists(path: path) }
        }
    }

    /// A database file with the journal, WAL and shared-memory files SQLite may leave beside it.
    static func removeDatabaseFiles(at path: String) {
        try? FileManager.default.removeItem(atPath: path)
        removeSidecars(of: path)
    }

    private static func removeSidecars(of path: String) {
        for suffix in ["-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// A finished backup: where it is, its size, and what SQLite's check of it found.
public struct BackupOutcome: Sendable, Equatable {
    public let path: String
    public let bytes: Int
    public let check: DatabaseCheck

    /// `integrity_check: ok · 机构 institutions 3 · 用户 users 5 · …`: the one line an
    /// administrator reads to trust the copy.
    public var summary: String {
        (["integrity_check: \(check.integrity.joined(separator: "; "))"]
            + check.counts.named.map { "\($0.chinese) \($0.english) \($0.count)" }).joined(separator: " · ")
    }
}

/// Why a backup was not made. Every case names the backup file; none left a file of that name
/// behind that was not there before.
public enum BackupError: BilingualError, Equatable {
    /// A file of that name is there already, and the backup replaces one only when asked (each
    /// interface says how).
    case destinationExists(path: String)
    case destinationIsAFolder(path: String)
    /// The backup would replace the very database it copies.
    case destinationIsTheDatabase(path: String)
    case folderMissing(path: String, folder: String)
    case folderIsAFile(path: String, folder: String)
    /// SQLite or the file system failed while copying (a full disk, a folder that cannot be written).
    case cannotCopy(path: String, reasonZh: String, reasonEn: String)
    /// The copy failed SQLite's `integrity_check`; its problems, as SQLite words them.
    case copyDamaged(path: String, problems: [String])

    public var chinese: String {
        switch self {
        case .destinationExists(let path): "备份文件 \(path) 已存在；已有的文件不会被覆盖，请换一个文件名"
        case .destinationIsAFolder(let path): "备份文件 \(path) 是一个文件夹；请给出文件名"
        case .destinationIsTheDatabase(let path): "备份文件 \(path) 就是要备份的数据库本身；请写到另一个文件"
        case .folderMissing(let path, let folder): "无法写入备份文件 \(path)：文件夹 \(folder) 不存在"
        case .folderIsAFile(let path, let folder): "无法写入备份文件 \(path)：\(folder) 是文件，不是文件夹"
        case .cannotCopy(let path, let reason, _): "无法写入备份文件 \(path)：\(reason)；未留下备份文件"
        case .copyDamaged(let path, let problems):
            "备份 \(path) 未通过完整性检查（integrity_check），已删除，未留下备份文件：\(problems.prefix(5).joined(separator: "；"))"
        }
    }

    public var english: String {
        switch self {
        case .destinationExists(let path): "backup file \(path) already exists; an existing file is not overwritten: choose another name"
        case .destinationIsAFolder(let path): "backup file \(path) is a folder: give a file name"
        case .destinationIsTheDatabase(let path): "backup file \(path) is the very database being backed up: write to another file"
        case .folderMissing(let path, let folder): "cannot write backup file \(path): folder \(folder) does not exist"
        case .folderIsAFile(let path, let folder): "cannot write backup file \(path): \(folder) is a file, not a folder"
        case .cannotCopy(let path, _, let reason): "cannot write backup file \(path): \(reason); no backup file was left"
        case .copyDamaged(let path, let problems):
            "backup \(path) failed SQLite's integrity_check and was removed, leaving no backup file: \(problems.prefix(5).joined(separator: "; "))"
        }
    }
}
