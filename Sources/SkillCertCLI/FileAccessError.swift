import Foundation
import Domain

/// A file or folder a command had to read or write and could not: which one, what the command
/// was doing, and why, in words a user can act on. Foundation's own text ("The operation could
/// not be completed. (NSCocoaErrorDomain error 512.)") never reaches a user.
struct FileAccessError: BilingualError, Equatable {
    enum Action: Equatable {
        case createFolder, write, read
        /// What a Foundation error does not say.
        case use
    }

    enum Cause: Equatable {
        case noSuchFile
        /// A part of the path is a regular file, so nothing can be under it.
        case notAFolder
        case isAFolder
        /// A file of that name is already there (where a folder was to be made).
        case fileInTheWay
        case permissionDenied
        case readOnly
        case diskFull
        /// Any other system error, by its number and the system's own short text.
        case other(code: Int32, text: String)
    }

    /// Nil when the system did not say which file.
    let path: String?
    let action: Action
    let cause: Cause

    var chinese: String {
        let doing = switch action {
        case .createFolder: "无法创建文件夹"
        case .write: "无法写入文件"
        case .read: "无法读取文件"
        case .use: path == nil ? "文件操作失败" : "无法使用"
        }
        let why = switch cause {
        case .noSuchFile: "文件或文件夹不存在"
        case .notAFolder: "路径中有一部分是文件，不是文件夹"
        case .isAFolder: "这是文件夹，不是文件"
        case .fileInTheWay: "那里已有同名的文件"
        case .permissionDenied: "没有权限"
        case .readOnly: "所在磁盘只读"
        case .diskFull: "磁盘空间不足"
        case .other(let code, let text): "系统错误 \(code)（\(text)）"
        }
        return "\(doing)\(path.map { " \($0)" } ?? "")：\(why)"
    }

    var english: String {
        let doing = switch action {
        case .createFolder: "cannot create folder"
        case .write: "cannot write file"
        case .read: "cannot read file"
        case .use: path == nil ? "a file operation failed" : "cannot use"
        }
        let why = switch cause {
        case .noSuchFile: "the file or folder does not exist"
        case .notAFolder: "a part of the path is a file, not a folder"
        case .isAFolder: "it is a folder, not a file"
        case .fileInTheWay: "a file of that name is already there"
        case .permissionDenied: "permission denied"
        case .readOnly: "the disk is read-only"
        case .diskFull: "the disk is full"
        case .other(let code, let text): "system error \(code) (\(text))"
        }
        return "\(doing)\(path.map { " \($0)" } ?? ""): \(why)"
    }

    /// The file error inside `error` (Foundation's `CocoaError` or a POSIX error), or nil when it
    /// is none. `path` and `action` say what the caller was doing; otherwise they are read from
    /// the error.
    init?(_ error: any Error, path: String? = nil, action: Action? = nil) {
        let error = error as NSError
        let cocoa = error.domain == NSCocoaErrorDomain
        guard cocoa || error.domain == NSPOSIXErrorDomain else { return nil }
        let posix: Int32? = error.domain == NSPOSIXErrorDomain
            ? Int32(error.code)
            // On Linux the underlying error is kept as a Swift `POSIXError`, not an `NSError`.
            : (error.userInfo[NSUnderlyingErrorKey] as? any Error).map { $0 as NSError }
                .flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
        self.path = path ?? (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
        self.action = action ?? (cocoa ? Self.action(ofCocoaCode: error.code) : .use)
        self.cause = posix.map(Self.cause(ofPOSIX:)) ?? Self.cause(ofCocoaCode: error.code)
    }

    init(path: String?, action: Action, cause: Cause) {
        self.path = path
        self.action = action
        self.cause = cause
    }

    private static func cause(ofPOSIX code: Int32) -> Cause {
        switch code {
        case ENOENT: .noSuchFile
        case ENOTDIR: .notAFolder
        case EISDIR: .isAFolder
        case EEXIST: .fileInTheWay
        case EACCES, EPERM: .permissionDenied
        case EROFS: .readOnly
        case ENOSPC, EDQUOT: .diskFull
        default: .other(code: code, text: String(cString: strerror(code)))
        }
    }

    /// Foundation's codes, for errors that carry no POSIX cause.
    private static func cause(ofCocoaCode code: Int) -> Cause {
        switch CocoaError.Code(rawValue: code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: .noSuchFile
        case .fileReadNoPermission, .fileWriteNoPermission: .permissionDenied
        case .fileWriteFileExists: .fileInTheWay
        case .fileWriteVolumeReadOnly: .readOnly
        case .fileWriteOutOfSpace: .diskFull
        default: .other(code: Int32(code), text: "Foundation")
        }
    }

    /// Foundation numbers reading errors 256-511 and writing errors 512-1023.
    private static func action(ofCocoaCode code: Int) -> Action {
        switch code {
        case 256..<512: .read
        case 512..<1024: .write
        default: .use
        }
    }
}
