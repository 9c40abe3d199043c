import Foundation
import Testing
import GRDB
import PostgresNIO
import Domain
import Intake
import Services
import DemoYear
import Store
@testable import Province

/// The PostgreSQL server the province tests run against: `SKILLCERT_TEST_PG`, which `make test`
/// sets (scripts/with-postgres.sh starts a throwaway cluster). Without it the tests fail saying
/// how to run them, rather than passing without having checked anything.
enum ProvinceServer {
    static let howToRun: Comment = """
        the province tests need PostgreSQL and SKILLCERT_TEST_PG is not set: run `make test`, or \
        `bash scripts/with-postgres.sh swift test --filter ProvinceTests`, or set SKILLCERT_TEST_PG=postgres://user@host:port/database
        """

    static func url() throws -> String {
        try #require(ProcessInfo.processInfo.environment["SKILLCERT_TEST_PG"], howToRun)
    }

    /// A new, empty database of its own on the test server (tests run side by side), set up by
    /// `province init` unless `initialise` is false; with its URL.
    static func freshDatabase(initialise: Bool = true) async throws -> (database: ProvinceDatabase, url: String) {
        let base = try url()
        let name = "province_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased()
        let server = ProvinceDatabase(address: try ProvinceAddress(base))
        try await server.withConnection { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: ProvinceDatabase.logger)
        }
        var components = try #require(URLComponents(string: base))
        components.path = "/" + name
        let text = try #require(components.string)
        let database = ProvinceDatabase(address: try ProvinceAddress(text))
        if initialise { try await database.initialise() }
        return (database, text)
    }

    /// Every row the province holds of `city`, per table, each value as text, sorted.
    static func rows(_ database: ProvinceDatabase, city: String) async throws -> [String: [[String?]]] {
        try await database.withConnection { connection in
            var tables: [String: [[String?]]] = [:]
            for table in ProvinceTable.all {
                let columns = table.columns.map { "\($0)::text" }.joined(separator: ", ")
                var binds = PostgresBindings()
                binds.append(city)
                let result = try await connection.query(PostgresQuery(unsafeSQL: """
                    SELECT \(columns) FROM \(table.name) WHERE city_code = $1
                    """, binds: binds), logger: ProvinceDatabase.logger)
                var rows: [[String?]] = []
                for try await row in result {
                    rows.append(try row.map { try $0.decode(String?.self) })
                }
                tables[table.name] = rows.sorted(by: CityFixture.before)
            }
            return tables
        }
    }

    /// The change log position the province holds for `city` (nil: the city never pushed).
    static func mark(_ database: ProvinceDatabase, city: String) async throws -> Int64? {
        try await database.withConnection { connection in
            let rows = try await connection.query("SELECT pushed_through FROM cities WHERE city_code = \(city)",
                                                  logger: ProvinceDatabase.logger)
            for try await mark in rows.decode(Int64.self) { return mark }
            return nil
        }
    }
}

/// Cities for the tests: tiny demo years (the same operations users call), built once per run
/// into template files; each test works on its own copy.
enum CityFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/skillcert")
    /// The day the copies think it is: after the tiny year's last exam.
    static let today = CivilDate(year: 2026, month: 12, day: 20)!

    /// `skillcert` with `arguments`, run from the package's folder: its exit status and what it printed.
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = CityFixture.binary
        process.arguments = arguments
        process.currentDirectoryURL = CityFixture.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let zhongshan = Result { try build(seed: 2026) }
    static let dongguan = Result { try build(seed: 1919) }

    private static func build(seed: UInt64) throws -> URL {
        let catalog = try #require(CatalogReader.load(root.appendingPathComponent("Catalog")).catalog)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-province-city-\(seed)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let plan = try DemoPlan.make(scale: .tiny, year: 2026, catalog: catalog).reseeded(seed)
        let path = folder.appendingPathComponent("built.sqlite").path
        let year = try DemoYear.build(plan: plan, catalog: catalog, open: { clock in
            try Store.open(path: path, clock: clock, durability: .rebuildable)
        }, progress: { _ in })
        let template = folder.appendingPathComponent("template.sqlite")
        _ = try DatabaseBackup.write(from: year.store, to: template)
        return template
    }

    /// A private copy of a city's template: its path and the store opened on it (its clock fixed
    /// on `today` unless another is given).
    static func copy(_ template: Result<URL, any Error>, clock: Clock = .fixed(today)) throws -> (path: String, store: Store) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-province-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("city.sqlite").path
        try FileManager.default.copyItem(atPath: try template.get().path, toPath: path)
        return (path, try Store.open(path: path, clock: clock))
    }

    /// Every row of the tables the province keeps, as the city holds them, read with SQL of its
    /// own (not through the change log the push reads).
    static func rows(_ path: String) throws -> [String: [[String?]]] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var tables: [String: [[String?]]] = [:]
            for table in ProvinceTable.all {
                let rows = try Row.fetchAll(db, sql: "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)")
                tables[table.name] = rows.map { row in
                    row.databaseValues.map { value -> String? in
                        switch value.storage {
                        case .null: nil
                        case .int64(let number): String(number)
                        case .double(let number): String(number)
                        case .string(let text): text
                        case .blob(let data): String(decoding: data, as: UTF8.self)
                        }
                    }
                }.sorted(by: before)
            }
            return tables
        }
    }

    static func before(_ a: [String?], _ b: [String?]) -> Bool {
        a.map { $0 ?? "\u{0}" }.lexicographicallyPrecedes(b.map { $0 ?? "\u{0}" })
    }

    /// SQL run on a city's file directly: for facts the tests look up, and for the one fixture
    /// the operations cannot make (the same person living in two cities).
    static func query<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        try DatabaseQueue(path: path).write(body)
    }
}
