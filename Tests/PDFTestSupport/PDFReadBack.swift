import Foundation

/// Test support shared by the test targets that write PDFs.
///
/// Reads a written PDF back the way a person or a scanner would: its text (poppler's
/// `pdftotext`), where each word sits (`pdftotext -bbox`), its fonts (`pdffonts`), and the QR
/// codes on a page rendered to an image (`pdftoppm`, then zbar's `zbarimg`).
public enum PDFReadBack {
    public static func text(_ url: URL) throws -> String {
        try run("pdftotext", ["-enc", "UTF-8", url.path, "-"])
    }

    /// Pages, each the words on it with their left and top edges in millimetres.
    public static func words(_ url: URL) throws -> [[(word: String, x: Double, y: Double)]] {
        let html = try run("pdftotext", ["-bbox", "-enc", "UTF-8", url.path, "-"])
        let points = 25.4 / 72
        return html.components(separatedBy: "<page ").dropFirst().map { page in
            page.components(separatedBy: "<word ").dropFirst().compactMap { word in
                func attribute(_ name: String) -> Double? {
                    guard let start = word.range(of: "\(name)=\"")?.upperBound,
                          let end = word[start...].firstIndex(of: "\"") else { return nil }
                    return Double(word[start..<end])
                }
                guard let xMin = attribute("xMin"), let yMin = attribute("yMin"),
                      let open = word.firstIndex(of: ">"), let close = word.range(of: "</word>")?.lowerBound else { return nil }
                let text = String(word[word.index(after: open)..<close])
                    .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                return (text, xMin * points, yMin * points)
            }
        }
    }

    /// `pdffonts`' table: one line per font with its name, type and whether it is embedded.
    public static func fonts(_ url: URL) throws -> [String] {
        try run("pdffonts", [url.path]).split(separator: "\n").dropFirst(2).map(String.init)
    }

    public static func pageCount(_ url: URL) throws -> Int {
        let info = try run("pdfinfo", [url.path])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }

    /// The QR codes zbar reads on page `page` (1-based) rendered at 200 dpi.
    public static func qrCodes(_ url: URL, page: Int) throws -> [String] {
        let image = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: image.appendingPathExtension("png")) }
        _ = try run("pdftoppm", ["-png", "-r", "200", "-f", "\(page)", "-l", "\(page)", "-singlefile", url.path, image.path])
        let output = try run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image.appendingPathExtension("png").path],
                             allowedStatus: [0, 4])
        return output.split(separator: "\n").map(String.init)
    }

    /// Runs a tool from Debian's poppler-utils or zbar-tools (`make deps` installs them).
    public static func run(_ tool: String, _ arguments: [String], allowedStatus: Set<Int32> = [0]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard allowedStatus.contains(process.terminationStatus) else {
            throw ToolFailure(tool: tool, status: process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self)
    }

    public struct ToolFailure: Error, CustomStringConvertible {
        let tool: String
        let status: Int32
        public var description: String { "\(tool) exited with \(status) (is it installed? make deps)" }
    }
}

/// A file name in the temporary folder, removed by the caller.
public func temporaryPDF(_ name: String = "print") -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).pdf")
}
