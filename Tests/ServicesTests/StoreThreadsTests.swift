import Foundation
import Testing
import Domain
import Intake
import Store
@testable import Services

/// The Store's work runs on threads of its own: an async caller awaits it, a read is answered
/// while an import holds the write lock, and a cancelled import leaves nothing behind.
@Suite struct StoreThreadsTests {
    static let day = CivilDate(year: 2026, month: 11, day: 21)!

    /// A file database (WAL: readers beside one writer) with the bureau administrator.
    static func fileStore() throws -> (Store, User, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillcert-threads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try Store.open(path: folder.appendingPathComponent("t.sqlite").path, clock: .fixed(day))
        let catalogFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Catalog")
        let catalog = try #require(CatalogReader.load(catalogFolder).catalog)
        return (store, try store.initialize(catalog: catalog), folder)
    }

    static func persons(_ range: Range<Int>) -> [NewPerson] {
        range.map { index in
            let id = GeneratedID.nationalId(index)
            return NewPerson(nationalId: try! NationalID.parse(id, today: day), name: "学员\(index)")
        }
    }

    @Test func aReadIsAnsweredWhileAnImportStillHoldsTheWriteLock() async throws {
        let (store, admin, folder) = try Self.fileStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let threads = StoreThreads(store: store, threads: 4)
        let importHasRows = Gate(), readDone = Gate()

        let importing = Task {
            try await threads.run { store, _ in
                try store.importPersons(source: "名单.xlsx", actor: admin) { session in
                    _ = try session.add(Self.persons(0..<1000))
                    importHasRows.open()
                    // Holds the write transaction until the read has been answered; if the read
                    // waited for the import instead, this gives up after a while and the read
                    // then sees the committed rows, which fails the test below.
                    _ = readDone.wait(seconds: 20)
                    _ = try session.add(Self.persons(1000..<2000))
                }
            }
        }
        await importHasRows.waitAsync()
        let page = try await threads.run { store, _ in try store.persons(actor: admin, page: .first) }
        readDone.open()
        #expect(page.total == 0, "the read saw the database as it was before the import, without waiting for it")

        let summary = try await importing.value
        #expect(summary.committed)
        #expect(summary.registered == 2000)
        #expect(try await threads.run { store, _ in try store.persons(actor: admin, page: .first) }.total == 2000)
    }

    @Test func aCancelledImportRollsBackAndWritesNothing() async throws {
        let (store, admin, folder) = try Self.fileStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let threads = StoreThreads(store: store, threads: 2)
        let importHasRows = Gate(), cancelled = Gate()

        let importing = Task {
            try await threads.run { store, cancellation in
                try store.importPersons(source: "名单.xlsx", actor: admin) { session in
                    for start in stride(from: 0, to: 3000, by: 500) {
                        try cancellation.check()
                        _ = try session.add(Self.persons(start..<(start + 500)))
                        if start == 0 {
                            importHasRows.open()
                            _ = cancelled.wait(seconds: 20)
                        }
                    }
                }
            }
        }
        await importHasRows.waitAsync()
        importing.cancel()
        cancelled.open()
        let outcome = await importing.result
        #expect(throws: CancellationError.self) { try outcome.get() }
        let after = try await threads.run { store, _ in
            (try store.persons(actor: admin, page: .first).total,
             try store.auditEvents(actor: admin, entity: "persons", page: .all).count)
        }
        #expect(after == (0, 0))
    }

    @Test func workForACancelledCallerDoesNotStart() async throws {
        let (store, admin, folder) = try Self.fileStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let threads = StoreThreads(store: store, threads: 2)
        let task = Task {
            // Cancelled meanwhile: the sleep's own error is ignored, so that `run` is what refuses.
            try? await Task.sleep(for: .milliseconds(200))
            return try await threads.run { store, _ in
                try store.registerPerson(Self.persons(0..<1)[0], actor: admin)
            }
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try store.persons(actor: admin).total == 0)
    }
}

/// A one-way door between threads: closed until opened, then open for good.
final class Gate: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    func open() { semaphore.signal() }

    /// Waits for the door; false when it stayed closed for `seconds`.
    func wait(seconds: Double) -> Bool {
        semaphore.wait(timeout: .now() + seconds) == .success
    }

    /// Waits without holding a cooperative thread.
    func waitAsync() async {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                self.semaphore.wait()
                continuation.resume()
            }
        }
    }
}

/// Valid, distinct national IDs (GB 11643 check character).
enum GeneratedID {
    static func nationalId(_ index: Int) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let digits = String(format: "44200019%02d0101%03d", 60 + index / 900, index % 900 + 100)
        let sum = zip(digits, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return digits + String(Array("10X98765432")[sum % 11])
    }
}
