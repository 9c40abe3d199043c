import Foundation
import Testing
import Domain
import Spreadsheet
import Reports
// The roster's types have no public initialisers: the Store builds them from the database.
@testable import Store

/// The 花名册 read back as the institution printing it and the bureau checking it would see it.
@Suite struct CohortRosterWorkbookTests {
    static let sheet = "花名册 Roster"

    static func roster(_ lines: [RosterLine]? = nil) -> CohortRoster {
        let cohort = Cohort(id: 7, institutionId: 3, name: "2024年第3期中式烹调师（四级）培训班", projectCode: "yuecai",
                            occupationCode: "4-03-02-01", level: "4", district: "西关街道", startDate: "2024-04-01",
                            endDate: "2024-06-30", plannedHours: 72, capacity: 50, createdAt: "2024-03-20T09:00:00Z")
        let institution = Institution(id: 3, name: "广州市粤菜烹饪职业培训学校", kind: .training,
                                      district: "西关街道", createdAt: "2024-01-05T09:00:00Z")
        return CohortRoster(cohort: cohort, institution: institution, projectName: "粤菜师傅",
                            targetName: "中式烹调师 四级/中级工", completionSharePercent: 80, lines: lines ?? Self.lines)
    }

    static let lines = [
        RosterLine(name: "张𠈌", sex: "男", nationalId: "440524188001010014", phone: "13800138000",
                   education: "高中/中专/技校", householdType: "城镇", keyGroups: ["高校毕业生", "退役军人"],
                   hoursTenths: 720, status: .completed, completedOn: "2024-06-30", withdrawalReason: nil),
        RosterLine(name: "李四", sex: "女", nationalId: "11010519491231002X", phone: "13912345678",
                   education: "初中及以下", householdType: "农村", keyGroups: [],
                   hoursTenths: 305, status: .enrolled, completedOn: nil, withdrawalReason: nil),
        RosterLine(name: "王五", sex: "男", nationalId: "34052419800101001X", phone: nil,
                   education: nil, householdType: nil, keyGroups: ["农村劳动力"],
                   hoursTenths: 0, status: .withdrawn, completedOn: nil, withdrawalReason: "个人原因"),
    ]
    static let wholeNumbers = ["440524188001010014", "11010519491231002X", "34052419800101001X", "13800138000", "13912345678"]

    func written(_ roster: CohortRoster = Self.roster(), unmasked: Bool = false) throws -> (XLSXReader, [XLSXRow], URL) {
        let url = temporaryWorkbookURL("roster")
        try CohortRosterWorkbook.write(roster, unmasked: unmasked, to: url)
        let reader = try XLSXReader(url: url)
        return (reader, try reader.rows(sheet: Self.sheet), url)
    }

    /// Every stored text of the workbook: sheet, shared strings, workbook and document properties.
    func allText(_ reader: XLSXReader) throws -> String {
        try ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "docProps/core.xml"]
            .map { try reader.rawXML(path: $0) }.joined()
    }

    @Test func theTitleAndSubtitleSayWhoWhatWhereAndWhen() throws {
        let (_, rows, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("A1") == "广州市粤菜烹饪职业培训学校 2024年第3期中式烹调师（四级）培训班 学员花名册")
        let subtitle = try #require(rows.value("A2"))
        for part in ["粤菜师傅", "中式烹调师 四级/中级工", "西关街道", "2024-04-01 至 2024-06-30", "计划学时：72", "80%"] {
            #expect(subtitle.contains(part), "\(part)")
        }
        #expect(!subtitle.contains("保管"))
        #expect(rows.row(3)?.cells.map(\.value) == [
            "序号 No.", "姓名 Name", "性别 Sex", "身份证号 National ID", "手机号码 Phone", "文化程度 Education",
            "户籍类型 Household", "重点群体 Key groups", "出勤学时 Hours", "出勤率 Attendance", "状态 Status", "签名 Signature",
        ])
    }

    @Test func idsAndPhonesAreMaskedByDefaultEverywhereInTheFile() throws {
        let (reader, rows, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("D4") == "440524********0014")
        #expect(rows.value("E4") == "138****8000")
        #expect(rows.value("D5") == "110105********002X")
        #expect(rows.value("E6") == nil)
        let text = try allText(reader)
        let leaked = Self.wholeNumbers.filter { text.contains($0) }
        #expect(leaked.isEmpty)
    }

    @Test func unmaskedShowsThemWholeAndSaysSo() throws {
        let (reader, rows, url) = try written(unmasked: true)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("D4") == "440524188001010014")
        #expect(rows.value("E4") == "13800138000")
        #expect(rows.value("D6") == "34052419800101001X")
        #expect(rows.value("A2")?.contains("请妥善保管") == true)
        let id = try #require(rows.cell("D4"))
        #expect(id.kind == .sharedString)
        #expect(reader.numberFormat(forStyle: try #require(id.styleIndex))?.isText == true)
    }

    @Test func linesShowNamesExactlyAndTheirDetailsAsText() throws {
        let (_, rows, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("A4") == "1" && rows.value("A6") == "3")
        #expect(rows.value("B4") == "张𠈌")
        #expect(rows.cell("B4")?.kind == .sharedString)
        #expect(rows.value("C5") == "女")
        #expect(rows.value("F4") == "高中/中专/技校" && rows.value("G5") == "农村")
        #expect(rows.value("H4") == "高校毕业生、退役军人")
        #expect(rows.value("K4") == "结业（2024-06-30）")
        #expect(rows.value("K5") == "在读")
        #expect(rows.value("K6") == "退学：个人原因")
        #expect(rows.value("L4") == nil)
    }

    @Test func hoursAreNumbersAndAttendanceIsAFormulaOverPlannedHours() throws {
        let (reader, rows, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        let hours = try #require(rows.cell("I5"))
        #expect(hours.kind == .number && hours.value == "30.5")
        #expect(reader.numberFormat(forStyle: try #require(hours.styleIndex))?.code == "0.0")
        let attendance = try #require(rows.cell("J5"))
        #expect(attendance.formula == "I5/72")
        #expect(abs(try #require(Double(attendance.value)) - 30.5 / 72) < 1e-9)
        #expect(reader.numberFormat(forStyle: try #require(attendance.styleIndex))?.code == "0.0%")
        #expect(rows.cell("J4")?.value == "1")
    }

    @Test func totalsAreFormulasWithTheirValuesCached() throws {
        let (_, rows, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("A7") == "合计")
        #expect(rows.cell("B7")?.formula == "COUNTA(B4:B6)")
        #expect(rows.value("B7") == "3")
        #expect(rows.cell("I7")?.formula == "SUM(I4:I6)")
        #expect(rows.value("I7") == "102.5")
        #expect(rows.value("K8") == "结业 Completed")
        #expect(rows.cell("L8")?.formula == "COUNTIF(K4:K6,\"结业*\")")
        #expect(rows.value("L8") == "1")
        #expect(rows.value("K9") == "在读 Enrolled")
        #expect(rows.cell("L9")?.formula == "COUNTIF(K4:K6,\"在读\")")
        #expect(rows.value("L9") == "1")
        #expect(rows.value("K10") == "退学 Withdrawn")
        #expect(rows.cell("L10")?.formula == "COUNTIF(K4:K6,\"退学*\")")
        #expect(rows.value("L10") == "1")
    }

    @Test func theCachedCountsFollowTheLines() throws {
        let lines = Self.lines + [Self.lines[0], Self.lines[0]]
        let (_, rows, url) = try written(Self.roster(lines))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.value("B9") == "5")
        #expect(rows.value("I9") == "246.5")
        #expect(rows.value("L10") == "3")
    }

    @Test func aSignatureBlockFollowsTheTotals() throws {
        let (_, rows, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        let texts = rows.filter { $0.number > 10 }.flatMap(\.cells).map(\.value)
        for label in ["培训机构（盖章）：", "经办人：", "日期：", "人社局审核："] {
            #expect(texts.contains(label), "\(label)")
        }
    }

    @Test func theRosterIsPrintReady() throws {
        let (reader, _, url) = try written()
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = try reader.rawXML(path: "xl/worksheets/sheet1.xml")
        #expect(sheet.contains("orientation=\"landscape\""))
        #expect(sheet.contains("paperSize=\"9\""))
        #expect(sheet.contains("<pageSetUpPr fitToPage=\"1\"/>") && sheet.contains("fitToHeight=\"0\""))
        #expect(sheet.contains("<oddFooter>&amp;C&amp;P / &amp;N</oddFooter>"))
        #expect(sheet.contains("<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.6\" bottom=\"0.6\""))
        #expect(sheet.contains("<pane ySplit=\"3\""))
        #expect(try reader.rawXML(path: "xl/workbook.xml").contains("'花名册 Roster'!$1:$3"))
    }

    @Test func anEmptyCohortStillHasValidTotals() throws {
        let (_, rows, url) = try written(Self.roster([]))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(rows.cell("B5")?.formula == "COUNTA(B4:B4)")
        #expect(rows.value("B5") == "0")
        #expect(rows.value("I5") == "0")
        #expect(rows.value("L6") == "0")
    }
}
