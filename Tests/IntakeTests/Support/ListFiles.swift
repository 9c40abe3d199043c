import Domain
import Foundation
import Intake
import Spreadsheet
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh directory per test for the lists it writes, removed with the value.
final class ListDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("IntakeTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let target = file(name)
        try Data(bytes).write(to: target)
        return target
    }

    /// UTF-8 without a byte-order mark.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    /// Writes an .xlsx with the project's own writer; `build` fills the sheets.
    @discardableResult
    func workbook(_ name: String, _ build: (Workbook) throws -> Void) throws -> URL {
        let target = file(name)
        let workbook = try Workbook(path: target.path)
        try build(workbook)
        try workbook.close()
        return target
    }
}

/// Bytes of `text` in another encoding, converted by iconv as a Windows "CSV" save would produce them.
func encoded(_ text: String, as encoding: String) throws -> [UInt8] {
    let converter = iconv_open(encoding, "UTF-8")
    guard Int(bitPattern: converter) != -1 else { throw CocoaError(.featureUnsupported) }
    defer { iconv_close(converter) }
    var input = Array(text.utf8).map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: input.count * 4 + 16)
    let outputCapacity = output.count
    var inLeft = input.count
    var outLeft = outputCapacity
    let result = input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
            var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
            return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
        }
    }
    guard result != -1, inLeft == 0 else { throw CocoaError(.fileWriteInapplicableStringEncoding) }
    return output.prefix(outputCapacity - outLeft).map { UInt8(bitPattern: $0) }
}

/// The text of bytes in another encoding, converted by iconv; throws when they are not text in it.
func decoded(_ bytes: [UInt8], from encoding: String) throws -> String {
    let converter = iconv_open("UTF-8", encoding)
    guard Int(bitPattern: converter) != -1 else { throw CocoaError(.featureUnsupported) }
    defer { iconv_close(converter) }
    var input = bytes.map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: input.count * 4 + 16)
    let outputCapacity = output.count
    var inLeft = input.count
    var outLeft = outputCapacity
    let result = input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
            var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
            return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
        }
    }
    guard result != -1, inLeft == 0 else { throw CocoaError(.fileReadInapplicableStringEncoding) }
    return String(decoding: output.prefix(outputCapacity - outLeft).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Every data row of a reader.
func rows(of reader: TraineeListReader) throws -> [ListRow] {
    var rows: [ListRow] = []
    try reader.forEachRow { rows.append($0) }
    return rows
}

/// The fields a trainee import asks for.
let traineeRequired: [ListField] = [.nationalId, .name]
let traineeOptional: [ListField] = [.phone, .education, .householdType, .keyGroups]

func traineeList(_ url: URL, sheet: String? = nil) throws -> TraineeListReader {
    try TraineeListReader(url: url, sheet: sheet, required: traineeRequired, optional: traineeOptional)
}

/// The error opening (or, with `readRows`, reading) a list throws; any other outcome fails the test.
func intakeError(_ url: URL, sheet: String? = nil, required: [ListField] = traineeRequired,
                 optional: [ListField] = traineeOptional, readRows: Bool = false,
                 sourceLocation: SourceLocation = #_sourceLocation) -> IntakeError? {
    do {
        let reader = try TraineeListReader(url: url, sheet: sheet, required: required, optional: optional)
        if readRows { _ = try rows(of: reader) }
        Issue.record("expected an IntakeError, the list was read", sourceLocation: sourceLocation)
        return nil
    } catch let error as IntakeError {
        return error
    } catch {
        Issue.record("expected an IntakeError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

extension ListRow {
    /// The text of a field, nil when the list has no such column.
    func text(_ field: ListField) -> String? { fields[field]?.text }
}
