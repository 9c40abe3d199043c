import Foundation
import Domain
import Spreadsheet
import Store

/// A valid certificate that shares its holder (by national ID) and its occupation and level (or
/// special-ability item) with another valid certificate somewhere in the province: 一人多证.
public struct DuplicateCertificateLine: Sendable, Equatable {
    /// Lines of one holder and target share a group number (1, 2 …).
    public let group: Int
    public let nationalId: String
    public let name: String
    public let occupationOrItem: String
    public let level: String?
    public let city: String
    public let number: String
    public let issuedOn: String

    public init(group: Int, nationalId: String, name: String, occupationOrItem: String, level: String?, city: String,
                number: String, issuedOn: String) {
        self.group = group
        self.nationalId = nationalId
        self.name = name
        self.occupationOrItem = occupationOrItem
        self.level = level
        self.city = city
        self.number = number
        self.issuedOn = issuedOn
    }
}

/// A registration for an exam of an occupation and level (or item) held after an exam of the
/// same the person had already passed, with a valid certificate to show for it: 重复考证.
public struct RepeatRegistrationLine: Sendable, Equatable {
    public let nationalId: String
    public let name: String
    public let occupationOrItem: String
    public let level: String?
    public let passedCity: String
    public let certificateNumber: String
    /// The day of the exam that was passed (the certificate's issue day when its session is unknown).
    public let passedOn: String
    public let city: String
    public let ticketNumber: String
    public let examDate: String

    public init(nationalId: String, name: String, occupationOrItem: String, level: String?, passedCity: String,
                certificateNumber: String, passedOn: String, city: String, ticketNumber: String, examDate: String) {
        self.nationalId = nationalId
        self.name = name
        self.occupationOrItem = occupationOrItem
        self.level = level
        self.passedCity = passedCity
        self.certificateNumber = certificateNumber
        self.passedOn = passedOn
        self.city = city
        self.ticketNumber = ticketNumber
        self.examDate = examDate
    }
}

/// The province's duplicate-check report: one sheet of 一人多证 and one of 重复考证, national
/// IDs masked (the province downloads it to follow the cases up with the cities, which hold the
/// whole records).
public enum ProvinceDuplicatesWorkbook {
    static let duplicatesSheet = "一人多证 Duplicate certificates"
    static let repeatsSheet = "重复考证 Repeat exams"

    public static func write(duplicates: [DuplicateCertificateLine], repeats: [RepeatRegistrationLine], writtenOn: CivilDate,
                             to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: "全省重复持证与重复考证核查 Province duplicate checks",
                                   subject: "一人多证、重复考证")
        func level(_ code: String?) -> CellValue {
            .text(code.flatMap { Int($0) }.flatMap { SkillLevel(nationalDigit: $0)?.chineseName } ?? (code ?? ""))
        }
        let id = TableColumn("身份证号 National ID", width: 21, style: .centredText)
        let name = TableColumn("姓名 Name", width: 10)
        let target = TableColumn("职业/项目 Occupation/item", width: 16, style: .centredText)
        let levelColumn = TableColumn("等级 Level", width: 13, style: .centredCell)
        let city = TableColumn("城市 City", width: 8, style: .centredText)
        try TableSheet(
            name: duplicatesSheet,
            title: "一人多证：同一人持有同一职业同一等级的多张有效证书（\(duplicates.count) 张） Valid certificates of one person for the same occupation and level, as of \(writtenOn)",
            columns: [TableColumn("组 Group", width: 7, style: .centredCell), id, name, target, levelColumn, city,
                      .certificateNumber, .issuedOn],
            rows: duplicates.map {
                [.integer($0.group), .text(Masking.nationalID($0.nationalId)), .text($0.name), .text($0.occupationOrItem),
                 level($0.level), .text($0.city), .text($0.number), CertificateLine.dateCell($0.issuedOn)]
            }
        ).write(into: workbook)
        try TableSheet(
            name: repeatsSheet,
            title: "重复考证：通过后再次报考同一职业同一等级（\(repeats.count) 条） Registrations after a pass of the same occupation and level, as of \(writtenOn)",
            columns: [id, name, target, levelColumn,
                      TableColumn("已通过城市 Passed in", width: 10, style: .centredText), .certificateNumber,
                      TableColumn("通过考试日期 Passed on", width: 12, style: .centredDate),
                      TableColumn("再次报考城市 Registered in", width: 10, style: .centredText),
                      TableColumn("准考证号 Ticket No.", width: 18, style: .centredText),
                      TableColumn("考试日期 Exam date", width: 12, style: .centredDate)],
            rows: repeats.map {
                [.text(Masking.nationalID($0.nationalId)), .text($0.name), .text($0.occupationOrItem), level($0.level),
                 .text($0.passedCity), .text($0.certificateNumber), CertificateLine.dateCell($0.passedOn), .text($0.city),
                 .text($0.ticketNumber), CertificateLine.dateCell($0.examDate)]
            }
        ).write(into: workbook)
        try workbook.close()
    }
}
