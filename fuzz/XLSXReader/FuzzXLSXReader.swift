import Foundation
import FuzzSupport
import Spreadsheet

/// libFuzzer entry point for the .xlsx reader. An input starting with `PK` is taken as a whole
/// file (the zip container fuzzed); any other is cut into the parts of a workbook (two sheets,
/// shared strings, styles, workbook, its relationships; see `FuzzParts`) packed in a valid zip,
/// so that mutations reach the XML. Any input may be refused with an error; none may crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSXReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let url: URL
    if size >= 2 && input[0] == 0x50 && input[1] == 0x4B {
        url = FuzzFile.write(input, as: "book.xlsx")
    } else {
        url = FuzzFile.write(FuzzWorkbook.package(FuzzParts.split(input, count: FuzzWorkbook.partPaths.count)), as: "book.xlsx")
    }
    // Small limits: an input inflating past them is refused like a bomb, not inflated for minutes.
    let limits = XLSXReadLimits(sheetPartBytes: 16 << 20, partBytes: 16 << 20)
    do {
        let reader = try XLSXReader(url: url, limits: limits)
        _ = reader.usesDate1904System
        for name in reader.sheetNames {
            try reader.forEachRow(sheet: name) { row in
                for cell in row.cells {
                    if let style = cell.styleIndex { _ = reader.numberFormat(forStyle: style)?.isDate }
                }
            }
        }
    } catch {
        _ = "\(error)"
    }
    return 0
}
