import CSV
import Foundation
import Testing
@testable import Intake

/// CSVRowSource parses a file in blocks; wherever the blocks are cut, the records and their line
/// numbers must be those of CSVReader reading the whole file as one stream, as it did before.
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
        let stream = try CSVReader(stream: InputStream(url: file.url)!, hasHeaderRow: false, trimFields: false, delimiter: ",")
        var expected: [(Int, [String])] = []
        var line = 1
        while let fields = stream.next() {
            expected.append((line, fields))
            line += 1 + CSVRowSource.lineBreaks(in: fields)
        }
        // Multi-line cells move the line numbers on; a stray quote after a quoted field (row 4)
        // throws CSVReader off for the rest of the file, and the blocks must follow it there too.
        #expect(expected.map(\.0) == [1, 2, 4, 6, 7, 8, 9, 10])
        for blockSize in Array(1...40) + [1 << 20] {
            let rows = try records(blockSize: blockSize, in: file.url)
            #expect(rows.map(\.number) == expected.map(\.0), "block size \(blockSize)")
            #expect(rows.map(\.cells) == expected.map(\.1), "block size \(blockSize)")
        }
    }
}
