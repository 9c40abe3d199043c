import Foundation
import Store

/// Runs the Store's blocking SQLite work on threads of its own, so that an async caller (a web
/// request on the server's event loop, a task on Swift's cooperative threads) awaits it instead
/// of blocking a thread that other users' requests need.
///
/// The threads are a fixed set, started once: a long import holds one of them, and a read that
/// arrives meanwhile runs on another (SQLite's WAL mode lets readers go on beside one writer).
public final class StoreThreads: Sendable {
    public let store: Store
    private let jobs: JobQueue

    /// `threads` at least 2: one long import must never leave reads waiting.
    public init(store: Store, threads: Int = 8) {
        self.store = store
        jobs = JobQueue()
        for index in 0..<max(2, threads) {
            let thread = Thread { [jobs] in jobs.work() }
            thread.name = "skillcert-store-\(index)"
            // Imports read lists through nested closures; the default 512 KB of a secondary
            // thread is tight for them.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    deinit { jobs.stop() }

    /// Runs `work` on a store thread and returns its result. Cancelling the awaiting task sets
    /// `cancellation`, which long work checks between steps: an import that sees it throws,
    /// and its transaction rolls back, so nothing of it is written.
    public func run<T: Sendable>(_ work: @escaping @Sendable (Store, Cancellation) throws -> T) async throws -> T {
        let cancellation = Cancellation()
        let store = store
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                jobs.add {
                    continuation.resume(with: Result {
                        try cancellation.check()
                        return try work(store, cancellation)
                    })
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

/// Set when the caller no longer wants the result; long work checks it between steps.
public final class Cancellation: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public var isCancelled: Bool { lock.withLock { cancelled } }

    public func cancel() { lock.withLock { cancelled = true } }

    /// Throws `CancellationError` once cancelled.
    public func check() throws {
        if isCancelled { throw CancellationError() }
    }
}

/// The jobs waiting for a store thread, first in first out.
private final class JobQueue: @unchecked Sendable {
    // Guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [@Sendable () -> Void] = []
    private var stopped = false

    func add(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        pending.append(job)
        condition.signal()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// A store thread's life: take a job, run it, until stopped.
    func work() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopped { condition.wait() }
            if pending.isEmpty {
                condition.unlock()
                return
            }
            let job = pending.removeFirst()
            condition.unlock()
            job()
        }
    }
}
