import Foundation
import FuzzSupport
import Intake

/// libFuzzer entry point for the score-sheet reader (评分表): every sheet of a workbook, or a CSV
/// sheet. An input starting with `PK` is a whole file; one starting with `csv:` is a CSV file
/// after that prefix; any other is cut into the parts of a two-sheet workbook (`FuzzWorkbook`).
/// Any input may be refused with an error; none may crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScoreSheetReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let url: URL
    if size >= 2 && input[0] == 0x50 && input[1] == 0x4B {
        url = FuzzFile.write(input, as: "scores.xlsx")
    } else if size >= 4 && input[0..<4].elementsEqual("csv:".utf8) {
        url = FuzzFile.write(UnsafeBufferPointer(rebasing: input[4...]), as: "scores.csv")
    } else {
        url = FuzzFile.write(FuzzWorkbook.package(FuzzParts.split(input, count: FuzzWorkbook.partPaths.count)), as: "scores.xlsx")
    }
    do {
        for line in try ScoreSheetReader.lines(of: url) {
            _ = (line.ticket, line.name, line.part, line.score, line.outcome, line.cells.count)
        }
    } catch {
        _ = "\(error)"
    }
    return 0
}
