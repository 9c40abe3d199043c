import Foundation
import Testing
import GRDB
import Domain
@testable import Store

/// Another connection holds the write lock (a long import in another terminal): a second writer
/// waits, and when the wait runs out it is told so in both languages, with nothing written.
@Suite struct BusyDatabaseTests {
    static let chen = NewPerson(nationalId: nationalID("440524188001010014"), name: "陈大文")

    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("busy-\(UUID().uuidString).sqlite").path
    }

    @Test func aWriterThatWaitsTooLongIsToldAnotherImportIsRunningAndNothingIsWritten() throws {
        let path = temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let (_, admin) = try initialisedStore(path: path)
        let store = try Store.open(path: path, clock: .fixed(fixedDay), busyTimeout: 0.3)
        let holder = try WriteLockHolder(path: path)
        let started = ContinuousClock.now
        var refusal: StoreError?
        do {
            _ = try store.registerPerson(Self.chen, actor: admin)
        } catch {
            refusal = error
        }
        let waited = ContinuousClock.now - started
        holder.release()
        #expect(refusal == .busy)
        let message = try #require(refusal)
        #expect(message.chinese.contains("另一项导入或修改正在写入数据库") && message.chinese.contains("未写入任何记录"), "\(message)")
        #expect(message.english.contains("another import or change is writing to the database") && message.english.contains("nothing was written"),
                "\(message)")
        #expect(!message.english.contains("database is locked"))
        #expect(waited >= .milliseconds(250), "the writer waits for the lock before giving up: \(waited)")
        #expect(try store.persons(actor: admin).isEmpty)
        // Once the other writer is done, the same write goes through.
        #expect(try store.registerPerson(Self.chen, actor: admin).created)
    }

    @Test func theDefaultWaitOutlastsALongImport() throws {
        // A 300,000-row import held the lock for 28 s; the wait must be longer than such work.
        #expect(Store.defaultBusyTimeout >= 60)
        let path = temporaryPath()
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let (store, admin) = try initialisedStore(path: path)
        let holder = try WriteLockHolder(path: path)
        let releaser = Thread { Thread.sleep(forTimeInterval: 1.0); holder.release() }
        releaser.start()
        let started = ContinuousClock.now
        #expect(try store.registerPerson(Self.chen, actor: admin).created)
        #expect(ContinuousClock.now - started >= .milliseconds(900), "the write waited for the other writer")
    }
}

/// Holds SQLite's write lock on a database file from another connection, as another process's
/// import does, until `release`.
final class WriteLockHolder: @unchecked Sendable {
    private let locked = DispatchSemaphore(value: 0)
    private let released = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private var isReleased = false

    init(path: String) throws {
        // A pool, as SkillCert opens the file: like another skillcert process.
        let pool = try DatabasePool(path: path)
        let thread = Thread { [self] in
            try? pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "CREATE TABLE IF NOT EXISTS holder_scratch (x)")
                    locked.signal()
                    released.wait()
                    return .rollback
                }
            }
            finished.signal()
        }
        thread.start()
        locked.wait()
    }

    func release() {
        guard !isReleased else { return }
        isReleased = true
        released.signal()
        finished.wait()
    }

    deinit { release() }
}
