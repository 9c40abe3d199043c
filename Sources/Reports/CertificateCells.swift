import Domain
import Spreadsheet
import Store

/// How the certificate roster, the national upload and the claim sheet show a certificate, so
/// that a number, an occupation and a level read the same in each.
extension CertificateLine {
    /// `男` / `女`; a value the Store should never hold is shown as it is rather than hidden.
    var sexName: String { Sex(rawValue: sex)?.chineseName ?? sex }

    /// The occupation (`中式烹调师`), or a special-ability item's name, which has no occupation.
    var occupationOrItem: String { occupationName ?? targetName }

    /// `五级/初级工`; empty for a special-ability item, which has no level.
    var levelName: String { level?.chineseName ?? "" }

    /// The training institution, or the words the session workbooks use for someone who
    /// applied on their own.
    var trainingInstitution: String { trainingInstitutionName ?? "个人报名 Self-applied" }

    var isRevoked: Bool { revokedOn != nil }

    /// The issue date as a real date cell, so that Excel sorts and filters it as a date; the
    /// Store's text as it is should it ever not parse.
    var issuedOnCell: CellValue { Self.dateCell(issuedOn) }

    static func dateCell(_ text: String) -> CellValue {
        guard let date = try? CivilDate.parse(text) else { return .text(text) }
        return .date(year: date.year, month: date.month, day: date.day)
    }
}

extension TableColumn {
    /// 22 characters that must stay text: Excel would round the digits and drop the letter's meaning.
    static let certificateNumber = TableColumn("证书编号 Certificate No.", width: 25, style: .centredText)
    static let rowNumber = TableColumn("序号 No.", width: 6, style: .centredCell.with { $0.numberFormat = "0" })
    static let issuedOn = TableColumn("发证日期 Issued on", width: 12, style: .centredDate)
}

extension CellStyle {
    static let centredDate = CellStyle.date.with { $0.horizontalAlignment = .center; $0.verticalAlignment = .center }
}
