import Foundation
import Testing
@testable import Services

/// The reading thread and the writing thread of an import: every row arrives once, in order,
/// and a failure on either side stops both.
@Suite struct RowPipelineTests {
    struct ReadFailure: Error, Equatable { let row: Int }

    @Test func everyItemArrivesOnceInOrder() throws {
        let pipeline = RowPipeline<Int>(chunkSize: 7, capacity: 2)
        pipeline.start { emit in for i in 0..<10_000 { try emit(i) } }
        var received: [Int] = []
        while let chunk = try pipeline.next() {
            received += chunk
            pipeline.giveBack(chunk)
        }
        #expect(received == Array(0..<10_000))
    }

    @Test func theReadersErrorReachesTheWriterAfterTheRowsBeforeIt() throws {
        let pipeline = RowPipeline<Int>(chunkSize: 10, capacity: 2)
        pipeline.start { emit in
            for i in 0..<95 { try emit(i) }
            throw ReadFailure(row: 95)
        }
        var received: [Int] = []
        #expect(throws: ReadFailure(row: 95)) {
            while let chunk = try pipeline.next() { received += chunk }
        }
        #expect(received == Array(0..<90))
    }

    @Test func aWriterThatStopsEarlyStopsTheReader() throws {
        let emitted = Counter()
        let pipeline = RowPipeline<Int>(chunkSize: 10, capacity: 2)
        pipeline.start { emit in
            for i in 0..<1_000_000 {
                try emit(i)
                emitted.increment()
            }
        }
        _ = try pipeline.next()
        pipeline.cancel()
        // The reader got at most a few chunks ahead before it was stopped.
        #expect(emitted.value < 100)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }
}
