import Foundation

/// A file in the temporary directory that disappears with the last reference to it, whether the
/// reader that made it finished, failed half-way through its initialiser, or was never used.
final class TemporaryFile {
    let url: URL

    init(suffix: String) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-\(UUID().uuidString)\(suffix)")
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
