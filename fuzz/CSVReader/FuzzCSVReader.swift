import Domain
import Foundation
import FuzzSupport
@testable import Intake

/// libFuzzer entry point for the CSV path of a list import: encoding detection (UTF-8, GB18030,
/// UTF-16, mixed), the quote screen, CSVReader, header matching, the row rules. Any input may be
/// refused with an error; none may crash or hang.
///
/// One more check, since fuzzed files are far smaller than the megabyte blocks CSVRowSource reads:
/// a UTF-8 input is also read in blocks of 1 to 64 bytes (the first byte says how many), and the
/// records, their line numbers and any refusal must be those of one block.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let url = FuzzFile.write(input, as: "list.csv")
    let today = CivilDate(year: 2026, month: 3, day: 1)!
    let rules = TraineeRowRules(catalog: Catalog())
    do {
        let reader = try TraineeListReader(url: url, required: [.nationalId, .name],
                                           optional: [.phone, .education, .householdType, .keyGroups, .hours])
        try reader.forEachRow { row in
            _ = rules.check(row.fields, today: today)
            _ = AttendanceRowRules.check(row.fields, today: today)
        }
    } catch {
        _ = "\(error)"
    }
    if size > 0, String(decoding: input, as: UTF8.self).utf8.elementsEqual(input) {
        let whole = records(url, blockSize: 1 << 20)
        let cut = records(url, blockSize: Int(input[0] % 64) + 1)
        if whole != cut {
            fatalError("blocks of \(Int(input[0] % 64) + 1) bytes read \(cut), one block read \(whole)")
        }
    }
    return 0
}

/// The records with their line numbers, or the refusal; the records delivered before a refusal
/// depend on the blocks and are left out.
private func records(_ url: URL, blockSize: Int) -> String {
    var rows: [String] = []
    do {
        try CSVRowSource(url: url, delimiter: ",", file: "list.csv", copy: nil, blockSize: blockSize).forEachRawRow { row in
            rows.append("\(row.number):\(row.cells)")
        }
        return rows.joined(separator: "\n")
    } catch {
        return "refused: \(error)"
    }
}
