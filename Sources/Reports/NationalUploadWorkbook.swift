import Foundation
import Domain
import Spreadsheet
import Store

/// The file the bureau uploads so that certificates can be looked up nationally (by name,
/// national ID and number): one header row and one row per certificate with exactly the fields
/// the national lookup shows.
///
/// It is read by a machine, so it has no title rows, no totals and headers in Chinese only, and
/// every cell is text: a reader that guessed types would turn IDs and codes into rounded numbers
/// and the issue date into whatever date format its locale likes.
///
/// - Revoked certificates are left out: the upload says what is valid, and a revoked number
///   must not be found as if it were.
/// - National IDs are whole, since the lookup matches on them; the caller records that
///   disclosure (this type only lays out).
/// - A special-ability certificate (no occupation code, no level) keeps its item's name in
///   职业名称 and blank code and level columns, rather than being dropped without a word.
public enum NationalUploadWorkbook {
    static let sheetName = "证书信息"

    enum Column: Int, CaseIterable {
        case name, nationalId, occupationName, occupationCode, subTrade, level, levelCode, certificateNumber, issuedOn, body

        /// The headers the upload's reader expects, word for word.
        var header: String {
            switch self {
            case .name: "姓名"
            case .nationalId: "身份证号"
            case .occupationName: "职业名称"
            case .occupationCode: "职业编码"
            case .subTrade: "工种"
            case .level: "等级"
            case .levelCode: "等级代码"
            case .certificateNumber: "证书编号"
            case .issuedOn: "发证日期"
            case .body: "评价机构"
            }
        }

        /// Wide enough for a person checking the file before it goes.
        var width: Double {
            switch self {
            case .name: 12
            case .nationalId: 21
            case .occupationName: 16
            case .occupationCode: 12
            case .subTrade: 12
            case .level: 13
            case .levelCode: 9
            case .certificateNumber: 25
            case .issuedOn: 12
            case .body: 26
            }
        }

        func value(_ line: CertificateLine) -> String {
            switch self {
            case .name: line.name
            case .nationalId: line.nationalId
            case .occupationName: line.occupationOrItem
            case .occupationCode: line.occupationCode ?? ""
            case .subTrade: line.subTrade ?? ""
            case .level: line.levelName
            case .levelCode: line.level?.nationalDigit.map(String.init) ?? ""
            case .certificateNumber: line.number
            case .issuedOn: line.issuedOn
            case .body: line.bodyName
            }
        }
    }

    /// Writes the valid certificates of `lines`, in the order given; revoked ones are skipped.
    public static func write(_ lines: [CertificateLine], to url: URL) throws(SpreadsheetError) {
        let workbook = try Workbook(path: url.path)
        try workbook.setProperties(title: "证书信息上传", subject: "职业技能等级证书上传 National certificate upload")
        let sheet = try workbook.addSheet(sheetName)
        for column in Column.allCases {
            // The column itself is text too, so that a value typed in later stays text.
            try sheet.setColumnWidth(column.rawValue, width: column.width, style: .plainText)
            try sheet.write(.text(column.header), row: 0, column: column.rawValue, style: .plainText.with { $0.bold = true })
        }
        for (offset, line) in lines.filter({ !$0.isRevoked }).enumerated() {
            for column in Column.allCases {
                // An empty value writes a styled blank: the row keeps its columns without a "" string.
                try sheet.write(.text(column.value(line)), row: 1 + offset, column: column.rawValue, style: .plainText)
            }
        }
        try sheet.freezePanes(row: 1, column: 0)
        try workbook.close()
    }
}

extension CellStyle {
    /// Text without borders: a machine-read file needs no grid, only text that stays text.
    static let plainText = CellStyle(numberFormat: "@")
}
