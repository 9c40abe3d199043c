import Store

/// One import use case, ready to run: the file read through Intake, each row checked through
/// Domain, the good rows recorded in one Store transaction, the refused ones written to an error
/// workbook through Reports. It never prints; the outcome says what happened.
///
/// `run` blocks on SQLite: a server calls it through `StoreThreads.run(_:progress:)`.
public protocol ListImport: Sendable {
    associatedtype Outcome: Sendable

    /// `progress` is told how many rows have been read so far, now and then. `cancellation` is
    /// checked between chunks of rows and once more before the transaction commits: a cancelled
    /// import throws `CancellationError` and its transaction rolls back, so nothing of it is written.
    func run(store: Store, cancellation: Cancellation, progress: (Int) -> Void) throws -> Outcome
}

extension ListImport {
    /// Runs on the calling thread, without progress or cancellation (the command line's way).
    public func run(store: Store) throws -> Outcome {
        try run(store: store, cancellation: Cancellation(), progress: { _ in })
    }
}

extension StoreThreads {
    /// Runs an import on a store thread: cancelling the awaiting task rolls the import back.
    public func run<Import: ListImport>(_ listImport: Import,
                                        progress: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> Import.Outcome {
        try await run { store, cancellation in
            try listImport.run(store: store, cancellation: cancellation, progress: progress)
        }
    }
}

/// Thrown inside a preview's transaction once every row has been checked, to roll it back.
struct PreviewRollback: Error {}
