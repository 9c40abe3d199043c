import CSV
import Foundation
import Testing
@testable import Intake

/// CSVRowSource parses a file in blocks; wherever the blocks are cut, the records and their line
/// numbers must be those of CSVReader reading the whole (screened) file as one string.
@Suite struct CSVRowSourceTests {
    static let text = "\u{FEFF}身份证号,姓名,备注\r\n"
        + "1,\"多行\n单元格\",x\r\n"
        + "2,\"引号\"\"内\",\"以换行结尾\n\"\n"
        + "3,a\"b,\"\"\n"
        + "\n"
        + "4,\"ab\"c,\"\r\n\r\n\"\n"
        + "5,\"逗号,在内\",末行无换行"

    func records(blockSize: Int, in url: URL) throws -> [RawRow] {
        var rows: [RawRow] = []
        try CSVRowSource(url: url, delimiter: ",", file: "x.csv", copy: nil, blockSize: blockSize).forEachRawRow { rows.append($0) }
        return rows
    }

    @Test func blocksCutAnywhereGiveTheRecordsOfOneStream() throws {
        let file = TemporaryFile(suffix: ".csv")
        try Data(Self.text.utf8).write(to: file.url)
        // One pass over the whole file, screened as one block.
        guard case .rewritten(let screened) = try CSVQuoteScreen.screen(Array(Self.text.utf8).dropFirst(3)[...], delimiter: 0x2C,
                                                                        firstLine: 1, atEnd: true) else {
            Issue.record("row 4 needs rewriting")
            return
        }
        let stream = try CSVReader(string: String(decoding: screened, as: UTF8.self), hasHeaderRow: false, trimFields: false, delimiter: ",")
        var expected: [(Int, [String])] = []
        var line = 1
        while let fields = stream.next() {
            expected.append((line, fields))
            line += 1 + CSVRowSource.lineBreaks(in: fields)
        }
        // Multi-line cells move the line numbers on. Text after a quoted cell's closing quote
        // (row 4) is read as Excel reads it, where CSVReader alone would read on into later rows.
        #expect(expected.map(\.0) == [1, 2, 4, 6, 7, 8, 11])
        #expect(expected[5].1 == ["4", "abc", "\r\n\r\n"])
        for blockSize in Array(1...40) + [1 << 20] {
            let rows = try records(blockSize: blockSize, in: file.url)
            #expect(rows.map(\.number) == expected.map(\.0), "block size \(blockSize)")
            #expect(rows.map(\.cells) == expected.map(\.1), "block size \(blockSize)")
        }
    }
}
