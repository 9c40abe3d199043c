import Foundation
import Domain
import Hummingbird
import MultipartKit
import NIOCore
import NIOPosix
import Services
import Store

/// Receives one file posted as `multipart/form-data` into a folder, without ever holding it in
/// memory: the body is parsed as it arrives and the file's bytes go straight to disk (written on
/// NIO's thread pool, not on an event loop).
///
/// A body over the limit is refused before it is read when its `Content-Length` says so, and
/// as soon as its count passes the limit when it comes in chunks without one. The form's
/// `_csrf` field must come before the file (the page's form puts it first, and browsers send
/// fields in the order of the page): a file is not written for a form that has not shown its
/// token.
struct UploadReceiver: Sendable {
    /// Bytes of the whole body, file and fields.
    let limitBytes: Int

    /// What was posted: the file saved under its (cleaned) name and the form's other fields.
    struct Received: Sendable {
        let file: URL
        let fileName: String
        let fields: [String: String]
    }

    /// A form field is a few characters; anything longer is not one of our forms.
    static let fieldLimit = 4096
    /// The file is written in pieces of about this size.
    static let writeSize = 256 * 1024

    /// Saves the posted file into `folder` (which must exist) and returns it with the fields.
    /// Throws `UploadRefusal` for what the user can fix, `WebError.formTokenRefused` without the
    /// session's token.
    func receive(_ request: Request, expectedToken: String, into folder: URL) async throws -> Received {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limitBytes {
            throw UploadRefusal.tooLarge(limitBytes: limitBytes)
        }
        guard let boundary = Self.boundary(of: request.headers[.contentType] ?? "") else { throw UploadRefusal.notAFileForm }
        let parser = MultipartParser(boundary: boundary)
        let events = PartEvents()
        parser.onHeader = { name, value in events.list.append(.header(name, value)) }
        parser.onBody = { buffer in events.list.append(.body(buffer)) }
        parser.onPartComplete = { events.list.append(.end) }
        var parts = PartsWriter(folder: folder, expectedToken: expectedToken)
        var count = 0
        do {
            for try await buffer in request.body {
                count += buffer.readableBytes
                guard count <= limitBytes else { throw UploadRefusal.tooLarge(limitBytes: limitBytes) }
                do {
                    try parser.execute(buffer)
                } catch {
                    throw UploadRefusal.malformed
                }
                let arrived = events.list
                events.list.removeAll(keepingCapacity: true)
                for event in arrived { try await parts.handle(event) }
            }
            return try await parts.finish()
        } catch {
            await parts.abandon()
            throw error
        }
    }

    /// The `boundary` parameter of a `multipart/form-data` content type.
    static func boundary(of contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let kind = pieces.first, kind.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }
}

/// What the parser reported for the last piece of the body, handled once it has returned.
private final class PartEvents {
    enum Event {
        case header(String, String)
        case body(ByteBuffer)
        case end
    }

    var list: [Event] = []
}

/// Follows the parts of the body: fields kept, the one file written to disk.
private struct PartsWriter {
    let folder: URL
    let expectedToken: String
    private var headers: [String: String] = [:]
    private var fieldBytes: [UInt8] = []
    private var fields: [String: String] = [:]
    private var tokenChecked = false
    private var file: OpenFile?
    private var saved: (url: URL, name: String)?
    private var pending = ByteBuffer()

    init(folder: URL, expectedToken: String) {
        self.folder = folder
        self.expectedToken = expectedToken
    }

    private struct OpenFile {
        let url: URL
        let name: String
        let handle: FileHandle
    }

    private var disposition: (name: String, fileName: String?) {
        ContentDisposition.parse(headers["content-disposition"] ?? "")
    }

    mutating func handle(_ event: PartEvents.Event) async throws {
        switch event {
        case .header(let name, let value):
            headers[name.lowercased()] = value
        case .body(var buffer):
            let (_, fileName) = disposition
            guard let fileName else {
                guard fieldBytes.count + buffer.readableBytes <= UploadReceiver.fieldLimit else { throw UploadRefusal.malformed }
                fieldBytes += buffer.readBytes(length: buffer.readableBytes) ?? []
                return
            }
            if file == nil { try await open(fileName) }
            pending.writeBuffer(&buffer)
            if pending.readableBytes >= UploadReceiver.writeSize { try await flush() }
        case .end:
            let (name, fileName) = disposition
            if let fileName {
                // A part without bytes (no file chosen, or an empty one) is opened here.
                if file == nil { try await open(fileName) }
                try await flush()
                let done = file!
                file = nil
                try done.handle.close()
                saved = (done.url, done.name)
            } else {
                let value = String(decoding: fieldBytes, as: UTF8.self)
                if fields[name] == nil { fields[name] = value }
                if name == FormMiddleware.tokenField {
                    guard Accounts.tokensMatch(value, expectedToken) else { throw WebError.formTokenRefused }
                    tokenChecked = true
                }
            }
            headers = [:]
            fieldBytes = []
        }
    }

    /// The file and fields once the body has ended.
    mutating func finish() async throws -> UploadReceiver.Received {
        guard tokenChecked else { throw WebError.formTokenRefused }
        // A body that stops inside the file is a broken upload, not a short list.
        guard file == nil else { throw UploadRefusal.malformed }
        guard let saved else { throw UploadRefusal.noFile }
        return UploadReceiver.Received(file: saved.url, fileName: saved.name, fields: fields)
    }

    /// Closes what is open; the caller removes the folder.
    mutating func abandon() async {
        try? file?.handle.close()
        file = nil
    }

    private mutating func open(_ given: String) async throws {
        guard tokenChecked else { throw WebError.formTokenRefused }
        guard saved == nil else { throw UploadRefusal.severalFiles }
        let name = UploadFileName.cleaned(given)
        guard !name.isEmpty else { throw UploadRefusal.noFile }
        let url = folder.appendingPathComponent(name)
        let handle = try await NIOThreadPool.singleton.runIfActive { () throws -> FileHandle in
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
            return try FileHandle(forWritingTo: url)
        }
        file = OpenFile(url: url, name: name, handle: handle)
    }

    private mutating func flush() async throws {
        guard let file, pending.readableBytes > 0 else { return }
        let bytes = pending.readData(length: pending.readableBytes) ?? Data()
        pending.clear()
        let handle = file.handle
        try await NIOThreadPool.singleton.runIfActive { try handle.write(contentsOf: bytes) }
    }
}

/// `form-data; name="file"; filename="名单.csv"`: the field's name and, for a file, its name.
enum ContentDisposition {
    static func parse(_ value: String) -> (name: String, fileName: String?) {
        var name = "", fileName: String?
        for (key, text) in parameters(value) {
            switch key {
            case "name": name = text
            case "filename": fileName = text
            default: break
            }
        }
        return (name, fileName)
    }

    /// `key=value` pairs after the first `;`, values quoted or not; a `;` inside quotes is text.
    private static func parameters(_ value: String) -> [(String, String)] {
        var pairs: [(String, String)] = []
        var characters = Substring(value)
        guard let first = characters.firstIndex(of: ";") else { return [] }
        characters = characters[characters.index(after: first)...]
        while !characters.isEmpty {
            characters = characters.drop { $0 == " " || $0 == ";" }
            guard let equals = characters.firstIndex(of: "=") else { break }
            let key = characters[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            characters = characters[characters.index(after: equals)...]
            var text = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                var escaped = false
                while let character = characters.first {
                    characters = characters.dropFirst()
                    if escaped { text.append(character); escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { break } else { text.append(character) }
                }
            } else {
                let end = characters.firstIndex(of: ";") ?? characters.endIndex
                text = characters[..<end].trimmingCharacters(in: .whitespaces)
                characters = characters[end...]
            }
            pairs.append((key, text))
        }
        return pairs
    }
}

/// The name an uploaded file is kept under: the last part of what the browser sent (old
/// browsers send a whole Windows path), without control characters or path separators, and
/// not too long for a file system, the extension kept.
enum UploadFileName {
    static func cleaned(_ given: String) -> String {
        let last = given.replacingOccurrences(of: "\\", with: "/").split(separator: "/").last.map(String.init) ?? ""
        var name = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        if name == "." || name == ".." { name = "" }
        if name.hasPrefix(".") { name = "upload" + name }
        guard name.utf8.count > 120 else { return name }
        let ext = (name as NSString).pathExtension
        let stem = String((name as NSString).deletingPathExtension.prefix(40))
        return ext.isEmpty ? stem : "\(stem).\(ext.prefix(10))"
    }
}

/// An upload refused for what the user can fix, in both languages.
enum UploadRefusal: BilingualError, Equatable {
    /// The body is over the server's limit (refused before or while it is read).
    case tooLarge(limitBytes: Int)
    /// Not a `multipart/form-data` post.
    case notAFileForm
    /// No file was chosen.
    case noFile
    case severalFiles
    /// The body is not well-formed multipart (or stops half-way).
    case malformed

    var chinese: String {
        switch self {
        case .tooLarge(let limit): "文件太大：上传不能超过 \(UploadRefusal.size(limit))。请把名单分成几个文件分别上传。"
        case .notAFileForm: "请用本页的表单选择文件上传。"
        case .noFile: "没有选择文件：请选择一个 .xlsx 或 CSV 文件。"
        case .severalFiles: "一次只能上传一个文件。"
        case .malformed: "上传不完整或格式有误，请重新上传。"
        }
    }

    var english: String {
        switch self {
        case .tooLarge(let limit): "the file is too large: uploads may be at most \(UploadRefusal.size(limit)). Split the list into several files."
        case .notAFileForm: "choose the file with this page's form."
        case .noFile: "no file was chosen: choose an .xlsx or CSV file."
        case .severalFiles: "upload one file at a time."
        case .malformed: "the upload was incomplete or malformed: upload it again."
        }
    }

    /// `20 MB`, `2.5 MB`, `64 KB`.
    static func size(_ bytes: Int) -> String {
        let megabyte = 1024 * 1024
        if bytes % megabyte == 0 { return "\(bytes / megabyte) MB" }
        if bytes >= megabyte { return String(format: "%.1f MB", Double(bytes) / Double(megabyte)) }
        return "\(max(1, bytes / 1024)) KB"
    }
}
