import Foundation

/// A file inside the output folder (`--out`), which is created if needed.
func outputFile(_ global: GlobalOptions, _ name: String) throws(FileAccessError) -> URL {
    try createFolder(global.outputDirectory)
    return global.outputDirectory.appendingPathComponent(name)
}

/// Creates `folder` and the folders above it where missing; one that cannot be made is named
/// with the reason (a file in the way, a part of the path that is a file, no permission).
func createFolder(_ folder: URL) throws(FileAccessError) {
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
        throw FileAccessError(error, path: folder.path, action: .createFolder)
            ?? FileAccessError(path: folder.path, action: .createFolder, cause: .other(code: 0, text: String(describing: type(of: error))))
    }
}
