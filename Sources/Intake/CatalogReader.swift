import Domain
import Foundation

/// Reads the `Catalog/` directory: every `*.csv` file in it, as text tables for `CatalogBuilder`.
///
/// Files are UTF-8 (a BOM is accepted), start with `#` comment lines and then a header row, as
/// `Catalog/README.md` describes. The reader does not check values: the builder does, so that an
/// in-memory catalog and a file catalog are checked by the same code.
public enum CatalogReader {
    /// Reads every catalog file; the first file that cannot be read stops it with an error.
    public static func readDirectory(_ url: URL) throws(IntakeError) -> [CatalogTableText] {
        var tables: [CatalogTableText] = []
        for file in try csvFiles(in: url) {
            tables.append(try readFile(file))
        }
        return tables
    }

    /// Reads and builds the catalog, turning every file that cannot be read into a problem so that
    /// one run lists the problems of all files. A missing directory is the only problem then.
    public static func load(_ url: URL) -> CatalogBuildResult {
        let files: [URL]
        do {
            files = try csvFiles(in: url)
        } catch {
            return CatalogBuildResult(catalog: nil, problems: [error.problem])
        }
        var tables: [CatalogTableText] = []
        for file in files {
            do {
                tables.append(try readFile(file))
            } catch {
                // Present but unreadable: an empty header tells the builder not to report its columns too.
                tables.append(CatalogTableText(file: file.lastPathComponent, header: [], headerLine: 0, rows: [],
                                               readingProblems: [error.problem]))
            }
        }
        return CatalogBuilder.build(tables)
    }

    public static func readFile(_ url: URL) throws(IntakeError) -> CatalogTableText {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadableFile(file: url.lastPathComponent, reason: error.localizedDescription)
        }
        return try parse(data, file: url.lastPathComponent)
    }

    /// Parses the bytes of one catalog file named `file`.
    public static func parse(_ data: Data, file: String) throws(IntakeError) -> CatalogTableText {
        switch TextDecoding.utf8(data) {
        case .text(let text): return try CatalogCSVParser.parse(text, file: file)
        case .notUTF8(let line): throw .notUTF8(file: file, line: line)
        }
    }

    /// The `*.csv` files of the directory by name. Hidden files and Office lock files (`~$…`) are
    /// skipped: they appear while a file is open in Excel and are not catalog files.
    static func csvFiles(in url: URL) throws(IntakeError) -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .missingDirectory(path: url.path)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw .unreadableFile(file: url.path, reason: error.localizedDescription)
        }
        return names
            .filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") && !$0.hasPrefix("~$") }
            .sorted()
            .map { url.appendingPathComponent($0) }
    }
}
