import Foundation

/// Where a harness writes the file each input becomes: the readers take files, as clerks give
/// them. In memory (/dev/shm) where there is one, so that a run is not bound by the disk.
public enum FuzzFile {
    public static let directory: URL = {
        let shm = URL(fileURLWithPath: "/dev/shm", isDirectory: true)
        let base = FileManager.default.fileExists(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        let directory = base.appendingPathComponent("skillcert-fuzz-\(getpid())", isDirectory: true)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }()

    /// Writes `bytes` to `name` in the run's directory, replacing what the last input left.
    public static func write(_ bytes: UnsafeBufferPointer<UInt8>, as name: String) -> URL {
        let url = directory.appendingPathComponent(name)
        try? Data(buffer: bytes).write(to: url)
        return url
    }

    public static func write(_ bytes: [UInt8], as name: String) -> URL {
        let url = directory.appendingPathComponent(name)
        try? Data(bytes).write(to: url)
        return url
    }
}

/// An input cut into parts at a separator line, so that one fuzzed file can fill several parts of
/// a workbook and the mutations reach the XML parsers rather than die in the zip container.
public enum FuzzParts {
    /// The bytes between separators (`\n--part--\n`); missing parts are nil.
    public static func split(_ bytes: UnsafeBufferPointer<UInt8>, count: Int) -> [[UInt8]?] {
        let separator = Array("\n--part--\n".utf8)
        var parts: [[UInt8]?] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if parts.count < count - 1, index + separator.count <= bytes.count,
               bytes[index..<index + separator.count].elementsEqual(separator) {
                parts.append(current)
                current = []
                index += separator.count
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        parts.append(current)
        while parts.count < count { parts.append(nil) }
        return parts
    }
}
