import Foundation

/// Reads and checks a list on a second thread while the calling thread writes the previous
/// rows to the database: on the two-core machines bureaus use, parsing a CSV and inserting rows
/// then take the time of the slower of the two instead of their sum.
///
/// The producer hands over chunks through a small bounded buffer, so memory stays flat however
/// long the file is. An error on either side stops both: the producer's error is rethrown to
/// the consumer, and a consumer that stops early cancels the producer.
final class RowPipeline<Item: Sendable>: @unchecked Sendable {
    // All mutable state is guarded by `condition`.
    private let condition = NSCondition()
    private var chunks: [[Item]] = []
    /// Chunks the consumer is done with, left for the producer to free (see `giveBack`).
    private var used: [[Item]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int
    private let chunkSize: Int

    init(chunkSize: Int = 256, capacity: Int = 16) {
        self.chunkSize = chunkSize
        self.capacity = capacity
    }

    /// Thrown inside the producer when the consumer has gone away.
    struct Cancelled: Error {}

    /// Starts `produce` on its own thread; it calls `emit` for each item.
    func start(_ produce: @escaping @Sendable (_ emit: (Item) throws -> Void) throws -> Void) {
        let thread = Thread { [self] in
            var chunk: [Item] = []
            chunk.reserveCapacity(chunkSize)
            do {
                try produce { item in
                    chunk.append(item)
                    if chunk.count == chunkSize {
                        try push(chunk)
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                if !chunk.isEmpty { try push(chunk) }
                finish(with: nil)
            } catch is Cancelled {
                finish(with: nil)
            } catch {
                finish(with: error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next chunk, waiting for the producer; nil at the end. Rethrows the producer's error.
    func next() throws -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if !chunks.isEmpty {
            let chunk = chunks.removeFirst()
            condition.broadcast()
            return chunk
        }
        if let failure { throw failure }
        return nil
    }

    /// Hands a chunk the consumer is done with to the producer's thread, which frees it when it
    /// next pushes: freeing the rows' strings and arrays cost the writing thread, the busier of
    /// the two, several per cent of an import.
    func giveBack(_ chunk: consuming [Item]) {
        condition.lock()
        used.append(chunk)
        condition.unlock()
    }

    /// Stops the producer (the consumer failed or is done) and waits for it to let go.
    func cancel() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func push(_ chunk: [Item]) throws {
        var freed: [[Item]] = []
        // Released after the lock, on this thread.
        defer { freed.removeAll() }
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        chunks.append(chunk)
        swap(&freed, &used)
        condition.broadcast()
    }

    private func finish(with error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }
}

/// Lets a value that is only ever used by one thread at a time cross to the producer thread.
struct HandedOver<Value>: @unchecked Sendable {
    let value: Value
}
