/// The layout of printed certificates (certificate_layout.csv): one row per field placed on the sheet.
extension CatalogAssembly {
    mutating func readPrintFiles() {
        guard isUsable(.certificateLayout) else { return }
        let file = CatalogFile.certificateLayout
        var fields: [String: Int] = [:]
        for record in records(file) {
            var row = CatalogRowReader(file: file, record: record)
            let field = row.value("field", CatalogFieldParser.certificateField)
            if let field { row.claim(field.rawValue, in: &fields, column: "field", value: field.rawValue) }
            let x = row.value("x_mm") { text throws(Rejection) in try CatalogFieldParser.millimetres(text, upTo: CertificateSheet.width) }
            let y = row.value("y_mm") { text throws(Rejection) in try CatalogFieldParser.millimetres(text, upTo: CertificateSheet.height) }
            let width = row.value("width_mm") { text throws(Rejection) in try CatalogFieldParser.millimetres(text, upTo: CertificateSheet.width) }
            let fontText = row.text("font_size_pt")
            var fontSize: Double?
            if field == .qr {
                if !fontText.isEmpty { row.report("font_size_pt", value: fontText, CatalogRule.qrHasNoFontSize()) }
                if let width, width < CertificateSheet.smallestQRSide {
                    row.report("width_mm", value: row.text("width_mm"), CatalogRule.qrTooSmall())
                }
                if let y, let width, y + width > CertificateSheet.height {
                    row.report("y_mm", value: row.text("y_mm"), CatalogRule.offTheSheet())
                }
            } else if field != nil {
                fontSize = row.value("font_size_pt", CatalogFieldParser.fontSize)
            }
            if let x, let width, x + width > CertificateSheet.width {
                row.report("width_mm", value: row.text("width_mm"), CatalogRule.offTheSheet())
            }
            if let width, width <= 0 { row.report("width_mm", value: row.text("width_mm"), CatalogRule.zeroWidth()) }
            if row.isClean, let field, let x, let y, let width {
                draft.certificateLayout.append(CertificateFieldPlacement(
                    field: field, label: row.text("label"), xMillimetres: x, yMillimetres: y, widthMillimetres: width,
                    fontSizePoints: fontSize))
            }
            absorb(row)
        }
        for field in CertificateField.required where fields[field.rawValue] == nil {
            report(file.fileName, line: nil, field: .column("field"), value: field.rawValue, CatalogRule.missingCertificateField())
        }
    }
}
