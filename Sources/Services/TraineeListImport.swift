import Foundation
import Domain
import Intake
import Reports
import Store

/// Imports a clerk's trainee list into a cohort: reads it (Intake), checks each row's fields
/// (Domain), hands the good ones to one Store import transaction, and writes the refused rows into
/// an error workbook (Reports) that the clerk can fix and import again.
public struct TraineeListImport: ListImport {
    public let cohortId: Int64
    public let request: ImportRequest
    public let mode: ImportMode
    /// Read and check every row against the records, then roll back: nothing is written.
    public let preview: Bool
    /// The date the rows' rules are checked on (an ID card's birth date, a person's age).
    public let today: CivilDate

    public init(cohortId: Int64, request: ImportRequest, mode: ImportMode = .allOrNothing, preview: Bool = false,
                today: CivilDate) {
        self.cohortId = cohortId
        self.request = request
        self.mode = mode
        self.preview = preview
        self.today = today
    }

    /// What a trainee list import did.
    public struct Outcome: Sendable, Equatable {
        /// `alreadyPresent` counts the rows of persons already in the cohort.
        public var rows: ImportOutcome
        /// Persons not on record before this list (among `recorded`).
        public var newPersons = 0
        /// Known persons whose phone in the list is not the one on record, which was kept.
        public var phonesKeptOnRecord = 0
    }

    public func run(store: Store, cancellation: Cancellation, progress: (Int) -> Void) throws -> Outcome {
        let url = request.file
        let catalog = try store.catalog()
        let reader = try TraineeListReader(url: url, sheet: request.sheet, required: [.nationalId, .name],
                                           optional: [.phone, .education, .householdType, .keyGroups])
        let fileName = url.lastPathComponent
        var refused = RefusedRows(fileName: fileName, header: reader.header, columns: reader.columns)
        func outcome(_ summary: TraineeImportSummary) -> Outcome {
            let rows = ImportOutcome(fileName: fileName, rowsRead: summary.rowsRead, recorded: summary.imported,
                                     alreadyPresent: summary.alreadyEnrolled, refused: refused.rows, committed: summary.committed,
                                     preview: preview, ignoredColumns: reader.ignoredColumns)
            return Outcome(rows: rows, newPersons: summary.newPersons, phonesKeptOnRecord: summary.phonesKeptOnRecord)
        }

        // The reader is used by the pipeline's thread only, from here on.
        let handedOver = HandedOver(value: reader)
        let rules = TraineeRowRules(catalog: catalog)
        let today = today
        // Only what the writing side needs crosses over: the row's number and cells (for the
        // error workbook) and the checked fields, not the per-row dictionary of raw cells.
        let pipeline = RowPipeline<(number: Int, cells: [String], check: TraineeRowCheck)>()
        pipeline.start { emit in
            try handedOver.value.forEachRow { row in try emit((row.number, row.cells, rules.check(row.fields, today: today))) }
        }
        var errorWorkbook: URL?
        var previewed: TraineeImportSummary?
        let summary: TraineeImportSummary
        do {
            summary = try store.importTrainees(cohortId: cohortId, fileName: fileName, format: reader.formatDescription,
                                               mode: mode, actor: request.actor) { session in
                while let chunk = try pipeline.next() {
                    try cancellation.check()
                    // The chunk's good rows go to the session together, which writes runs of
                    // them at once; the outcomes come back in row order.
                    var outcomes = try session.add(chunk.compactMap { item in item.check.candidate.map { ($0, item.number) } })
                        .makeIterator()
                    // By index: binding each item would copy its cells and check, which only refused rows need.
                    for index in chunk.indices {
                        if chunk[index].check.isValid {
                            if case .rejected(let issues) = outcomes.next()! {
                                refused.refuse(row: chunk[index].number, cells: chunk[index].cells, issues: issues)
                            }
                        } else {
                            session.countRejectedRow()
                            refused.refuse(row: chunk[index].number, cells: chunk[index].cells,
                                           issues: chunk[index].check.issues.map(ImportRowIssue.init))
                        }
                    }
                    progress(session.summary.rowsRead)
                    pipeline.giveBack(consume chunk)
                }
                try cancellation.check()
                // Inside the transaction: if the refused rows cannot be written out, the good
                // ones are not written either.
                errorWorkbook = try refused.writeWorkbook(for: url, into: request.errorFolder, masked: request.masksErrorWorkbook,
                                                          outcome: outcome(session.summary).rows)
                if preview {
                    previewed = session.summary
                    throw PreviewRollback()
                }
            }
        } catch is PreviewRollback {
            summary = previewed!
        } catch {
            pipeline.cancel()
            throw error
        }
        var answer = outcome(summary)
        answer.rows.errorWorkbook = errorWorkbook
        answer.rows.errorReport = refused.errorReport
        return answer
    }
}
