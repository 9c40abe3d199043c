import Domain
import Foundation
import FuzzSupport
import Intake

/// libFuzzer entry point for the CSV path of a list import: encoding detection (UTF-8, GB18030,
/// UTF-16, mixed), the quote screen, CSVReader, header matching, the row rules. Any input may be
/// refused with an error; none may crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let url = FuzzFile.write(UnsafeBufferPointer(start: data, count: size), as: "list.csv")
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
    return 0
}
