import Testing
import Domain

/// certificate_layout.csv: where the fields of a printed certificate sit on the bureau's stock.
@Suite("Catalog: the certificate layout")
struct CertificateLayoutFileTests {
    private func problems(_ change: (inout CatalogFixture) -> Void) -> [FieldProblem] {
        var fixture = CatalogFixture.good
        change(&fixture)
        return fixture.build().problems
    }

    private let file = "certificate_layout.csv"

    @Test("the rows become placements in millimetres, labels kept, the QR code without a font size")
    func good() throws {
        let catalog = try #require(CatalogFixture.good.build().catalog)
        #expect(catalog.certificateLayout == [
            CertificateFieldPlacement(field: .name, label: "姓名 Name：", xMillimetres: 40, yMillimetres: 90, widthMillimetres: 130, fontSizePoints: 14),
            CertificateFieldPlacement(field: .nationalId, xMillimetres: 40, yMillimetres: 114, widthMillimetres: 130, fontSizePoints: 12),
            CertificateFieldPlacement(field: .number, label: "证书编号：", xMillimetres: 40.5, yMillimetres: 150, widthMillimetres: 130, fontSizePoints: 12),
            CertificateFieldPlacement(field: .qr, xMillimetres: 147, yMillimetres: 215, widthMillimetres: 35, fontSizePoints: nil),
        ])
    }

    @Test("the file is required like every catalog file")
    func missingFile() {
        #expect(problems { $0.remove(.certificateLayout) } == [
            problem(file, nil, "file", file, zh: "缺少此目录文件", en: "this catalog file is missing"),
        ])
    }

    @Test("a certificate must carry its number and its QR code")
    func requiredFields() {
        let row = CatalogFixture.good.row(.certificateLayout, where: "field", is: "qr")
        #expect(problems { $0.removeRow(.certificateLayout, row: row) } == [
            problem(file, nil, "field", "qr", zh: "证书版式缺少此字段：证书必须印有编号和核验二维码",
                    en: "the layout lacks this field: a certificate must carry its number and its verification QR code"),
        ])
    }

    @Test("an unknown field, a field twice")
    func fields() {
        #expect(problems { $0.append(.certificateLayout, ["photo", "", "10", "10", "30", "12"]) } == [
            problem(file, 8, "field", "photo",
                    zh: "未知的证书字段（可用字段为 name, sex, national_id, occupation, level, number, issued_on, body, qr）",
                    en: "unknown certificate field (the fields are name, sex, national_id, occupation, level, number, issued_on, body, qr)"),
        ])
        #expect(problems { $0.append(.certificateLayout, ["name", "", "10", "10", "30", "12"]) } == [
            problem(file, 8, "field", "name", zh: "与第 4 行重复", en: "duplicates line 4"),
        ])
    }

    @Test("positions on the sheet: 0 to 210 across and 0 to 297 down, one decimal at most, nothing off the edge")
    func positions() {
        #expect(problems { $0.set(.certificateLayout, row: 0, "x_mm", "210") }.map(\.field) == [.column("width_mm")])
        #expect(problems { $0.set(.certificateLayout, row: 0, "x_mm", "80.1") } == [
            problem(file, 4, "width_mm", "130", zh: "超出 A4 纸（210 × 297 毫米）", en: "runs off the A4 sheet (210 × 297 mm)"),
        ])
        #expect(problems { $0.set(.certificateLayout, row: 0, "x_mm", "80") }.isEmpty)
        #expect(problems { $0.set(.certificateLayout, row: 0, "y_mm", "297") }.isEmpty)
        for bad in ["297.1", "-5", "12.25", "1e2", "十"] {
            #expect(problems { $0.set(.certificateLayout, row: 0, "y_mm", bad) } == [
                problem(file, 4, "y_mm", bad, zh: "应为 0 至 297 的毫米数，最多一位小数（例如 62 或 62.5）",
                        en: "must be millimetres from 0 to 297, at most one decimal (e.g. 62 or 62.5)"),
            ], "y_mm \(bad)")
        }
    }

    @Test("font sizes 6 to 36 points for text; the QR code none, a side of 15 mm at least, on the sheet")
    func sizes() {
        #expect(problems { $0.set(.certificateLayout, row: 0, "font_size_pt", "6") }.isEmpty)
        #expect(problems { $0.set(.certificateLayout, row: 0, "font_size_pt", "36") }.isEmpty)
        for bad in ["5.9", "36.5", ""] {
            #expect(problems { $0.set(.certificateLayout, row: 0, "font_size_pt", bad) }.map(\.field) == [.column("font_size_pt")], "\(bad)")
        }
        #expect(problems { $0.set(.certificateLayout, row: 3, "font_size_pt", "12") } == [
            problem(file, 7, "font_size_pt", "12", zh: "二维码没有字号，此栏应留空；其大小由 width_mm 给出",
                    en: "the QR code has no font size: leave it empty; width_mm gives its size"),
        ])
        #expect(problems { $0.set(.certificateLayout, row: 3, "width_mm", "15") }.isEmpty)
        #expect(problems { $0.set(.certificateLayout, row: 3, "width_mm", "14.9") } == [
            problem(file, 7, "width_mm", "14.9", zh: "二维码边长至少 15 毫米，否则印在纸上难以扫描",
                    en: "a QR code needs a side of at least 15 mm to scan from paper"),
        ])
        #expect(problems { $0.set(.certificateLayout, row: 3, "y_mm", "263") } == [
            problem(file, 7, "y_mm", "263", zh: "超出 A4 纸（210 × 297 毫米）", en: "runs off the A4 sheet (210 × 297 mm)"),
        ])
        #expect(problems { $0.set(.certificateLayout, row: 3, "y_mm", "262") }.isEmpty)
    }
}
