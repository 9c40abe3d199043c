import Foundation

/// Where a report run writes its workbook: the interface's choice (the CLI's output folder and
/// file name, a web request's temporary file). A run asks for it once it has read its records and
/// recorded any disclosure, just before writing, so that a refused or missing record is reported
/// as such and leaves no folder behind.
public typealias ReportDestination = () throws -> URL

/// A workbook a report run wrote, and how many lines (trainees, candidates, certificates,
/// apprentices) it holds.
public struct WrittenWorkbook: Sendable, Equatable {
    public let file: URL
    public let lines: Int

    public init(file: URL, lines: Int) {
        self.file = file
        self.lines = lines
    }
}
