import Domain
import Foundation
import Intake
import Spreadsheet
import Testing

/// Every way a list can be unusable has its own error and message, naming the file (and the sheet
/// and row where there is one), in both languages.
@Suite("Trainee lists: files that cannot be imported")
struct TraineeListErrorTests {
    // MARK: empty

    @Test(arguments: [
        ("zero.csv", [UInt8]()),
        ("bom.csv", [0xEF, 0xBB, 0xBF]),
        ("blank.csv", Array(",,\r\n\r\n , \n\u{3000}\n".utf8)),
    ])
    func anEmptyFileIsSaidToBeEmpty(_ name: String, _ bytes: [UInt8]) throws {
        let directory = try ListDirectory()
        let error = intakeError(try directory.write(name, bytes: bytes))
        #expect(error == .emptyFile(file: name, sheet: nil))
        #expect(error?.description == "文件 \(name) 文件是空的，没有任何内容\n\(name) · the file is empty: it holds no rows")
    }

    @Test func anEmptySheetIsSaidToBeEmpty() throws {
        let directory = try ListDirectory()
        let url = try directory.workbook("empty.xlsx") { workbook in _ = try workbook.addSheet("学员名单") }
        let error = intakeError(url)
        #expect(error == .emptyFile(file: "empty.xlsx", sheet: "学员名单"))
        #expect(error?.description == "文件 empty.xlsx 工作表“学员名单” 工作表是空的，没有任何内容\n"
                + "empty.xlsx sheet \"学员名单\" · the sheet is empty: it holds no rows")
    }

    @Test func aHeaderWithoutRowsHasNoDataRows() throws {
        let directory = try ListDirectory()
        let url = try directory.write("header-only.csv", "身份证号,姓名\n【说明】身份证号设为文本格式,\n,\n")
        // Opening succeeds: the header is fine. Reading finds nothing under it.
        _ = try traineeList(url)
        let error = intakeError(url, readRows: true)
        #expect(error == .noDataRows(file: "header-only.csv", sheet: nil, headerRow: 1))
        #expect(error?.description == "文件 header-only.csv 第 1 行 表头（第 1 行）下面没有数据行\n"
                + "header-only.csv line 1 · there are no rows under the header (row 1)")
    }

    // MARK: header

    @Test func aFileWithoutARecognisedHeaderListsTheExpectedColumns() throws {
        let directory = try ListDirectory()
        let url = try directory.write("nohead.csv", "张三,440524188001010014\n李四,11010519491231002X\n")
        let error = intakeError(url)
        #expect(error == .noHeaderRow(file: "nohead.csv", sheet: nil, format: "CSV UTF-8", rowsSearched: 10,
                                      expected: [.nationalId, .name, .phone, .education, .householdType, .keyGroups]))
        #expect(error?.description == "文件 nohead.csv 在前 10 个非空行中找不到表头（按 CSV UTF-8 读取）；"
                + "表头应至少含下列列名中的两个：身份证号、姓名、手机号码、文化程度、户籍类型、重点群体\n"
                + "nohead.csv · no header row among the first 10 non-blank rows (read as CSV UTF-8); a header names at least two of: "
                + "身份证号 National ID, 姓名 Name, 手机号码 Mobile phone, 文化程度 Education, 户籍类型 Household type, 重点群体 Key groups")
    }

    @Test func aHeaderBelowTheTenthRowIsNotSearchedFor() throws {
        let directory = try ListDirectory()
        let titles = (1...10).map { "第 \($0) 行说明,\n" }.joined()
        let error = intakeError(try directory.write("deep.csv", titles + "身份证号,姓名\n440524188001010014,张三\n"))
        guard case .noHeaderRow(_, _, _, 10, _)? = error else {
            Issue.record("expected noHeaderRow, got \(String(describing: error))")
            return
        }
    }

    @Test func missingRequiredColumnsAreNamedInBothLanguages() throws {
        let directory = try ListDirectory()
        let error = intakeError(try directory.write("nophone.csv", "手机号码,文化程度\n13800138000,本科\n"))
        #expect(error == .missingColumns(file: "nophone.csv", sheet: nil, row: 1, missing: [.nationalId, .name]))
        #expect(error?.description == "文件 nophone.csv 第 1 行 表头缺少必需的列：身份证号（National ID）、姓名（Name）\n"
                + "nophone.csv line 1 · the header row lacks required columns: National ID (身份证号), Name (姓名)")
    }

    @Test func aFieldFoundTwiceNamesBothColumns() throws {
        let directory = try ListDirectory()
        let error = intakeError(try directory.write("dup.csv", "身份证号,姓名,手机号码,联系电话\n440524188001010014,张三,13800138000,\n"))
        #expect(error == .duplicateColumn(file: "dup.csv", sheet: nil, row: 1, field: .phone,
                                          first: ListColumn(index: 2, header: "手机号码"), second: ListColumn(index: 3, header: "联系电话")))
        #expect(error?.description == "文件 dup.csv 第 1 行 第 C 列“手机号码”和第 D 列“联系电话”都是“手机号码”列，请删除或改名其中一列\n"
                + "dup.csv line 1 · column C \"手机号码\" and column D \"联系电话\" both give Mobile phone (手机号码); delete or rename one of them")
    }

    @Test func aDuplicateInAWorkbookNamesTheSheetAndRow() throws {
        let directory = try ListDirectory()
        let url = try directory.workbook("dup.xlsx") { workbook in
            let sheet = try workbook.addSheet("学员名单")
            try sheet.write(.text("学员名单"), row: 0, column: 0)
            try sheet.writeRow([.text("姓名"), .text("身份证号"), .text("National ID")], row: 2)
        }
        let error = intakeError(url)
        #expect(error?.description == "文件 dup.xlsx 工作表“学员名单” 第 3 行 第 B 列“身份证号”和第 C 列“National ID”都是“身份证号”列，请删除或改名其中一列\n"
                + "dup.xlsx sheet \"学员名单\" row 3 · column B \"身份证号\" and column C \"National ID\" both give National ID (身份证号); "
                + "delete or rename one of them")
    }

    @Test func aFieldNotAskedForMayAppearTwice() throws {
        let directory = try ListDirectory()
        let reader = try traineeList(try directory.write("hours.csv", "身份证号,姓名,学时,出勤学时\n440524188001010014,张三,8,8\n"))
        #expect(reader.ignoredColumns == ["学时", "出勤学时"])
    }

    // MARK: sheets and workbooks

    @Test func aMissingSheetListsTheSheetsThatExist() throws {
        let directory = try ListDirectory()
        let url = try directory.workbook("cohorts.xlsx") { workbook in
            try workbook.addSheet("第一期").write(.text("身份证号"), row: 0, column: 0)
            try workbook.addSheet("Second Cohort").write(.text("姓名"), row: 0, column: 0)
        }
        let error = intakeError(url, sheet: "第二期")
        #expect(error == .missingSheet(file: "cohorts.xlsx", sheet: "第二期", available: ["第一期", "Second Cohort"]))
        #expect(error?.description == "文件 cohorts.xlsx 工作表“第二期” 没有此工作表；现有工作表：“第一期”、“Second Cohort”\n"
                + "cohorts.xlsx sheet \"第二期\" · there is no such sheet; the sheets are: \"第一期\", \"Second Cohort\"")
    }

    @Test func aTruncatedWorkbookIsCorrupt() throws {
        let directory = try ListDirectory()
        let complete = try directory.workbook("complete.xlsx") { workbook in
            let sheet = try workbook.addSheet("学员名单")
            try sheet.writeRow([.text("身份证号"), .text("姓名")], row: 0)
            for row in 1...200 { try sheet.writeRow([.text("440524188001010014"), .text("学员\(row)")], row: row) }
        }
        let bytes = try Data(contentsOf: complete)
        let url = try directory.write("truncated.xlsx", bytes: Array(bytes.prefix(bytes.count / 2)))
        let error = intakeError(url)
        guard case .corruptSpreadsheet(let file, _)? = error else {
            Issue.record("expected corruptSpreadsheet, got \(String(describing: error))")
            return
        }
        #expect(file == "truncated.xlsx")
        #expect(error?.chinese.hasPrefix("文件 truncated.xlsx 不是完好的 .xlsx 工作簿：文件已损坏或不完整（可能下载或复制时中断），"
                                         + "请重新获取该文件，或在 Excel 中打开后重新保存") == true)
        #expect(error?.english.hasPrefix("truncated.xlsx · not an intact .xlsx workbook: the file is damaged or incomplete") == true)
    }

    /// A zip bomb: the sheet says it inflates to 4 GB. It is refused at once, naming the file.
    @Test func aWorkbookWhoseSheetInflatesToGigabytesIsRefused() throws {
        let directory = try ListDirectory()
        let written = try directory.workbook("written.xlsx") { workbook in
            try workbook.addSheet("学员名单").writeRow([.text("身份证号"), .text("姓名")], row: 0)
        }
        var bytes = [UInt8](try Data(contentsOf: written))
        // The central directory's record of the sheet: its uncompressed size is at offset 24.
        let name = Array("xl/worksheets/sheet1.xml".utf8)
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        func isSheetRecord(_ offset: Int) -> Bool {
            guard bytes[offset..<offset + 4].elementsEqual(signature) else { return false }
            return bytes[(offset + 46)..<(offset + 46 + name.count)].elementsEqual(name)
        }
        let record = try #require((0..<(bytes.count - 46 - name.count)).first(where: isSheetRecord))
        bytes.replaceSubrange(record + 24..<record + 28, with: [0xFE, 0xFF, 0xFF, 0xFF])
        let error = intakeError(try directory.write("bomb.xlsx", bytes: bytes), readRows: true)
        #expect(error == .oversizedSpreadsheet(file: "bomb.xlsx", part: "xl/worksheets/sheet1.xml", limit: "1 GiB"))
        #expect(error?.chinese == "文件 bomb.xlsx 不是正常的工作簿：其中的 xl/worksheets/sheet1.xml 解压后超过 1 GiB 的上限"
            + "（可能是恶意构造的“压缩炸弹”），未读取；请向提供者确认文件来源")
        #expect(error?.english == "bomb.xlsx · not an ordinary workbook: its part xl/worksheets/sheet1.xml inflates to more than "
            + "the limit of 1 GiB (it may be a maliciously built “zip bomb”) and was not read; check with whoever sent the file where it came from")
    }

    @Test func aLegacyXLSIsToBeSavedAsXLSX() throws {
        let directory = try ListDirectory()
        let url = try directory.write("名单.xls", bytes: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
        let error = intakeError(url)
        #expect(error == .legacyXLS(file: "名单.xls"))
        #expect(error?.description == "文件 名单.xls 是旧版 Excel 97-2003 工作簿（.xls），不能直接导入：请在 Excel 中打开，另存为“Excel 工作簿（*.xlsx）”后再导入\n"
                + "名单.xls · is a legacy Excel 97-2003 workbook (.xls), which cannot be imported: open it in Excel, "
                + "save it as “Excel Workbook (*.xlsx)” and import that")
    }

    // MARK: not a spreadsheet

    @Test func anImageIsNotASpreadsheet() throws {
        let directory = try ListDirectory()
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        let error = intakeError(try directory.write("名单.xlsx", bytes: png + [UInt8](repeating: 0x7F, count: 64)))
        #expect(error == .notASpreadsheet(file: "名单.xlsx", detail: Rejection("PNG 图片", "a PNG image")))
        #expect(error?.description == "文件 名单.xlsx 不是电子表格：这是PNG 图片，而不是 .xlsx 工作簿或 CSV 文件\n"
                + "名单.xlsx · not a spreadsheet: this is a PNG image, not an .xlsx workbook or a CSV file")
    }

    @Test func binaryContentIsNotASpreadsheet() throws {
        let directory = try ListDirectory()
        let bytes = Array("身份证号,姓名\n".utf8) + [0x00, 0x01, 0x02, 0x03, 0x00, 0xFF]
        let error = intakeError(try directory.write("data.csv", bytes: bytes))
        #expect(error == .notASpreadsheet(file: "data.csv", detail: Rejection("二进制文件", "a binary file")))
    }

    @Test func textInAnUnknownEncodingIsRefusedWithItsLine() throws {
        let directory = try ListDirectory()
        // 0xFF starts no GB18030 sequence, and no UTF-8 one either.
        let bytes = try encoded("身份证号,姓名\n440524188001010014,张三\n", as: "GB18030") + [0x31, 0x2C, 0xFF, 0xFE, 0x0A]
        let error = intakeError(try directory.write("latin.csv", bytes: bytes))
        #expect(error == .unknownTextEncoding(file: "latin.csv", line: 3))
        #expect(error?.description == "文件 latin.csv 第 3 行 既不是 UTF-8 也不是 GB18030 编码的文本：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）\n"
                + "latin.csv line 3 · the text is neither UTF-8 nor GB18030: in Excel save it as “CSV UTF-8 (Comma delimited)” or as an Excel Workbook (.xlsx)")
    }

    @Test func aFileMarkedUTF8WithBadBytesIsNotTakenForGB18030() throws {
        let directory = try ListDirectory()
        // A byte-order mark says UTF-8: bad bytes after it are damage, reported at their line.
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("身份证号,姓名\n440524188001010014,张三\n".utf8) + [0xD5, 0x0A]
        let error = intakeError(try directory.write("damaged.csv", bytes: bytes))
        #expect(error == .unknownTextEncoding(file: "damaged.csv", line: 3))
    }

    @Test func aMissingFileIsSaidToBeMissing() throws {
        let directory = try ListDirectory()
        let error = intakeError(directory.file("nowhere.csv"))
        #expect(error == .missingFile(file: "nowhere.csv"))
        #expect(error?.description == "文件 nowhere.csv 文件不存在\nnowhere.csv · the file does not exist")
    }

    // MARK: the caller's own errors

    @Test func anErrorThrownWhileReadingAWorkbookComesOutUnchanged() throws {
        let directory = try ListDirectory()
        let url = try directory.workbook("list.xlsx") { workbook in
            let sheet = try workbook.addSheet("学员名单")
            try sheet.writeRow([.text("身份证号"), .text("姓名")], row: 0)
            try sheet.writeRow([.text("440524188001010014"), .text("张三")], row: 1)
        }
        let reader = try traineeList(url)
        // E.g. writing the error workbook failed inside the loop: not a corrupt input.
        let thrown = SpreadsheetError.fileNotFound(path: "/nowhere/errors.xlsx")
        #expect(throws: thrown) {
            try reader.forEachRow { _ in throw thrown }
        }
    }
}
