import Foundation
import Spreadsheet
import Testing

@Suite struct WorkbookTests {
    @Test(arguments: [
        (String(repeating: "名", count: 32), "Worksheet name exceeds Excel's limit of 31 characters."),
        ("2024/Q3", "Worksheet name cannot contain invalid characters: '[ ] : * ? / \\'"),
        ("[草稿]", "Worksheet name cannot contain invalid characters: '[ ] : * ? / \\'"),
        ("说明:", "Worksheet name cannot contain invalid characters: '[ ] : * ? / \\'"),
        ("'引号'", "Worksheet name cannot start or end with an apostrophe."),
        ("名册", "Worksheet name is already in use."),
        ("ROSTER", "Worksheet name is already in use."),
    ])
    func invalidSheetNamesAreRefusedWithTheLibraryMessage(name: String, message: String) throws {
        let directory = try TemporaryDirectory()
        let workbook = try Workbook(path: directory.file("book.xlsx").path)
        _ = try workbook.addSheet("名册")
        _ = try workbook.addSheet("Roster")
        let error = spreadsheetError { _ = try workbook.addSheet(name) }
        guard case let .invalidSheetName(refused, reason)? = error else {
            Issue.record("expected invalidSheetName, got \(String(describing: error))")
            return
        }
        #expect(refused == name)
        #expect(reason.english == message)
        let lines = try #require(error?.description.split(separator: "\n"))
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("工作表名称 \"\(name)\" 无效") == true)
        #expect(lines.last == "Invalid sheet name \"\(name)\": \(message)")
        try workbook.close()
        #expect(try XLSXReader(url: directory.file("book.xlsx")).sheetNames == ["名册", "Roster"])
    }

    @Test func sheetNameOf31ChineseCharactersIsAccepted() throws {
        let directory = try TemporaryDirectory()
        let name = String(repeating: "名", count: 31)
        let reader = try roundTrip(directory) { workbook in
            try workbook.addSheet(name).write(.text("x"), row: 0, column: 0)
        }
        #expect(reader.sheetNames == [name])
    }

    @Test func unwritablePathIsReportedAtClose() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("no-such-directory/book.xlsx").path
        let workbook = try Workbook(path: path)
        try workbook.addSheet("Sheet1").write(.text("x"), row: 0, column: 0)
        let error = spreadsheetError { try workbook.close() }
        guard case let .workbookNotSaved(failedPath, reason)? = error else {
            Issue.record("expected workbookNotSaved, got \(String(describing: error))")
            return
        }
        #expect(failedPath == path)
        #expect(reason.english == "Error creating output xlsx file. Usually a permissions error.")
        #expect(error?.chinese.contains("无法保存工作簿") == true)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(workbook.isClosed)
        #expect(spreadsheetError { try workbook.close() } == nil)
    }

    @Test func closedWorkbookRefusesFurtherWork() throws {
        let directory = try TemporaryDirectory()
        let workbook = try Workbook(path: directory.file("book.xlsx").path)
        let sheet = try workbook.addSheet("Sheet1")
        try workbook.close()
        try workbook.close()
        let write = spreadsheetError { try sheet.write(.integer(1), row: 0, column: 0) }
        #expect(write == .workbookClosed(path: workbook.path, operation: .writeNumber))
        #expect(spreadsheetError { try sheet.hide() } == .workbookClosed(path: workbook.path, operation: .hide))
        #expect(spreadsheetError { _ = try workbook.addSheet("Sheet2") } != nil)
        #expect(FileManager.default.fileExists(atPath: workbook.path))
    }

    @Test func forgottenCloseStillWritesTheFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("forgotten.xlsx").path
        do {
            let workbook = try Workbook(path: path)
            try workbook.addSheet("Sheet1").write(.text("保存"), row: 0, column: 0)
        }
        #expect(try XLSXReader(url: URL(fileURLWithPath: path)).cell("A1", sheet: "Sheet1")?.value == "保存")
    }

    @Test func documentPropertiesAreWritten() throws {
        let directory = try TemporaryDirectory()
        let reader = try roundTrip(directory) { workbook in
            try workbook.setProperties(title: "2024年第三季度统计", subject: "职业技能等级认定",
                                       created: Date(timeIntervalSince1970: 1_719_792_000))
            _ = try workbook.addSheet("Sheet1")
        }
        let core = try reader.rawXML(path: "docProps/core.xml")
        #expect(core.contains("<dc:title>2024年第三季度统计</dc:title>"))
        #expect(core.contains("<dc:subject>职业技能等级认定</dc:subject>"))
        #expect(core.contains("<dc:creator>SkillCert</dc:creator>"))
        #expect(core.contains("2024-07-01T00:00:00Z"))
    }

    @Test func constantMemoryWorkbookOfTenThousandRowsReadsBackExactly() throws {
        let directory = try TemporaryDirectory()
        func expected(_ row: Int) -> (id: String, name: String, score: Int) {
            let digits = String(row)
            return ("4405241980" + String(repeating: "0", count: 8 - digits.count) + digits, "学员𠈌\(row)", row % 101)
        }
        var outOfOrder: SpreadsheetError?
        let reader = try roundTrip(directory, constantMemory: true) { workbook in
            #expect(workbook.constantMemory)
            let sheet = try workbook.addSheet("名册")
            try sheet.writeRow([.text("身份证号"), .text("姓名"), .text("成绩"), .text("日期")], row: 0, style: .header)
            for row in 1...10_000 {
                let values = expected(row)
                try sheet.writeRow([.text(values.id), .text(values.name), .integer(values.score),
                                    .date(year: 2024, month: 1 + row % 12, day: 1 + row % 28)], row: row)
            }
            outOfOrder = spreadsheetError { try sheet.write(.text("迟到"), row: 5, column: 0) }
        }
        guard case let .cellRejected(_, cell, _, reason)? = outOfOrder else {
            Issue.record("writing above the current row should be refused in constant-memory mode")
            return
        }
        #expect(cell == "A6" && reason.english == "Worksheet row or column index out of range.")

        var count = 0
        try reader.forEachRow(sheet: "名册") { row in
            defer { count += 1 }
            #expect(row.number == count + 1)
            guard row.number > 1 else { return }
            let values = expected(row.number - 1)
            #expect(row.cells.map(\.value).prefix(3) == [values.id, values.name, String(values.score)])
            #expect(row.cells.map(\.kind) == [.inlineString, .inlineString, .number, .date])
        }
        #expect(count == 10_001)
        let xml = try reader.rawXML(path: "xl/worksheets/sheet1.xml")
        #expect(xml.occurrences(of: "t=\"inlineStr\"") == 20_004)
        #expect(!xml.contains("t=\"s\""))
    }
}
